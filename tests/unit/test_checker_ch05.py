"""Chapter 5 checkers: every feedback branch reached by a crafted answer.

Expected messages come from ``coursekit/exercises/ch05_tariff_trouble.yml`` (plain YAML), the
figures from the CSV files through the plain-pandas helpers of ``tests/test_checks.py``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest
import yaml

from coursekit.exercises import ch05_tariff_trouble, check, registry
from coursekit.exercises.feedback import Feedback
from tests.helpers import REPO_ROOT
from tests.test_checks import autos, csv, dots, rate

TEXTS = yaml.safe_load(
    (REPO_ROOT / "coursekit/exercises/ch05_tariff_trouble.yml").read_text(encoding="utf-8")
)


def no(message: str) -> Feedback:
    return Feedback(False, message)


# ---------------------------------------------------------------- points and percent

C = TEXTS["ex05_tariff_change"]


@cache
def rates() -> tuple[float, float, float]:
    return rate("baseline_mfn"), rate("section232_2025"), rate("deal_2025")


def reference() -> dict[str, float]:
    base, peak, deal = rates()
    return {"a": peak - base, "b": deal - peak, "c": (deal - peak) / peak * 100}


def test_the_tariff_change_passes_quoting_the_three_figures():
    ref = reference()
    assert check("ex05_tariff_change", ref) == Feedback(
        True, C["success"].format(a=ref["a"], b=abs(ref["b"]), c=abs(ref["c"]))
    )


@pytest.mark.parametrize("delta,correct", [(0.04, True), (-0.04, True), (0.06, False), (-0.06, False)])
def test_points_are_checked_to_five_hundredths(delta, correct):
    ref = reference()
    assert check("ex05_tariff_change", {**ref, "b": ref["b"] + delta}).correct is correct


def wrong_part(key: str, value: float) -> Feedback:
    return check("ex05_tariff_change", {**reference(), key: value})


def lead(key: str) -> str:
    return ", ".join(f"({k})" for k in "abc" if k != key) + f" right; ({key}): "


def test_each_points_and_percent_mistake_gets_its_feedback():
    base, peak, deal = rates()
    ref = reference()
    assert wrong_part("a", (peak - base) / base * 100) == no(lead("a") + C["a_percent"])
    assert wrong_part("a", peak) == no(lead("a") + C["a_new_rate"])
    assert wrong_part("b", ref["c"]) == no(lead("b") + C["b_percent"])
    assert wrong_part("b", deal - base) == no(lead("b") + C["b_from_base"].format(base=base, peak=peak))
    assert wrong_part("c", ref["b"]) == no(lead("c") + C["c_points"])
    assert wrong_part("c", (deal - peak) / deal * 100) == no(lead("c") + C["c_by_new"])


def test_each_part_has_its_own_hint():
    _, peak, _ = rates()
    assert wrong_part("a", 99.0) == no(lead("a") + "99 does not match what the data give. " + C["a_hint"])
    assert wrong_part("b", 99.0) == no(
        lead("b") + "99 does not match what the data give. " + C["b_hint"].format(peak=peak)
    )
    assert wrong_part("c", 99.0) == no(
        lead("c") + "99 does not match what the data give. " + C["c_hint"].format(peak=peak)
    )


def test_percent_and_points_differ_in_how_a_fraction_is_read():
    ref = reference()
    fraction = ref["c"] / 100
    assert wrong_part("c", fraction) == no(
        lead("c")
        + f"{fraction:g} looks like a fraction; the question asks for a percentage, so multiply by 100."
    )
    assert wrong_part("a", ref["a"] / 100) == no(
        lead("a") + f"{ref['a'] / 100:g} does not match what the data give. " + C["a_hint"]
    )


# ---------------------------------------------------------------- the static duty

D = TEXTS["ex05_static_duty"]


@cache
def duty_inputs() -> tuple[float, float]:
    return autos(2017, "us_imports_from_japan_autos_and_parts"), rate("threat_2018")


def test_the_static_duty_passes_quoting_the_bill():
    imports, threat = duty_inputs()
    expected = imports * threat / 100
    assert check("ex05_static_duty", expected) == Feedback(True, D["success"].format(expected=expected))


def test_each_duty_mistake_gets_its_feedback():
    imports, threat = duty_inputs()
    base, peak, _ = rates()
    assert check("ex05_static_duty", imports * threat) == no(D["times_rate"].format(rate=threat))
    assert check("ex05_static_duty", imports * peak / 100) == no(
        D["total_2025"].format(total=peak, base=base, rate=threat)
    )
    us_exports = autos(2017, "us_exports_to_japan_autos_and_parts") * threat / 100
    assert check("ex05_static_duty", us_exports) == no(D["us_exports"])
    cars_2016 = autos(2016, "us_imports_from_japan_passenger_cars") * threat / 100
    assert check("ex05_static_duty", cars_2016) == no(D["cars_2016"])
    assert check("ex05_static_duty", imports * (1 + threat / 100)) == no(D["with_duty"])
    assert check("ex05_static_duty", 1.0) == no(f"1 does not match what the data give. {D['hint']}")


# ---------------------------------------------------------------- Russia's share

S = TEXTS["ex05_trade_share"]
PAIRS = ("japan_russia", "japan_us", "japan_china")


@cache
def trade(flows: tuple[str, ...] = ("export", "import")) -> dict[str, float]:
    return {p: dots(p, "Japan", 2017, flows) for p in PAIRS}


def test_the_share_passes_quoting_it():
    t = trade()
    expected = t["japan_russia"] / sum(t.values()) * 100
    assert check("ex05_trade_share", expected) == Feedback(True, S["success"].format(expected=expected))


def test_each_share_mistake_gets_its_feedback():
    t, ex, im = trade(), trade(("export",)), trade(("import",))
    ru, us, cn = t["japan_russia"], t["japan_us"], t["japan_china"]
    assert check("ex05_trade_share", ex["japan_russia"] / sum(ex.values()) * 100) == no(S["exports"])
    assert check("ex05_trade_share", im["japan_russia"] / sum(im.values()) * 100) == no(S["imports"])
    assert check("ex05_trade_share", ru / (ru + us) * 100) == no(S["no_china"])
    assert check("ex05_trade_share", ru / (us + cn) * 100) == no(S["no_russia"])
    assert check("ex05_trade_share", (us + cn) / ru) == no(S["ratio"])
    assert check("ex05_trade_share", 50.0) == no(f"50 does not match what the data give. {S['hint']}")
    share = ru / (ru + us + cn) * 100
    assert check("ex05_trade_share", share / 100) == no(
        f"{share / 100:g} looks like a fraction; the question asks for a percentage, so multiply by 100."
    )


# ---------------------------------------------------------------- the saga's order

SAGA = TEXTS["ex05_saga_order"]


def test_the_saga_dates_are_the_dates_in_the_data():
    t = csv("tariffs").set_index("tariff_id")
    event = csv("timeline").set_index("event_id").loc["2019-10-07-washington-us_japan_trade", "date"]
    assert ch05_tariff_trouble.saga_dates() == {
        "A": pd.Timestamp(t.loc["deal_2025", "effective_date"]),
        "B": pd.Timestamp(t.loc["threat_2018", "announced_date"]),
        "C": pd.Timestamp(t.loc["section232_2025", "effective_date"]),
        "D": pd.Timestamp(event),
    }


def test_the_saga_order_passes_and_a_swap_is_named_with_its_dates():
    dates = ch05_tariff_trouble.saga_dates()
    right = sorted(dates, key=dates.get)
    assert check("ex05_saga_order", right) == Feedback(True, SAGA["success"])
    first, second = right[1], right[0]
    swapped = [first, second, *right[2:]]
    assert check("ex05_saga_order", swapped) == no(
        f"{first} ({dates[first]:%d %b %Y}) comes after {second} ({dates[second]:%d %b %Y}); swap them and check "
        "the rest."
    )


def test_tied_dates_fall_back_to_the_general_message(monkeypatch):
    day = pd.Timestamp("2019-01-01")
    monkeypatch.setattr(ch05_tariff_trouble, "saga_dates", lambda: dict.fromkeys("ABCD", day))
    registry.spec.cache_clear()
    try:
        assert check("ex05_saga_order", "DCBA") == no(SAGA["otherwise"])
    finally:
        registry.spec.cache_clear()


# ---------------------------------------------------------------- pride as evidence

E = TEXTS["ex05_pride_evidence"]


@pytest.mark.parametrize(
    "answer,feedback",
    [
        (["A", "B", "C"], Feedback(True, E["choices"]["success"])),
        (["A", "B", "C", "E", "D"], no(E["choices"]["refuse"]["D"])),
        (["A", "E"], no(E["choices"]["refuse"]["E"])),
        (["A", "B"], no(E["choices"]["incomplete"].format(n_chosen=2))),
        ([], no(E["choices"]["incomplete"].format(n_chosen=0))),
    ],
)
def test_pride_evidence_gets_per_option_feedback(answer, feedback):
    assert check("ex05_pride_evidence", answer) == feedback
