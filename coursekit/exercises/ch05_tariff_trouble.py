"""Exercises for chapter 5, tariff trouble: points and percent, a static duty bill, scale, the saga's order."""

from __future__ import annotations

import pandas as pd

from ..data.queries import dots, dots_total, one
from .spec import PERCENT_TOL, Choices, Exercise, Number, Numbers, Order, money_tol, single


def _rate(tariff_id: str) -> float:
    return float(one("tariffs", tariff_id=tariff_id)["rate_percent"])


def _autos(year: int, measure: str) -> float:
    return float(one("autos", year=year, measure=measure, period="CY")["value"])


def _pct(old: float, new: float) -> float:
    return (new - old) / old * 100


def _tariff_change() -> Numbers:
    base, peak, deal = _rate("baseline_mfn"), _rate("section232_2025"), _rate("deal_2025")
    a, b, c = peak - base, deal - peak, _pct(peak, deal)
    return Numbers(
        {
            "a": Number(
                a,
                0.05,
                "Use rate_percent of baseline_mfn and section232_2025 in tariffs.csv.",
                (
                    (
                        _pct(base, peak),
                        "that is the percent change of the rate itself; the question asks for percentage "
                        "points (the difference between the two rates).",
                    ),
                    (peak, "that is the new rate, not the change; subtract the old rate."),
                ),
                name="(a)",
            ),
            "b": Number(
                b,
                0.05,
                f"Subtract the {peak:g}% rate from the deal rate (deal_2025).",
                (
                    (c, "that is the percent change; for (b) give the difference in percentage points."),
                    (
                        deal - base,
                        f"you measured from the {base:g}% baseline; (b) starts from the {peak:g}% rate.",
                    ),
                ),
                name="(b)",
            ),
            "c": Number(
                c,
                PERCENT_TOL,
                f"(new - old) / old x 100, with old = {peak:g}.",
                (
                    (
                        b,
                        "that is the change in percentage points again; (c) asks by what percent the rate itself fell.",
                    ),
                    (
                        (deal - peak) / deal * 100,
                        "you divided by the new rate; a percent change is relative to the old rate.",
                    ),
                ),
                percent=True,
                name="(c)",
            ),
        },
        f"A rise of {a:g} percentage points, then a cut of {abs(b):g} points, which is a fall of about {abs(c):.1f}% "
        f"in the rate. Saying 'tariffs fell {abs(b):g}%' would be wrong.",
    )


def _static_duty() -> Numbers:
    imports = _autos(2017, "us_imports_from_japan_autos_and_parts")
    rate = _rate("threat_2018")
    expected = imports * rate / 100
    return single(
        Number(
            expected,
            money_tol(expected),
            wrongs=(
                (imports * rate, f"you multiplied by {rate:g} instead of {rate:g}%; divide the rate by 100."),
                (
                    imports * _rate("section232_2025") / 100,
                    f"{_rate('section232_2025'):g}% is the 2025 total on passenger cars, including the {_rate('baseline_mfn'):g}% "
                    f"MFN rate; the 2018 threat was an extra {rate:g}%.",
                ),
                (
                    _autos(2017, "us_exports_to_japan_autos_and_parts") * rate / 100,
                    "you used US exports to Japan; the tariff falls on US imports from Japan.",
                ),
                (
                    _autos(2016, "us_imports_from_japan_passenger_cars") * rate / 100,
                    "you used the 2016 passenger-car figure, a narrower measure; use 2017 autos and parts.",
                ),
                (imports * (1 + rate / 100), "that is the imports plus the duty; give the duty alone."),
            ),
            hint="Multiply the 2017 US imports of Japanese autos and parts (autos.csv) by the threatened rate "
            "(tariffs.csv, threat_2018).",
        ),
        f"About USD {expected:.2f} billion a year, if imports did not change at all. They would: buyers switch, "
        "firms absorb part of the tariff or build more in the US. This is an upper bound on a first-round bill, "
        "not a forecast.",
    )


def _trade_share() -> Numbers:
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
                (
                    exports["japan_russia"] / sum(exports.values()) * 100,
                    "you summed exports only; total trade includes imports.",
                ),
                (
                    imports["japan_russia"] / sum(imports.values()) * 100,
                    "you summed imports only; total trade includes exports.",
                ),
                (
                    total["japan_russia"] / (total["japan_russia"] + total["japan_us"]) * 100,
                    "you left out China; the denominator is Japan's trade with all three partners.",
                ),
                (
                    total["japan_russia"] / (total["japan_us"] + total["japan_china"]) * 100,
                    "you left Russia out of the denominator; a share's denominator includes the part.",
                ),
                (
                    (total["japan_us"] + total["japan_china"]) / total["japan_russia"],
                    "that is a ratio of the others to Russia, not a share in percent.",
                ),
            ),
            hint="Use IMF DOTS, reporter 'Japan', 2017, exports plus imports, for the three pairs.",
        ),
        f"About {expected:.1f}% of Japan's trade with these three partners. data/ has no figure for Japan's trade "
        "with the whole world, so this is not Russia's share of Japan's total trade, which would be smaller still.",
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
        saga_dates(),
        "Seven years separate the threat and the tariffs; in both rounds Tokyo answered by "
        "negotiating with Washington.",
        otherwise="The order does not match the dates in tariffs.csv and timeline.csv.",
    )


EXERCISES = [
    Exercise("ex05_tariff_change", "a dict {'a': points, 'b': points, 'c': percent}", _tariff_change),
    Exercise("ex05_static_duty", "a number: the duty in USD billion", _static_duty),
    Exercise(
        "ex05_trade_share",
        "a number: Japan-Russia trade as a percent of Japan's trade with Russia, the US and China combined",
        _trade_share,
    ),
    Exercise("ex05_saga_order", "a list of the letters A to D, earliest event first", _saga_order),
    Exercise(
        "ex05_pride_evidence",
        "a list of option letters, e.g. ['A', 'C']",
        lambda: Choices(
            options="ABCDE",
            correct=frozenset("ABC"),
            refuse={
                "D": "D repeats the claim from the same author; an argument cannot confirm itself.",
                "E": "E is another generalisation about national character; it restates the claim instead of "
                "testing it.",
            },
            success="All three are observable and could have come out either way, which is what makes them tests.",
            incomplete="Each of A, B and C can be observed and could have come out either way; you have {n_chosen} of "
            "the 3.",
        ),
    ),
]
