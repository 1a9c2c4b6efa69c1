"""Binder-equivalent test (slow: a few minutes, plus the first install of the lock).

A fresh Python 3.11 virtual environment installs ``binder/requirements.txt`` (cached by the
lock's hash, see tests/binderlab.py), ``binder/postBuild`` runs in a copy of the repository
with ``HOME`` in a temporary folder, JupyterLab starts on 127.0.0.1, and Chromium opens
every chapter and exercise, one after another, in that one JupyterLab. Each must open as a
notebook, run every cell without an error or stderr output, show no raw MyST, no solution
or instructor-note text and no hidden (quiz/widget) code, and every widget must answer a
control change with a new output. Under ``CI=true`` a missing Python 3.11 or Chromium fails.

Screenshots of a chapter and an exercise at 1280 px (and at 390 px with ``--binder-phone``)
go to ``_build/reports/binder/`` for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlparse

import nbformat
import pytest

from tests import binderlab
from tests.conftest import require_tool
from tests.helpers import REPO_ROOT
from tests.pageload import LOCAL_HOSTS
from tests.test_student_notebooks import _hidden_prose

pytestmark = [pytest.mark.binder, pytest.mark.browser]

RAW_MYST = re.compile(r"\{[a-z][\w:.-]*\}`|^\s*(?:`{3,}|:{3,})\{[\w-]+\}|^\([\w.:-]+\)=\s*$", re.M)
QUIZ_CODE = ("multiple_choice(", "correct=")
SCREENSHOTS = REPO_ROOT / "_build" / "reports" / "binder"
SHOT_PAGES = ("chapters/03-rapprochement.ipynb", "exercises/05-tariff-trouble.ipynb")


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    require_tool(
        shutil.which(binderlab.PYTHON) is not None,
        "Python 3.11 (python3.11)",
        "apt-get install python3.11 python3.11-venv",
    )
    venv = binderlab.binder_venv()
    tmp = tmp_path_factory.mktemp("binder")
    repo = binderlab.repository_copy(tmp / "repo")
    home = tmp / "home"
    log = binderlab.post_build(repo, venv, home)
    return repo, venv, home, log


def test_every_lab_extension_loads(binder):
    _, venv, home, _ = binder
    listing = binderlab.labextensions(venv, home)
    assert "jupyterlab-myst" in listing and "jupyterlab-jupytext" in listing, listing
    refused = [line for line in listing.splitlines() if re.search(r"\bX\b", line)]
    assert not refused, f"JupyterLab refuses extensions:\n{listing}"


def test_binder_holds_only_the_student_notebooks(binder):
    repo = binder[0]
    for folder in ("chapters", "exercises"):
        left = sorted(p.name for p in (repo / folder).glob("*.md"))
        assert not left, f"{folder}/ still holds MyST sources (with solutions) in the Binder image: {left}"
        assert list((repo / folder).glob("*.ipynb")), f"no notebook in {folder}/"


def test_every_chapter_and_exercise_runs_in_jupyterlab(binder, browser, pytestconfig):
    phone_screenshots = pytestconfig.getoption("--binder-phone")
    # The session's one Playwright browser (tests/conftest.py): a second sync_playwright()
    # inside the running one fails ("Sync API inside the asyncio loop").
    repo, venv, home, _ = binder
    notebooks = sorted(
        p.relative_to(repo).as_posix()
        for folder in ("chapters", "exercises")
        for p in (repo / folder).glob("*.ipynb")
    )
    hidden = {
        p: _hidden_prose((REPO_ROOT / p.replace(".ipynb", ".md")).read_text(encoding="utf-8"))
        for p in notebooks
    }
    failures: list[str] = []
    widgets_tried = 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with binderlab.jupyterlab(repo, venv, home) as lab:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        foreign: list[str] = []

        def route(r):
            if urlparse(r.request.url).hostname in LOCAL_HOSTS or r.request.url.startswith(
                ("data:", "blob:")
            ):
                r.continue_()
            else:
                foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        extension_errors: list[str] = []
        page.on(
            "console",
            lambda msg: (
                extension_errors.append(f"console {msg.type}: {msg.text[:300]}")
                if binderlab.EXTENSION_FAILURE.search(msg.text)
                else None
            ),
        )
        binderlab.open_lab(page, lab.url)
        for path in notebooks:
            try:
                binderlab.open_notebook(page, path)
                binderlab.run_all(page)
            except Exception as err:  # noqa: BLE001 - report every notebook, then fail
                failures.append(f"{path}: did not open and run as a notebook ({str(err).splitlines()[0]})")
                continue
            failures += [f"{path}: {p}" for p in page.evaluate(binderlab.PROBLEMS)]
            text = page.evaluate(binderlab.VISIBLE_TEXT)
            failures += [f"{path}: raw MyST {m.group(0)!r}" for m in RAW_MYST.finditer(text)]
            failures += [f"{path}: solution/instructor text {s!r}" for s in hidden[path] if s in text]
            failures += [f"{path}: quiz code {q!r} visible" for q in QUIZ_CODE if q in text]
            hidden_sources = page.evaluate(binderlab.HIDDEN_SOURCES)
            failures += [f"{path}: {p}" for p in page.evaluate(binderlab.EXPANDED)]
            # A collapsed cell shows its first line; the rest (arguments, answers) stays hidden.
            # (Lines the page's prose also shows, e.g. in a Markdown code block, do not count.)
            nb = nbformat.read(repo / path, 4)
            shown = {
                line.strip() for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
            }
            shown |= {src.splitlines()[0].strip() for src in hidden_sources if src.strip()}
            visible_lines = {line.strip() for line in text.splitlines()}
            for source in hidden_sources:
                rest = [
                    line.strip()
                    for line in source.splitlines()[1:]
                    if len(line.strip()) > 12 and line.strip() not in shown
                ]
                failures += [
                    f"{path}: collapsed code is visible: {line!r}" for line in rest if line in visible_lines
                ]
            roots = page.locator(binderlab.WIDGET_ROOTS)
            for i in range(roots.count()):
                widgets_tried += 1
                problem = binderlab.widget_responds(page, roots.nth(i))
                if problem:
                    failures.append(f"{path}: widget {i + 1}: {problem}")
            if path in SHOT_PAGES:
                stem = path.replace("/", "-").removesuffix(".ipynb")
                page.evaluate(binderlab.TO_TOP)
                page.screenshot(path=str(SCREENSHOTS / f"{stem}-1280.png"))
            page.evaluate(binderlab.SHUTDOWN_CURRENT)
        page.evaluate(binderlab.SHUTDOWN_ALL)
        if phone_screenshots:
            _phone_screenshots(browser, lab.url, route)
        context.close()
    assert not extension_errors, "a JupyterLab extension failed to load:\n" + "\n".join(extension_errors[:5])
    assert not failures, "\n".join(failures)
    assert not foreign, f"JupyterLab made requests to other hosts: {foreign[:5]}"
    assert widgets_tried >= 8, f"only {widgets_tried} widgets found in JupyterLab; expected every chapter's"
    # What the notebooks remember between runs (the data package's validation) goes to the
    # user's cache, not into the folder the student browses.
    assert not (repo / "_build").exists(), (
        "running the notebooks left a _build/ folder in JupyterLab's file browser"
    )


def _phone_screenshots(browser, lab_url: str, route) -> None:
    """The screenshot pages at 390 px, run (``--binder-phone``: JupyterLab loaded a second
    time, at a phone's width, for a person to look at; it adds nothing the run above checks)."""
    # A phone loads JupyterLab at its own width (JupyterLab picks its layout at start).
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.route("**/*", route)
    small = phone.new_page()
    binderlab.open_lab(small, lab_url)
    for path in SHOT_PAGES:
        binderlab.open_notebook(small, path)
        binderlab.run_all(small)
        # What a student gets after tapping the folder icon away: the notebook alone.
        small.evaluate("() => { window.jupyterapp.shell.collapseLeft(); }")
        small.evaluate(binderlab.TO_TOP)
        small.screenshot(path=str(SCREENSHOTS / f"{path.replace('/', '-').removesuffix('.ipynb')}-390.png"))
    small.evaluate(binderlab.SHUTDOWN_ALL)
    phone.close()
