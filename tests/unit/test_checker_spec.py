"""The declarative checker specs (coursekit/exercises/spec.py) on small hand-made specs.

Each rule is pinned by an answer just inside and just outside it, and by the exact message
a student reads (written here by hand). The chapter specs are tested in ``test_checker_ch0N``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.exercises.feedback import AnswerFormatError, Feedback
from coursekit.exercises.spec import (
    Choice,
    Choices,
    Custom,
    Exercise,
    Field,
    Label,
    Labels,
    Number,
    Numbers,
    Order,
    close,
    combine,
    money_tol,
    single,
)

# ---------------------------------------------------------------- tolerances


def test_close_includes_the_tolerance_itself():
    assert close(10.0, 10.5, 0.5) and close(10.5, 10.0, 0.5)
    assert not close(10.0, 10.5625, 0.5)
    assert close(3.0, 3.0, 0)


@pytest.mark.parametrize("expected,tol", [(200.0, 1.0), (-200.0, 1.0), (0.0, 1e-9), (1e-12, 1e-9)])
def test_money_tolerance_is_half_a_percent_never_zero(expected, tol):
    assert money_tol(expected) == tol


# ---------------------------------------------------------------- Number

NUM = Number(
    10.0,
    0.5,
    "Use the 2017 rows.",
    (
        (None, "never shown"),
        (float("nan"), "never shown either"),
        (20.0, "you doubled it."),
        (20.25, "second."),
    ),
    percent=True,
    name="(a)",
)


@pytest.mark.parametrize("value", [10.0, 10.5, 9.5])
def test_number_accepts_values_within_its_tolerance(value):
    assert NUM.grade(value) == (True, "")


def test_a_known_wrong_value_gets_its_feedback_within_the_same_tolerance_first_match_first():
    assert NUM.grade(20.5) == (False, "you doubled it.")
    assert NUM.grade(19.5) == (False, "you doubled it.")
    assert NUM.grade(20.625) == (False, "second.")


def test_a_fraction_of_the_percentage_is_named():
    assert NUM.grade(0.1) == (
        False,
        "0.1 looks like a fraction; the question asks for a percentage, so multiply by 100.",
    )
    assert NUM.grade(0.105) == (
        False,
        "0.105 looks like a fraction; the question asks for a percentage, so multiply by 100.",
    )


def test_a_fraction_is_not_named_when_the_answer_is_not_a_percentage():
    plain = Number(10.0, 0.5, "Hint.")
    assert plain.grade(0.1) == (False, "0.1 does not match what the data give. Hint.")


def test_a_wrong_sign_is_named():
    assert NUM.grade(-10.5) == (False, "-10.5 has the wrong sign: is this a rise or a fall?")


def test_fraction_and_sign_are_checked_for_any_nonzero_expected_value():
    one = Number(1.0, 0.1, "h", percent=True)
    assert one.grade(0.01) == (
        False,
        "0.01 looks like a fraction; the question asks for a percentage, so multiply by 100.",
    )
    assert one.grade(-1.0) == (False, "-1 has the wrong sign: is this a rise or a fall?")
    zero = Number(0.0, 0.1, "h", percent=True)
    assert zero.grade(0.5) == (False, "0.5 does not match what the data give. h")


def test_any_other_value_gets_the_hint():
    assert NUM.grade(10.5625) == (False, "10.5625 does not match what the data give. Use the 2017 rows.")
    assert NUM.grade(-11.0) == (False, "-11 does not match what the data give. Use the 2017 rows.")


def test_number_json_drops_wrong_values_that_cannot_be_typed():
    assert NUM.as_json() == {
        "expected": 10.0,
        "tol": 0.5,
        "hint": "Use the 2017 rows.",
        "wrongs": [{"value": 20.0, "message": "you doubled it."}, {"value": 20.25, "message": "second."}],
        "percent": True,
        "name": "(a)",
    }
    assert Number(1.0, 0.1, "h").as_json() == {
        "expected": 1.0,
        "tol": 0.1,
        "hint": "h",
        "wrongs": [],
        "percent": False,
        "name": "",
    }


# ---------------------------------------------------------------- combining parts


def test_combine_names_the_right_parts_explains_the_first_wrong_and_counts_the_rest():
    assert combine([("a", True, ""), ("b", True, "")], "All right.") == Feedback(True, "All right.")
    assert combine([("a", True, ""), ("b", False, "too big.")], "x") == Feedback(
        False, "a right; b: too big."
    )
    assert combine([("a", True, ""), ("b", True, ""), ("c", False, "no.")], "x") == Feedback(
        False, "a, b right; c: no."
    )
    assert combine(
        [("a", False, "first."), ("b", False, "second."), ("c", False, "third.")], "x"
    ) == Feedback(False, "a: first. (2 more part(s) to fix after this one.)")
    assert combine([("a", False, "first."), ("b", True, ""), ("c", False, "third.")], "x") == Feedback(
        False, "b right; a: first. (1 more part(s) to fix after this one.)"
    )


def test_numbers_grade_each_part_by_key_and_name_it():
    spec = Numbers({"low": Number(1.0, 0.1, "h", name="(low)"), "high": Number(2.0, 0.1, "h")}, "Both right.")
    assert spec.grade({"LOW": 1.0, "high": 2.0}) == Feedback(True, "Both right.")
    assert spec.grade({"low": 1.0, "high": 3.0}) == Feedback(
        False, "(low) right; high: 3 does not match what the data give. h"
    )
    with pytest.raises(AnswerFormatError, match=r"^high: expected a number, got 'x'"):
        spec.grade({"low": 1.0, "high": "x"})
    with pytest.raises(AnswerFormatError, match=r"^answer: the key\(s\) \['high'\] are missing\.$"):
        spec.grade({"low": 1.0})


def test_a_single_number_is_graded_as_the_answer_itself():
    spec = single(Number(5.0, 0.0, "h", ((6.0, "one too many."),)), "Five.")
    assert spec == Numbers({"answer": Number(5.0, 0.0, "h", ((6.0, "one too many."),))}, "Five.", single=True)
    assert spec.grade(5) == Feedback(True, "Five.")
    assert spec.grade(6) == Feedback(False, "one too many.")
    with pytest.raises(AnswerFormatError, match=r"^answer: expected a number, got '5'"):
        spec.grade("5")


def test_numbers_json_lists_the_parts_in_order():
    spec = Numbers({"b": Number(2.0, 0.5, "hb"), "a": Number(1.0, 0.5, "ha", name="(a)")}, "ok")
    assert spec.as_json() == {
        "kind": "number",
        "single": False,
        "success": "ok",
        "parts": [
            {"key": "b", **Number(2.0, 0.5, "hb").as_json()},
            {"key": "a", **spec.parts["a"].as_json()},
        ],
    }
    assert single(Number(1.0, 0.5, "h"), "ok").as_json()["single"] is True


# ---------------------------------------------------------------- letters


def test_choice_gives_each_option_its_own_feedback():
    spec = Choice({"B": "Yes: B.", "A": "No: A."}, correct="B")
    assert spec.grade("b") == Feedback(True, "Yes: B.")
    assert spec.grade(["A"]) == Feedback(False, "No: A.")
    assert spec.fields == (Field("answer", "Your answer", "radio", ("A", "B")),)
    assert spec.compose({"answer": "A"}) == "A"
    with pytest.raises(
        AnswerFormatError, match=r"^answer: \['X'\] are not options here; choose from \['B', 'A'\]"
    ):
        spec.grade("X")


CHOICES = Choices(
    options="ABCDE",
    correct=frozenset("AC"),
    refuse={"D": "not D.", "B": "not B."},
    success="A and C.",
    incomplete="{n_chosen} chosen, {n_missing} missing of {n_correct}.",
    missing={"A": "add A."},
)


@pytest.mark.parametrize(
    "answer,feedback",
    [
        (["A", "C"], Feedback(True, "A and C.")),
        ("ca", Feedback(True, "A and C.")),
        (["A", "C", "B", "D"], Feedback(False, "not D.")),
        (["A", "B"], Feedback(False, "not B.")),
        (["C"], Feedback(False, "add A.")),
        ([], Feedback(False, "add A.")),
        (["A"], Feedback(False, "1 chosen, 1 missing of 2.")),
        (["A", "E"], Feedback(False, "2 chosen, 1 missing of 2.")),
        (["A", "C", "E"], Feedback(False, "3 chosen, 0 missing of 2.")),
    ],
)
def test_choices_refuse_then_succeed_then_name_what_is_missing(answer, feedback):
    assert CHOICES.grade(answer) == feedback


def test_choices_box_is_a_group_of_checkboxes():
    assert CHOICES.fields == (
        Field("answer", "Choose every option that applies", "checkboxes", tuple("ABCDE")),
    )
    assert CHOICES.compose({"answer": ("A", "C")}) == ["A", "C"]
    assert Choices("AB", frozenset("A"), {}, "s", "i").missing == {}
    with pytest.raises(AnswerFormatError, match=r"^answer: \['X'\] are not options here"):
        CHOICES.grade(["X"])


# ---------------------------------------------------------------- labels

PATTERN = Label(
    "stable marriage",
    ("romantic triangle", "stable marriage", "menage a trois"),
    other="look again.",
    wrongs={"romantic triangle": "not romantic."},
    title="The triangle",
    invalid="{name}: {value!r} is not a pattern.",
    aliases={"ménage à trois": "menage a trois"},
)


def test_label_compares_folded_text_and_gives_known_wrong_labels_their_feedback():
    assert PATTERN.grade("Stable_Marriage", "(c)") == (True, "")
    assert PATTERN.grade("romantic-triangle", "(c)") == (False, "not romantic.")
    assert PATTERN.grade("Ménage à trois", "(c)") == (False, "look again.")
    with pytest.raises(AnswerFormatError) as err:
        PATTERN.grade("love", "(c)")
    assert str(err.value) == "(c): 'love' is not a pattern."


def test_a_label_without_invalid_template_treats_unknown_labels_as_wrong():
    open_label = Label("Russia", ("Japan", "Russia"), other="which country?")
    assert open_label.grade("russia", "pivot") == (True, "")
    assert open_label.grade("Mongolia", "pivot") == (False, "which country?")
    assert (
        open_label.wrongs == {}
        and open_label.aliases == {}
        and open_label.title == ""
        and open_label.invalid == ""
    )


def test_labels_combine_their_parts_by_display_name():
    spec = Labels(
        {"a": Label("fact", ("fact", "forecast"), other="a fact."), "b": PATTERN},
        "Both right.",
        names={"a": "(a)"},
    )
    assert spec.grade({"a": "Fact", "b": "stable marriage"}) == Feedback(True, "Both right.")
    assert spec.grade({"a": "forecast", "b": "stable marriage"}) == Feedback(False, "b right; (a): a fact.")
    with pytest.raises(AnswerFormatError, match=r"^\(a\): expected a text label, got 1\.$"):
        spec.grade({"a": 1, "b": "stable marriage"})
    assert spec.fields == (
        Field("a", "a", "select", ("fact", "forecast")),
        Field("b", "The triangle", "select", PATTERN.options),
    )
    assert spec.compose({"a": "fact", "b": "none"}) == {"a": "fact", "b": "none"}
    assert Labels({}, "s").names == {}


# ---------------------------------------------------------------- order

DATES = {
    "A": dt.date(2025, 9, 16),
    "B": dt.date(2018, 5, 23),
    "C": dt.date(2025, 4, 3),
}


def test_order_accepts_the_date_order_and_names_the_first_pair_out_of_order():
    spec = Order(DATES, "In order.")
    assert spec.grade("BCA") == Feedback(True, "In order.")
    assert spec.grade(["B", "A", "C"]) == Feedback(
        False, "A (16 Sep 2025) comes after C (03 Apr 2025); swap them and check the rest."
    )
    assert spec.grade(["A", "B", "C"]) == Feedback(
        False, "A (16 Sep 2025) comes after B (23 May 2018); swap them and check the rest."
    )
    with pytest.raises(AnswerFormatError, match=r"^answer: list each of A, B, C exactly once\.$"):
        spec.grade("AB")


def test_order_with_a_tie_falls_back_to_its_general_message():
    tied = Order({"A": dt.date(2020, 1, 1), "B": dt.date(2020, 1, 1)}, "ok", otherwise="Check the dates.")
    assert tied.grade("AB") == Feedback(True, "ok")
    assert tied.grade("BA") == Feedback(False, "Check the dates.")
    assert Order({"A": 1, "B": 1}, "ok").otherwise == "The order does not match the dates in the data."


def test_order_box_has_one_select_per_position():
    spec = Order(DATES, "ok")
    assert spec.fields == (
        Field("pos1", "First event", "select", ("A", "B", "C")),
        Field("pos2", "Second event", "select", ("A", "B", "C")),
        Field("pos3", "Third event", "select", ("A", "B", "C")),
    )
    assert spec.compose({"pos3": "A", "pos1": "B", "pos2": "C"}) == ["B", "C", "A"]
    five = Order({k: i for i, k in enumerate("ABCDE")}, "ok")
    assert [f.label for f in five.fields] == [
        "First event",
        "Second event",
        "Third event",
        "Fourth event",
        "Fifth event",
    ]


# ---------------------------------------------------------------- custom and exercise


def test_custom_calls_its_function_and_has_no_box_fields_by_default():
    spec = Custom(lambda answer: Feedback(answer == 1, f"got {answer}"))
    assert spec.grade(1) == Feedback(True, "got 1")
    assert spec.fields == () and spec.compose is None


def test_field_and_exercise_defaults():
    assert Field("a", "A", "select", ("x",)).labels == ()
    assert Exercise("ex", "a number", lambda: None).model_answer == ""
