"""The PDF's paper size, document metadata and title page, as documented in the README.

A4 by default, US Letter with ``COURSE_PAPER=letter``; title, author, subject, keywords and
language in the PDF's information dictionary and catalog; version and last-updated date on
the title page. Built from a one-page scratch book with the course's configuration (the
whole course's PDF is tested in test_pdf.py), so each paper size costs one small build.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import zlib

import pytest

import coursekit
from coursekit.sphinx import release
from tests import pdftools
from tests.helpers import REPO_ROOT, build_book, make_scratch_book

pytestmark = pytest.mark.build

# Page size in PostScript points (ISO 216 A4: 210 x 297 mm; US Letter: 8.5 x 11 in), and
# the name poppler's pdfinfo gives it.
PAPER = {"a4": ((595.28, 841.89), "A4"), "letter": ((612.0, 792.0), "letter")}
PAGES = {
    "index": "# Metadata check\n\nA small book, so that the build stays small.\n",
    "more": "# A second page\n\nThe table of contents needs one chapter.\n",
}


def _scratch_pdf(tmp_path_factory, paper: str | None):
    pdftools.require_tex()
    root = tmp_path_factory.mktemp(f"pdf-{paper or 'default'}")
    book = make_scratch_book(root / "book", PAGES)
    shutil.copytree(REPO_ROOT / "latex", book / "latex")
    with pytest.MonkeyPatch.context() as mp:
        if paper is None:
            mp.delenv("COURSE_PAPER", raising=False)
        else:
            mp.setenv("COURSE_PAPER", paper)
        result = build_book(book, root / "out", builder="pdflatex")
    assert result.returncode == 0, result.tail()
    assert result.warnings == []
    pdf = root / "out" / "_build" / "latex" / "course.pdf"
    assert pdf.is_file(), result.tail()
    return pdf


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory):
    return _scratch_pdf(tmp_path_factory, None)


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory):
    return _scratch_pdf(tmp_path_factory, "letter")


def _info(pdf) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def _catalog_lang(pdf) -> str | None:
    """/Lang of the catalog, looking inside compressed object streams too."""
    data = pdf.read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(match.group(1)))
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode()
    return None


def _assert_paper(pdf, paper: str) -> None:
    (width, height), name = PAPER[paper]
    found = _info(pdf)["Page size"]
    match = re.fullmatch(r"([\d.]+) x ([\d.]+) pts \((\w+)\)", found)
    assert match, found
    assert abs(float(match.group(1)) - width) < 0.5 and abs(float(match.group(2)) - height) < 0.5, found
    assert match.group(3) == name, found


def test_default_paper_is_a4(default_pdf):
    _assert_paper(default_pdf, "a4")


def test_course_paper_letter_gives_us_letter(letter_pdf):
    _assert_paper(letter_pdf, "letter")


def test_metadata_title_author_subject_keywords_language(default_pdf):
    info = _info(default_pdf)
    assert info["Title"] == "Reading a Polemic: Japan, Russia and Trump's Tariffs"
    assert info["Author"] == "The Eurasian Pivot course team"
    assert info["Subject"] == release.PDF_SUBJECT
    assert [k.strip() for k in info["Keywords"].split(",")] == release.PDF_KEYWORDS
    assert _catalog_lang(default_pdf) == "en"


def test_title_page_shows_version_and_last_updated_date(default_pdf):
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(default_pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(first.split())
    assert f"Version {coursekit.__version__}" in flat, flat
    assert f"Last updated {release.release_label()}" in flat, flat
