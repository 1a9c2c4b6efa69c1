"""The `build` and `browser` markers come from what a test uses, not from memory.

conftest.py marks every test whose function or fixtures (at any depth) build a book, and
every test that drives Chromium. Checked here by collecting with -m, as a user would.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import FIRST_UNITS, LONG_UNITS, SHARED_UNITS, VISIT_MODULES, on_ci, xdist_unit
from tests.helpers import REPO_ROOT
from tests.pageload import WIDTHS

FILES = [
    "tests/site/test_build.py",
    "tests/site/test_pdf.py",
    "tests/test_editions.py",
    "tests/site/test_links.py",
]
# Tests that build (through fixtures, at several removes, or directly) but carry no marker in
# their source: the hook must find them.
UNMARKED_BUILDS = [
    "tests/site/test_build.py::test_full_build_succeeds_with_no_warnings",
    "tests/site/test_build.py::test_every_toc_entry_exists_and_became_a_page",
    "tests/site/test_pdf.py::test_handouts_hold_the_brief_a_figure_and_the_prompts_only",
    "tests/site/test_pdf.py::test_student_pdf_has_no_solutions_or_instructor_notes",
]
NOT_BUILDS = [
    "tests/test_editions.py::test_edition_from_env_rejects_other_values[students]",
    "tests/site/test_pdf.py::test_every_chapter_yields_a_handout_source_with_the_kept_sections[02-thesis]",
]


def _collected(marker_expression: str) -> set[str]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            marker_expression,
            *FILES,
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=None,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return {line.strip() for line in proc.stdout.splitlines() if "::" in line}


def test_tests_that_build_are_marked_build_and_only_those():
    builds, others = _collected("build"), _collected("not build")
    assert [t for t in UNMARKED_BUILDS if t not in builds] == []
    assert [t for t in UNMARKED_BUILDS if t in others] == []
    assert [t for t in NOT_BUILDS if t not in others] == []


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "True", "yes", "Yes", " true "])
def test_every_usual_spelling_of_ci_means_ci(value):
    assert on_ci({"CI": value})


@pytest.mark.parametrize("value", [None, "", "0", "false", "no"])
def test_other_values_are_not_ci(value):
    assert not on_ci({} if value is None else {"CI": value})


def test_every_module_that_shares_the_page_visits_is_split_by_width():
    # Under xdist (scripts/test.sh) the visits are cached per worker: a module that asserts on
    # visit_site must be in VISIT_MODULES, or each worker running it would visit every page again.
    users = sorted(
        p.relative_to(REPO_ROOT).as_posix()
        for p in (REPO_ROOT / "tests").rglob("test_*.py")
        if re.search(r"^from tests\.pageload import .*\bvisit_site\b", p.read_text(encoding="utf-8"), re.M)
    )
    assert users, "no test module calls visit_site: the search is broken"
    assert [m for m in users if m not in VISIT_MODULES] == []


def test_every_test_that_reads_the_visits_carries_its_width_in_its_id():
    # The width in the test id ("[1280px]") puts a test in its width's worker unit; a test
    # without one lands in its module's unit and, on the other worker, repeats the whole visit.
    import importlib
    import inspect

    readers = []
    for module in VISIT_MODULES:
        mod = importlib.import_module(module.removesuffix(".py").replace("/", "."))
        for name, func in vars(mod).items():
            if name.startswith("test_") and callable(func) and "visit_site(" in inspect.getsource(func):
                readers.append(name)
                params = inspect.signature(func).parameters
                marks = [m for m in getattr(func, "pytestmark", []) if m.name == "parametrize"]
                assert "width" in params and any(m.args[0] == "width" for m in marks), (
                    f"{module}::{name} reads visit_site without a width parameter"
                )
    assert len(readers) >= 3, f"found only {readers}: the search is broken"


@pytest.mark.parametrize(
    "nodeid,unit",
    [
        ("tests/site/test_accessibility.py::test_no_serious_or_critical_violations[390px]", "site-390px"),
        ("tests/site/test_browser.py::test_every_control_works_by_pointer[320px]", "site-390px"),
        ("tests/site/test_browser.py::test_a_widget_page_works_from_a_folder", "tests/site/test_browser.py"),
        ("tests/test_checks.py::test_x[ex02_hedges]", "tests/test_checks.py"),
        ("tests/unit/test_figure_text.py::test_y[trade_explorer]", "widget-states"),
        ("tests/unit/test_explorers.py::test_z", "widget-states"),
    ],
)
def test_xdist_units(nodeid, unit):
    assert xdist_unit(nodeid) == unit


def test_the_scheduling_order_names_real_units():
    """A renamed module left in FIRST_UNITS or LONG_UNITS would silently lose its place."""
    known = set(SHARED_UNITS.values()) | {f"site-{w}px" for w in WIDTHS}
    for unit in FIRST_UNITS + LONG_UNITS:
        assert unit in known or (REPO_ROOT / unit).is_file(), f"{unit}: no such test module or unit"
