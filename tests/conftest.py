"""Shared fixtures: a strict build of the book, a local server, and a browser.

The book is built once per test session into a temporary folder, from the repository's
sources, with an empty execution cache. Set BOOK_HTML=/path/to/_build/html to test an
existing build instead while iterating: what that leaves unverified is reported, never
passed, and under CI (CI=1/true/yes) BOOK_HTML is refused.

Tests that build a book get the ``build`` marker and tests that drive Chromium the
``browser`` marker automatically (see ``pytest_collection_modifyitems``), so
``-m "not build"`` really leaves out every build.

``scripts/test.sh`` runs the suite on two pytest-xdist workers (``-n 2``): the book is built
once per run and shared through a file lock (``book_build``); the scheduler below keeps each
test module on one worker (its module fixtures run once) and splits the page visits by window
width, so the widths, the PDFs and the Binder test run side by side.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock

from tests.helpers import REPO_ROOT, BookBuild, build_book
from tests.pageload import THEME_SCRIPTS_RAN, watch

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


TRUTHY = {"1", "true", "yes"}


def on_ci(environ=None) -> bool:
    """CI=1, CI=true and CI=yes (any case, any spaces) all mean "running under CI"."""
    environ = os.environ if environ is None else environ
    return environ.get("CI", "").strip().lower() in TRUTHY


def require_tool(available: bool, what: str, install: str) -> None:
    """Under CI a missing tool is a failure (.ci/run installs it); locally, a skip."""
    if available:
        return
    message = f"{what} is missing: {install}"
    if on_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


#: What a run against BOOK_HTML does not check (reported at the end of the run).
BOOK_HTML_UNVERIFIED = (
    "the strict build of the repository (exit status and warnings) was not run: "
    "test_full_build_succeeds_with_no_warnings is skipped, not passed"
)
# Fixtures (and helpers called by tests or fixtures) that build a book: their tests are `build`.
BUILD_NAMES = {"book_build", "build_book", "build_handout", "build_in_process", "run_benchmark"}
BROWSER_NAMES = {"browser"}
# Modules whose tests assert on the one visit per page and width (tests/pageload.py): their
# tests with a width parameter ("[390px]") are one worker unit per width, across modules.
VISIT_MODULES = (
    "tests/site/test_browser.py",
    "tests/site/test_accessibility.py",
    "tests/site/test_widgets_browser.py",
)
WIDTH_ID = re.compile(r"\[(\d+px)\]$")
# Modules that share a per-process cache, so one worker runs them together.
SHARED_UNITS = {
    # the pre-rendered chapter widgets (tests/unit/rendered.py)
    "tests/unit/test_explorers.py": "widget-states",
    "tests/unit/test_figure_text.py": "widget-states",
}
# Slowest first, so they start while the other worker takes the rest, and the run does not end
# on one long unit while the other worker is idle (the rest take a few seconds each; from a
# timed run, slowest first). Each worker is handed its first two units at the start: the Binder
# test and then the widget states need no book, so they run beside the build instead of a page
# visit waiting for it.
FIRST_UNITS = ("tests/test_binder.py", "tests/site/test_pdf.py", "widget-states", "site-1280px")
LONG_UNITS = (
    "site-390px",
    "tests/test_benchmark.py",
    "tests/site/test_slides.py",
    "tests/site/test_answer_boxes.py",
    "tests/unit/test_widgets.py",
    "tests/site/test_browser.py",
    "tests/test_editions.py",
    "tests/test_pdf_metadata.py",
    "tests/test_student_notebooks.py",
    "tests/test_data.py",
)


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--all-handouts",
        action="store_true",
        default=False,
        help="build and check all six seminar handouts as PDFs (default: the first "
        "essay chapter's only; every handout's source is checked either way)",
    )
    parser.addoption(
        "--binder-phone",
        action="store_true",
        default=False,
        help="also load JupyterLab at 390 px in the Binder test and screenshot two notebooks "
        "there (_build/reports/binder/)",
    )
    parser.addoption(
        "--student-pdf",
        action="store_true",
        default=False,
        help="compile the student edition's PDF and check it (default: check its LaTeX "
        "source; the course PDF is compiled in every run)",
    )


def pytest_configure(config) -> None:
    if os.environ.get("BOOK_HTML") and on_ci():
        raise pytest.UsageError("BOOK_HTML is set under CI: CI must build the book itself. Unset BOOK_HTML.")


def _names_used(code) -> set[str]:
    """Global and attribute names a function's code uses, nested functions included."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names_used(const)
    return names


