"""A pytest plugin for mutation runs only (``-p tests.unit.fresh_caches`` in ``[tool.mutmut]``).

mutmut forks each mutant's test run from a process that has already run the suite once,
so whatever ``coursekit`` built and cached then (an exercise's spec with its expected
values, a loaded table, the widget texts) was built by the unmutated code and would hide
the mutant. Clearing those caches before each test makes the test rebuild them with the
mutant active, as it would after a real edit of the file. Not used by ``scripts/test.sh``.
"""

from __future__ import annotations

import pytest

from coursekit.data import loader, package, queries
from coursekit.exercises import registry
from coursekit.explorers import texts

CACHED = (registry.spec, queries.table, loader._validated, package._read_descriptor, texts._read)


@pytest.fixture(autouse=True)
def _fresh_coursekit_caches():
    for cached in CACHED:
        cached.cache_clear()
    yield
