"""The PDF course: whole book, student edition and handouts, with widgets as figures; the
course PDF's paper size (A4 by default), metadata and title page (US Letter: test_pdf_metadata.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import coursekit
from coursekit.course import ESSAY_CHAPTERS, h2_sections
from coursekit.sphinx import handouts, release
from tests import pdftools
from tests.helpers import REPO_ROOT, build_book, toc_files


def _build_pdf(out):
    result = build_book(REPO_ROOT, out, builder="pdflatex")
    pdf = out / "_build" / "latex" / "course.pdf"
    assert result.returncode == 0, result.tail()
    assert result.warnings == []
    assert pdf.is_file()
    return pdf


@pytest.fixture(scope="session")
def course_pdf(book_build):
    pdftools.require_tex()
    # Same output folder as the HTML build: the execution cache is reused, nothing re-runs.
    return _build_pdf(book_build.html.parent.parent)


@pytest.fixture(scope="session")
def student_edition(book_build, tmp_path_factory, pytestconfig):
    """The student edition's LaTeX source (``course.tex``); compiled to ``course.pdf`` too
    with ``--student-pdf``. The PDF adds no words to its source, and the LaTeX it compiles
    differs from the course PDF's (compiled in every run) only by the parts left out, so the
    default run checks the source and saves a LaTeX compile of the whole book."""
    pdftools.require_tex()
    out = tmp_path_factory.mktemp("student")
    cache = book_build.html.parent / ".jupyter_cache"
    if cache.is_dir():  # executed notebooks are the same in both editions
        shutil.copytree(cache, out / "_build" / ".jupyter_cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_EDITION", "student")
        if pytestconfig.getoption("--student-pdf"):
            return _build_pdf(out)
        # in this process: the LaTeX writer runs, no notebook (the copied cache has them all)
        result = build_book(REPO_ROOT, out, builder="latex", in_process=True)
        assert result.returncode == 0, result.tail()
        assert result.warnings == []
        tex = out / "_build" / "latex" / "course.tex"
        assert tex.is_file(), result.tail()
        return tex


def handout_stems(config) -> list[str]:
    """One handout by default (they share one template; each takes a LaTeX run); all six with
    ``bash scripts/test.sh --all-handouts``."""
    return list(ESSAY_CHAPTERS) if config.getoption("--all-handouts") else ESSAY_CHAPTERS[:1]


@pytest.fixture(scope="session")
def handout_pdfs(tmp_path_factory, pytestconfig):
    pdftools.require_tex()
    work, pdf_dir = tmp_path_factory.mktemp("handouts"), tmp_path_factory.mktemp("handout-pdfs")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_EDITION", "student")
        return {stem: handouts.build_handout(stem, work, pdf_dir) for stem in handout_stems(pytestconfig)}


def _titles() -> list[str]:
    titles = []
    for entry in toc_files(REPO_ROOT / "_toc.yml"):
        source = REPO_ROOT / f"{entry}.md"
        titles.append(re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), re.M).group(1))
    return titles


def _widget_calls() -> int:
    """Widgets on the book's pages: chapter explorers (forecast_table is a plain table) and
    widgets built directly with static_widget (the appendix)."""
    total = 0
    for entry in toc_files(REPO_ROOT / "_toc.yml"):
        text = (REPO_ROOT / f"{entry}.md").read_text(encoding="utf-8")
        total += len([m for m in re.findall(r"^explorers\.(\w+)\(", text, re.M) if m != "forecast_table"])
        total += len(re.findall(r"^\w+ = static_widget\(|^static_widget\(", text, re.M))
    return total


def _solution_phrases() -> list[str]:
    """A distinctive opening phrase of every exercise solution's prose."""
    phrases = []
    for source in sorted((REPO_ROOT / "exercises").glob("*.md")):
        for block in re.findall(
            r"\{solution-start\}.*?````\n(.*?)````\{solution-end\}", source.read_text(encoding="utf-8"), re.S
        ):
            prose = [
                line
                for line in re.sub(r"```.*?```", "", block, flags=re.S).splitlines()
                if len(line.split()) >= 8 and not line.startswith((":", "#", "|"))
            ]
            if prose:
                phrases.append(" ".join(pdftools.normalise(prose[0]).split()[:7]))
    return phrases


