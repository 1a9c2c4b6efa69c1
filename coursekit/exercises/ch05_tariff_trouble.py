"""Exercises for chapter 5, tariff trouble: points and percent, a static duty bill, scale, the saga's order.

The feedback sentences and hints are in ``ch05_tariff_trouble.yml`` beside this module.
"""

from __future__ import annotations

import pandas as pd

from ..data.queries import dots, dots_total, one
from .spec import PERCENT_TOL, Exercise, Number, Numbers, Order, money_tol, single
from .texts import texts

TEXT = texts(__name__)


def _rate(tariff_id: str) -> float:
    return float(one("tariffs", tariff_id=tariff_id)["rate_percent"])


def _autos(year: int, measure: str) -> float:
    return float(one("autos", year=year, measure=measure, period="CY")["value"])


def _pct(old: float, new: float) -> float:
    return (new - old) / old * 100


def _tariff_change() -> Numbers:
    say = "ex05_tariff_change"
    base, peak, deal = _rate("baseline_mfn"), _rate("section232_2025"), _rate("deal_2025")
    a, b, c = peak - base, deal - peak, _pct(peak, deal)
    return Numbers(
        {
            "a": Number(
                a,
                0.05,
                TEXT(say, "a_hint"),
                ((_pct(base, peak), TEXT(say, "a_percent")), (peak, TEXT(say, "a_new_rate"))),
                name="(a)",
            ),
            "b": Number(
                b,
                0.05,
                TEXT.say(say, "b_hint", peak=peak),
                (
                    (c, TEXT(say, "b_percent")),
                    (deal - base, TEXT.say(say, "b_from_base", base=base, peak=peak)),
                ),
                name="(b)",
            ),
            "c": Number(
                c,
                PERCENT_TOL,
                TEXT.say(say, "c_hint", peak=peak),
                ((b, TEXT(say, "c_points")), ((deal - peak) / deal * 100, TEXT(say, "c_by_new"))),
                percent=True,
                name="(c)",
            ),
        },
        TEXT.say(say, "success", a=a, b=abs(b), c=abs(c)),
    )


def _static_duty() -> Numbers:
    say = "ex05_static_duty"
    imports = _autos(2017, "us_imports_from_japan_autos_and_parts")
    rate = _rate("threat_2018")
    expected = imports * rate / 100
    total_2025, base = _rate("section232_2025"), _rate("baseline_mfn")
    return single(
        Number(
            expected,
            money_tol(expected),
            wrongs=(
                (imports * rate, TEXT.say(say, "times_rate", rate=rate)),
                (
                    imports * total_2025 / 100,
                    TEXT.say(say, "total_2025", total=total_2025, base=base, rate=rate),
                ),
                (_autos(2017, "us_exports_to_japan_autos_and_parts") * rate / 100, TEXT(say, "us_exports")),
                (_autos(2016, "us_imports_from_japan_passenger_cars") * rate / 100, TEXT(say, "cars_2016")),
                (imports * (1 + rate / 100), TEXT(say, "with_duty")),
            ),
            hint=TEXT(say, "hint"),
        ),
        TEXT.say(say, "success", expected=expected),
    )


def _trade_share() -> Numbers:
    say = "ex05_trade_share"
    partners = ("japan_russia", "japan_us", "japan_china")
    total = {p: dots_total(p, "Japan", 2017) for p in partners}
    exports = {p: dots(p, "Japan", 2017, "export") for p in partners}
    imports = {p: dots(p, "Japan", 2017, "import") for p in partners}
    expected = total["japan_russia"] / sum(total.values()) * 100
    return single(
        Number(
            expected,
            PERCENT_TOL,
            percent=True,
            wrongs=(
                (exports["japan_russia"] / sum(exports.values()) * 100, TEXT(say, "exports")),
                (imports["japan_russia"] / sum(imports.values()) * 100, TEXT(say, "imports")),
                (
                    total["japan_russia"] / (total["japan_russia"] + total["japan_us"]) * 100,
                    TEXT(say, "no_china"),
                ),
                (
                    total["japan_russia"] / (total["japan_us"] + total["japan_china"]) * 100,
                    TEXT(say, "no_russia"),
                ),
                ((total["japan_us"] + total["japan_china"]) / total["japan_russia"], TEXT(say, "ratio")),
            ),
            hint=TEXT(say, "hint"),
        ),
        TEXT.say(say, "success", expected=expected),
    )


SAGA_EVENT = "2019-10-07-washington-us_japan_trade"  # the US-Japan Trade Agreement is signed (timeline.csv)


def saga_dates() -> dict[str, pd.Timestamp]:
    return {
        "A": one("tariffs", tariff_id="deal_2025")["effective_date_first"],
        "B": one("tariffs", tariff_id="threat_2018")["announced_date_first"],
        "C": one("tariffs", tariff_id="section232_2025")["effective_date_first"],
        "D": one("timeline", event_id=SAGA_EVENT)["date_first"],
    }


def _saga_order() -> Order:
    return Order(
        saga_dates(), TEXT("ex05_saga_order", "success"), otherwise=TEXT("ex05_saga_order", "otherwise")
    )


EXERCISES = [
    Exercise("ex05_tariff_change", TEXT("ex05_tariff_change", "form"), _tariff_change),
    Exercise("ex05_static_duty", TEXT("ex05_static_duty", "form"), _static_duty),
    Exercise("ex05_trade_share", TEXT("ex05_trade_share", "form"), _trade_share),
    Exercise("ex05_saga_order", TEXT("ex05_saga_order", "form"), _saga_order),
]
