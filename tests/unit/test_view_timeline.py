"""The timeline explorer's pure code (chapter 04): periods, row selection, alt text, table, view.

Fast: no widget is built and no chart drawn (``view`` returns the chart's inputs). Expected
values come from data/timeline.csv and data/sources.csv read with ``csv``; a partial date
('2018-07', '2016') covers every day it can mean, as the data layer's docstring states.
"""

from __future__ import annotations

import calendar
import csv
import html
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from coursekit.explorers import timeline as tl

ROOT = Path(__file__).resolve().parents[2]
GROUPS = {  # by hand, from the chapter's three lanes
    "Abe–Putin meetings": {"abe_putin_meeting"},
    "Forums and treaty talks": {"eef", "treaty_talks"},
    "Other events": {
        "japan_russia_relations",
        "russia_policy",
        "us_japan_trade",
        "japan_north_korea",
        "japan_china",
        "russia_china",
    },
}
ESSAY = date(2018, 9, 8)  # korybko-2018 in sources.csv

with (ROOT / "data" / "timeline.csv").open(newline="", encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(fh))


def first(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def end(r: dict) -> date:
    return last(r["end_date"] or r["date"])


LAST_DAY = max(end(r) for r in ROWS if r["date"])
PERIODS = {
    "All years": None,
    "1956–2012": (date(1956, 1, 1), date(2012, 12, 31)),
    "2013–2015": (date(2013, 1, 1), date(2015, 12, 31)),
    "2016 to the essay": (date(2016, 1, 1), ESSAY),
    "After the essay to 2021": (ESSAY + timedelta(days=1), date(2021, 12, 31)),
    f"2022–{LAST_DAY.year}": (date(2022, 1, 1), LAST_DAY),
}


def selected(period, kind) -> tuple[list[dict], list[dict]]:
    kinds = set().union(*GROUPS.values()) if kind == "all" else GROUPS[kind]
    mine = [r for r in ROWS if r["kind"] in kinds]
    dated = [
        r
        for r in mine
        if r["date"] and (period is None or (first(r["date"]) <= period[1] and end(r) >= period[0]))
    ]
    return sorted(dated, key=lambda r: (first(r["date"]), r["event_id"])), [r for r in mine if not r["date"]]


@pytest.fixture(scope="module")
def timeline():
    return tl.Timeline.load()


def ts(d: date) -> pd.Timestamp:
    return pd.Timestamp(d)


def as_period(p):
    return None if p is None else (ts(p[0]), ts(p[1]))


def test_periods_end_at_the_last_recorded_day(timeline):
    assert timeline.essay_date == ts(ESSAY)
    assert timeline.periods() == [(label, as_period(p)) for label, p in PERIODS.items()]


def test_lanes():
    assert tl.kind_lanes("all") == list(GROUPS)
    assert tl.kind_lanes("Other events") == ["Other events"]
    assert tl.lane_of("eef") == "Forums and treaty talks" and tl.lane_of("japan_china") == "Other events"


CASES = [(label, kind) for label in PERIODS for kind in ("all", *GROUPS)]


@pytest.mark.parametrize("label, kind", CASES)
def test_rows_overlap_the_period_and_undated_rows_stay_apart(timeline, label, kind):
    dated, undated = timeline.rows(as_period(PERIODS[label]), kind)
    e_dated, e_undated = selected(PERIODS[label], kind)
    assert list(dated["event_id"]) == [r["event_id"] for r in e_dated]
    assert sorted(undated["event_id"]) == sorted(r["event_id"] for r in e_undated)


@pytest.mark.parametrize("label, kind", CASES)
def test_view_alt_title_footnote_and_items(timeline, label, kind):
    period = PERIODS[label]
    dated, undated = selected(period, kind)
    klabel = "all kinds" if kind == "all" else kind
    alt = f"Timeline of {klabel}, {label}: {len(dated)} dated event(s) plotted"
    if dated:
        alt += f", from {dated[0]['date']} ({dated[0]['occasion']}) to {dated[-1]['date']} ({dated[-1]['occasion']})"
    if period is None:
        alt += f"; {len(undated)} undated row(s) listed in the table, not plotted"
    elif undated:
        alt += f"; {len(undated)} undated row(s) are listed only under All years"
    alt += ". A table of the same events follows the chart."

    v = timeline_view(timeline, period, kind)
    assert v.alt == alt and v.chart["alt"] == alt
    shown_rows = dated + (undated if period is None else [])
    assert v.chart["table_text"].count("Date: ") == len(shown_rows)
    chart = v.chart["chart"]
    assert chart["title"] == f"{label}: {len(dated)} dated event(s)"
    assert chart["lanes"] == (list(GROUPS) if kind == "all" else [kind])
    assert chart["marker_date"] == ts(ESSAY) and chart["marker_label"] == "essay published"
    assert chart["footnote"] == (
        f"{len(undated)} undated row(s) of this kind: listed in the table under All years, never placed on the axis."
        if undated
        else ""
    )
    if period is None:
        lo = min(first(r["date"]) for r in ROWS if r["date"])
        hi = max(last(r["date"]) for r in ROWS if r["date"])
        assert chart["xlim"] == (ts(lo) - pd.Timedelta(days=400), ts(hi) + pd.Timedelta(days=400))
    else:
        assert chart["xlim"] == (ts(period[0]) - pd.Timedelta(days=30), ts(period[1]) + pd.Timedelta(days=30))
    items = chart["items"]
    assert len(items) == len(dated)
    for it, r in zip(items, dated):
        assert it.lane == next(lane for lane, ks in GROUPS.items() if r["kind"] in ks)
        assert (pd.Timestamp(it.first), pd.Timestamp(it.last)) == (ts(first(r["date"])), ts(end(r)))
        assert it.precise is (r["date_precision"] == "day")
    extra = (
        ""
        if period is None or not undated
        else f"<p>{len(undated)} undated row(s) of this kind cannot be placed in a period; choose All years to see them.</p>"
    )
    assert v.chart["table_html"].startswith(extra + '<table class="coursekit-table"')
    shown = len(dated) + (len(undated) if period is None else 0)
    assert f"<caption>{shown} event(s)</caption>" in v.chart["table_html"]


def timeline_view(timeline, period, kind):
    return tl.view(timeline, period=as_period(period), kind=kind)


def test_event_table_rows(timeline):
    dated, undated = timeline.rows(None, "Forums and treaty talks")
    page, text = tl.event_table(timeline.sources, dated, undated, include_undated=True)
    eef = next(r for r in ROWS if r["event_id"] == "2015-09-03-vladivostok-eef")
    cells = [
        f"{eef['date']} to {eef['end_date']}",
        eef["date_precision"],
        eef["kind"].replace("_", " "),
        eef["place"],
        eef["occasion"],
        eef["outcome"],
    ]
    assert "".join(f"<td>{html.escape(c)}</td>" for c in cells) in page
    assert f"<td>{timeline.sources.link(eef['source_id'])}</td>" in page
    head = ["Date (as recorded)", "Precision", "Kind", "Place", "Occasion", "Outcome", "Source"]
    assert "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>" in page
    assert f"Date: {eef['date']} to {eef['end_date']} ({eef['date_precision']})" in text
    assert f"Kind: {eef['kind']}\nPlace: {eef['place']}" in text


def test_event_table_lists_undated_rows_only_when_asked(timeline):
    dated, undated = timeline.rows(None, "Abe–Putin meetings")
    undated_ids = [r for r in ROWS if not r["date"] and r["kind"] == "abe_putin_meeting"]
    assert len(undated_ids) == 3  # by hand: Hanoi, Heiligendamm, Sydney
    page, text = tl.event_table(timeline.sources, dated, undated, include_undated=True)
    assert page.count("<td>(no date given)</td>") == 3 and text.count("Date: (no date given) (unknown)") == 3
    one = next(r for r in ROWS if r["kind"] == "abe_putin_meeting" and r["date"] and not r["end_date"])
    assert f"<tr><td>{one['date']}</td><td>{one['date_precision']}</td><td>abe putin meeting</td>" in page
    assert f"Occasion: {one['occasion'][:20]}" in text and f"Source: {one['source_id']}" in text
    assert "Place: Heiligendamm\n" in text
    page2, _ = tl.event_table(timeline.sources, dated, undated, include_undated=False)
    assert "(no date given)" not in page2


def test_a_row_without_a_place_prints_a_dash(timeline):
    dated, undated = timeline.rows(None, "all")
    no_place = [r for r in ROWS if r["date"] and not r["place"]]
    assert no_place  # by hand: several rows name no place
    _, text = tl.event_table(timeline.sources, dated, undated, include_undated=True)
    assert text.count("Place: —") == len([r for r in ROWS if not r["place"]])


def test_timeline_explorer_controls(monkeypatch):
    captured = {}
    monkeypatch.setattr(tl, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls))
    tl.timeline_explorer()
    c = captured["c"]
    assert [lab for lab, _ in c["period"].options] == list(PERIODS)
    assert list(c["kind"].options) == [("All kinds", "all")] + [(k, k) for k in GROUPS]
    assert (c["period"].kind, c["kind"].kind) == ("dropdown", "radio")
    assert captured["default"] == {"period": None, "kind": "all"}


