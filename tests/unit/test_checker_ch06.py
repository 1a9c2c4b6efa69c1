"""Chapter 6 checkers: every feedback branch reached by a crafted answer.

Expected messages come from ``coursekit/exercises/ch06_zero_sum.yml`` (plain YAML), the
figures from ``data/trade.csv`` through the plain-pandas helpers of ``tests/test_checks.py``.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from coursekit.exercises import check
from coursekit.exercises.boxes import box_data, model_answer
from coursekit.exercises.feedback import Feedback
from tests.helpers import REPO_ROOT
from tests.test_checks import CONSTANT, POSITIVE, gac

TEXTS = yaml.safe_load((REPO_ROOT / "coursekit/exercises/ch06_zero_sum.yml").read_text(encoding="utf-8"))


def no(message: str) -> Feedback:
    return Feedback(False, message)


def form_error(exercise_id: str, message: str) -> Feedback:
    return no(f"{message} Expected: {TEXTS[exercise_id]['form']}.")


# ---------------------------------------------------------------- the triangle

T = TEXTS["ex06_triangle"]
RIGHT = {"essay_2018": "romantic triangle", "pivot": "Russia", "sources_2022_2024": "stable marriage"}


def one_wrong(key: str, value: str) -> Feedback:
    return check("ex06_triangle", {**RIGHT, key: value})


def lead(key: str) -> str:
    return ", ".join(k for k in RIGHT if k != key) + f" right; {key}: "


def test_the_triangle_passes_in_any_spelling():
    assert check("ex06_triangle", RIGHT) == Feedback(True, T["success"])
    loose = {"essay_2018": "Romantic_Triangle", "pivot": " russia ", "sources_2022_2024": "stable-marriage"}
    assert check("ex06_triangle", loose) == Feedback(True, T["success"])


@pytest.mark.parametrize(
    "key,value,message",
    [
        ("essay_2018", "ménage à trois", T["essay_2018"]["menage"]),
        ("essay_2018", "menage a trois", T["essay_2018"]["menage"]),
        ("essay_2018", "stable marriage", T["essay_2018"]["other"]),
        ("essay_2018", "none", T["essay_2018"]["other"]),
        ("pivot", "Japan", T["pivot"]["other"]),
        ("pivot", "Mongolia", T["pivot"]["other"]),
        ("sources_2022_2024", "romantic triangle", T["sources_2022_2024"]["romantic"]),
        ("sources_2022_2024", "Ménage à trois", T["sources_2022_2024"]["other"]),
    ],
)
def test_each_triangle_mistake_gets_its_feedback(key, value, message):
    assert one_wrong(key, value) == no(lead(key) + message)


@pytest.mark.parametrize("key", ["essay_2018", "sources_2022_2024"])
def test_a_pattern_that_is_not_dittmers_is_a_format_error(key):
    assert one_wrong(key, "Love") == form_error(
        "ex06_triangle", T["not_a_pattern"].format(name=key, value="love")
    )


def test_the_triangle_box_has_three_selects():
    assert [(f["name"], f["label"], f["options"]) for f in box_data("ex06_triangle")["fields"]] == [
        (
            "essay_2018",
            T["essay_2018"]["title"],
            ["romantic triangle", "stable marriage", "menage a trois", "none"],
        ),
        ("pivot", T["pivot"]["title"], ["Japan", "Russia", "China", "United States"]),
        (
            "sources_2022_2024",
            T["sources_2022_2024"]["title"],
            ["romantic triangle", "stable marriage", "menage a trois", "none"],
        ),
    ]


# ---------------------------------------------------------------- constant-sum and positive-sum games

G = TEXTS["ex06_constant_sum"]


def games(constant, positive):
    return check("ex06_constant_sum", {"constant_sum": constant, "positive_sum": positive})


def test_the_two_games_pass():
    assert games(CONSTANT, POSITIVE) == Feedback(True, G["correct"])
    near = {("x", "p"): (0.1, 0.2), ("x", "q"): (0.3, 0.0), ("y", "p"): (1, -0.7), ("y", "q"): (0.15, 0.15)}
    assert games(near, POSITIVE) == Feedback(True, G["correct"]), "0.1 + 0.2 is 0.3 to nine decimals"


def test_a_first_table_that_is_not_constant_sum_shows_its_totals():
    assert games(POSITIVE, POSITIVE) == no(
        G["not_constant"].format(sums="('x', 'p'): 0, ('x', 'q'): 5, ('y', 'p'): 0, ('y', 'q'): 1")
    )


def test_a_second_table_that_is_still_constant_sum_is_named():
    assert games(CONSTANT, CONSTANT) == no(G["still_constant"].format(total=0))
    shifted = {k: (a + 1, b + 1.5) for k, (a, b) in CONSTANT.items()}
    assert games(CONSTANT, shifted) == no(G["still_constant"].format(total=2.5))


def test_a_second_table_without_a_better_outcome_for_both_is_named():
    incomparable = {("x", "p"): (4, 0), ("x", "q"): (0, 3), ("y", "p"): (2, 1), ("y", "q"): (1, 2)}
    assert games(CONSTANT, incomparable) == no(G["no_gain"])
    one_better = {("x", "p"): (4, 0), ("x", "q"): (0, 3), ("y", "p"): (2, 1), ("y", "q"): (1, 4)}
    assert games(CONSTANT, one_better) == Feedback(True, G["correct"])
    tie_on_one = {("x", "p"): (4, 0), ("x", "q"): (0, 3), ("y", "p"): (2, 1), ("y", "q"): (2, 2)}
    assert games(CONSTANT, tie_on_one) == no(G["no_gain"]), "better for both means strictly better for each"
    tie_on_two = {("x", "p"): (4, 2), ("x", "q"): (1, 2), ("y", "p"): (0, 5), ("y", "q"): (5, 0)}
    assert games(CONSTANT, tie_on_two) == no(G["no_gain"]), "(4, 2) is no better than (1, 2) for player 2"
    tie_on_first = {("x", "p"): (1, 3), ("x", "q"): (1, 2), ("y", "p"): (0, 5), ("y", "q"): (5, 0)}
    assert games(CONSTANT, tie_on_first) == no(G["no_gain"]), "(1, 3) is no better than (1, 2) for player 1"


@pytest.mark.parametrize(
    "constant,message",
    [
        ({}, "constant_sum: expected a dict of four cells {(row, column): (payoff_1, payoff_2)}."),
        ([1, 2, 3, 4], "constant_sum: expected a dict of four cells {(row, column): (payoff_1, payoff_2)}."),
        (
            {1: (0, 0), 2: (0, 0), 3: (0, 0), 4: (0, 0)},
            "constant_sum: each key must be a (row, column) pair, got 1.",
        ),
        (
            {("a", "x", "z"): (0, 0), 2: (0, 0), 3: (0, 0), 4: (0, 0)},
            "constant_sum: each key must be a (row, column) pair, got ('a', 'x', 'z').",
        ),
        (
            {("a", "x"): (1, 2, 3), ("a", "y"): (0, 0), ("b", "x"): (0, 0), ("b", "y"): (0, 0)},
            "constant_sum: cell ('a', 'x') must hold two payoffs (player 1, player 2), got (1, 2, 3).",
        ),
        (
            {("a", "x"): "12", ("a", "y"): (0, 0), ("b", "x"): (0, 0), ("b", "y"): (0, 0)},
            "constant_sum: cell ('a', 'x') must hold two payoffs (player 1, player 2), got '12'.",
        ),
        (
            {("a", "x"): ["1", 2], ("a", "y"): (0, 0), ("b", "x"): (0, 0), ("b", "y"): (0, 0)},
            "constant_sum ('a', 'x') payoff 1: expected a number, got '1'. Give the number itself (39.6, not "
            "'39.6%').",
        ),
        (
            {("a", "x"): [1, None], ("a", "y"): (0, 0), ("b", "x"): (0, 0), ("b", "y"): (0, 0)},
            "constant_sum ('a', 'x') payoff 2: expected a number, got None. Give the number itself (39.6, not "
            "'39.6%').",
        ),
        (
            {("a", "x"): (0, 0), ("b", "x"): (0, 0), ("c", "x"): (0, 0), ("d", 1): (0, 0)},
            "constant_sum: a 2x2 game needs two row choices and two column choices, got rows ['a', 'b', 'c', 'd'] "
            "and columns ['1', 'x'].",
        ),
        (
            {("a", "x"): (0, 0), ("a", "y"): (0, 0), ("a", "z"): (0, 0), ("b", "x"): (0, 0)},
            "constant_sum: a 2x2 game needs two row choices and two column choices, got rows ['a', 'b'] and "
            "columns ['x', 'y', 'z'].",
        ),
    ],
)
def test_a_malformed_game_table_says_what_to_fix(constant, message):
    assert games(constant, POSITIVE) == form_error("ex06_constant_sum", message)


def test_the_second_table_is_named_in_its_errors():
    assert games(CONSTANT, {}) == form_error(
        "ex06_constant_sum",
        "positive_sum: expected a dict of four cells {(row, column): (payoff_1, payoff_2)}.",
    )


def test_the_game_model_answer_is_the_yaml_text():
    assert model_answer("ex06_constant_sum") == G["model"]


# ---------------------------------------------------------------- growth

R = TEXTS["ex06_russia_china_growth"]


@cache
def ends() -> tuple[float, float]:
    return gac(2018), gac(2023)


def growth() -> dict[str, float]:
    start, end = ends()
    return {"total": (end - start) / start * 100, "per_year": ((end / start) ** (1 / 5) - 1) * 100}


def test_the_growth_passes_quoting_both_rates():
    ref = growth()
    assert check("ex06_russia_china_growth", ref) == Feedback(
        True, R["success"].format(total=ref["total"], cagr=ref["per_year"])
    )


def test_each_growth_mistake_gets_its_feedback():
    start, end = ends()
    ref = growth()

    def wrong(key, value):
        return check("ex06_russia_china_growth", {**ref, key: value})

    assert wrong("total", (end - start) / end * 100) == no(f"per_year right; total: {R['by_end']}")
    assert wrong("total", end / start * 100) == no(f"per_year right; total: {R['ratio']}")
    assert wrong("total", 1.0) == no(
        f"per_year right; total: 1 does not match what the data give. {R['total_hint']}"
    )
    assert wrong("per_year", ref["total"] / 5) == no(f"total right; per_year: {R['simple']}")
    assert wrong("per_year", ((end / start) ** (1 / 6) - 1) * 100) == no(
        f"total right; per_year: {R['six_steps']}"
    )
    assert wrong("per_year", ((end / start) ** (1 / 4) - 1) * 100) == no(
        f"total right; per_year: {R['four_steps']}"
    )
    for key, other in (("total", "per_year"), ("per_year", "total")):
        fraction = ref[key] / 100
        assert wrong(key, fraction) == no(
            f"{other} right; {key}: {fraction:g} looks like a fraction; the question asks for a percentage, so "
            "multiply by 100."
        )
    assert wrong("per_year", 1.0) == no(
        f"total right; per_year: 1 does not match what the data give. {R['per_year_hint']}"
    )


# ---------------------------------------------------------------- arguing from absence

A = TEXTS["ex06_absence"]


@pytest.mark.parametrize("letter", "ABCD")
def test_each_absence_option_gets_its_own_feedback(letter):
    assert check("ex06_absence", letter.lower()) == Feedback(letter == "B", A["choice"]["options"][letter])
