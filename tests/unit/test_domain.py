"""The widgets' pure domain logic, pinned with hand-made inputs and hand-computed answers.

Every expected value here is worked out by hand (or from the definition in the
docstring of the test), never copied from the code's output, so a one-line slip in
a rule (a range boundary, a tie, the wrong actor, a sign) fails a test.
"""

from __future__ import annotations

import pytest

from coursekit.explorers.payoff import largest_total, pure_equilibria
from coursekit.explorers.routes import season_months
from coursekit.explorers.scorecard import score
from coursekit.explorers.tariffs import tariff_effect
from coursekit.explorers.triangle import classify_triangle, triangle_edges
from coursekit.text import escape_markdown, exact_number, year_ranges

# ---------------------------------------------------------------- year ranges


@pytest.mark.parametrize(
    "years, expected",
    [
        ([], ""),
        ([2005], "2005"),
        ([2000, 2001], "2000–2001"),
        ([2000, 2002], "2000, 2002"),
        ([2000, 2001, 2002, 2005], "2000–2002, 2005"),
        ([2005, 2000, 2002, 2001], "2000–2002, 2005"),  # order does not matter
        ([1999, 2000, 2000, 2001], "1999–2001"),  # repeats do not matter
        ([2010, 2012, 2013, 2014, 2016], "2010, 2012–2014, 2016"),
        ([2020, 2021, 2023, 2024], "2020–2021, 2023–2024"),
    ],
)
def test_year_ranges_joins_consecutive_years_only(years, expected):
    assert year_ranges(years) == expected


# ---------------------------------------------------------------- text helpers


def test_exact_number_keeps_every_stored_digit_and_separates_thousands():
    assert exact_number(4554.377322) == "4,554.377322"
    assert exact_number(1234567.0) == "1,234,567"
    assert exact_number(0.5) == "0.5"
    assert exact_number(12) == "12"


def test_markdown_escape_covers_every_markup_character():
    assert escape_markdown("a*b_c`d[e]f<g>h#i|j{k}l\\m") == r"a\*b\_c\`d\[e\]f\<g\>h\#i\|j\{k\}l\\m"
    assert escape_markdown("plain text, 10% & more") == "plain text, 10% & more"


# ---------------------------------------------------------------- equilibria


def test_prisoners_dilemma_has_one_equilibrium_mutual_defection():
    # (row, col) payoffs; strategy 0 = cooperate, 1 = defect: defecting is each one's best reply
    pd_game = (((3, 3), (0, 5)), ((5, 0), (1, 1)))
    assert pure_equilibria(pd_game) == {(1, 1)}


def test_coordination_game_has_both_matching_cells():
    game = (((2, 2), (0, 0)), ((0, 0), (1, 1)))
    assert pure_equilibria(game) == {(0, 0), (1, 1)}


def test_matching_pennies_has_no_pure_equilibrium():
    game = (((1, -1), (-1, 1)), ((-1, 1), (1, -1)))
    assert pure_equilibria(game) == set()


def test_ties_count_as_no_gain_from_switching():
    # every payoff equal: nobody gains by switching anywhere, so all four cells are equilibria
    flat = (((1, 1), (1, 1)), ((1, 1), (1, 1)))
    assert pure_equilibria(flat) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    # the row player is indifferent between rows in column 0; the column player strictly prefers column 0
    game = (((2, 3), (0, 1)), ((2, 3), (5, 0)))
    assert pure_equilibria(game) == {(0, 0), (1, 0)}


def test_largest_total_keeps_every_tied_cell():
    assert largest_total((((5, 5), (2, 8)), ((8, 2), (5, 5)))) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert largest_total((((8, 8), (1, 5)), ((5, 1), (4, 4)))) == {(0, 0)}
    assert largest_total((((1, 1), (3, 0)), ((0, 3), (1, 1)))) == {(0, 1), (1, 0)}


# ---------------------------------------------------------------- strategic triangle

NAMES = ("Russia", "Japan", "China")  # indices 0, 1, 2; pairs (0,1), (0,2), (1,2)


