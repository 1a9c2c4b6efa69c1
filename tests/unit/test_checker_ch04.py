"""Chapter 4 checkers: every feedback branch reached by a crafted answer.

Expected messages come from ``coursekit/exercises/ch04_shadow_diplomacy.yml`` (plain YAML),
the counts from ``data/timeline.csv`` through the plain-pandas helpers of ``tests/test_checks.py``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest
import yaml

from coursekit.exercises import check
from coursekit.exercises.boxes import box_data, model_answer
from coursekit.exercises.feedback import Feedback
from tests.helpers import REPO_ROOT
from tests.test_checks import csv, meeting_rows, ref_meeting_22

TEXTS = yaml.safe_load(
    (REPO_ROOT / "coursekit/exercises/ch04_shadow_diplomacy.yml").read_text(encoding="utf-8")
)


def no(message: str) -> Feedback:
    return Feedback(False, message)


def form_error(exercise_id: str, message: str) -> Feedback:
    return no(f"{message} Expected: {TEXTS[exercise_id]['form']}.")


# ---------------------------------------------------------------- the ladder of claims

L = TEXTS["ex04_claim_ladder"]


@pytest.mark.parametrize(
    "order,supported,feedback",
    [
        ("ABC", "A", Feedback(True, L["correct"])),
        (["a", "b", "c"], "a", Feedback(True, L["correct"])),
        ("BAC", "A", no(L["weakest"])),
        ("CBA", "C", no(L["weakest"])),
        ("ACB", "A", no(L["order"])),
        ("ABC", "B", no(L["supported"])),
        ("ABC", "C", no(L["supported"])),
    ],
)
def test_each_ladder_mistake_gets_its_feedback(order, supported, feedback):
    assert check("ex04_claim_ladder", {"order": order, "supported": supported}) == feedback


@pytest.mark.parametrize(
    "answer,message",
    [
        (
            {"order": "AB", "supported": "A"},
            "'order' (weakest claim first): list each of A, B, C exactly once.",
        ),
        (
            {"order": "ABC", "supported": "X"},
            "'supported': ['X'] are not options here; choose from ['A', 'B', 'C'].",
        ),
        ({"order": "ABC"}, "answer: the key(s) ['supported'] are missing."),
    ],
)
def test_a_ladder_in_the_wrong_form_names_the_part(answer, message):
    assert check("ex04_claim_ladder", answer) == form_error("ex04_claim_ladder", message)


def test_the_ladder_box_has_three_steps_and_the_supported_claim():
    data = box_data("ex04_claim_ladder")
    assert [(f["name"], f["label"], f["kind"], f["options"]) for f in data["fields"]] == [
        ("step1", L["step_label"].format(word=L["steps"][0]), "select", list("ABC")),
        ("step2", L["step_label"].format(word=L["steps"][1]), "select", list("ABC")),
        ("step3", L["step_label"].format(word=L["steps"][2]), "select", list("ABC")),
        ("supported", L["supported_label"], "radio", list("ABC")),
    ]
    assert data["messages"][data["table"]["A|B|C|A"]] == [True, L["correct"]]
    assert data["messages"][data["table"]["A|C|B|A"]] == [False, L["order"]]


# ---------------------------------------------------------------- meetings per year

M = TEXTS["ex04_meetings_per_year"]


@cache
def _per_year() -> tuple:
    m = meeting_rows()
    counts = m[m.date.notna()].date.str[:4].astype(int).value_counts()
    return tuple(sorted(counts.items()))


def per_year() -> dict[int, int]:
    return {int(y): int(n) for y, n in _per_year()}


@cache
def _every_event() -> tuple:
    return tuple(
        sorted(csv("timeline").dropna(subset=["date"]).date.str[:4].astype(int).value_counts().items())
    )


def test_the_counts_per_year_pass_naming_the_peak_and_the_first_quiet_year():
    counts = per_year()
    peak = next(y for y in sorted(counts) if counts[y] == max(counts.values()))
    quiet = next(y for y in range(min(counts), max(counts) + 2) if y not in counts)
    expected = Feedback(True, M["correct"].format(peak=peak, after=M["none_after"].format(year=quiet)))
    assert check("ex04_meetings_per_year", counts) == expected
    assert check("ex04_meetings_per_year", pd.Series(counts)) == expected
    assert check("ex04_meetings_per_year", {str(y): float(n) for y, n in counts.items()}) == expected


def test_undated_meetings_counted_as_a_nan_year_are_named():
    assert check("ex04_meetings_per_year", {**per_year(), float("nan"): 2}) == no(M["nan_year"])


def test_counting_every_kind_of_event_is_named():
    assert check("ex04_meetings_per_year", dict(_every_event())) == no(M["every_kind"])


def test_counts_that_match_every_kind_only_in_part_are_not_taken_for_every_kind():
    counts, every = per_year(), dict(_every_event())
    some = {y: every[y] for y in sorted(counts)[:1]}
    assert check("ex04_meetings_per_year", some) == no(
        M["years"].format(detail=M["missing_years"].format(years=sorted(counts)[1:]))
    )
    same_years = {y: every[y] + 1 for y in every}
    extra = sorted(set(every) - set(counts))
    assert extra, "the timeline has years without a meeting"
    assert check("ex04_meetings_per_year", same_years) == no(
        M["years"].format(detail=M["extra_years"].format(years=extra))
    )


def test_extra_or_missing_years_are_listed():
    counts = per_year()
    assert check("ex04_meetings_per_year", {**counts, 2099: 1, 1999: 1}) == no(
        M["years"].format(detail=M["extra_years"].format(years=[1999, 2099]))
    )
    first, last = min(counts), max(counts)
    fewer = {y: n for y, n in counts.items() if y not in (first, last)}
    assert check("ex04_meetings_per_year", fewer) == no(
        M["years"].format(detail=M["missing_years"].format(years=[first, last]))
    )


def test_merging_the_two_day_visit_is_named_and_other_wrong_counts_name_the_year():
    counts = per_year()
    assert check("ex04_meetings_per_year", {**counts, 2016: counts[2016] - 1}) == no(M["merged"])
    assert check("ex04_meetings_per_year", {**counts, 2016: counts[2016] - 2}) == no(
        M["count"].format(year=2016)
    )
    assert check("ex04_meetings_per_year", {**counts, 2016: counts[2016] + 1}) == no(
        M["count"].format(year=2016)
    )
    last = max(counts)
    wrong = {**counts, 2016: counts[2016] - 1, last: counts[last] + 1}
    assert check("ex04_meetings_per_year", wrong) == no(M["count"].format(year=2016))
    first = min(counts)
    assert check("ex04_meetings_per_year", {**counts, first: counts[first] + 5}) == no(
        M["count"].format(year=first)
    )


@pytest.mark.parametrize(
    "answer,message",
    [
        ([4, 5], "expected a dict such as {2013: 4}, got list."),
        ({"twenty": 4}, "years must be whole numbers such as 2016, got 'twenty'."),
        (
            {2013: "4"},
            "count for 2013: expected a number, got '4'. Give the number itself (39.6, not '39.6%').",
        ),
    ],
)
def test_counts_in_the_wrong_form_say_what_to_fix(answer, message):
    assert check("ex04_meetings_per_year", answer) == form_error("ex04_meetings_per_year", message)


def test_the_model_answer_quotes_the_counts_from_the_data():
    assert model_answer("ex04_meetings_per_year") == M["model"].format(counts=per_year())


# ---------------------------------------------------------------- the 22nd meeting

N = TEXTS["ex04_meeting_22"]


@cache
def _meeting_22() -> tuple:
    m = meeting_rows()
    return tuple(ref_meeting_22().items()) + (
        ("dated", int(m.date.notna().sum())),
        ("undated", int(m.date.isna().sum())),
    )


def test_the_22nd_meeting_passes_with_the_visits_in_the_message():
    ref = dict(_meeting_22())
    answer = {"dated_rows": ref["dated_rows"], "visits": ref["visits"]}
    assert check("ex04_meeting_22", answer) == Feedback(True, N["success"].format(visits=ref["visits"]))


def test_each_counting_mistake_gets_its_feedback():
    ref = dict(_meeting_22())
    rows, visits, undated = ref["dated_rows"], ref["visits"], ref["undated"]
    merged = rows + undated - visits
    right_visits = {"visits": visits}
    assert check("ex04_meeting_22", {"dated_rows": ref["dated"], **right_visits}) == no(
        f"visits right; dated_rows: {N['every_dated']}"
    )
    assert check("ex04_meeting_22", {"dated_rows": rows - 1, **right_visits}) == no(
        f"visits right; dated_rows: {N['without_eve']}"
    )
    assert check("ex04_meeting_22", {"dated_rows": rows + 1, **right_visits}) == no(
        f"visits right; dated_rows: {rows + 1} does not match what the data give. {N['dated_rows_hint']}"
    )
    assert check("ex04_meeting_22", {"dated_rows": rows, "visits": rows + undated}) == no(
        f"dated_rows right; visits: {N['unmerged']}"
    )
    assert check("ex04_meeting_22", {"dated_rows": rows, "visits": rows - merged}) == no(
        f"dated_rows right; visits: {N['without_undated']}"
    )
    assert check("ex04_meeting_22", {"dated_rows": rows, "visits": visits + 0.5}) == no(
        f"dated_rows right; visits: {visits + 0.5:g} does not match what the data give. {N['visits_hint']}"
    )


# ---------------------------------------------------------------- the precedent's premises

P = TEXTS["ex04_precedent"]


@pytest.mark.parametrize(
    "answer,feedback",
    [
        (["A", "E"], Feedback(True, P["choices"]["success"])),
        (["A", "E", "B", "C"], no(P["choices"]["refuse"]["B"])),
        (["A", "E", "D", "C"], no(P["choices"]["refuse"]["C"])),
        (["D"], no(P["choices"]["refuse"]["D"])),
        (["E"], no(P["choices"]["missing"]["A"])),
        ([], no(P["choices"]["missing"]["A"])),
        (["A"], no(P["choices"]["incomplete"])),
    ],
)
def test_the_precedent_gets_per_option_feedback(answer, feedback):
    assert check("ex04_precedent", answer) == feedback
