"""Exercises for chapter 4, shadow diplomacy: a ladder of claims, counting meetings, an analogy's premises.

The feedback sentences and hints are in ``ch04_shadow_diplomacy.yml`` beside this module.
"""

from __future__ import annotations

import math

import pandas as pd

from ..data.queries import table
from .feedback import AnswerFormatError, Feedback, mapping, norm_key, number, one_letter, order
from .spec import Custom, Exercise, Field, Number, Numbers
from .texts import texts

TEXT = texts(__name__)
ESSAY_EVE = "2018-09-10"  # the meeting on the eve of the essay; 'on or before' includes it


def _claim_ladder(answer):
    say = "ex04_claim_ladder"
    parts = mapping(answer, ["order", "supported"])
    steps = order(parts["order"], "ABC", "'order' (weakest claim first)")
    supported = one_letter(parts["supported"], "ABC", "'supported'")
    if steps != ["A", "B", "C"]:
        return Feedback(False, TEXT(say, "weakest" if steps[0] != "A" else "order"))
    if supported != "A":
        return Feedback(False, TEXT(say, "supported"))
    return Feedback(True, TEXT(say, "correct"))


def _meetings() -> pd.DataFrame:
    timeline = table("timeline")
    return timeline[timeline["kind"] == "abe_putin_meeting"]


def meetings_per_year() -> dict[int, int]:
    """Dated Abe-Putin meeting rows per year (the reference answer of ex04_meetings_per_year)."""
    dated = _meetings()[_meetings()["date"].notna()]
    return {int(y): int(n) for y, n in dated["date"].str[:4].astype(int).value_counts().sort_index().items()}


def _meetings_per_year(answer):
    say = "ex04_meetings_per_year"
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise AnswerFormatError(f"expected a dict such as {{2013: 4}}, got {type(answer).__name__}.")
    given = {}
    for key, value in answer.items():
        if isinstance(key, float) and math.isnan(key):
            return Feedback(False, TEXT(say, "nan_year"))
        year = norm_key(key)
        if not isinstance(year, int):
            raise AnswerFormatError(f"years must be whole numbers such as 2016, got {key!r}.")
        given[year] = number(value, f"count for {year}")
    expected = meetings_per_year()
    timeline = table("timeline")
    every_kind = timeline[timeline["date"].notna()]["date"].str[:4].astype(int).value_counts().to_dict()
    if given == expected:
        quiet = [y for y in range(min(expected), max(expected) + 2) if y not in expected]
        after = TEXT.say(say, "none_after", year=quiet[0]) if quiet else ""
        return Feedback(True, TEXT.say(say, "correct", peak=max(expected, key=expected.get), after=after))
    if given == {y: every_kind.get(y, 0) for y in given} and set(given) == set(every_kind):
        return Feedback(False, TEXT(say, "every_kind"))
    if set(given) != set(expected):
        extra, missing = sorted(set(given) - set(expected)), sorted(set(expected) - set(given))
        detail = (
            TEXT.say(say, "extra_years", years=extra)
            if extra
            else TEXT.say(say, "missing_years", years=missing)
        )
        return Feedback(False, TEXT.say(say, "years", detail=detail))
    wrong = sorted(y for y in expected if given[y] != expected[y])
    if wrong == [2016] and given[2016] == expected[2016] - 1:
        return Feedback(False, TEXT(say, "merged"))
    return Feedback(False, TEXT.say(say, "count", year=wrong[0]))


def _meetings_model() -> str:
    return TEXT.say("ex04_meetings_per_year", "model", counts=meetings_per_year())


def _meeting_22() -> Numbers:
    say = "ex04_meeting_22"
    meetings = _meetings()
    cutoff = pd.Timestamp(ESSAY_EVE)
    rows = int((meetings["date_last"] <= cutoff).sum())
    undated = int(meetings["date"].isna().sum())
    # Rows a note marks as days of one visit (15-16 December 2016).
    same_visit = meetings["note"].fillna("").str.contains("same visit|as one visit", case=False)
    merged = int(same_visit[meetings["date_last"] <= cutoff].sum()) // 2
    visits = rows + undated - merged
    return Numbers(
        {
            "dated_rows": Number(
                rows,
                0,
                TEXT(say, "dated_rows_hint"),
                (
                    (int(meetings["date"].notna().sum()), TEXT(say, "every_dated")),
                    (rows - 1, TEXT(say, "without_eve")),
                ),
            ),
            "visits": Number(
                visits,
                0,
                TEXT(say, "visits_hint"),
                ((rows + undated, TEXT(say, "unmerged")), (rows - merged, TEXT(say, "without_undated"))),
            ),
        },
        TEXT.say(say, "success", visits=visits),
    )


def _ladder_fields() -> tuple[Field, ...]:
    say = "ex04_claim_ladder"
    steps = tuple(
        Field(f"step{i}", TEXT.say(say, "step_label", word=word), "select", tuple("ABC"))
        for i, word in enumerate(TEXT(say, "steps"), start=1)
    )
    return steps + (Field("supported", TEXT(say, "supported_label"), "radio", tuple("ABC")),)


EXERCISES = [
    Exercise(
        "ex04_claim_ladder",
        TEXT("ex04_claim_ladder", "form"),
        lambda: Custom(
            _claim_ladder,
            _ladder_fields(),
            lambda v: {"order": [v["step1"], v["step2"], v["step3"]], "supported": v["supported"]},
        ),
    ),
    Exercise(
        "ex04_meetings_per_year",
        TEXT("ex04_meetings_per_year", "form"),
        lambda: Custom(_meetings_per_year),
        model_answer=_meetings_model,
    ),
    Exercise("ex04_meeting_22", TEXT("ex04_meeting_22", "form"), _meeting_22),
]
