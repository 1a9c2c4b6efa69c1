"""The student edition's doctree surgery, on hand-made doctrees: no book build needed.

tests/test_editions.py builds scratch books in both editions (the end-to-end check); these
fast tests pin the pieces, so that mutation testing, which runs only fast tests, reaches them.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser
from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

from coursekit.sphinx import editions


def _document(edition: str) -> nodes.document:
    settings = frontend.get_default_settings(Parser)
    settings.env = SimpleNamespace(config=SimpleNamespace(course_edition=edition))
    return utils.new_document("scratch", settings)


def _page(edition: str, *, front_matter: tuple[str, str] | None = None) -> nodes.document:
    """Title, a kept paragraph, an instructor note (holding a nested solution), a solution."""
    doc = _document(edition)
    if front_matter:
        key, value = front_matter
        doc += nodes.docinfo(
            "", nodes.field("", nodes.field_name(text=key), nodes.field_body("", nodes.paragraph(text=value)))
        )
    section = nodes.section(ids=["page"])
    section += nodes.title(text="Page title")
    section += nodes.paragraph(text="Kept prose.")
    note = nodes.container(classes=["dropdown", "instructor-note"])
    note += nodes.paragraph(text="Instructor text.")
    note += nodes.container("", nodes.paragraph(text="Nested solution."), classes=["solution"])
    section += note
    section += solution_node("", nodes.paragraph(text="Solution text."))
    doc += section
    return doc


def _apply(doc: nodes.document) -> str:
    editions.RemoveStudentHiddenContent(doc).apply()
    return doc.astext()


@pytest.mark.parametrize(
    "node, hidden",
    [
        (nodes.paragraph(text="x", classes=["instructor-note"]), True),
        (nodes.container(classes=["dropdown", "solution"]), True),
        (nodes.container(classes=["solution-start"]), True),
        (solution_node(), True),
        (solution_start_node(), True),
        (solution_end_node(), True),
        (nodes.paragraph(text="x", classes=["note", "solutions-overview"]), False),
        (nodes.paragraph(text="x"), False),
        (nodes.Text("solution"), False),
    ],
)
def test_what_counts_as_hidden(node, hidden):
    assert editions._is_hidden(node) is hidden


def test_student_edition_removes_notes_and_solutions_and_keeps_the_rest():
    text = _apply(_page("student"))
    assert "Page title" in text and "Kept prose." in text
    assert [t for t in ("Instructor text.", "Nested solution.", "Solution text.") if t in text] == []


def test_full_edition_changes_nothing():
    doc = _page("full", front_matter=("course_edition", "instructor"))
    before = doc.pformat()
    _apply(doc)
    assert doc.pformat() == before


@pytest.mark.parametrize(
    "key, value, instructor_only",
    [
        ("course_edition", "instructor", True),
        (" Course_Edition ", " Instructor ", True),
        ("course_edition", "student", False),
        ("edition", "instructor", False),
    ],
)
def test_instructor_pages_are_found_by_their_front_matter(key, value, instructor_only):
    assert editions._instructor_only(_page("student", front_matter=(key, value))) is instructor_only


def test_instructor_page_keeps_its_title_and_a_notice_only():
    doc = _page("student", front_matter=("course_edition", "instructor"))
    _apply(doc)
    section = next(iter(doc.findall(nodes.section)))
    assert [type(c) for c in section.children] == [nodes.title, nodes.paragraph]
    assert section[0].astext() == "Page title"
    assert section[1].astext() == editions.PAGE_NOTICE
    assert "Kept prose." not in doc.astext()


def test_a_page_without_a_section_is_left_alone():
    doc = _document("student")
    doc += nodes.paragraph(text="Loose text.")
    editions._empty_page(doc)
    assert doc.astext() == "Loose text."


@pytest.mark.parametrize(
    "value, hide, copy_source",
    [("student", True, False), ("full", None, None), ("", None, None)],
)
def test_configure_turns_on_hiding_only_for_the_student_edition(monkeypatch, value, hide, copy_source):
    monkeypatch.setenv(editions.ENV_VAR, value)
    config = SimpleNamespace(course_edition=None, hide_solutions=None, html_copy_source=None)
    editions._configure(None, config)
    assert config.course_edition == (value or "full")
    assert (config.hide_solutions, config.html_copy_source) == (hide, copy_source)
