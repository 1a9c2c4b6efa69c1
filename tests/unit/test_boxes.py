"""The static answer boxes' data (coursekit/exercises/boxes.py), without a browser.

The browser test (tests/site/test_answer_boxes.py) types answers into the built boxes; these
tests pin the pure functions that prepare them: the states of a field, the table of every
combination, the size limit, and the three kinds of box. Feedback texts are read from the
chapters' YAML files, verdicts worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coursekit.exercises import boxes
from coursekit.exercises.feedback import Feedback
from coursekit.exercises.spec import Custom, Field

YAML_DIR = Path(boxes.__file__).resolve().parent


def say(chapter: str, *keys: str):
    node = yaml.safe_load((YAML_DIR / f"{chapter}.yml").read_text(encoding="utf-8"))
    for key in keys:
        node = node[key]
    return node


def test_a_checkbox_group_has_one_state_per_subset_keyed_by_its_bitmask():
    field = Field("w", "Words", "checkboxes", ("a", "b"))
    assert boxes._field_values(field) == [("0", []), ("1", ["a"]), ("2", ["b"]), ("3", ["a", "b"])]
    three = boxes._field_values(Field("w", "Words", "checkboxes", ("a", "b", "c")))
    assert len(three) == 8 and three[5] == ("5", ["a", "c"]) and three[6] == ("6", ["b", "c"])


@pytest.mark.parametrize("kind", ["select", "radio"])
def test_a_select_or_radio_field_has_one_state_per_option(kind):
    assert boxes._field_values(Field("x", "X", kind, ("A", "B"))) == [("A", "A"), ("B", "B")]


def test_combinations_join_the_field_states_with_a_bar():
    fields = (Field("if", "If", "radio", ("A", "B")), Field("w", "W", "checkboxes", ("x",)))
    assert list(boxes._combinations(fields)) == [
        ("A|0", {"if": "A", "w": []}),
        ("A|1", {"if": "A", "w": ["x"]}),
        ("B|0", {"if": "B", "w": []}),
        ("B|1", {"if": "B", "w": ["x"]}),
    ]
    assert boxes.FIELD_SEP == "|"


def test_a_number_box_carries_the_spec_for_the_browser_to_grade():
    data = boxes.box_data("ex05_static_duty")
    assert data["id"] == "ex05_static_duty"
    assert data["form"] == say("ch05_tariff_trouble", "ex05_static_duty", "form")
    assert data["kind"] == "number" and data["single"] is True
    assert [p["key"] for p in data["parts"]] == ["answer"]
    assert data["parts"][0]["hint"] == say("ch05_tariff_trouble", "ex05_static_duty", "hint")


def test_a_free_text_box_has_no_table_and_the_model_answer_is_on_request():
    assert boxes.box_data("ex07_neutral_rewrite") == {
        "id": "ex07_neutral_rewrite",
        "form": say("ch07_concluding_thoughts", "ex07_neutral_rewrite", "form"),
        "kind": "text",
    }
    assert boxes.model_answer("ex07_neutral_rewrite") == say(
        "ch07_concluding_thoughts", "ex07_neutral_rewrite", "model"
    )
    assert boxes.model_answer("ex05_static_duty") == ""


def test_a_model_answer_may_be_computed_from_the_data():
    text = boxes.model_answer("ex04_meetings_per_year")
    assert text.startswith("Count the dated rows of kind 'abe_putin_meeting' per year")
    assert text.endswith("}.") and "{2" in text


def test_a_one_letter_box_lists_each_letter_with_its_own_feedback():
    options = say("ch06_zero_sum", "ex06_absence", "choice", "options")
    data = boxes.box_data("ex06_absence")
    assert data["kind"] == "table" and data["form"] == say("ch06_zero_sum", "ex06_absence", "form")
    assert data["id"] == "ex06_absence"
    assert data["fields"] == [
        {
            "name": "answer",
            "label": "Your answer",
            "kind": "radio",
            "options": list("ABCD"),
            "labels": list("ABCD"),
        }
    ]
    shown = {key: data["messages"][slot] for key, slot in data["table"].items()}
    assert shown == {letter: [letter == "B", options[letter]] for letter in "ABCD"}
    assert len(data["messages"]) == 4


def test_a_checkbox_box_grades_every_subset_and_shares_repeated_messages():
    data = boxes.box_data("ex05_pride_evidence")
    assert sorted(data["table"], key=int) == [str(mask) for mask in range(32)]
    right = {key for key, slot in data["table"].items() if data["messages"][slot][0]}
    assert right == {str(0b00111)}  # A, B and C ticked: bits 0, 1 and 2
    assert data["messages"][data["table"]["7"]] == [
        True,
        say("ch05_tariff_trouble", "ex05_pride_evidence", "choices", "success"),
    ]
    refuse_d = say("ch05_tariff_trouble", "ex05_pride_evidence", "choices", "refuse", "D")
    assert data["messages"][data["table"]["15"]] == [False, refuse_d]  # A, B, C and D
    assert len(data["messages"]) == len({tuple(m) for m in data["messages"]}) < 32


def test_select_labels_fall_back_to_the_option_values(monkeypatch):
    fields = (
        Field("a", "Part a", "select", ("x", "y"), labels=("Ex", "Why")),
        Field("b", "Part b", "radio", ("z",)),
    )
    monkeypatch.setattr(boxes, "spec", lambda exercise_id: Custom(lambda a: None, fields, dict))
    monkeypatch.setattr(
        boxes, "check", lambda exercise_id, answer: Feedback(answer == {"a": "y", "b": "z"}, "m")
    )
    data = boxes.box_data("ex06_absence")
    assert data["fields"] == [
        {"name": "a", "label": "Part a", "kind": "select", "options": ["x", "y"], "labels": ["Ex", "Why"]},
        {"name": "b", "label": "Part b", "kind": "radio", "options": ["z"], "labels": ["z"]},
    ]
    assert data["messages"] == [[False, "m"], [True, "m"]]
    assert data["table"] == {"x|z": 0, "y|z": 1}


SELECT_5000 = (Field("a", "A", "select", tuple(map(str, range(5000)))),)
SELECT_5001 = (Field("a", "A", "select", tuple(map(str, range(5001)))),)
TEN = Field("b", "B", "radio", tuple("0123456789"))


@pytest.mark.parametrize(
    "fields,refused_size",
    [
        (SELECT_5000, None),
        (SELECT_5001, 5001),
        ((Field("a", "A", "select", tuple(map(str, range(500)))), TEN), None),
        ((Field("a", "A", "select", tuple(map(str, range(501)))), TEN), 5010),
        ((Field("a", "A", "checkboxes", tuple("abcdefghijkl")),), None),  # 2**12 = 4096
        ((Field("a", "A", "checkboxes", tuple("abcdefghijklm")),), 8192),  # 2**13
    ],
)
def test_a_box_is_limited_to_five_thousand_combinations(monkeypatch, fields, refused_size):
    monkeypatch.setattr(boxes, "spec", lambda exercise_id: Custom(lambda a: None, fields, dict))
    monkeypatch.setattr(boxes, "check", lambda exercise_id, answer: Feedback(False, "m"))
    if refused_size is None:
        assert boxes.box_data("ex06_absence")["kind"] == "table"
    else:
        with pytest.raises(ValueError) as err:
            boxes.box_data("ex06_absence")
        assert str(err.value) == (
            f"answer box for ex06_absence: {refused_size} combinations of its fields, more than 5000; offer fewer "
            "options, or declare the exercise without fields (a free-text box with a model answer)."
        )


def test_a_spec_without_fields_gets_a_free_text_box(monkeypatch):
    class Graded:
        def grade(self, answer):
            return Feedback(True, "ok")

    monkeypatch.setattr(boxes, "spec", lambda exercise_id: Graded())
    data = boxes.box_data("ex07_neutral_rewrite")
    assert data["kind"] == "text" and data["id"] == "ex07_neutral_rewrite"
