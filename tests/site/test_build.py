"""The book builds strictly, every TOC entry becomes a page, and failures say why."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BOOK_HTML_UNVERIFIED
from tests.helpers import NOTEBOOK_HEADER, REPO_ROOT, build_book, make_scratch_book, toc_files

SOURCE_SUFFIXES = (".md", ".ipynb")


def test_full_build_succeeds_with_no_warnings(book_build):
    if not book_build.built:  # BOOK_HTML: a visible skip, never a pass (refused under CI)
        pytest.skip(f"BOOK_HTML given: the book was NOT built, so {BOOK_HTML_UNVERIFIED}")
    assert book_build.returncode == 0, book_build.tail()
    assert book_build.warnings == []


def test_every_toc_entry_exists_and_became_a_page(built_book):
    entries = toc_files(REPO_ROOT / "_toc.yml")
    assert len(entries) >= 2
    for entry in entries:
        sources = [REPO_ROOT / f"{entry}{suffix}" for suffix in SOURCE_SUFFIXES]
        assert any(p.is_file() for p in sources), f"_toc.yml lists {entry}, but no source file exists"
        assert (built_book / f"{entry}.html").is_file(), f"{entry} did not become a page"


def test_no_page_shows_an_execution_error(built_book):
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in html, page
        assert not re.search(r'class="[^"]*\boutput error\b', html), page


def test_widget_assets_are_vendored_into_the_site(built_book):
    for asset in (
        "vendor/requirejs/require.js",
        "vendor/html-manager/embed-amd.js",
        "vendor/offline-widgets-setup.js",
        "vendor/mathjax/tex-chtml.js",
    ):
        assert (built_book / asset).is_file(), f"{asset} missing from the built site"


@pytest.mark.build
def test_build_fails_and_names_the_error_when_a_notebook_raises(tmp_path):
    book = make_scratch_book(
        tmp_path / "book",
        {
            "index": "# Scratch\n\nA root page.\n",
            "broken": NOTEBOOK_HEADER + "# Broken\n\n```{code-cell} ipython3\n"
            "raise ValueError('deliberately broken cell')\n```\n",
        },
    )
    result = build_book(book, tmp_path / "out", in_process=True)
    assert result.returncode != 0, "a raising notebook must fail the build"
    assert "deliberately broken cell" in result.log
    assert "broken" in result.log
    page = result.html / "chapters" / "broken.html"
    if page.exists():  # --keep-going may still write pages: never with the traceback in them
        assert "deliberately broken cell" not in page.read_text(encoding="utf-8")


@pytest.mark.build
def test_build_fails_and_names_the_file_when_a_toc_entry_is_missing(tmp_path):
    book = make_scratch_book(tmp_path / "book", {"index": "# Scratch\n", "present": "# Here\n"})
    toc = (book / "_toc.yml").read_text()
    (book / "_toc.yml").write_text(toc + "- file: chapters/not-written-yet\n")
    result = build_book(book, tmp_path / "out", in_process=True)
    assert result.returncode != 0, "a missing TOC entry must fail the build"
    assert "not-written-yet" in result.log


STRICT_IN_CODE = re.compile(r"""["']-W["']\s*,\s*["']-n["']|^[^#]*-W -n --keep-going""", re.M)


def test_strict_flags_are_written_once():
    # Every build goes through coursekit.sphinx.build, so strictness cannot drift between the
    # build script, the handouts, the tests and the benchmark.
    skip = {".venv", "node_modules", "mutants", "_build", ".git"}
    stated = []
    for folder, dirs, files in os.walk(REPO_ROOT):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            path = Path(folder) / name
            if path.suffix in (".py", ".sh") and STRICT_IN_CODE.search(path.read_text(encoding="utf-8")):
                stated.append(path.relative_to(REPO_ROOT).as_posix())
    assert stated == ["coursekit/sphinx/build.py"], "build through coursekit.sphinx.build instead"


def test_the_build_command_starts_without_a_runtime_warning():
    """`python -m coursekit.sphinx.build` once printed runpy's warning that the package had
    already imported the module it was asked to run (every build's first line)."""
    proc = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-m", "coursekit.sphinx.build", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert proc.returncode == 0 and "RuntimeWarning" not in proc.stderr, proc.stderr[-2000:]
