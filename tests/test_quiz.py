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


def test_a_no_opening_counts_as_the_verdict_but_no_as_a_word_does_not():
    q = multiple_choice("Q?", ["a", "b", "c"], 0, ["Right.", "No. b is wrong.", "No treaty exists."])
    right, wrong, plain = (k.value for k in q.stack.children)
    assert "<strong>Correct.</strong> Right." in right
    assert "<strong>Not quite.</strong>" not in wrong
    assert "<strong>Not quite.</strong> No treaty exists." in plain


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


# -- quiz files (chapters/quizzes/*.yml) -------------------------------------------------

import re  # noqa: E402
import textwrap  # noqa: E402

from coursekit import quiz as quiz_module  # noqa: E402
from coursekit.course import ESSAY_CHAPTERS  # noqa: E402
from coursekit.paths import REPO_ROOT  # noqa: E402
from coursekit.quiz import QuizError, load, load_all, read_file, show  # noqa: E402

CHAPTERS = REPO_ROOT / "chapters"
SHOW_CELL = re.compile(r'quiz\.show\("([^"]+)"\)')
SHOW_LINE = re.compile(r'^quiz\.show\("([^"]+)"\)', re.M)  # a call in a code cell, not in prose


def test_every_chapter_with_a_check_yourself_section_has_a_quiz_file_it_shows():
    quizzes = load_all()
    shown = {}
    for md in sorted(CHAPTERS.glob("0*.md")):
        text = md.read_text(encoding="utf-8")
        check = text.split("## Check yourself", 1)[1]
        calls = SHOW_CELL.findall(check)
        assert calls == [md.stem], (
            f"{md.name}: the self-check cell should be quiz.show({md.stem!r}), found {calls}"
        )
    # Any page may show its own quiz (a quiz is its YAML file plus this one call, CONTRIBUTING.md).
    for md in sorted(CHAPTERS.glob("*.md")):
        for call in SHOW_LINE.findall(md.read_text(encoding="utf-8")):
            assert call == md.stem, f"{md.name} shows the quiz of {call!r}, not its own"
            shown[md.stem] = len(quizzes[md.stem])
    assert set(ESSAY_CHAPTERS) <= set(shown)
    assert set(quizzes) == set(shown), f"quiz files without a chapter: {set(quizzes) - set(shown)}"
    assert all(2 <= n <= 4 for n in shown.values()), shown
    assert sum(shown.values()) >= 24  # the course's 24 questions; more may come, none may go


def test_no_answer_can_be_read_from_a_chapter_cell():
    for md in sorted(CHAPTERS.glob("0*.md")):
        text = md.read_text(encoding="utf-8")
        assert "multiple_choice(" not in text, f"{md.name}: a self-check still has its answer in the cell"
        for q in load(md.stem):
            for opt in q.options:
                assert opt.feedback not in text, f"{md.name}: feedback of {q.id!r} appears in the page source"


def test_every_question_has_one_correct_option_feedback_and_explanation():
    ids = []
    for _chapter, questions in load_all().items():
        for q in questions:
            assert sum(o.correct for o in q.options) == 1
            assert q.options[q.answer].correct
            assert all(o.feedback for o in q.options) and q.explanation
            ids.append(q.uid)
    assert len(ids) == len(set(ids)), "question ids repeat across the course"


def test_question_widget_matches_its_file():
    q = load("02-thesis")[0]
    w = q.widget()
    assert list(w.control.options) == [o.text for o in q.options]
    assert "coursekit-quiz-options" in w.control._dom_classes
    verdicts = ['data-coursekit-verdict="correct"' in k.value for k in w.stack.children]
    assert verdicts == [o.correct for o in q.options]
    assert f'id="coursekit-quiz-{q.uid}"' in w.prompt.value


def test_show_displays_each_question_of_the_chapter(monkeypatch):
    shown = []
    monkeypatch.setattr(quiz_module, "display", shown.append)
    show("05-tariff-trouble")
    questions = load("05-tariff-trouble")
    assert [m.question for m in shown] == [q.question for q in questions]
    shown.clear()
    show("05-tariff-trouble", questions[1].id)
    assert [m.question for m in shown] == [questions[1].question]
    with pytest.raises(QuizError, match=r"no question with id 'nope'"):
        show("05-tariff-trouble", "nope")


