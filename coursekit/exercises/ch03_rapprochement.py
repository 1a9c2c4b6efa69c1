"""Exercises for chapter 3, rapprochement: kinds of claim, the Arctic route, 'great strides' in trade."""

from __future__ import annotations

from ..data.errors import DataError
from ..data.queries import dots, dots_total, one
from .spec import PERCENT_TOL, Exercise, Label, Labels, Number, Numbers, single

# ---------------------------------------------------------------- claim kinds

KINDS_STATEMENTS = {"a": 4, "b": 3, "c": 10, "d": 8}  # statement letter -> claim_id in claims.csv
KINDS = ("fact", "interpretation", "forecast", "normative")
KIND_HINTS = {
    "normative": "it says what would be good to do, so it is normative; the ledger also flags it as the author's "
    "own proposal (self_citation).",
    "interpretation": "it offers a causal reading of events that no single record can confirm: an interpretation.",
    "fact": "it can be checked against the record (documents, contracts, treaties): a fact claim.",
}
KINDS_SUCCESS = (
    "Two facts, one interpretation and one normative, self-cited proposal. The ledger's verdicts differ "
    "by kind: check them with the claims table."
)


def _claim_kinds() -> Labels:
    parts = {}
    for key, claim_id in KINDS_STATEMENTS.items():
        want = str(one("claims", claim_id=claim_id)["kind"])
        parts[key] = Label(
            want,
            KINDS,
            title=f"Statement {key}",
            other=KIND_HINTS.get(
                want, f"look up claim {claim_id} in claims.csv and compare with its kind column."
            ),
        )
    return Labels(parts, KINDS_SUCCESS, names={k: f"({k})" for k in KINDS_STATEMENTS})


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
    suez, nsr = _distance("R18", "suez")[0], _distance("R19", "northern_sea_route")[0]
    expected = (suez - nsr) / suez * 100
    return single(
        Number(
            expected,
            PERCENT_TOL,
            percent=True,
            wrongs=(
                (
                    (suez - nsr) / nsr * 100,
                    "you divided by the Arctic distance; a saving is measured against the route "
                    "you would otherwise take (Suez).",
                ),
                (
                    suez - nsr,
                    "that is the saving in nautical miles; express it as a percentage of the Suez distance.",
                ),
                (
                    nsr / suez * 100,
                    "that is the Arctic distance as a share of Suez; the saving is 100 minus this.",
                ),
            ),
            hint="Use rows R18 (Suez) and R19 (Northern Sea Route): (Suez - NSR) / Suez x 100.",
        ),
        f"About {expected:.1f}% shorter by distance (Valdai Club figures). Distance is not time: ice, season and "
        "speed decide how much of it a ship can use.",
    )


def _nsr_range() -> Numbers:
    n_lo, n_hi = _distance("R28", "northern_sea_route")
    s_lo, s_hi = _distance("R29", "suez")
    low = (s_lo - n_hi) / s_lo * 100  # shortest Suez against longest Arctic voyage
    high = (s_hi - n_lo) / s_hi * 100  # longest Suez against shortest Arctic voyage
    mispaired = (
        "you paired the two minimums (or the two maximums); the smallest saving pairs the shortest Suez "
        "voyage with the longest Arctic one, and the largest saving the reverse."
    )
    wrongs = (((s_lo - n_lo) / s_lo * 100, mispaired), ((s_hi - n_hi) / s_hi * 100, mispaired))
    hint = "Use rows R28 (Northern Sea Route) and R29 (Suez) of routes.csv."
    return Numbers(
        {
            "low": Number(low, PERCENT_TOL, hint, wrongs, percent=True),
            "high": Number(high, PERCENT_TOL, hint, wrongs, percent=True),
        },
        f"From about {low:.0f}% to {high:.0f}%: a wide range, and below the 37-40% quoted for other port "
        "pairs in routes.csv. The same study finds the time and fuel differences modest.",
    )


# ---------------------------------------------------------------- 'great strides'


def _pct(old: float, new: float) -> float:
    return (new - old) / old * 100


def _trade_strides() -> Numbers:
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
                (
                    _pct(exports[start], exports[2018]),
                    "you used exports only; total trade is exports plus imports.",
                ),
                (
                    _pct(imports[start], imports[2018]),
                    "you used imports only; total trade is exports plus imports.",
                ),
                (
                    _pct(mirror[start], mirror[2018]),
                    "those are Russia's figures for the same trade; the exercise asks for Japan's (reporter == 'Japan').",
                ),
                (
                    _pct(both[start], both[2018]),
                    "you added both reporters' figures, counting the same trade twice; keep reporter == 'Japan'.",
                ),
                (
                    (total[2018] - total[start]) / total[2018] * 100,
                    f"you divided by the 2018 value; growth is measured against the start year ({start}).",
                ),
            ),
            hint="Filter trade to compiler 'IMF DOTS', pair 'japan_russia', reporter 'Japan', period 'CY'; add "
            "exports and imports per year; then (new - old) / old x 100.",
        )
    up, down = _pct(total[2016], total[2018]), _pct(total[2013], total[2018])
    return Numbers(
        parts,
        f"Up about {up:.0f}% from the 2016 low, yet still about {abs(down):.0f}% below 2013. "
        "'Great strides' depends on the base year you choose.",
    )


EXERCISES = [
    Exercise(
        "ex03_claim_kinds",
        "a dict {'a': kind, 'b': kind, 'c': kind, 'd': kind} with kinds fact, "
        "interpretation, forecast or normative",
        _claim_kinds,
    ),
    Exercise(
        "ex03_nsr_saving",
        "a number: the distance saving of the Arctic route, in percent of the Suez distance",
        _nsr_saving,
    ),
    Exercise(
        "ex03_nsr_range",
        "a dict {'low': percent, 'high': percent}: the smallest and largest distance saving the ranges allow",
        _nsr_range,
    ),
    Exercise(
        "ex03_trade_strides",
        "a dict {'2016-2018': percent, '2013-2018': percent} of Japan-reported total trade with Russia",
        _trade_strides,
    ),
]
