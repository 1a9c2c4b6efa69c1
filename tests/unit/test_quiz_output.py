"""coursekit.quiz: what a learner and an author see, pinned exactly (mutation review, bench/mutation-final.md).

Expected values are written by hand from the module's docstring and the rules it states,
or read from the quiz files with ``yaml``; none is copied from the code under test.
"""

from __future__ import annotations

import string

import pytest
import yaml

from coursekit import quiz
from coursekit.paths import REPO_ROOT
from coursekit.quiz import QuizError, multiple_choice
from tests.test_quiz import GOOD_QUESTION

# The smallest valid quiz file (its one question is test_quiz.py's).
GOOD = "chapter: {stem}\nquestions:\n" + GOOD_QUESTION


def test_print_and_plain_text_are_the_question_then_lettered_options():
    q = multiple_choice("Which year came first", ["2016", "2018"], 1, ["Early.", "Yes."])
    assert q.markdown() == "**Self-check.** Which year came first\n\n- (a) 2016\n- (b) 2018"
    assert q.plain() == "Self-check. Which year came first\n(a) 2016\n(b) 2018"
    data, meta = q._repr_mimebundle_()
    assert (data["text/plain"], data["text/markdown"], meta) == (q.plain(), q.markdown(), {})


def test_feedback_is_announced_and_uses_the_colour_blind_safe_pair():
    q = multiple_choice("Q", ["a", "b"], 0, ["Right.", "Off."])
    right, wrong = (k.value for k in q.stack.children)
    for box in (right, wrong):
        assert box.startswith('<div class="coursekit-feedback" role="status" ')
        assert box.endswith("</div>")
    # Okabe-Ito bluish green for the correct option, vermillion for the others.
    assert "border-left:4px solid #009E73" in right and "#D55E00" not in right
    assert "border-left:4px solid #D55E00" in wrong and "#009E73" not in wrong
    assert right.endswith("><strong>Correct.</strong> Right.</div>")
    assert wrong.endswith("><strong>Not quite.</strong> Off.</div>")


@pytest.mark.parametrize("opening", ["Incorrect: b is not it.", "Wrong, b is not it.", "no; b is not it."])
def test_every_stated_verdict_opening_is_recognised(opening):
    q = multiple_choice("Q", ["a", "b"], 0, ["Right.", opening])
    assert q.stack.children[1].value.endswith(f">{opening}</div>")


def test_question_box_prompt_and_hint_markup():
    q = multiple_choice("Q", ["a", "b"], 0, ["Right.", "Off."])
    assert q.prompt.value == '<p class="coursekit-quiz-question"><strong>Self-check.</strong> Q</p>'
    assert q.hint.value == '<p class="coursekit-quiz-hint"><em>Choose an option to see feedback.</em></p>'
    assert "coursekit-quiz" in q.widget._dom_classes
    assert "coursekit-stack" in q.stack._dom_classes
    assert list(q.widget.children) == [q.prompt, q.control, q.hint, q.stack]


def test_displaying_a_question_sends_its_bundle_raw(monkeypatch):
    calls = []
    monkeypatch.setattr(quiz, "display", lambda *a, **k: calls.append((a, k)))
    q = multiple_choice("Q", ["a", "b"], 0, ["Right.", "Off."])
    q._ipython_display_()
    ((args, kwargs),) = calls
    assert args[0]["text/markdown"] == "**Self-check.** Q\n\n- (a) a\n- (b) b"
    assert kwargs == {"metadata": {}, "raw": True}


def test_twenty_six_options_are_allowed():
    opts = [f"o{i}" for i in range(26)]
    q = multiple_choice("Q", opts, 25, ["f"] * 26)
    assert q.letters == list("abcdefghijklmnopqrstuvwxyz")
    assert q.plain().splitlines()[-1] == "(z) o25"


def test_a_file_with_twenty_six_options_loads(tmp_path):
    body = {
        "chapter": "02-thesis",
        "questions": [
            {
                "id": "many",
                "question": "Q?",
                "options": [{"text": f"o{i}", "correct": i == 3, "feedback": "f"} for i in range(26)],
                "explanation": "E.",
            }
        ],
    }
    path = tmp_path / "02-thesis.yml"
    path.write_text(yaml.safe_dump(body), encoding="utf-8")
    (q,) = quiz.read_file(path)
    assert (len(q.options), q.answer, q.correct_option.text) == (26, 3, "o3")
    assert q.letters == list(string.ascii_lowercase)


