"""The verdict object and the answer parsers of the checkers (coursekit/exercises/feedback.py).

Every expected text here is written by hand from what a student should read.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.exercises.feedback import (
    AnswerFormatError,
    Feedback,
    label,
    letters,
    mapping,
    norm_key,
    number,
    one_letter,
    order,
)

# ---------------------------------------------------------------- Feedback


def test_feedback_is_truthy_only_when_correct():
    assert bool(Feedback(True, "x")) is True
    assert bool(Feedback(False, "x")) is False


def test_feedback_text_states_the_verdict_in_words():
    assert str(Feedback(True, "Well done.")) == "Correct: Well done."
    assert str(Feedback(False, "Try again.")) == "Not yet: Try again."
    assert repr(Feedback(False, "Try again.")) == "Not yet: Try again."


def test_feedback_html_has_a_status_role_a_state_class_and_escaped_text():
    assert Feedback(True, "a < b").__repr__() == "Correct: a < b"
    assert Feedback(True, "a < b")._repr_html_() == (
        '<div class="course-feedback course-feedback--correct" role="status">'
        "<strong>Correct.</strong> a &lt; b</div>"
    )
    assert Feedback(False, "'x' & y")._repr_html_() == (
        '<div class="course-feedback course-feedback--not-yet" role="status">'
        "<strong>Not yet.</strong> &#x27;x&#x27; &amp; y</div>"
    )


# ---------------------------------------------------------------- number


@pytest.mark.parametrize("value,expected", [(3, 3.0), (2.5, 2.5), (-0.0, 0.0), (7, 7.0)])
def test_number_accepts_real_numbers(value, expected):
    result = number(value, "answer")
    assert result == expected and isinstance(result, float)


@pytest.mark.parametrize(
    "value,message",
    [
        (
            pd.Series([1.0]),
            "share: you passed a pandas Series, not a single number; pick one value, e.g. with .item() or .iloc[0].",
        ),
        (
            pd.DataFrame({"a": [1.0]}),
            "share: you passed a pandas DataFrame, not a single number; pick one value, e.g. with .item() or .iloc[0].",
        ),
        ("3.8%", "share: expected a number, got '3.8%'. Give the number itself (39.6, not '39.6%')."),
        (True, "share: expected a number, got True. Give the number itself (39.6, not '39.6%')."),
        (None, "share: expected a number, got None. Give the number itself (39.6, not '39.6%')."),
        (
            float("nan"),
            "share: got nan, which is not a finite number; check for a division by zero or a missing value (NaN) "
            "in your selection.",
        ),
        (
            float("-inf"),
            "share: got -inf, which is not a finite number; check for a division by zero or a missing value (NaN) "
            "in your selection.",
        ),
    ],
)
def test_number_refuses_what_is_not_one_finite_number_and_says_why(value, message):
    with pytest.raises(AnswerFormatError) as err:
        number(value, "share")
    assert str(err.value) == message


# ---------------------------------------------------------------- keys and dicts


@pytest.mark.parametrize(
    "key,expected",
    [(2016, 2016), (" 2016 ", 2016), ("A", "a"), ("  Visits ", "visits"), (True, True), (1.5, 1.5)],
)
def test_norm_key_makes_years_ints_and_names_lowercase(key, expected):
    result = norm_key(key)
    assert result == expected and type(result) is type(expected)


def test_mapping_takes_dicts_and_series_and_returns_the_keys_in_the_order_asked():
    assert mapping({"B": 2, " a ": 1}, ["a", "b"]) == {"a": 1, "b": 2}
    assert list(mapping({"b": 2, "a": 1}, ["a", "b"])) == ["a", "b"]
    assert mapping(pd.Series({"a": 1, "b": 2}), ["a", "b"]) == {"a": 1, "b": 2}
    assert mapping({"2016": 5}, [2016]) == {2016: 5}


def test_mapping_names_the_missing_keys_and_the_wrong_type():
    with pytest.raises(AnswerFormatError) as err:
        mapping({"a": 1}, ["a", "b", "c"])
    assert str(err.value) == "answer: the key(s) ['b', 'c'] are missing."
    with pytest.raises(AnswerFormatError) as err:
        mapping([1, 2], ["a", "b"], what="table")
    assert str(err.value) == "table: expected a dict with the keys ['a', 'b'], got list."


# ---------------------------------------------------------------- labels and letters


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Stable Marriage", "stable marriage"),
        ("  romantic_triangle ", "romantic triangle"),
        ("a--b  c", "a b c"),
    ],
)
def test_label_folds_case_spacing_underscores_and_dashes(value, expected):
    assert label(value, "pattern") == expected


@pytest.mark.parametrize("value", ["", "   ", 3, None])
def test_label_refuses_empty_or_non_text(value):
    with pytest.raises(AnswerFormatError) as err:
        label(value, "(a)")
    assert str(err.value) == f"(a): expected a text label, got {value!r}."


@pytest.mark.parametrize(
    "value,expected",
    [("ac", {"A", "C"}), ("A, C", {"A", "C"}), (["a", " c "], {"A", "C"}), ({"C"}, {"C"}), (("B",), {"B"})],
)
def test_letters_reads_strings_lists_tuples_and_sets(value, expected):
    assert letters(value, "abcde", "answer") == expected


def test_letters_names_unknown_letters_and_the_options():
    with pytest.raises(AnswerFormatError) as err:
        letters(["A", "Z", "X"], "ABC", "answer")
    assert str(err.value) == "answer: ['X', 'Z'] are not options here; choose from ['A', 'B', 'C']."
    with pytest.raises(AnswerFormatError) as err:
        letters(7, "ABC", "'if'")
    assert str(err.value) == "'if': expected option letters such as ['A', 'C'], got 7."


def test_one_letter_takes_exactly_one():
    assert one_letter("b", "ABC", "answer") == "B"
    for value, shown in (("AB", "['A', 'B']"), ([], "[]")):
        with pytest.raises(AnswerFormatError) as err:
            one_letter(value, "ABC", "'then'")
        assert str(err.value) == f"'then': choose exactly one option letter, got {shown}."


@pytest.mark.parametrize(
    "value,expected", [("c, a, b", ["C", "A", "B"]), ([" b", "a", "C"], ["B", "A", "C"])]
)
def test_order_reads_a_string_or_a_list(value, expected):
    assert order(value, "ABC", "answer") == expected


@pytest.mark.parametrize("value", [["A", "A", "B"], ["A", "B"], "ABCD", 3, ("A", "B", "Z")])
def test_order_needs_each_item_exactly_once(value):
    with pytest.raises(AnswerFormatError) as err:
        order(value, "ABC", "'order'")
    assert str(err.value) == "'order': list each of A, B, C exactly once."
