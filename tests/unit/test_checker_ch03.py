"""Chapter 3 checkers: every feedback branch reached by a crafted answer.

Expected messages come from ``coursekit/exercises/ch03_rapprochement.yml`` (plain YAML), the
figures from the CSV files through the plain-pandas helpers of ``tests/test_checks.py``.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from coursekit.data.errors import DataError
from coursekit.exercises import ch03_rapprochement, check, registry
from coursekit.exercises.boxes import box_data
from coursekit.exercises.feedback import Feedback
from tests.helpers import REPO_ROOT
from tests.test_checks import csv, dots, pct, route

TEXTS = yaml.safe_load((REPO_ROOT / "coursekit/exercises/ch03_rapprochement.yml").read_text(encoding="utf-8"))


def no(message: str) -> Feedback:
    return Feedback(False, message)


def hint_for(exercise_id: str, value: float) -> str:
    return f"{value:g} does not match what the data give. {TEXTS[exercise_id]['hint']}"


# ---------------------------------------------------------------- claim kinds

K = TEXTS["ex03_claim_kinds"]
STATEMENTS = {"a": 4, "b": 3, "c": 10, "d": 8}  # the statements of the exercise page


@cache
def _kinds() -> tuple:
    c = csv("claims").set_index("claim_id")["kind"]
    return tuple((key, c[claim_id]) for key, claim_id in STATEMENTS.items())


def kinds() -> dict[str, str]:
    return dict(_kinds())


def test_the_claim_kinds_pass():
    assert check("ex03_claim_kinds", kinds()) == Feedback(True, K["success"])
    spaced = {f" {k.upper()} ": v.upper() for k, v in kinds().items()}
    assert check("ex03_claim_kinds", spaced) == Feedback(True, K["success"])


@pytest.mark.parametrize("key", list(STATEMENTS))
def test_a_wrong_kind_gets_the_hint_for_the_right_kind(key):
    right = kinds()
    wrong = "forecast" if right[key] != "forecast" else "fact"
    others = ", ".join(f"({k})" for k in STATEMENTS if k != key)
    assert check("ex03_claim_kinds", {**right, key: wrong}) == no(
        f"{others} right; ({key}): {K['hints'][right[key]]}"
    )


def test_a_kind_without_its_own_hint_points_to_the_claims_table(monkeypatch):
    forecast = int(csv("claims").query("kind == 'forecast'").claim_id.iloc[0])
    monkeypatch.setattr(ch03_rapprochement, "KINDS_STATEMENTS", {"a": forecast})
    registry.spec.cache_clear()
    try:
        assert check("ex03_claim_kinds", {"a": "fact"}) == no(f"(a): {K['other'].format(claim_id=forecast)}")
    finally:
        registry.spec.cache_clear()


def test_the_claim_kinds_box_has_a_select_per_statement():
    assert [(f["name"], f["label"], f["options"]) for f in box_data("ex03_claim_kinds")["fields"]] == [
        (k, K["title"].format(key=k), ["fact", "interpretation", "forecast", "normative"]) for k in STATEMENTS
    ]


# ---------------------------------------------------------------- the Arctic route

S = TEXTS["ex03_nsr_saving"]


def test_the_nsr_saving_and_its_typical_mistakes():
    suez, nsr = route("R18"), route("R19")
    expected = (suez - nsr) / suez * 100
    assert check("ex03_nsr_saving", expected) == Feedback(True, S["success"].format(expected=expected))
    assert check("ex03_nsr_saving", (suez - nsr) / nsr * 100) == no(S["wrongs"]["by_arctic"])
    assert check("ex03_nsr_saving", suez - nsr) == no(S["wrongs"]["miles"])
    assert check("ex03_nsr_saving", nsr / suez * 100) == no(S["wrongs"]["share"])
    assert check("ex03_nsr_saving", expected + 3) == no(hint_for("ex03_nsr_saving", expected + 3))


R = TEXTS["ex03_nsr_range"]


@cache
def ranges():
    return (route("R28"), route("R28", "value_max")), (route("R29"), route("R29", "value_max"))


def test_the_nsr_range_pairs_the_extremes_crosswise():
    (n_lo, n_hi), (s_lo, s_hi) = ranges()
    low, high = (s_lo - n_hi) / s_lo * 100, (s_hi - n_lo) / s_hi * 100
    assert check("ex03_nsr_range", {"low": low, "high": high}) == Feedback(
        True, R["success"].format(low=low, high=high)
    )
    assert check("ex03_nsr_range", {"low": (s_lo - n_lo) / s_lo * 100, "high": high}) == no(
        f"high right; low: {R['mispaired']}"
    )
    assert check("ex03_nsr_range", {"low": low, "high": (s_hi - n_hi) / s_hi * 100}) == no(
        f"low right; high: {R['mispaired']}"
    )
    assert check("ex03_nsr_range", {"low": low, "high": high + 1}) == no(
        f"low right; high: {high + 1:g} does not match what the data give. {R['hint']}"
    )


@pytest.mark.parametrize(
    "row_id,route",
    [("R02", "suez"), ("R11", "northern_sea_route"), ("R18", "northern_sea_route")],
    ids=["in km", "not a distance", "another route"],
)
def test_a_route_row_that_is_not_that_distance_in_nautical_miles_is_refused(row_id, route):
    with pytest.raises(DataError) as err:
        ch03_rapprochement._distance(row_id, route)
    assert str(err.value) == (
        f"routes.csv: row {row_id} is no longer a {route} distance in nautical miles; update the exercise that "
        "reads it (coursekit/exercises/ch03_rapprochement.py)."
    )


def test_the_route_rows_must_still_be_distances(monkeypatch):
    assert ch03_rapprochement._distance("R28", "northern_sea_route") == ranges()[0]
    assert ch03_rapprochement._distance("R29", "suez") == ranges()[1]


# ---------------------------------------------------------------- 'great strides'

T = TEXTS["ex03_trade_strides"]
SPANS = {"2016-2018": 2016, "2013-2018": 2013}


@cache
def strides(reporter="Japan", flows=("export", "import")) -> dict[str, float]:
    return {
        k: pct(dots("japan_russia", reporter, start, flows), dots("japan_russia", reporter, 2018, flows))
        for k, start in SPANS.items()
    }


def test_the_strides_pass_with_both_figures_in_the_message():
    ref = strides()
    assert check("ex03_trade_strides", ref) == Feedback(
        True, T["success"].format(up=ref["2016-2018"], down=abs(ref["2013-2018"]))
    )


@cache
def both_reporters(start: int) -> float:
    total = {y: dots("japan_russia", "Japan", y) + dots("japan_russia", "Russia", y) for y in (start, 2018)}
    return pct(total[start], total[2018])


@cache
def by_end(start: int) -> float:
    t = {y: dots("japan_russia", "Japan", y) for y in (start, 2018)}
    return (t[2018] - t[start]) / t[2018] * 100


@pytest.mark.parametrize("key", list(SPANS))
@pytest.mark.parametrize(
    "wrong,message",
    [
        (lambda key: strides(flows=("export",))[key], lambda start: T["wrongs"]["exports"]),
        (lambda key: strides(flows=("import",))[key], lambda start: T["wrongs"]["imports"]),
        (lambda key: strides(reporter="Russia")[key], lambda start: T["wrongs"]["mirror"]),
        (lambda key: both_reporters(SPANS[key]), lambda start: T["wrongs"]["both"]),
        (lambda key: by_end(SPANS[key]), lambda start: T["wrongs"]["by_end"].format(start=start)),
    ],
    ids=["exports", "imports", "mirror", "both", "by_end"],
)
def test_each_typical_stride_mistake_gets_its_feedback(key, wrong, message):
    other = next(k for k in SPANS if k != key)
    answer = {**strides(), key: wrong(key)}
    assert check("ex03_trade_strides", answer) == no(f"{other} right; {key}: {message(SPANS[key])}")


def test_an_unexplained_stride_gets_the_hint():
    answer = {**strides(), "2013-2018": 5.0}
    assert check("ex03_trade_strides", answer) == no(
        f"2016-2018 right; 2013-2018: 5 does not match what the data give. {T['hint']}"
    )


@pytest.mark.parametrize("key", ["low", "high"])
def test_each_end_of_the_range_is_a_percentage_to_a_tenth(key):
    (n_lo, n_hi), (s_lo, s_hi) = ranges()
    ref = {"low": (s_lo - n_hi) / s_lo * 100, "high": (s_hi - n_lo) / s_hi * 100}
    other = "high" if key == "low" else "low"
    for delta, correct in ((0.09, True), (-0.09, True), (0.11, False), (-0.11, False)):
        assert check("ex03_nsr_range", {**ref, key: ref[key] + delta}).correct is correct, delta
    fraction = ref[key] / 100
    assert check("ex03_nsr_range", {**ref, key: fraction}) == no(
        f"{other} right; {key}: {fraction:g} looks like a fraction; the question asks for a percentage, so "
        "multiply by 100."
    )
    assert check("ex03_nsr_range", {**ref, key: 99.0}) == no(
        f"{other} right; {key}: 99 does not match what the data give. {R['hint']}"
    )


@pytest.mark.parametrize("key", list(SPANS))
def test_a_stride_given_as_a_fraction_is_named(key):
    ref = strides()
    other = next(k for k in SPANS if k != key)
    fraction = ref[key] / 100
    assert check("ex03_trade_strides", {**ref, key: fraction}) == no(
        f"{other} right; {key}: {fraction:g} looks like a fraction; the question asks for a percentage, so "
        "multiply by 100."
    )


def test_the_saving_given_as_a_fraction_is_named():
    saving = (route("R18") - route("R19")) / route("R18") * 100
    assert check("ex03_nsr_saving", saving / 100) == no(
        f"{saving / 100:g} looks like a fraction; the question asks for a percentage, so multiply by 100."
    )
