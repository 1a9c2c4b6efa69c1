"""The ``{course-downloads}`` directive in-process on a tiny project (no Jupyter Book): the
HTML links the PDFs that were built and copies them into the site, and says how to build
them when there are none. Which PDFs each edition lists: tests/site/test_downloads.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.course import ESSAY_CHAPTERS
from tests.sphinx import build_tiny_project

PAGE = "# Downloads\n\n```{course-downloads}\n```\n"


def build_html(src: Path) -> tuple[Path, str]:
    pages = {"index": "# Root\n\n```{toctree}\nchapters/how\n```\n", "chapters/how": PAGE}
    return build_tiny_project(src, "coursekit.sphinx.downloads", pages)


@pytest.fixture
def pdf_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    monkeypatch.setenv("COURSE_PDF_DIR", str(folder))
    monkeypatch.setenv("COURSE_EDITION", "full")
    return folder


def test_html_links_the_built_pdfs_and_copies_them_into_the_site(tmp_path, pdf_folder):
    handout = f"handout-{ESSAY_CHAPTERS[0]}.pdf"
    for name in ("course.pdf", handout):
        (pdf_folder / name).write_bytes(b"%PDF-1.5\n" + name.encode())
    html, warnings = build_html(tmp_path / "src")
    assert warnings == ""
    page = (html / "chapters" / "how.html").read_text(encoding="utf-8")
    for name in ("course.pdf", handout):
        assert f'href="../pdf/{name}"' in page  # relative to the page, one folder down
        assert (html / "pdf" / name).read_bytes() == (pdf_folder / name).read_bytes()


def test_with_no_pdf_built_the_page_says_how_to_build_them(tmp_path, pdf_folder):
    html, warnings = build_html(tmp_path / "src")
    assert warnings == ""
    page = (html / "chapters" / "how.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Build them with bash scripts/build.sh all" in text
    assert ".pdf" not in page
    assert not (html / "pdf").exists()
