"""The route comparison's pure code (chapter 03): season parsing, row selection, alt text, footnote.

Fast: no widget is built. Expected values come from data/routes.csv read with ``csv`` and the
rules in the module's docstrings (a figure with a stated season shows only in that season; the
same measure in another unit is listed, never mixed into the axis), or by hand.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from coursekit import data
from coursekit.explorers import routes as ro

ROOT = Path(__file__).resolve().parents[2]
TEXT = yaml.safe_load((ROOT / "coursekit" / "explorers" / "routes.yml").read_text(encoding="utf-8"))
SHOWN = {"suez": "Suez", "northern_sea_route": "NSR", "trans_siberian_sea_rail": "Sea–rail"}
MONTHS = {"summer": {7, 8, 9, 10}, "winter": {11, 12, 1, 2, 3, 4, 5, 6}}
METRICS = {
    ("distance", "km"): "Distance (km)",
    ("distance", "nautical miles"): "Distance (nautical miles)",
    ("transit_time", "days"): "Transit time (days)",
}
SEASONS = {"summer": "Summer–autumn (Jul–Oct)", "winter": "Winter–spring (Nov–Jun)"}

with (ROOT / "data" / "routes.csv").open(newline="", encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(fh))


def num(text: str) -> str:
    v = float(text)
    return f"{int(v):,}" if v.is_integer() else f"{v:,}"


def value(r: dict) -> str:
    v = (
        num(r["value_min"])
        if float(r["value_min"]) == float(r["value_max"])
        else f"{num(r['value_min'])}–{num(r['value_max'])}"
    )
    return v if r["qualifier"] == "as stated" else f"{r['qualifier']} {v}"


@pytest.mark.parametrize(
    "text, months",
    [
        ("Jul-Oct", {7, 8, 9, 10}),
        ("Nov-Feb", {11, 12, 1, 2}),  # across the new year
        ("Sep 2025 (one voyage)", {9}),
        ("Aug-Sep 2013 (one voyage)", {8, 9}),
        ("2 Aug-28 Oct 2020", {8, 9, 10}),
        ("DEC", {12}),
        ("2-4 months without icebreakers", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_season_months(text, months):
    assert ro.season_months(text) == months


ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def months_of(season: str) -> set[int] | None:
    """The months from the first to the last month named (wrapping over the new year)."""
    named = [ABBR.index(w[:3].lower()) + 1 for w in season.replace("-", " ").split() if w[:3].lower() in ABBR]
    if not named:
        return None
    first, last = named[0], named[-1]
    return {(first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1)}


def expected(metric: tuple[str, str], season: str):
    shown, off, other = [], [], []
    for r in ROWS:
        if r["route"] not in SHOWN or r["metric"] != metric[0]:
            continue
        if r["unit"] != metric[1]:
            other.append(r)
            continue
        months = months_of(r["season"])
        (off if months is not None and not months & MONTHS[season] else shown).append(r)
    order = list(SHOWN)
    shown.sort(key=lambda r: (order.index(r["route"]), -float(r["value_max"])))
    return shown, off, other


STATES = [(m, s) for m in METRICS for s in SEASONS]


@pytest.fixture(scope="module")
def routes():
    return data.load("routes")


@pytest.mark.parametrize("metric, season", STATES)
def test_route_rows_split_shown_off_season_and_other_units(routes, metric, season):
    shown, off, other = ro.route_rows(routes, metric, season)
    e_shown, e_off, e_other = expected(metric, season)
    assert [x.route_row_id for x in shown] == [r["route_row_id"] for r in e_shown]
    assert [x.route_row_id for x in off] == [r["route_row_id"] for r in e_off]
    assert [x.route_row_id for x in other] == [r["route_row_id"] for r in e_other]


@pytest.mark.parametrize("metric, season", STATES)
def test_view_alt_text_footnote_and_bars(routes, metric, season):
    shown, off, other = expected(metric, season)
    alt = [
        f"Horizontal bar chart: {METRICS[metric]}, {SEASONS[season]}; {len(shown)} figures, each labelled with its source id."
    ]
    for route, name in SHOWN.items():
        rs = [r for r in shown if r["route"] == route]
        if rs:
            lo = min(float(r["value_min"]) for r in rs)
            hi = max(float(r["value_max"]) for r in rs)
            alt.append(f"{name}: {len(rs)} figure(s) from {num(str(lo))} to {num(str(hi))} {metric[1]}.")
        else:
            alt.append(f"{name}: no figure for this metric and season.")
    if off:
        alt.append(
            "Not shown (stated season outside this one): " + ", ".join(r["route_row_id"] for r in off) + "."
        )
    if other:
        alt.append(
            "Not shown (same measure in another unit): "
            + ", ".join(f"{r['route_row_id']} ({value(r)} {r['unit']})" for r in other)
            + "."
        )
    note = [TEXT["note_compare"]]
    if off:
        note.append(
            "Not shown, their stated season is outside this one: "
            + "; ".join(f"{r['route_row_id']} ({SHOWN[r['route']]}, {r['season']})" for r in off)
            + "."
        )
    for unit in sorted({r["unit"] for r in other}):
        ids = ", ".join(r["route_row_id"] for r in other if r["unit"] == unit)
        note.append(f"Also in the data in {unit}, not mixed into this axis: {ids}.")
    if season == "winter":
        nsr = [r for r in ROWS if r["route"] == "northern_sea_route" and r["season"]]
        note.append(
            "Seasons the data state for the NSR: "
            + "; ".join(f"{r['route_row_id']} {r['season']}" for r in nsr)
            + "."
        )

    v = ro.view(routes, metric=metric, season=season)
    assert v.alt == " ".join(alt)
    assert v.chart["footnote"] == " ".join(note)
    assert v.chart["title"] == f"{METRICS[metric]}, {SEASONS[season]}"
    assert v.chart["xlabel"] == metric[1]
    assert v.chart["empty_routes"] == [
        f"{name}: no figure in the data for this measure and season"
        for route, name in SHOWN.items()
        if not any(r["route"] == route for r in shown)
    ]
    bars = v.chart["bars"]
    assert [b.route for b in bars] == [r["route"] for r in shown]
    for b, r in zip(bars, shown):
        assert b.label == f"{SHOWN[r['route']]}: {r['origin']} → {r['destination']}"
        assert (b.lo, b.hi) == (float(r["value_min"]), float(r["value_max"]))
        assert b.faded is (not r["season"])
        assert b.text == f"{value(r)} · {r['source_id']}" + (f"\n{r['season']}" if r["season"] else "")


def test_hand_checked_transit_times():
    # by hand from routes.csv: R16 (NSR, Jul-Oct) and R26 (Sep 2025), R27 (Aug-Sep 2013) are summer
    # only; sea-rail R34 'at least 19' and R36 '20-25' show in both seasons; R14 is in weeks
    summer, off_s, other = expected(("transit_time", "days"), "summer")
    winter, off_w, _ = expected(("transit_time", "days"), "winter")
    assert {"R16", "R26", "R27"} <= {r["route_row_id"] for r in summer}
    assert {r["route_row_id"] for r in off_w} == {"R16", "R26", "R27"} and not off_s
    assert [r["route_row_id"] for r in other] == ["R14"]
    rail = {r["route_row_id"]: value(r) for r in winter if r["route"] == "trans_siberian_sea_rail"}
    assert rail == {"R34": "at least 19", "R36": "20–25"}


def test_route_value_text():
    class Row:
        value_min, value_max, qualifier = 8000.0, 10000.0, "as stated"

    assert ro.route_value(Row) == "8,000–10,000"
    Row.qualifier = "about"
    assert ro.route_value(Row) == "about 8,000–10,000"
    Row.value_max = 8000.0
    assert ro.route_value(Row) == "about 8,000"
    Row.value_min = Row.value_max = 1.5
    assert ro.route_value(Row) == "about 1.5"


def test_route_comparison_widget_controls(monkeypatch):
    captured = {}
    monkeypatch.setattr(ro, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls))
    ro.route_comparison()
    c = captured["c"]
    assert list(c["metric"].options) == [(lab, m) for m, lab in METRICS.items()]
    assert list(c["season"].options) == [(lab, s) for s, lab in SEASONS.items()]
    assert [ch.label for ch in c.values()] == ["Measure", "Season"]
    assert [ch.kind for ch in c.values()] == ["radio", "radio"]
    assert captured["default"] == {"metric": ("transit_time", "days"), "season": "summer"}
    assert captured["caption"] == TEXT["caption"]
    assert captured["update"] is ro.update_range_bars


def test_row_layout_in_text_lines():
    # by hand: each bar has two one-line texts (2 lines), then a 1.3-line bar and a 1-line gap;
    # an empty route's one-line note is followed by a gap
    bars = [
        ro.RangeBar("suez", "Suez: A → B", 1, 2, "1 · s"),
        ro.RangeBar("suez", "Suez: C → D", 1, 1, "2 · t"),
    ]
    tops, centres, bottom = ro._rows(bars, ["NSR: none"])
    assert tops == pytest.approx([0.0, -4.3, -8.6])
    assert centres == pytest.approx([-2.65, -6.95])
    assert bottom == pytest.approx(-10.6)
    assert ro._rows([], []) == ([], [], 0.0)


def test_a_long_empty_route_note_takes_two_lines():
    note = "NSR: no figure in the data for this measure and season"  # 54 characters
    assert ro.wrap_label(note) == "NSR: no figure in the data for this\nmeasure and season"  # 40 a line
    assert ro._rows([], [note]) == ([0.0], [], pytest.approx(-3.0))