@pytest.mark.parametrize(
    "rj, rc, jc, partners, outsider",
    [
        (True, False, False, ("Russia", "Japan"), "China"),
        (False, True, False, ("Russia", "China"), "Japan"),
        (False, False, True, ("Japan", "China"), "Russia"),
    ],
)
def test_stable_marriage_names_the_pair_and_the_outsider(rj, rc, jc, partners, outsider):
    name, text, pivot = classify_triangle(triangle_edges(rj, rc, jc), NAMES)
    assert name == "Stable marriage" and pivot is None
    assert text.startswith(f"{partners[0]} and {partners[1]} are friendly")
    assert f"hostile to {outsider}, the outsider" in text


@pytest.mark.parametrize(
    "rj, rc, jc, pivot, wings",
    [
        (True, True, False, 0, ("Japan", "China")),  # Russia friendly with both
        (True, False, True, 1, ("Russia", "China")),  # Japan friendly with both
        (False, True, True, 2, ("Russia", "Japan")),  # China friendly with both
    ],
)
def test_romantic_triangle_pivot_is_the_actor_in_both_friendly_pairs(rj, rc, jc, pivot, wings):
    name, text, got = classify_triangle(triangle_edges(rj, rc, jc), NAMES)
    assert name == "Romantic triangle" and got == pivot
    assert text.startswith(f"{NAMES[pivot]} is the pivot")
    assert f"({wings[0]} and {wings[1]})" in text


def test_all_friendly_and_all_hostile_patterns():
    assert classify_triangle(triangle_edges(True, True, True), NAMES)[::2] == ("Ménage à trois", None)
    assert classify_triangle(triangle_edges(False, False, False), NAMES)[::2] == ("Unit veto", None)


# ---------------------------------------------------------------- tariff arithmetic


def test_tariff_effect_by_hand():
    # 25 % replacing 2.5 %, full pass-through: price +22.5/102.5 = +21.95 %; elasticity 2 -> imports -43.9 %
    dp, dq = tariff_effect(25, 2.5, 2.0, 1.0)
    assert dp == pytest.approx(21.951219512, rel=1e-9)
    assert dq == pytest.approx(-43.902439024, rel=1e-9)
    # half pass-through halves both; the baseline rate itself changes nothing (and not by -0.0)
    assert tariff_effect(25, 2.5, 2.0, 0.5) == pytest.approx((10.975609756, -21.951219512))
    assert tariff_effect(2.5, 2.5, 6.0, 1.0) == (0.0, 0.0)
    assert str(tariff_effect(2.5, 2.5, 6.0, 1.0)[1]) == "0.0"
    # a cut below the baseline lowers the price and raises imports
    dp, dq = tariff_effect(0, 2.5, 1.3, 1.0)
    assert dp == pytest.approx(-2.5 / 102.5 * 100) and dq == pytest.approx(1.3 * 2.5 / 102.5 * 100)


# ---------------------------------------------------------------- seasons and scoring


@pytest.mark.parametrize(
    "text, months",
    [
        ("Jul-Oct", {7, 8, 9, 10}),
        ("Nov-Feb", {11, 12, 1, 2}),  # wraps over the new year
        ("Dec-Jan", {12, 1}),
        ("Sep 2025 (one voyage)", {9}),
        ("year-round", None),
        (None, None),
    ],
)
def test_season_months(text, months):
    assert season_months(text) == months


@pytest.mark.parametrize(
    "verdict, predicted, word",
    [
        ("borne_out", True, "matches"),
        ("borne_out", False, "does not match"),
        ("not_borne_out", False, "matches"),
        ("not_borne_out", True, "does not match"),
    ],
)
def test_score_compares_the_prediction_with_what_happened(verdict, predicted, word):
    assert score(verdict, predicted) == f"Your prediction {word} the verdict."


def test_score_refuses_to_score_open_or_partial_verdicts():
    assert "cannot be scored yet" in score("unresolved", True)
    assert "'untestable'" in score("untestable", False)
    assert "half right" in score("partly_borne_out", True) and "half right" in score(
        "partly_borne_out", False
    )


def test_table_cell_keeps_a_cell_on_one_line_and_escapes_only_pipes():
    from coursekit.text import table_cell

    assert table_cell("a | b\n  c") == "a \\| b c"
    assert table_cell("[link](x.md) *kept*") == "[link](x.md) *kept*"