def _instructor_note_phrases() -> list[str]:
    phrases = []
    for stem in ESSAY_CHAPTERS:
        notes = h2_sections((REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8"))["Discussion"]
        note = notes.split(":class: dropdown instructor-note", 1)[1]
        line = next(text for text in note.splitlines() if len(text.split()) >= 8)
        phrases.append(" ".join(pdftools.normalise(line).split()[:7]))
    return phrases


def test_pdf_has_every_chapter_and_no_unresolved_reference_or_widget_repr(course_pdf):
    raw = pdftools.text(course_pdf)
    flat = pdftools.normalise(raw)
    missing = [t for t in _titles() if pdftools.normalise(t) not in flat]
    assert missing == []
    assert "??" not in raw
    assert [r for r in pdftools.WIDGET_REPR if r in raw] == []


def test_pdf_prints_japanese_cyrillic_and_diacritics(course_pdf):
    glossary = (REPO_ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    samples = ("北方領土", "Южные Курилы", "Hoppō Ryōdo")
    assert all(word in glossary for word in samples), "the glossary should carry the native names"
    raw = pdftools.text(course_pdf)
    assert [w for w in samples if w not in raw] == []
    log = (course_pdf.parent / "course.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, "a glyph is missing from the PDF's fonts"


def test_pdf_has_an_image_per_widget_and_a_sane_length(course_pdf):
    widgets = _widget_calls()
    assert widgets >= 12
    assert pdftools.image_count(course_pdf) >= widgets
    assert 40 <= pdftools.page_count(course_pdf) <= 600


def _words(built) -> str:
    """The words of a built edition: a PDF's text, or a LaTeX source's."""
    return pdftools.tex_words(built) if built.suffix == ".tex" else pdftools.normalise(pdftools.text(built))


def test_student_pdf_has_no_solutions_or_instructor_notes(course_pdf, student_edition):
    # the full edition read the same way as the student's (its PDF, or the source it compiled)
    full = _words(course_pdf.with_suffix(student_edition.suffix))
    student = _words(student_edition)
    phrases = _solution_phrases() + _instructor_note_phrases()
    assert len(phrases) >= 12
    # The phrases are found in the full edition, so their absence below means something.
    assert [p for p in phrases if p not in full] == []
    assert [p for p in phrases if p in student] == []


def test_paper_is_a4_unless_course_paper_says_otherwise(course_pdf):
    pdftools.assert_paper(course_pdf, os.environ.get("COURSE_PAPER") or "a4")


def test_metadata_title_author_subject_keywords_language(course_pdf):
    info = pdftools.info(course_pdf)
    assert info["Title"] == "Reading a Polemic: Japan, Russia and Trump's Tariffs"
    assert info["Author"] == "The Eurasian Pivot course team"
    assert info["Subject"] == release.PDF_SUBJECT
    assert [k.strip() for k in info["Keywords"].split(",")] == release.PDF_KEYWORDS
    assert pdftools.catalog_lang(course_pdf) == "en"


def test_title_page_shows_version_and_last_updated_date(course_pdf):
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(course_pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(first.split())
    assert f"Version {coursekit.__version__}" in flat, flat
    assert f"Last updated {release.release_label()}" in flat, flat


@pytest.mark.parametrize("stem", ESSAY_CHAPTERS)
def test_every_chapter_yields_a_handout_source_with_the_kept_sections(stem):
    # No build: the part of a handout that differs between chapters is its source text.
    source = handouts.handout_source(
        (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8"), stem
    )
    parts = h2_sections(source)
    assert list(parts)[:3] == list(handouts.KEPT_SECTIONS)
    assert "Check yourself" not in parts and "Learning objectives" not in parts
    assert "{doc}`" not in source and "{ref}`" not in source, "cross-references must become plain text"


def test_handouts_hold_the_brief_a_figure_and_the_prompts_only(handout_pdfs):
    for stem, pdf in handout_pdfs.items():
        text = pdftools.normalise(pdftools.text(pdf))
        parts = h2_sections((REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8"))
        brief_words = " ".join(pdftools.normalise(parts["The section in brief"]).split()[:6])
        assert brief_words in text, f"{stem}: handout lacks the section in brief"
        assert "discussion" in text
        assert "check yourself" not in text and "learning objectives" not in text
        assert pdftools.image_count(pdf) >= 1, f"{stem}: handout has no figure"
        assert pdftools.page_count(pdf) <= 6, f"{stem}: a handout should be short"
        assert "what a strong answer covers" not in text
