"""Chapter 2 checkers: every feedback branch reached by a crafted answer.

Expected messages are read from ``coursekit/exercises/ch02_thesis.yml`` with plain YAML and
filled in here; expected verdicts from ``data/claims.csv`` with pandas.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from coursekit.exercises import check
from coursekit.exercises.boxes import box_data
from coursekit.exercises.feedback import Feedback
from tests.helpers import REPO_ROOT

TEXTS = yaml.safe_load((REPO_ROOT / "coursekit/exercises/ch02_thesis.yml").read_text(encoding="utf-8"))


def no(message: str) -> Feedback:
    return Feedback(False, message)


def form_error(exercise_id: str, message: str) -> Feedback:
    return no(f"{message} Expected: {TEXTS[exercise_id]['form']}.")


# ---------------------------------------------------------------- hedges

H = TEXTS["ex02_hedges"]


@pytest.mark.parametrize("word", ["will", "remarkable", "remain", "accelerate"])
def test_a_word_that_is_not_a_hedge_is_explained(word):
    why = H["not_hedges"][word]
    assert check("ex02_hedges", ["probably", "might", word.upper()]) == no(H["not_a_hedge"].format(why=why))


def test_non_hedges_are_explained_in_a_fixed_order():
    assert check("ex02_hedges", ["accelerate", "remain", "remarkable", "will"]) == no(
        H["not_a_hedge"].format(why=H["not_hedges"]["will"])
    )
    assert check("ex02_hedges", ["accelerate", "remain", "remarkable"]) == no(
        H["not_a_hedge"].format(why=H["not_hedges"]["remarkable"])
    )
    assert check("ex02_hedges", ["accelerate", "remain"]) == no(
        H["not_a_hedge"].format(why=H["not_hedges"]["remain"])
    )


@pytest.mark.parametrize(
    "answer,found,where",
    [
        (["might"], 1, "missing_alliance"),
        (["probably"], 1, "missing_tariffs"),
        ([], 0, "missing_alliance"),
        (["may", "could"], 0, "missing_alliance"),
    ],
)
def test_a_missing_core_hedge_points_to_its_clause(answer, found, where):
    assert check("ex02_hedges", answer) == no(H["missing"].format(found=found, where=H[where]))


def test_extra_words_are_listed_sorted():
    assert check("ex02_hedges", ["probably", "might", "unsinkable", "only", "Progress"]) == no(
        H["extra"].format(extra=["only", "progress", "unsinkable"])
    )


@pytest.mark.parametrize(
    "answer,note",
    [
        (["probably", "might"], "note_missed"),
        (("Might", "probably", "may", "could", "only accelerate"), "note_missed"),
        ({"probably", "might", "any serious"}, "note_flagged"),
        (["probably", "might", "serious"], "note_flagged"),
    ],
)
def test_the_core_hedges_pass_and_the_vague_threshold_is_pointed_out(answer, note):
    assert check("ex02_hedges", answer) == Feedback(True, H["correct"] + H[note])


@pytest.mark.parametrize(
    "answer,message",
    [
        ("probably might", "give a list of words, e.g. ['word1', 'word2'], not one string."),
        ({"probably": 1}, "expected a list of words, got dict."),
        (["probably", 3], "each word: expected a text label, got 3."),
    ],
)
def test_hedges_in_the_wrong_form_say_what_to_fix(answer, message):
    assert check("ex02_hedges", answer) == form_error("ex02_hedges", message)


def test_the_hedges_box_offers_the_quoted_words():
    field = box_data("ex02_hedges")["fields"][0]
    assert field["label"] == H["box_label"] and field["kind"] == "checkboxes"
    assert {"probably", "might", "any serious", "will"} <= set(field["options"])


# ---------------------------------------------------------------- if-then

IF = TEXTS["ex02_if_then"]


@pytest.mark.parametrize(
    "cond,then,feedback",
    [
        ("A", "B", Feedback(True, IF["correct"])),
        ("b", "a", no(IF["reversed"])),
        ("C", "B", no(IF["wrong_if"])),
        ("B", "B", no(IF["wrong_if"])),
        ("E", "A", no(IF["wrong_if"])),
        ("A", "C", no(IF["then"]["C"])),
        ("A", "D", no(IF["then"]["D"])),
        ("A", "E", no(IF["then"]["E"])),
        ("A", "A", no(IF["then"]["A"])),
    ],
)
def test_every_if_then_pair_gets_its_feedback(cond, then, feedback):
    assert check("ex02_if_then", {"if": cond, "then": then}) == feedback


@pytest.mark.parametrize(
    "answer,message",
    [
        (
            {"if": "X", "then": "B"},
            "'if': ['X'] are not options here; choose from ['A', 'B', 'C', 'D', 'E'].",
        ),
        (
            {"if": "A", "then": "X"},
            "'then': ['X'] are not options here; choose from ['A', 'B', 'C', 'D', 'E'].",
        ),
        ({"if": "AB", "then": "B"}, "'if': choose exactly one option letter, got ['A', 'B']."),
        ({"if": "A"}, "answer: the key(s) ['then'] are missing."),
    ],
)
def test_if_then_in_the_wrong_form_names_the_part(answer, message):
    assert check("ex02_if_then", answer) == form_error("ex02_if_then", message)


def test_the_if_then_box_has_two_radio_groups():
    data = box_data("ex02_if_then")
    assert [(f["name"], f["label"], f["kind"]) for f in data["fields"]] == [
        ("if", IF["box_if"], "radio"),
        ("then", IF["box_then"], "radio"),
    ]
    assert data["messages"][data["table"]["A|B"]] == [True, IF["correct"]]


# ---------------------------------------------------------------- the lead's verdicts

V = TEXTS["ex02_lead_verdicts"]
CLAIMS = pd.read_csv(REPO_ROOT / "data/claims.csv")
LEAD = CLAIMS[(CLAIMS.section == "lead") & (CLAIMS.kind == "forecast")]
REFERENCE = {int(i): v for i, v in zip(LEAD.claim_id, LEAD.verdict)}
NOT_LEAD = sorted(set(CLAIMS.claim_id) - set(LEAD.claim_id))


def test_the_lead_verdicts_pass_as_a_dict_or_a_series_with_any_key_spelling():
    assert len(REFERENCE) == 2, "the tests below assume the lead makes two forecasts"
    assert check("ex02_lead_verdicts", REFERENCE) == Feedback(True, V["correct"])
    assert check("ex02_lead_verdicts", pd.Series(REFERENCE)) == Feedback(True, V["correct"])
    shouted = {f" {k} ": v.upper().replace("_", " ") for k, v in REFERENCE.items()}
    assert check("ex02_lead_verdicts", shouted) == Feedback(True, V["correct"])


def test_claims_that_are_not_lead_forecasts_are_named():
    extra = [NOT_LEAD[-1], NOT_LEAD[0]]
    answer = {**REFERENCE, **{k: "supported" for k in extra}}
    assert check("ex02_lead_verdicts", answer) == no(V["extra"].format(extra=sorted(extra, key=str)))


def test_extra_claims_of_any_key_type_are_listed_in_text_order():
    extra = [9, 10]
    assert not set(extra) & set(REFERENCE), "the test needs two claims that are not lead forecasts"
    answer = {**REFERENCE, 9: "supported", 10: "supported", "Lead": "supported"}
    assert check("ex02_lead_verdicts", answer) == no(V["extra"].format(extra=[10, 9, "lead"]))


def test_a_missing_forecast_is_counted():
    first = next(iter(REFERENCE))
    assert check("ex02_lead_verdicts", {first: REFERENCE[first]}) == no(V["missing"].format(found=1, total=2))
    assert check("ex02_lead_verdicts", {}) == no(V["missing"].format(found=0, total=2))


def test_swapped_verdicts_are_named_as_such():
    (a, va), (b, vb) = REFERENCE.items()
    assert check("ex02_lead_verdicts", {a: vb, b: va}) == no(V["swapped"])


def test_one_wrong_verdict_is_quoted_as_given():
    (a, va), (b, vb) = REFERENCE.items()
    assert check("ex02_lead_verdicts", {a: va, b: "Untestable"}) == no(
        V["wrong"].format(claim=b, given="Untestable")
    )
    assert check("ex02_lead_verdicts", {a: "unresolved", b: "unresolved"}) == no(
        V["wrong"].format(claim=a, given="unresolved")
    )
    assert check("ex02_lead_verdicts", {a: vb, b: vb}) == no(V["wrong"].format(claim=a, given=vb))


def test_lead_verdicts_in_the_wrong_form_say_what_to_fix():
    (a, _), (b, vb) = REFERENCE.items()
    assert check("ex02_lead_verdicts", {a: 3, b: vb}) == form_error(
        "ex02_lead_verdicts", f"verdict of claim {a}: expected a text label, got 3."
    )
    assert check("ex02_lead_verdicts", ["x"]) == form_error(
        "ex02_lead_verdicts", "expected a dict such as {1: 'borne_out'}, got list."
    )


def test_the_verdicts_box_has_a_select_per_lead_claim_with_every_verdict():
    package = json.loads((REPO_ROOT / "data/datapackage.json").read_text(encoding="utf-8"))
    (claims,) = [r for r in package["resources"] if r["name"] == "claims"]
    (verdict,) = [f for f in claims["schema"]["fields"] if f["name"] == "verdict"]
    lead_ids = [int(i) for i in CLAIMS.loc[CLAIMS.section == "lead", "claim_id"]]
    data = box_data("ex02_lead_verdicts")
    assert [(f["name"], f["label"], f["kind"]) for f in data["fields"]] == [
        (str(i), V["box_label"].format(claim_id=i), "select") for i in lead_ids
    ]
    assert data["fields"][0]["options"] == [V["leave_out"], *verdict["constraints"]["enum"]]
    key = "|".join(REFERENCE.get(i, V["leave_out"]) for i in lead_ids)
    assert data["messages"][data["table"][key]] == [True, V["correct"]]
    left_out = "|".join(V["leave_out"] for _ in lead_ids)
    assert data["messages"][data["table"][left_out]] == [False, V["missing"].format(found=0, total=2)]


# ---------------------------------------------------------------- evidence against

E = TEXTS["ex02_evidence_against"]


@pytest.mark.parametrize(
    "answer,feedback",
    [
        (["A", "C"], Feedback(True, E["choices"]["success"])),
        (["A", "C", "B"], no(E["choices"]["refuse"]["B"])),
        (["A", "C", "E", "D"], no(E["choices"]["refuse"]["D"])),
        (["A", "E"], no(E["choices"]["refuse"]["E"])),
        (["A"], no(E["choices"]["incomplete"].format(n_missing=1))),
        ([], no(E["choices"]["incomplete"].format(n_missing=2))),
    ],
)
def test_evidence_against_gets_per_option_feedback(answer, feedback):
    assert check("ex02_evidence_against", answer) == feedback
