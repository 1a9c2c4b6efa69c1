"""Exercises for chapter 3, rapprochement: kinds of claim, the Arctic route, 'great strides' in trade.

The feedback sentences and hints are in ``ch03_rapprochement.yml`` beside this module.
"""

from __future__ import annotations

from ..data.errors import DataError
from ..data.queries import dots, dots_total, one
from .spec import PERCENT_TOL, Exercise, Label, Labels, Number, Numbers, single
from .texts import texts

TEXT = texts(__name__)

# ---------------------------------------------------------------- claim kinds

KINDS_STATEMENTS = {"a": 4, "b": 3, "c": 10, "d": 8}  # statement letter -> claim_id in claims.csv
KINDS = ("fact", "interpretation", "forecast", "normative")


def _claim_kinds() -> Labels:
    say = "ex03_claim_kinds"
    parts = {}
    for key, claim_id in KINDS_STATEMENTS.items():
        want = str(one("claims", claim_id=claim_id)["kind"])
        parts[key] = Label(
            want,
            KINDS,
            title=TEXT.say(say, "title", key=key),
            other=TEXT(say, "hints").get(want) or TEXT.say(say, "other", claim_id=claim_id),
        )
    return Labels(
        parts, TEXT(say, "success"), names={k: TEXT.say(say, "name", key=k) for k in KINDS_STATEMENTS}
    )


# ---------------------------------------------------------------- the Arctic route


def _distance(row_id: str, route: str) -> tuple[float, float]:
    row = one("routes", route_row_id=row_id)
    if row["route"] != route or row["metric"] != "distance" or row["unit"] != "nautical miles":
        raise DataError(
            f"routes.csv: row {row_id} is no longer a {route} distance in nautical miles; update the "
            "exercise that reads it (coursekit/exercises/ch03_rapprochement.py)."
        )
    return float(row["value_min"]), float(row["value_max"])


def _nsr_saving() -> Numbers:
    say = "ex03_nsr_saving"
    suez, nsr = _distance("R18", "suez")[0], _distance("R19", "northern_sea_route")[0]
    expected = (suez - nsr) / suez * 100
    return single(
        Number(
            expected,
            PERCENT_TOL,
            percent=True,
            wrongs=(
                ((suez - nsr) / nsr * 100, TEXT(say, "wrongs", "by_arctic")),
                (suez - nsr, TEXT(say, "wrongs", "miles")),
                (nsr / suez * 100, TEXT(say, "wrongs", "share")),
            ),
            hint=TEXT(say, "hint"),
        ),
        TEXT.say(say, "success", expected=expected),
    )


def _nsr_range() -> Numbers:
    say = "ex03_nsr_range"
    n_lo, n_hi = _distance("R28", "northern_sea_route")
    s_lo, s_hi = _distance("R29", "suez")
    low = (s_lo - n_hi) / s_lo * 100  # shortest Suez against longest Arctic voyage
    high = (s_hi - n_lo) / s_hi * 100  # longest Suez against shortest Arctic voyage
    mispaired = TEXT(say, "mispaired")
    wrongs = (((s_lo - n_lo) / s_lo * 100, mispaired), ((s_hi - n_hi) / s_hi * 100, mispaired))
    hint = TEXT(say, "hint")
    return Numbers(
        {
            "low": Number(low, PERCENT_TOL, hint, wrongs, percent=True),
            "high": Number(high, PERCENT_TOL, hint, wrongs, percent=True),
        },
        TEXT.say(say, "success", low=low, high=high),
    )


# ---------------------------------------------------------------- 'great strides'


def _pct(old: float, new: float) -> float:
    return (new - old) / old * 100


def _trade_strides() -> Numbers:
    say = "ex03_trade_strides"
    years = (2013, 2016, 2018)
    total = {y: dots_total("japan_russia", "Japan", y) for y in years}
    exports = {y: dots("japan_russia", "Japan", y, "export") for y in years}
    imports = {y: dots("japan_russia", "Japan", y, "import") for y in years}
    mirror = {y: dots_total("japan_russia", "Russia", y) for y in years}
    both = {y: total[y] + mirror[y] for y in years}
    parts = {}
    for key, start in (("2016-2018", 2016), ("2013-2018", 2013)):
        parts[key] = Number(
            _pct(total[start], total[2018]),
            PERCENT_TOL,
            percent=True,
            wrongs=(
                (_pct(exports[start], exports[2018]), TEXT(say, "wrongs", "exports")),
                (_pct(imports[start], imports[2018]), TEXT(say, "wrongs", "imports")),
                (_pct(mirror[start], mirror[2018]), TEXT(say, "wrongs", "mirror")),
                (_pct(both[start], both[2018]), TEXT(say, "wrongs", "both")),
                (
                    (total[2018] - total[start]) / total[2018] * 100,
                    TEXT.say(say, "wrongs", "by_end", start=start),
                ),
            ),
            hint=TEXT(say, "hint"),
        )
    up, down = _pct(total[2016], total[2018]), _pct(total[2013], total[2018])
    return Numbers(parts, TEXT.say(say, "success", up=up, down=abs(down)))


EXERCISES = [
    Exercise("ex03_claim_kinds", TEXT("ex03_claim_kinds", "form"), _claim_kinds),
    Exercise("ex03_nsr_saving", TEXT("ex03_nsr_saving", "form"), _nsr_saving),
    Exercise("ex03_nsr_range", TEXT("ex03_nsr_range", "form"), _nsr_range),
    Exercise("ex03_trade_strides", TEXT("ex03_trade_strides", "form"), _trade_strides),
]
