"""The chapter widgets ("explorers"), one module per widget, built from the datasets in ``data/``.

Each widget module holds its data selection, its chart (and the chart's ``update_*``
twin for fast live redraws), a single ``view(**state)`` returning the chart's inputs
and the alt text, and a builder registered with :func:`~.registry.chapter_widget`.
Its captions, prose and model parameters live in the YAML file beside it.

Importing this package imports every module in it, so a new widget module is
registered by itself; chapters call ``explorers.<name>()`` and tests and the
benchmark read :data:`REGISTRY`. Shared modules: :mod:`.charts` (chart and table
helpers), :mod:`.registry`, :mod:`.texts` (the YAML files), :mod:`.evidence`
(source links), :mod:`.ledger` (the claims ledger's sections and verdicts).
"""

from __future__ import annotations

import importlib
import pkgutil

from .registry import REGISTRY, Entry, Use, chapter_widget, uses

#: Modules that hold shared helpers, not a chapter widget.
SHARED_MODULES = ("charts", "evidence", "ledger", "registry", "texts")

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in SHARED_MODULES and not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")

# explorers.<name>(...) for every registered builder: the chapters' one-line calls
globals().update({_name: _entry.build for _name, _entry in REGISTRY.items()})

# Pure functions and parameters other code and tests use, by their historical names.
from .claims import ForecastTable  # noqa: E402
from .ledger import SECTION_NAMES, VERDICT_GROUPS  # noqa: E402
from .payoff import PAYOFFS, pure_equilibria  # noqa: E402
from .routes import season_months  # noqa: E402
from .tariffs import ELASTICITIES, PASS_THROUGH, tariff_effect  # noqa: E402
from .triangle import classify_triangle  # noqa: E402

__all__ = [
    *REGISTRY,
    "REGISTRY",
    "Entry",
    "Use",
    "chapter_widget",
    "uses",
    "ForecastTable",
    "SECTION_NAMES",
    "VERDICT_GROUPS",
    "PAYOFFS",
    "pure_equilibria",
    "season_months",
    "ELASTICITIES",
    "PASS_THROUGH",
    "tariff_effect",
    "classify_triangle",
]
