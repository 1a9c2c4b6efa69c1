"""The student-edition extension's registration and its ``{solution-start}`` directive, without a build.

tests/test_editions.py builds scratch books in both editions (end to end); these fast tests
pin what ``setup`` registers and what the replacement directive returns, as the module's
docstring describes them, so that mutation testing (fast tests only) reaches them.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest
from sphinx_exercise.directive import SolutionStartDirective
from sphinx_exercise.nodes import solution_start_node

from coursekit.sphinx import editions


class FakeApp:
    def __init__(self) -> None:
        self.calls = []

    def __getattr__(self, name):
        return lambda *args, **kw: self.calls.append((name, args, kw))


def test_setup_registers_config_hooks_directive_and_transform():
    app = FakeApp()
    meta = editions.setup(app)
    assert meta == {"parallel_read_safe": True, "parallel_write_safe": True}
    names = [name for name, _, _ in app.calls]
    assert names[0] == "setup_extension" and app.calls[0][1] == ("sphinx_exercise",)
    assert ("add_config_value", ("course_edition", "full", "env"), {}) in app.calls
    assert ("connect", ("config-inited", editions._configure), {"priority": 100}) in app.calls
    assert ("connect", ("html-page-context", editions._drop_source_downloads), {"priority": 600}) in app.calls
    assert ("add_transform", (editions.RemoveStudentHiddenContent,), {}) in app.calls
    directive = next(c for c in app.calls if c[0] == "add_directive")
    assert directive[1][0] == "solution-start" and directive[2] == {"override": True}
    assert issubclass(directive[1][1], SolutionStartDirective)
    assert len(app.calls) == 6


def directive(hide: bool, serials):
    cls = editions._solution_start_directive()
    d = cls.__new__(cls)
    env = SimpleNamespace(docname="chapters/02-thesis", new_serialno=lambda: next(serials))
    env.config = SimpleNamespace(hide_solutions=hide)
    d.state = SimpleNamespace(document=SimpleNamespace(settings=SimpleNamespace(env=env)))
    return d


def test_solution_start_keeps_sphinx_exercise_output_in_the_full_edition(monkeypatch):
    monkeypatch.setattr(SolutionStartDirective, "run", lambda self: ["original"])
    assert directive(False, itertools.count()).run() == ["original"]


def test_solution_start_leaves_a_uniquely_labelled_hidden_marker_in_the_student_edition(monkeypatch):
    ran = []
    monkeypatch.setattr(SolutionStartDirective, "run", lambda self: ran.append(1) or [])
    serials = itertools.count(7)
    first = directive(True, serials).run()
    second = directive(True, serials).run()
    assert ran == [1, 1]  # sphinx-exercise still records the gated structure
    (marker,) = first
    assert isinstance(marker, solution_start_node)
    assert marker["label"] == "chapters/02-thesis-hidden-solution-7"
    assert second[0]["label"] == "chapters/02-thesis-hidden-solution-8"
    assert marker["classes"] == ["solution-start", "course-hidden-solution"]
    assert marker["type"] == "solution-start"
    assert editions._is_hidden(marker)


@pytest.mark.parametrize("edition, hidden", [("student", True), ("full", False)])
def test_configure_sets_the_edition_and_hides_solutions_only_for_students(monkeypatch, edition, hidden):
    monkeypatch.setenv("COURSE_EDITION", edition)
    config = SimpleNamespace(hide_solutions=False, html_copy_source=True)
    editions._configure(None, config)
    assert config.course_edition == edition
    assert config.hide_solutions is hidden
    assert config.html_copy_source is (not hidden)


def test_the_student_edition_drops_only_the_source_downloads():
    def context():
        return {
            "header_buttons": [
                {"type": "link", "label": "repository"},
                {
                    "type": "group",
                    "buttons": [
                        {"label": "download-source-button"},
                        {"label": "download-notebook-button"},
                        {"label": "download-pdf-button"},
                        {"type": "javascript"},
                    ],
                },
            ]
        }

    student = SimpleNamespace(config=SimpleNamespace(html_copy_source=False))
    ctx = context()
    editions._drop_source_downloads(student, "page", "page.html", ctx, None)
    assert ctx["header_buttons"][1]["buttons"] == [{"label": "download-pdf-button"}, {"type": "javascript"}]
    assert ctx["header_buttons"][0] == {"type": "link", "label": "repository"}
    full = SimpleNamespace(config=SimpleNamespace(html_copy_source=True))
    ctx = context()
    editions._drop_source_downloads(full, "page", "page.html", ctx, None)
    assert ctx == context()
    editions._drop_source_downloads(student, "page", "page.html", {}, None)  # a page without buttons
