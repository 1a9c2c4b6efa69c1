"""US Letter paper with ``COURSE_PAPER=letter``, as documented in the README.

Built from a one-page scratch book with the course's configuration. The default (A4), the
metadata and the title page are checked on the course PDF itself (tests/site/test_pdf.py),
which every run builds anyway.
"""

from __future__ import annotations

import shutil

import pytest

from tests import pdftools
from tests.helpers import REPO_ROOT, build_book, make_scratch_book

pytestmark = pytest.mark.build

PAGES = {
    "index": "# Metadata check\n\nA small book, so that the build stays small.\n",
    "more": "# A second page\n\nThe table of contents needs one chapter.\n",
}


def _scratch_pdf(tmp_path_factory, paper: str):
    pdftools.require_tex()
    root = tmp_path_factory.mktemp(f"pdf-{paper}")
    book = make_scratch_book(root / "book", PAGES)
    shutil.copytree(REPO_ROOT / "latex", book / "latex")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_PAPER", paper)
        result = build_book(book, root / "out", builder="pdflatex", in_process=True)
    assert result.returncode == 0, result.tail()
    assert result.warnings == []
    pdf = root / "out" / "_build" / "latex" / "course.pdf"
    assert pdf.is_file(), result.tail()
    return pdf


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory):
    return _scratch_pdf(tmp_path_factory, "letter")


def test_course_paper_letter_gives_us_letter(letter_pdf):
    pdftools.assert_paper(letter_pdf, "letter")