GOOD_QUESTION = """\
  - id: first
    question: "Q?"
    options:
      - text: "a"
        correct: true
        feedback: "Yes."
      - text: "b"
        correct: false
        feedback: "No."
    explanation: "Because."
"""


def _quiz_file(tmp_path, body, stem="02-thesis", chapter=None):
    path = tmp_path / f"{stem}.yml"
    path.write_text(f"chapter: {chapter or stem}\nquestions:\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    (q,) = read_file(_quiz_file(tmp_path, GOOD_QUESTION))
    assert (q.id, q.answer, q.explanation, q.uid) == ("first", 0, "Because.", "02-thesis-first")


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda s: s.replace("correct: true", "correct: false"),
            r"question 'first', field 'options': no option is marked correct; mark exactly one",
        ),
        (
            lambda s: s.replace("correct: false", "correct: true"),
            r"question 'first', field 'options': options \[1, 2\] are all marked correct",
        ),
        (
            lambda s: s.replace('        feedback: "No."\n', ""),
            r"question 'first', field 'options\[2\]': missing key\(s\) \['feedback'\]",
        ),
        (
            lambda s: s.replace('feedback: "No."', 'feedback: ""'),
            r"question 'first', field 'options\[2\].feedback': must be a non-empty text",
        ),
        (
            lambda s: s.replace("correct: true", "correct: yes please"),
            r"field 'options\[1\].correct': must be true or false",
        ),
        (
            lambda s: s.replace('    explanation: "Because."\n', ""),
            r"question 'first': missing key\(s\) \['explanation'\]",
        ),
        (lambda s: s.replace('text: "b"', 'text: "a"'), r"field 'options': option texts repeat \['a'\]"),
        (
            lambda s: s.split('      - text: "b"')[0] + '    explanation: "x"\n',
            r"field 'options': needs a list of at least two options, got 1",
        ),
        (
            lambda s: s.replace("id: first", "id: First Question"),
            r"field 'id': 'First Question' is not a valid id",
        ),
        (lambda s: s + s, r"question 'first', field 'id': id\(s\) \['first'\] used more than once"),
        (
            lambda s: s.replace("    explanation:", "    answer: 1\n    explanation:"),
            r"question 'first': unknown key\(s\) \['answer'\]",
        ),
        (lambda s: s.replace('question: "Q?"', "question: Q: what?"), r"is not valid YAML at line \d+"),
    ],
)
def test_bad_quiz_files_get_errors_naming_file_question_and_field(tmp_path, edit, message):
    path = _quiz_file(tmp_path, edit(GOOD_QUESTION))
    with pytest.raises(QuizError, match=message) as info:
        read_file(path)
    assert "02-thesis.yml" in str(info.value)


def test_file_level_errors(tmp_path):
    with pytest.raises(QuizError, match=r"02-thesis.yml, field 'chapter': says '03-rapprochement'"):
        read_file(_quiz_file(tmp_path, GOOD_QUESTION, chapter="03-rapprochement"))
    with pytest.raises(QuizError, match=r"nowhere.yml: no such quiz file"):
        load("nowhere", tmp_path)
    empty = tmp_path / "04-shadow-diplomacy.yml"
    empty.write_text("chapter: 04-shadow-diplomacy\nquestions: []\n", encoding="utf-8")
    with pytest.raises(QuizError, match=r"field 'questions': must be a non-empty list"):
        read_file(empty)


def test_dates_in_quiz_texts_come_from_the_course_setting(tmp_path, monkeypatch):
    from coursekit import course

    path = _quiz_file(tmp_path, GOOD_QUESTION.replace('"Because."', '"As of {{ course_as_of }}."'))
    monkeypatch.setattr(course, "AS_OF", "2031-03")
    (q,) = read_file(path)
    assert q.explanation == "As of March 2031."
    bad = _quiz_file(tmp_path, GOOD_QUESTION.replace('"Because."', '"As of {{ nope }}."'))
    with pytest.raises(QuizError, match=r"field 'explanation': unknown substitution '\{\{ nope \}\}'"):
        read_file(bad)
    for questions in load_all().values():
        for q in questions:
            texts = [q.question, q.explanation] + [t for o in q.options for t in (o.text, o.feedback)]
            assert not any("{{" in t for t in texts), f"{q.uid}: substitution left unfilled"
