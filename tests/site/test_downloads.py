"""Which PDFs each edition lists and ships (coursekit/sphinx/downloads.py)."""

from __future__ import annotations

from coursekit.course import ESSAY_CHAPTERS
from coursekit.sphinx import downloads


def _pdfs(folder, names):
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"%PDF-1.5\n")
    return folder


def test_full_edition_links_the_student_pdf_and_the_student_site_never_the_full_one(tmp_path, monkeypatch):
    handout = f"handout-{ESSAY_CHAPTERS[0]}.pdf"
    folder = _pdfs(tmp_path / "pdf", ["course.pdf", "course-student.pdf", handout, "notes.pdf"])
    monkeypatch.setenv("COURSE_PDF_DIR", str(folder))
    monkeypatch.setenv("COURSE_EDITION", "full")
    full = [name for name, _ in downloads.available(tmp_path)]
    assert full == sorted(["course.pdf", "course-student.pdf", handout])  # notes.pdf is not ours
    monkeypatch.setenv("COURSE_EDITION", "student")
    student = [name for name, _ in downloads.available(tmp_path)]
    assert student == sorted(["course-student.pdf", handout])
