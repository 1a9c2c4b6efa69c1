"""The ``{course-downloads}`` directive in-process on a tiny project (no Jupyter Book): the
HTML links the PDFs that were built and copies them into the site, and says how to build
them when there are none. Which PDFs each edition lists: tests/site/test_downloads.py."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from coursekit.course import ESSAY_CHAPTERS

PAGE = "# Downloads\n\n```{course-downloads}\n```\n"


def build_html(src: Path) -> tuple[Path, str]:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src.mkdir()

    (src / "conf.py").write_text(
        # myst_nb as in the book (and the other in-process tests): after an in-process Jupyter
        # Book build in the same worker, a project with myst_parser alone finds no .md parser.
        "extensions = ['myst_nb', 'coursekit.sphinx.downloads']\nnb_execution_mode = 'off'\n"
        "exclude_patterns = ['_build', 'pdfs']\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Root\n\n```{toctree}\nchapters/how\n```\n", encoding="utf-8")
    (src / "chapters").mkdir()
    (src / "chapters" / "how.md").write_text(PAGE, encoding="utf-8")
    out, warnings = src / "_build", io.StringIO()
    with docutils_namespace():  # keeps this app's directives out of later in-process builds
        app = Sphinx(
            str(src),
            str(src),
            str(out / "html"),
            str(out / "doctrees"),
            "html",
            status=None,
            warning=warnings,
        )
        app.build()
    return out / "html", warnings.getvalue()


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
