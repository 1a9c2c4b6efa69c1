"""Unit tests of coursekit.quiz: per-option feedback without a kernel, clean print version."""

from __future__ import annotations

import ipywidgets
import pytest

from coursekit.quiz import multiple_choice

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

QUESTION = "Which year does the essay's publication date give?"
OPTIONS = ["2016", "2018", "2020"]
FEEDBACK = [
    "That is two years early; check the dateline.",
    "Yes: the essay is dated 8 September 2018.",
    "That is after the essay appeared.",
]


@pytest.fixture
def quiz():
    return multiple_choice(QUESTION, OPTIONS, 1, FEEDBACK)


def test_starts_neutral_with_no_option_chosen(quiz):
    assert isinstance(quiz.control, ipywidgets.RadioButtons)
    assert quiz.control.index is None
    assert quiz.stack.selected_index is None
    assert "Choose an option" in quiz.hint.value


def test_options_and_label(quiz):
    assert list(quiz.control.options) == OPTIONS
    assert quiz.control.description == "Your answer"
    assert QUESTION.replace("'", "&#x27;") in quiz.prompt.value


def test_one_feedback_per_option_in_order(quiz):
    kids = quiz.stack.children
    assert len(kids) == 3
    for i, kid in enumerate(kids):
        assert f'data-coursekit-choice="{OPTIONS[i]}"' in kid.value
        assert FEEDBACK[i].replace("'", "&#x27;") in kid.value
    assert "<strong>Correct.</strong>" in kids[1].value
    assert all("<strong>Not quite.</strong>" in kids[i].value for i in (0, 2))
    assert sum("Correct." in k.value for k in kids) == 1


def test_verdict_is_not_repeated_when_feedback_states_it():
    q = multiple_choice("Q?", ["a", "b"], 0, ["Correct: a is right.", "Not quite: b is wrong."])
    right, wrong = (k.value for k in q.stack.children)
    assert "<strong>Correct.</strong>" not in right and "Correct: a is right." in right
    assert "<strong>Not quite.</strong>" not in wrong and "Not quite: b is wrong." in wrong
    assert 'data-coursekit-verdict="correct"' in right
    assert 'data-coursekit-verdict="incorrect"' in wrong


def test_control_index_is_jslinked_to_feedback_stack(quiz):
    link = quiz.link
    assert link._model_name == "LinkModel"
    assert link.source == (quiz.control, "index")
    assert link.target == (quiz.stack, "selected_index")


def test_print_version_has_question_and_options_but_no_answer(quiz):
    md = quiz.markdown()
    assert "Which year does the essay's publication date give?" in md
    for letter, opt in zip("abc", OPTIONS):
        assert f"({letter}) {opt}" in md
    for text in FEEDBACK + ["Correct", "Not quite"]:
        assert text not in md


def test_bundle_has_widget_view_and_print_markdown_without_repr(quiz):
    data, _ = quiz._repr_mimebundle_()
    assert data[WIDGET_VIEW]["model_id"] == quiz.widget.model_id
    assert data["text/markdown"] == quiz.markdown()
    assert "image/png" not in data and "text/html" not in data
    for text in (data["text/plain"], data["text/markdown"]):
        assert "VBox(" not in text and "RadioButtons(" not in text
        assert "Correct" not in text


def test_markdown_specials_are_escaped():
    q = multiple_choice("Is *this* [bold]?", ["a_b", "c"], 0, ["x", "y"])
    assert r"Is \*this\* \[bold\]?" in q.markdown()
    assert r"(a) a\_b" in q.markdown()


@pytest.mark.parametrize(
    "args, message",
    [
        ((QUESTION, ["only"], 0, ["f"]), "at least two options"),
        ((QUESTION, OPTIONS, 3, FEEDBACK), r"answer must be the index \(0 to 2\)"),
        ((QUESTION, OPTIONS, -1, FEEDBACK), "answer must be the index"),
        ((QUESTION, OPTIONS, True, FEEDBACK), "answer must be the index"),
        ((QUESTION, OPTIONS, "1", FEEDBACK), "answer must be the index"),
        ((QUESTION, OPTIONS, 1, FEEDBACK[:2]), "3 options but 2 feedback texts"),
        (("", OPTIONS, 1, FEEDBACK), "question must be a non-empty string"),
        ((QUESTION, ["a", " "], 0, ["x", "y"]), "option 1 must be a non-empty string"),
        ((QUESTION, ["a", "b"], 0, ["x", ""]), "feedback 1 must be a non-empty string"),
        ((QUESTION, ["a", "a"], 0, ["x", "y"]), "options repeat"),
    ],
)
def test_bad_questions_get_clear_errors(args, message):
    with pytest.raises(ValueError, match=message):
        multiple_choice(*args)