def test_the_folder_argument_is_where_quiz_files_are_read(tmp_path, monkeypatch):
    for stem in ("03-rapprochement", "02-thesis"):
        (tmp_path / f"{stem}.yml").write_text(GOOD.format(stem=stem), encoding="utf-8")
    assert quiz.quiz_path("02-thesis", tmp_path) == tmp_path / "02-thesis.yml"
    assert [q.uid for q in quiz.load("02-thesis", tmp_path)] == ["02-thesis-first"]
    assert list(quiz.load_all(tmp_path)) == ["02-thesis", "03-rapprochement"]  # file-name order
    shown = []
    monkeypatch.setattr(quiz, "display", shown.append)
    quiz.show("03-rapprochement", "first", tmp_path)
    assert [m.question_id for m in shown] == ["03-rapprochement-first"]


def test_a_missing_question_id_names_the_file_in_the_repository_and_lists_the_ids():
    raw = yaml.safe_load((REPO_ROOT / "chapters/quizzes/05-tariff-trouble.yml").read_text(encoding="utf-8"))
    ids = [q["id"] for q in raw["questions"]]
    with pytest.raises(QuizError) as info:
        quiz.show("05-tariff-trouble", "nope")
    assert str(info.value) == (
        f"chapters/quizzes/05-tariff-trouble.yml: no question with id 'nope'; the ids are {ids}."
    )


def test_a_question_and_its_correct_option_as_written_in_the_file():
    raw = yaml.safe_load((REPO_ROOT / "chapters/quizzes/05-tariff-trouble.yml").read_text(encoding="utf-8"))
    first = raw["questions"][0]
    right = [o for o in first["options"] if o["correct"]]
    (q, *_) = quiz.load("05-tariff-trouble")
    assert q.correct_option.text == right[0]["text"]
    assert q.letters == list("abcd")[: len(first["options"])]


def test_bad_yaml_names_line_and_column(tmp_path):
    path = tmp_path / "02-thesis.yml"
    # Line 4, column 16 is the second ':' of "question: Q: what?" (counted by hand).
    path.write_text("chapter: 02-thesis\nquestions:\n  - id: a\n    question: Q: what?\n", encoding="utf-8")
    with pytest.raises(QuizError) as info:
        quiz.read_file(path)
    assert str(info.value) == (
        f"{path}: is not valid YAML at line 4, column 16 (mapping values are not allowed here); "
        "fix the syntax (quote texts that contain ': ' or start with a quote)."
    )


def test_an_empty_text_error_says_which_text_to_write(tmp_path):
    path = tmp_path / "02-thesis.yml"
    path.write_text(
        GOOD.format(stem="02-thesis").replace('feedback: "No."', 'feedback: " "'), encoding="utf-8"
    )
    with pytest.raises(QuizError) as info:
        quiz.read_file(path)
    assert str(info.value) == (
        f"{path}, question 'first', field 'options[2].feedback': must be a non-empty text, "
        "got ' '; write the feedback."
    )


def test_feedback_count_error_says_what_to_do():
    with pytest.raises(ValueError) as info:
        multiple_choice("Q", ["a", "b", "c"], 0, ["x", "y"])
    assert str(info.value) == (
        "multiple_choice: 3 options but 2 feedback texts; give one feedback text per option, in the same order."
    )


def test_an_unknown_substitution_error_names_the_question(tmp_path):
    path = tmp_path / "02-thesis.yml"
    path.write_text(
        GOOD.format(stem="02-thesis").replace('"Because."', '"As of {{ nope }}."'), encoding="utf-8"
    )
    with pytest.raises(QuizError) as info:
        quiz.read_file(path)
    assert str(info.value).startswith(
        f"{path}, question 'first', field 'explanation': unknown substitution '{{{{ nope }}}}'; use one of ["
    )


def test_a_missing_question_id_in_another_folder_names_that_folder_s_file(tmp_path):
    (tmp_path / "02-thesis.yml").write_text(GOOD.format(stem="02-thesis"), encoding="utf-8")
    with pytest.raises(QuizError) as info:
        quiz.show("02-thesis", "nope", tmp_path)
    assert (
        str(info.value) == f"{tmp_path / '02-thesis.yml'}: no question with id 'nope'; the ids are ['first']."
    )


