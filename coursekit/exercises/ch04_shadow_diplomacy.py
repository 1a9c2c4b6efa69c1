"""Exercises for chapter 4, shadow diplomacy: a ladder of claims, counting meetings, an analogy's premises."""

from __future__ import annotations

import math

import pandas as pd

from ..data.queries import table
from .feedback import AnswerFormatError, Feedback, mapping, norm_key, number, one_letter, order
from .spec import Choices, Custom, Exercise, Field, Number, Numbers

# ---------------------------------------------------------------- teaching text

LADDER = {
    "weakest": "The weakest wording only reports what happened (who was told what); it adds neither intent nor "
    "consequence.",
    "order": "B adds an intention (to deceive); C adds a serious cost as well. Which claims more?",
    "supported": "The reports support only the least loaded wording: the US was not told in advance. The reported "
    "reaction was irritation, and Tokyo later briefed Washington on further contacts.",
    "correct": "Each step up the ladder adds something the sources do not show: first intent, then a heavy cost.",
}
ESSAY_EVE = "2018-09-10"  # the meeting on the eve of the essay; 'on or before' includes it


def _claim_ladder(answer):
    parts = mapping(answer, ["order", "supported"])
    steps = order(parts["order"], "ABC", "'order' (weakest claim first)")
    supported = one_letter(parts["supported"], "ABC", "'supported'")
    if steps != ["A", "B", "C"]:
        return Feedback(False, LADDER["weakest"] if steps[0] != "A" else LADDER["order"])
    if supported != "A":
        return Feedback(False, LADDER["supported"])
    return Feedback(True, LADDER["correct"])


def _meetings() -> pd.DataFrame:
    timeline = table("timeline")
    return timeline[timeline["kind"] == "abe_putin_meeting"]


def meetings_per_year() -> dict[int, int]:
    """Dated Abe-Putin meeting rows per year (the reference answer of ex04_meetings_per_year)."""
    dated = _meetings()[_meetings()["date"].notna()]
    return {int(y): int(n) for y, n in dated["date"].str[:4].astype(int).value_counts().sort_index().items()}


def _meetings_per_year(answer):
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise AnswerFormatError(f"expected a dict such as {{2013: 4}}, got {type(answer).__name__}.")
    given = {}
    for key, value in answer.items():
        if isinstance(key, float) and math.isnan(key):
            return Feedback(
                False,
                "Your counts include a NaN year: those are the undated meetings. Count dated rows "
                "only (drop rows whose date is missing) and mention the undated ones in words.",
            )
        year = norm_key(key)
        if not isinstance(year, int):
            raise AnswerFormatError(f"years must be whole numbers such as 2016, got {key!r}.")
        given[year] = number(value, f"count for {year}")
    expected = meetings_per_year()
    timeline = table("timeline")
    every_kind = timeline[timeline["date"].notna()]["date"].str[:4].astype(int).value_counts().to_dict()
    if given == expected:
        quiet = [y for y in range(min(expected), max(expected) + 2) if y not in expected]
        after = f" and none in {quiet[0]} or later" if quiet else ""
        return Feedback(
            True,
            f"Peak in {max(expected, key=expected.get)}{after} in this table. Note that 15 and 16 "
            "December 2016 are two rows of one visit.",
        )
    if given == {y: every_kind.get(y, 0) for y in given} and set(given) == set(every_kind):
        return Feedback(
            False, "You counted every event in the timeline; keep only kind == 'abe_putin_meeting'."
        )
    if set(given) != set(expected):
        extra, missing = sorted(set(given) - set(expected)), sorted(set(expected) - set(given))
        detail = f"extra years {extra}" if extra else f"missing years {missing}"
        return Feedback(
            False,
            f"Your years do not match the meeting rows ({detail}). Take the year from the first "
            "four characters of the date column.",
        )
    wrong = sorted(y for y in expected if given[y] != expected[y])
    if wrong == [2016] and given[2016] == expected[2016] - 1:
        return Feedback(
            False,
            "You merged the two days of the December 2016 visit. That is a fair way to count "
            "visits, and the next exercise asks for it; here, count rows.",
        )
    return Feedback(
        False, f"The count for {wrong[0]} does not match the meeting rows; check your filter on kind."
    )


def _meeting_22() -> Numbers:
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
                "Filter kind == 'abe_putin_meeting' and date_last <= 2018-09-10.",
                (
                    (
                        int(meetings["date"].notna().sum()),
                        "you counted every dated meeting; stop at 10 September 2018.",
                    ),
                    (
                        rows - 1,
                        "you left out the meeting of 10 September 2018 itself; 'on or before' includes it.",
                    ),
                ),
            ),
            "visits": Number(
                visits,
                0,
                "Add the undated meetings and merge rows that the note marks as one visit.",
                (
                    (
                        rows + undated,
                        "you added the undated first-term meetings but still count the two-day December 2016 "
                        "visit twice.",
                    ),
                    (
                        rows - merged,
                        "you merged the December 2016 visit but left out the undated meetings from Abe's first "
                        "term (2006-2007).",
                    ),
                ),
            ),
        },
        f"{visits} visits, matching the '22nd' meeting reported for 10 September 2018 if the reporters counted this "
        "way. The table cannot prove they did; it only shows the numbers can agree.",
    )


def _ladder_fields() -> tuple[Field, ...]:
    steps = tuple(
        Field(f"step{i}", f"{word} claim", "select", tuple("ABC"))
        for i, word in enumerate(("Weakest", "Middle", "Strongest"), start=1)
    )
    return steps + (Field("supported", "The strongest claim the reports support", "radio", tuple("ABC")),)


EXERCISES = [
    Exercise(
        "ex04_claim_ladder",
        "a dict {'order': [three letters, weakest first], 'supported': letter}",
        lambda: Custom(
            _claim_ladder,
            _ladder_fields(),
            lambda v: {"order": [v["step1"], v["step2"], v["step3"]], "supported": v["supported"]},
        ),
    ),
    Exercise(
        "ex04_meetings_per_year",
        "a dict {year: number of Abe-Putin meeting rows}, for the dated rows",
        lambda: Custom(_meetings_per_year),
        model_answer=lambda: (
            "Count the dated rows of kind 'abe_putin_meeting' per year (the first four "
            "characters of "
            "the date); the undated first-term meetings are left out of the count and mentioned in "
            "words. The result, from data/timeline.csv: " + str(meetings_per_year()) + "."
        ),
    ),
    Exercise("ex04_meeting_22", "a dict {'dated_rows': number, 'visits': number}", _meeting_22),
    Exercise(
        "ex04_precedent",
        "a list of option letters, e.g. ['A', 'C']",
        lambda: Choices(
            options="ABCDE",
            correct=frozenset("AE"),
            refuse={
                "B": "B is a detail of the North Korea case (where the meeting happened), not something the analogy needs.",
                "C": "C is not needed: the analogy is about Tokyo's willingness to act alone, not about which official "
                "acts.",
                "D": "D is not needed, and the essay does not claim it; Russia's ties to North Korea play no part in the "
                "argument.",
            },
            success="Both premises are unstated. The sources cut against A: Kyodo reported that Trump understood Abe's "
            "Russia policy, so there was little to go around.",
            missing={
                "A": "Add the premise about Washington: going 'around' the US only makes sense if the US objects."
            },
            incomplete="Add the premise about Tokyo's priorities: the gain from Russia has to outweigh the cost of US "
            "displeasure.",
        ),
    ),
]
