"""Exercises for chapter 6, zero-sum: Dittmer's triangle, game tables, growth rates, arguing from absence."""

from __future__ import annotations

from typing import Any

from ..data.queries import gac_total
from .feedback import AnswerFormatError, Feedback, mapping, number
from .spec import PERCENT_TOL, Choice, Custom, Exercise, Label, Labels, Number, Numbers

# ---------------------------------------------------------------- the strategic triangle

PATTERNS = ("romantic triangle", "stable marriage", "menage a trois", "none")
COUNTRIES = ("Japan", "Russia", "China", "United States")
NOT_A_PATTERN = (
    "{name}: {value!r} is not one of Dittmer's patterns ('menage a trois', 'stable marriage', "
    "'romantic triangle')."
)
SAME_PATTERN = {"ménage à trois": "menage a trois"}
TRIANGLE_SUCCESS = (
    "From Russia as a courted pivot to a Russia-China pairing facing Japan. The friend/foe coding is "
    "crude: China-Japan relations were cool, not hostile, in parts of this period."
)


def _triangle() -> Labels:
    return Labels(
        {
            "essay_2018": Label(
                "romantic triangle",
                PATTERNS,
                title="The essay's hoped-for triangle (2018)",
                invalid=NOT_A_PATTERN,
                aliases=SAME_PATTERN,
                wrongs={
                    "menage a trois": "a ménage à trois needs all three pairs friendly, but in the picture the "
                    "essay's strategists hope for, China and Japan distrust each other."
                },
                other="one party is friendly with two others who are hostile to each other: which of Dittmer's "
                "patterns is that?",
            ),
            "pivot": Label(
                "Russia",
                COUNTRIES,
                title="Its pivot",
                other="the pivot is the party on good terms with both of the others; in the imagined 2018 "
                "setting, which country is that?",
            ),
            "sources_2022_2024": Label(
                "stable marriage",
                PATTERNS,
                title="The triangle in 2022-2024 sources",
                invalid=NOT_A_PATTERN,
                aliases=SAME_PATTERN,
                wrongs={
                    "romantic triangle": "by 2022 Russia was hostile to Japan (the 'unfriendly' list), so no one is "
                    "friendly with both others."
                },
                other="two friendly parties (Russia and China) facing a third (Japan) they are both at odds with: which "
                "pattern is that?",
            ),
        },
        TRIANGLE_SUCCESS,
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
    parts = mapping(answer, ["constant_sum", "positive_sum"])
    const = _payoff_table(parts["constant_sum"], "constant_sum")
    pos = _payoff_table(parts["positive_sum"], "positive_sum")
    sums = {k: a + b for k, (a, b) in const.items()}
    if len({round(s, 9) for s in sums.values()}) != 1:
        shown = ", ".join(f"{k}: {s:g}" for k, s in sums.items())
        return Feedback(
            False, f"constant_sum: the payoffs in each cell must add to the same total; yours add to {shown}."
        )
    pos_sums = {k: a + b for k, (a, b) in pos.items()}
    if len({round(s, 9) for s in pos_sums.values()}) == 1:
        return Feedback(
            False,
            f"positive_sum: every cell adds to {next(iter(pos_sums.values())):g}, so this is still "
            "constant-sum; make one outcome better for both players.",
        )
    if not any(a2 > a1 and b2 > b1 for (a1, b1) in pos.values() for (a2, b2) in pos.values()):
        return Feedback(
            False,
            "positive_sum: the totals differ, but no outcome leaves both players better off than "
            "another; in a positive-sum game, cooperation can make both gain.",
        )
    return Feedback(
        True,
        "In the first table any gain for one player is a loss for the other; in the second, some "
        "outcome is better for both. Which table did the essay assume Washington would use?",
    )


CONSTANT_SUM_MODEL = (
    "Any numbers will do if the rules hold. Constant-sum: (invest, object) 1, -1; (invest, accept) 2, -2; "
    "(hold back, object) 0, 0; (hold back, accept) -1, 1: every cell adds to 0. Positive-sum: (invest, object) "
    "1, -1; (invest, accept) 3, 2; (hold back, object) 0, 0; (hold back, accept) 0, 1: investing while the US "
    "accepts leaves both better off than the other outcomes."
)

# ---------------------------------------------------------------- growth


def _russia_china_growth() -> Numbers:
    start, end = gac_total(2018), gac_total(2023)
    years = 2023 - 2018
    total = (end - start) / start * 100
    cagr = ((end / start) ** (1 / years) - 1) * 100
    return Numbers(
        {
            "total": Number(
                total,
                PERCENT_TOL,
                "Use the China customs (GAC) totals for 2018 and 2023 in trade.csv.",
                (
                    (
                        (end - start) / end * 100,
                        "you divided by the 2023 value; growth is measured against 2018.",
                    ),
                    (end / start * 100, "that is 2023 as a percent of 2018; the growth is this minus 100."),
                ),
                percent=True,
            ),
            "per_year": Number(
                cagr,
                PERCENT_TOL,
                "Compound annual growth: (end / start) ** (1 / 5) - 1, times 100.",
                (
                    (
                        total / years,
                        "you divided the total growth by the number of years; growth compounds, so take the "
                        "fifth root of end / start, then subtract 1.",
                    ),
                    (
                        ((end / start) ** (1 / (years + 1)) - 1) * 100,
                        "2018 to 2023 is five yearly steps, not six.",
                    ),
                    (
                        ((end / start) ** (1 / (years - 1)) - 1) * 100,
                        "2018 to 2023 is five yearly steps, not four.",
                    ),
                ),
                percent=True,
            ),
        },
        f"More than doubled (+{total:.0f}%), about {cagr:.1f}% a year compounded, by China's customs figures. data/ "
        "has no full-year Japan-Russia series in dollars after 2020, so do not set these beside the yen figures.",
    )


EXERCISES = [
    Exercise(
        "ex06_triangle",
        "a dict {'essay_2018': pattern, 'pivot': country, 'sources_2022_2024': pattern}",
        _triangle,
    ),
    Exercise(
        "ex06_constant_sum",
        "a dict {'constant_sum': table, 'positive_sum': table}; each table maps "
        "(row, column) to (payoff_1, payoff_2)",
        lambda: Custom(_constant_sum),
        model_answer=CONSTANT_SUM_MODEL,
    ),
    Exercise(
        "ex06_russia_china_growth", "a dict {'total': percent, 'per_year': percent}", _russia_china_growth
    ),
    Exercise(
        "ex06_absence",
        "one option letter",
        lambda: Choice(
            {
                "A": "A turns an absence of evidence into a positive claim ('clearly') that nothing in the sources supports.",
                "B": "It reports what was searched for and found, and no more.",
                "C": "C swaps one unsupported claim for its opposite; no source shows secret opposition either.",
                "D": "D treats silence as consent, a different and stronger claim.",
            },
            correct="B",
        ),
    ),
]