def test_a_state_is_the_chart_above_the_table_and_prints_the_chart(timeline, monkeypatch):
    import yaml
    from matplotlib.figure import Figure

    monkeypatch.setenv("COURSE_LIVE", "0")
    v = timeline_view(timeline, PERIODS["2013–2015"], "Abe–Putin meetings")
    out = tl.chart_and_table(**v.chart)
    assert out.html.startswith("<img") and out.html.endswith(v.chart["table_html"])
    assert f'alt="{html.escape(v.alt, quote=True)}"' in out.html
    assert out.text == v.chart["table_text"]
    assert out.columns == ["date", "kind", "place", "occasion", "source"]
    text = yaml.safe_load((ROOT / "coursekit" / "explorers" / "timeline.yml").read_text(encoding="utf-8"))
    assert (out.print_figure.alt, out.print_figure.caption) == (v.alt, text["print_caption"])
    assert isinstance(out.print_figure.draw(), Figure)


def test_an_event_touching_a_period_edge_belongs_to_it(timeline):
    day = pd.Timestamp
    events = pd.DataFrame(
        {
            "event_id": ["ends-on-start", "starts-on-end", "before", "after"],
            "kind": ["eef"] * 4,
            "date_first": [day("2012-12-01"), day("2015-12-31"), day("2012-01-01"), day("2016-01-01")],
            "date_last": [day("2012-12-01"), day("2015-12-31"), day("2012-01-01"), day("2016-01-01")],
            "end_date_last": [day("2013-01-01"), pd.NaT, day("2012-12-31"), pd.NaT],
        }
    )
    t = tl.Timeline(events, timeline.sources)
    dated, _ = t.rows((day("2013-01-01"), day("2015-12-31")), "Forums and treaty talks")
    assert list(dated["event_id"]) == ["ends-on-start", "starts-on-end"]


def test_a_kind_in_no_group_is_a_clear_error(monkeypatch):
    from coursekit import data

    real = data.load
    monkeypatch.setattr(
        tl.data,
        "load",
        lambda n, **kw: (
            real(n, **kw).astype({"kind": str}).replace({"kind": {"eef": "summit"}})
            if n == "timeline"
            else real(n, **kw)
        ),
    )
    with pytest.raises(data.DataError) as err:
        tl.Timeline.load()
    assert str(err.value) == (
        "timeline.csv, field 'kind': ['summit'] belong to no group in explorers.KIND_GROUPS; add them to a group."
    )