def _uses_any(item, wanted: set[str]) -> bool:
    if wanted & set(item.fixturenames):
        return True
    functions = [getattr(item, "function", None)]
    for name in item.fixturenames:
        functions += [d.func for d in item._fixtureinfo.name2fixturedefs.get(name, ())]
    return any(wanted & _names_used(f.__code__) for f in functions if hasattr(f, "__code__"))


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if _uses_any(item, BUILD_NAMES) and not item.get_closest_marker("build"):
            item.add_marker(pytest.mark.build)
        if _uses_any(item, BROWSER_NAMES) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
    rank = {unit: n for n, unit in enumerate(FIRST_UNITS + LONG_UNITS)}
    items.sort(key=lambda item: rank.get(xdist_unit(item.nodeid), len(rank)))  # stable


def xdist_unit(nodeid: str) -> str:
    """The tests one worker runs together: a module (or modules sharing a cache), or the page
    visits at one width."""
    module = nodeid.split("::", 1)[0]
    if module in SHARED_UNITS:
        return SHARED_UNITS[module]
    width = WIDTH_ID.search(nodeid)
    if not (width and module in VISIT_MODULES):
        return module
    # the 320 px pointer pass runs on the 390 px visit (tests/pageload.py, NARROW)
    return "site-390px" if width.group(1) == "320px" else f"site-{width.group(1)}"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    # pytest-xdist 3.8's loadgroup marks do not reach its scheduler under pytest 9 (it renames
    # item._nodeid, which pytest 9 no longer reads), so the units are given here instead.
    if config.getoption("dist") != "loadscope":  # scripts/test.sh; another --dist is left alone
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_unit(nodeid)

    return UnitScheduling(config, log)


def pytest_terminal_summary(terminalreporter) -> None:
    if os.environ.get("BOOK_HTML"):
        terminalreporter.section("BOOK_HTML: not verified in this run", yellow=True)
        terminalreporter.write_line(
            f"Tested the existing site {os.environ['BOOK_HTML']}; "
            f"{BOOK_HTML_UNVERIFIED}. Run without BOOK_HTML to verify it."
        )


@pytest.fixture(scope="session")
def book_build(tmp_path_factory) -> BookBuild:
    existing = os.environ.get("BOOK_HTML")
    if existing:
        html = Path(existing).resolve()
        assert (html / "index.html").is_file(), f"BOOK_HTML={existing} has no index.html"
        return BookBuild(html=html, returncode=0, log="(existing build from BOOK_HTML)", built=False)
    return _shared_book(tmp_path_factory)


def _shared_book(tmp_path_factory) -> BookBuild:
    """Build the book once per run. Under xdist every worker has its own temporary folder
    inside one folder per run: the first worker to take the lock there builds, the others
    wait and read what it recorded (the documented pytest-xdist pattern)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    record = root / "book-build.json"
    with FileLock(str(root / "book-build.lock")):
        if record.is_file():
            saved = json.loads(record.read_text(encoding="utf-8"))
            return BookBuild(html=Path(saved["html"]), returncode=saved["returncode"], log=saved["log"])
        result = build_book(REPO_ROOT, root / "book")
        saved = {"html": str(result.html), "returncode": result.returncode, "log": result.log}
        record.write_text(json.dumps(saved), encoding="utf-8")
        return result


@pytest.fixture(scope="session")
def built_book(book_build: BookBuild) -> Path:
    assert book_build.returncode == 0, f"the book build failed:\n{book_build.tail()}"
    return book_build.html


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def http_root(built_book: Path):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    require_tool(CHROMIUM.exists(), f"Chromium ({CHROMIUM})", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class PageReport:
    """A loaded page and what went wrong while loading it."""

    page: object
    url: str
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


WIDGETS_RENDERED = """() => {
  const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  return Array.from(views).every(s => s.parentElement.querySelector('.jupyter-widgets, .widget-container, .lm-Widget'));
}"""


@pytest.fixture
def open_page(browser, http_root):
    contexts = []

    def _open(relative_path: str) -> PageReport:
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        report = PageReport(page=page, url=http_root + relative_path)

        watch(page, report)  # errors, failed requests, and no request may leave this machine
        # "load" covers every script, style and image the page itself references; the
        # widgets render after it. (No "networkidle": under load it can time out on a page
        # that has finished, and any late request is still recorded by the route above.)
        page.goto(report.url, wait_until="load", timeout=60_000)
        # Widget pages load their manager on demand (coursekit/sphinx/progressive.py): ask now.
        # (A redirect page, the root index.html, navigates away first: nothing to ask there.)
        if "http-equiv" not in page.content()[:300]:
            page.wait_for_function(THEME_SCRIPTS_RAN, timeout=30_000)
            page.evaluate("() => window.courseLoadWidgets && window.courseLoadWidgets()")
        try:
            page.wait_for_function(WIDGETS_RENDERED, timeout=30_000)
        except Exception as err:  # name the page: a bare timeout says nothing about which
            raise AssertionError(f"{relative_path}: widgets did not render ({err})") from err
        return report

    yield _open
    for context in contexts:
        context.close()
