"""Exercises for chapter 6, zero-sum: Dittmer's triangle, game tables, growth rates, arguing from absence.

The feedback sentences, hints and model answer are in ``ch06_zero_sum.yml`` beside this module.
"""

from __future__ import annotations

from typing import Any

from ..data.queries import gac_total
from .feedback import AnswerFormatError, Feedback, mapping, number
from .spec import PERCENT_TOL, Custom, Exercise, Label, Labels, Number, Numbers
from .texts import texts

TEXT = texts(__name__)

# ---------------------------------------------------------------- the strategic triangle

PATTERNS = ("romantic triangle", "stable marriage", "menage a trois", "none")
COUNTRIES = ("Japan", "Russia", "China", "United States")
SAME_PATTERN = {"ménage à trois": "menage a trois"}


def _triangle() -> Labels:
    say = "ex06_triangle"
    invalid = TEXT(say, "not_a_pattern")
    return Labels(
        {
            "essay_2018": Label(
                "romantic triangle",
                PATTERNS,
                title=TEXT(say, "essay_2018", "title"),
                invalid=invalid,
                aliases=SAME_PATTERN,
                wrongs={"menage a trois": TEXT(say, "essay_2018", "menage")},
                other=TEXT(say, "essay_2018", "other"),
            ),
            "pivot": Label(
                "Russia", COUNTRIES, title=TEXT(say, "pivot", "title"), other=TEXT(say, "pivot", "other")
            ),
            "sources_2022_2024": Label(
                "stable marriage",
                PATTERNS,
                title=TEXT(say, "sources_2022_2024", "title"),
                invalid=invalid,
                aliases=SAME_PATTERN,
                wrongs={"romantic triangle": TEXT(say, "sources_2022_2024", "romantic")},
                other=TEXT(say, "sources_2022_2024", "other"),
            ),
        },
        TEXT(say, "success"),
    )


# ---------------------------------------------------------------- constant-sum and positive-sum games


def _payoff_table(table: Any, name: str) -> dict[tuple, tuple[float, float]]:
    if not isinstance(table, dict) or len(table) != 4:
        raise AnswerFormatError(
            f"{name}: expected a dict of four cells {{(row, column): (payoff_1, payoff_2)}}."
        )
    cells = {}
    for key, value in table.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise AnswerFormatError(f"{name}: each key must be a (row, column) pair, got {key!r}.")
        if not (isinstance(value, (tuple, list)) and len(value) == 2):
            raise AnswerFormatError(
                f"{name}: cell {key!r} must hold two payoffs (player 1, player 2), got {value!r}."
            )
        cells[key] = (number(value[0], f"{name} {key} payoff 1"), number(value[1], f"{name} {key} payoff 2"))
    rows, cols = {k[0] for k in cells}, {k[1] for k in cells}
    if len(rows) != 2 or len(cols) != 2:
        raise AnswerFormatError(
            f"{name}: a 2x2 game needs two row choices and two column choices, got rows "
            f"{sorted(map(str, rows))} and columns {sorted(map(str, cols))}."
        )
    return cells


def _constant_sum(answer):
    say = "ex06_constant_sum"
    parts = mapping(answer, ["constant_sum", "positive_sum"])
    const = _payoff_table(parts["constant_sum"], "constant_sum")
    pos = _payoff_table(parts["positive_sum"], "positive_sum")
    sums = {k: a + b for k, (a, b) in const.items()}
    if len({round(s, 9) for s in sums.values()}) != 1:
        shown = ", ".join(f"{k}: {s:g}" for k, s in sums.items())
        return Feedback(False, TEXT.say(say, "not_constant", sums=shown))
    pos_sums = {k: a + b for k, (a, b) in pos.items()}
    if len({round(s, 9) for s in pos_sums.values()}) == 1:
        return Feedback(False, TEXT.say(say, "still_constant", total=next(iter(pos_sums.values()))))
    if not any(a2 > a1 and b2 > b1 for (a1, b1) in pos.values() for (a2, b2) in pos.values()):
        return Feedback(False, TEXT(say, "no_gain"))
    return Feedback(True, TEXT(say, "correct"))


# ---------------------------------------------------------------- growth


def _russia_china_growth() -> Numbers:
    say = "ex06_russia_china_growth"
    start, end = gac_total(2018), gac_total(2023)
    years = 2023 - 2018
    total = (end - start) / start * 100
    cagr = ((end / start) ** (1 / years) - 1) * 100
    return Numbers(
        {
            "total": Number(
                total,
                PERCENT_TOL,
                TEXT(say, "total_hint"),
                (((end - start) / end * 100, TEXT(say, "by_end")), (end / start * 100, TEXT(say, "ratio"))),
                percent=True,
            ),
            "per_year": Number(
                cagr,
                PERCENT_TOL,
                TEXT(say, "per_year_hint"),
                (
                    (total / years, TEXT(say, "simple")),
                    (((end / start) ** (1 / (years + 1)) - 1) * 100, TEXT(say, "six_steps")),
                    (((end / start) ** (1 / (years - 1)) - 1) * 100, TEXT(say, "four_steps")),
                ),
                percent=True,
            ),
        },
        TEXT.say(say, "success", total=total, cagr=cagr),
    )


EXERCISES = [
    Exercise("ex06_triangle", TEXT("ex06_triangle", "form"), _triangle),
    Exercise(
        "ex06_constant_sum",
        TEXT("ex06_constant_sum", "form"),
        lambda: Custom(_constant_sum),
        model_answer=TEXT("ex06_constant_sum", "model"),
    ),
    Exercise("ex06_russia_china_growth", TEXT("ex06_russia_china_growth", "form"), _russia_china_growth),
]