# Every quiz-file error names the file, the question and the field, then says what to do
# (the format of CONTRIBUTING.md's bad-input rule: "<file>, question 'id', field 'f': problem; fix.").
_OPT2 = '      - text: "b"\n        correct: false\n        feedback: "No."\n'
_EXACT = [
    (
        lambda s: s.replace('feedback: "Yes."', 'feedback: "Yes."\n        hint: "x"'),
        "question 'first', field 'options[1]': unknown key(s) ['hint']; use only ['correct', 'feedback', 'text']",
    ),
    (
        lambda s: s.replace(_OPT2, '      - "b"\n'),
        "question 'first', field 'options[2]': must be a mapping of ['correct', 'feedback', 'text'], got str; "
        "check the indentation",
    ),
    (
        lambda s: s.replace("        correct: false\n", ""),
        "question 'first', field 'options[2]': missing key(s) ['correct']; add them",
    ),
    (
        lambda s: s.replace("id: first", "id: First"),
        "question 'First', field 'id': 'First' is not a valid id; use lowercase letters, digits and "
        "single hyphens, e.g. 'thesis-conditional'",
    ),
    (
        lambda s: s.split("    options:")[0] + '    options: "a or b"\n    explanation: "E."\n',
        "question 'first', field 'options': needs a list of at least two options, got 'a or b'; "
        "add the options, one '- text: ...' item each",
    ),
    (
        lambda s: s.replace(_OPT2, "".join(_OPT2.replace('"b"', f'"b{i}"') for i in range(26))),
        "question 'first', field 'options': has 27 options; use at most 26",
    ),
    (
        lambda s: s.replace("correct: false", "correct: 0"),
        "question 'first', field 'options[2].correct': must be true or false, got 0; "
        "write correct: true or correct: false",
    ),
    (
        lambda s: s.replace('text: "b"', 'text: ""'),
        "question 'first', field 'options[2].text': must be a non-empty text, got ''; write the text",
    ),
    (
        lambda s: s.replace('text: "b"', 'text: "a"'),
        "question 'first', field 'options': option texts repeat ['a']; make each option distinct",
    ),
    (
        lambda s: s.replace('explanation: "Because."', "explanation: 3"),
        "question 'first', field 'explanation': must be a non-empty text, got 3; write the explanation",
    ),
    (
        lambda s: s + s.split("questions:\n")[1],
        "question 'first', field 'id': id(s) ['first'] used more than once; give each question its own id",
    ),
    (
        lambda s: "chapter: 02-thesis\nquestions: []\n",
        "field 'questions': must be a non-empty list; add at least one question",
    ),
    (
        lambda s: "- chapter: 02-thesis\n",
        "must be a mapping of ['chapter', 'questions'], got list; check the indentation",
    ),
]


@pytest.mark.parametrize("edit, tail", _EXACT)
def test_quiz_file_errors_word_for_word(tmp_path, edit, tail):
    path = tmp_path / "02-thesis.yml"
    path.write_text(edit(GOOD.format(stem="02-thesis")), encoding="utf-8")
    with pytest.raises(QuizError) as info:
        quiz.read_file(path)
    sep = ": " if tail.startswith("must be a mapping") else ", "
    assert str(info.value) == f"{path}{sep}{tail}."


def test_a_missing_file_says_how_to_create_it(tmp_path):
    with pytest.raises(QuizError) as info:
        quiz.load("02-thesis", tmp_path)
    assert str(info.value) == (
        f"{tmp_path / '02-thesis.yml'}: no such quiz file; "
        "create it (see coursekit/quiz.py for the format) or fix the chapter name."
    )


def test_a_yaml_error_without_a_position_still_gets_a_clear_message(tmp_path):
    path = tmp_path / "02-thesis.yml"
    # A control character: PyYAML's reader refuses it before parsing, so there is no line mark.
    path.write_text("chapter: 02-thesis\x07\n", encoding="utf-8")
    with pytest.raises(QuizError) as info:
        quiz.read_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: is not valid YAML (unacceptable character #x0007")
    assert " at line " not in message and "None" not in message
    assert message.endswith("; fix the syntax (quote texts that contain ': ' or start with a quote).")
