"""The chapter widgets ("explorers"), built from the datasets in ``data/``.

Each public function returns something that displays in the static book, a
live Jupyter kernel and the PDF: a :class:`coursekit.widgets.StaticWidget`
(every combination of its options pre-rendered, at most 40), or for
:func:`forecast_table` a static table. Drawing lives in :mod:`coursekit.plots`.

Numbers come from ``data/`` only, except the two model parameters of the
tariff calculator (import-demand elasticities and pass-through), which are
cited next to their values below.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np
import pandas as pd

from . import data, plots
from .plots import HtmlTable, Raw
from .widgets import Choice, PrintFigure, StaticWidget, static_widget

__all__ = [
    "forecast_scorecard", "trade_explorer", "route_comparison", "timeline_explorer",
    "tariff_calculator", "trade_scale_chart", "payoff_game", "strategic_triangle",
    "claims_explorer", "forecast_table", "ForecastTable", "classify_triangle",
    "pure_equilibria", "tariff_effect", "season_months",
]

# ---------------------------------------------------------------- cited parameters (not in data/)

#: Source of both elasticities: a 1 % tariff rise went with a 1.3 % fall in import
#: quantities for continuing flows (Table 1, column 2) and about a 6 % fall when flows
#: that fell to zero are kept (column 3), p. 12 of the working paper.
ELASTICITY_SOURCE = (
    "Amiti, M., Redding, S. J. and Weinstein, D. E., 'The Impact of the 2018 Trade War on U.S. "
    "Prices and Welfare', NBER Working Paper 25672, National Bureau of Economic Research, "
    "March 2019, https://www.nber.org/papers/w25672 (Table 1, columns 2 and 3)"
)
#: Import-demand elasticities offered: the two ends of the cited range. All goods hit in
#: 2018, not cars specifically; no Japanese-car elasticity was found.
ELASTICITIES: tuple[tuple[str, float], ...] = (("1.3", 1.3), ("6", 6.0))
#: Complete pass-through of the 2018 tariffs to US import prices: Amiti, Redding and
#: Weinstein (2019, above) and Fajgelbaum, Goldberg, Kennedy and Khandelwal, 'The Return
#: to Protectionism', Quarterly Journal of Economics 135(1): 1-55, Oxford University
#: Press, 2020, doi:10.1093/qje/qjz036, https://www.nber.org/papers/w25638.
PASS_THROUGH_SOURCE = (
    "complete pass-through of the 2018 tariffs: Amiti, Redding and Weinstein (2019), NBER WP 25672; "
    "Fajgelbaum, Goldberg, Kennedy and Khandelwal, 'The Return to Protectionism', Quarterly Journal "
    "of Economics 135(1), 2020, doi:10.1093/qje/qjz036"
)
#: 100 % is the measured case; 50 % is a labelled hypothetical (exporters absorb half).
PASS_THROUGH: tuple[tuple[str, float], ...] = (("100% (measured)", 1.0), ("50% (hypothetical)", 0.5))

# ---------------------------------------------------------------- shared helpers


@lru_cache(maxsize=None)
def _load(name: str) -> pd.DataFrame:
    """Each dataset is read and validated once per process; callers must not mutate it."""
    return data.sources() if name == "sources" else data.load(name)


def _source(sid: str) -> dict:
    src = _load("sources")
    row = src[src["source_id"] == sid]
    if row.empty:
        raise data.DataError(f"sources.csv: no source with source_id {sid!r}; add it or correct the id.")
    return row.iloc[0].to_dict()


def _source_link(sid: str) -> str:
    s = _source(sid)
    when = s["date"] if isinstance(s["date"], str) else "undated"
    title = f"{s['title']} — {s['publisher']}, {when}"
    return (f'<a href="{html.escape(s["url"], quote=True)}" title="{html.escape(title, quote=True)}">'
            f"{html.escape(sid)}</a>")


def _evidence_html(ids: str | None) -> Raw:
    if not isinstance(ids, str) or not ids.strip():
        return Raw("(none found)")
    return Raw(" ".join(_source_link(i) for i in ids.split()))


def _evidence_text(ids: str | None) -> str:
    if not isinstance(ids, str) or not ids.strip():
        return "(none found)"
    parts = []
    for i in ids.split():
        s = _source(i)
        parts.append(f"{i} ({s['publisher']}, {s['date'] if isinstance(s['date'], str) else 'undated'})")
    return "; ".join(parts)


def _ranges(years) -> str:
    """[2000, 2001, 2002, 2005] -> '2000–2002, 2005'; empty -> ''."""
    years = sorted(int(y) for y in years)
    out, start = [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            out.append(str(y) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(out)


def _num(v: float) -> str:
    """A stored figure with every digit it was stored with (never rounded), thousands separated."""
    v = float(v)
    if v.is_integer():
        return f"{int(v):,}"
    whole, frac = repr(v).split(".") if "e" not in repr(v) else (f"{v:f}".split(".")[0], f"{v:f}".split(".")[1])
    return f"{int(whole):,}.{frac}"


def _exact_sum(a: pd.Series, b: pd.Series) -> pd.Series:
    """a + b aligned on the index, summed in decimal so no float noise is added; NaN if either is missing."""
    idx = a.index.union(b.index)
    a, b = a.reindex(idx), b.reindex(idx)
    out = [float(Decimal(repr(float(x))) + Decimal(repr(float(y)))) if pd.notna(x) and pd.notna(y) else np.nan
           for x, y in zip(a, b)]
    return pd.Series(out, index=idx, dtype="float64")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- trade explorer

DOTS = "IMF DOTS"
TRADE_PERIODS = ((2000, 2020), (2010, 2020), (2014, 2024))
FLOWS = (("1st → 2nd country", "ab"), ("2nd → 1st country", "ba"), ("Both directions", "both"))


def _dots() -> pd.DataFrame:
    t = _load("trade")
    return t[(t["compiler"] == DOTS) & (t["period"] == "CY")]


def _pair_countries(pair: str) -> tuple[str, str]:
    """The pair's two countries in the order of its id ('japan_us' -> Japan, United States)."""
    rows = _dots()[_dots()["pair"] == pair]
    names = sorted(set(rows["reporter"].astype(str)) | set(rows["partner"].astype(str)))

    def token(name: str) -> str:
        words = name.lower().split()
        return words[0] if len(words) == 1 else "".join(w[0] for w in words)

    order = []
    for tok in pair.split("_"):
        match = [n for n in names if token(n) == tok]
        if len(match) != 1:
            raise data.DataError(f"trade.csv, field 'pair': cannot match {tok!r} of pair {pair!r} to one of "
                                 f"the reporters {names}; name the pair after its countries.")
        order.append(match[0])
    return order[0], order[1]


def _trade_pairs() -> list[str]:
    return list(dict.fromkeys(_dots()["pair"].astype(str)))


@dataclass
class _TradeView:
    a: str
    b: str
    unit: str
    series: list[plots.Series]
    missing: dict[str, list[int]]
    gap_years: list[int]
    others: list[str]
    conflicts: list[str]


def _trade_view(pair: str, flow: str, period: tuple[int, int]) -> _TradeView:
    a, b = _pair_countries(pair)
    rows = _dots()[_dots()["pair"] == pair]
    units = sorted(set(rows["unit"].astype(str)))
    if len(units) != 1:  # one unit per axis, always
        raise data.DataError(f"trade.csv: {DOTS} rows for {pair} use several units {units}; split them.")
    years = list(range(period[0], period[1] + 1))
    want = {"ab": [(a, "export", b), (b, "import", a)], "ba": [(b, "export", a), (a, "import", b)],
            "both": [(a, None, b), (b, None, a)]}[flow]
    series, missing, used = [], {}, []
    for reporter, fl, partner in want:
        sel = rows[(rows["reporter"] == reporter) & (rows["partner"] == partner)]
        if fl is None:  # both directions: the reporter's exports + imports, summed only where both exist
            ex = sel[sel["flow"] == "export"].set_index("year")["value"]
            im = sel[sel["flow"] == "import"].set_index("year")["value"]
            vals = _exact_sum(ex, im).reindex(years)
            label = f"as reported by {reporter} (exports FOB + imports CIF, summed here)"
            used.append(sel[sel["flow"].isin(["export", "import"])])
        else:
            s = sel[sel["flow"] == fl]
            vals = s.set_index("year")["value"].reindex(years)
            basis = "FOB" if fl == "export" else "CIF"
            label = f"as reported by {reporter} (its {fl}s, {basis})"
            used.append(s)
        values = [float(v) if pd.notna(v) else np.nan for v in vals]
        series.append(plots.Series(label, years, values))
        missing[reporter] = [y for y, v in zip(years, values) if np.isnan(v)]
    gap_years = [y for i, y in enumerate(years) if all(np.isnan(s.values[i]) for s in series)]
    allgap = sorted(set().union(*missing.values()))
    t = _load("trade")
    other = t[(t["pair"] == pair) & (t["year"].isin(allgap)) & (t["compiler"] != DOTS)]
    others = sorted({f"{c} ({u})" for c, u in zip(other["compiler"].astype(str), other["unit"].astype(str))})
    u = pd.concat(used)
    u = u[u["year"].between(*period) & u["conflict_id"].notna()]
    conflicts = sorted({f"{cid} ({y})" for ids, y in zip(u["conflict_id"], u["year"]) for cid in ids.split()})
    return _TradeView(a, b, units[0], series, missing, gap_years, others, conflicts)


def _flow_phrase(v: _TradeView, flow: str) -> str:
    return {"ab": f"{v.a} → {v.b}", "ba": f"{v.b} → {v.a}", "both": f"{v.a}–{v.b}, both directions"}[flow]


def _trade_note(v: _TradeView) -> str:
    parts = [f"Source: {DOTS} (imf-dots-2022), {v.unit}, calendar years. Each side's customs report the same "
             "trade differently (FOB vs CIF, timing, re-exports), so the lines need not agree."]
    for rep, yrs in v.missing.items():
        if yrs:
            parts.append(f"No {rep}-reported figure for {_ranges(yrs)}.")
    if v.others:
        parts.append("Other figures for the missing years exist from " + ", ".join(v.others)
                     + "; other compilers and units are not mixed into this chart (see About the data).")
    if v.conflicts:
        parts.append("Figures flagged as conflicting with another source: " + ", ".join(v.conflicts) + ".")
    return " ".join(parts)


def _trade_alt(pair, flow, period, v: _TradeView | None = None) -> str:
    v = v or _trade_view(pair, flow, period)
    out = [f"Line chart of {_flow_phrase(v, flow)} goods trade, {period[0]}–{period[1]}, in {v.unit} "
           f"({DOTS}), one line per reporter."]
    for s in v.series:
        have = [(y, x) for y, x in zip(s.years, s.values) if not np.isnan(x)]
        if not have:
            out.append(f"{_cap(s.label)}: no figures in this period.")
            continue
        lo = min(have, key=lambda p: p[1])
        hi = max(have, key=lambda p: p[1])
        out.append(f"{_cap(s.label)}: figures for {_ranges([y for y, _ in have])}; lowest {_num(lo[1])} "
                   f"in {lo[0]}, highest {_num(hi[1])} in {hi[0]}.")
    gaps = sorted(set().union(*v.missing.values()))
    out.append(f"Years with no figure: {_ranges(gaps)}." if gaps else "No missing years in this period.")
    return " ".join(out)


def trade_explorer() -> StaticWidget:
    """Bilateral goods trade by country pair, direction and period; one line per reporting country."""
    pairs = _trade_pairs()

    def label(p):
        a, b = _pair_countries(p)
        return f"{a}–{b}"

    controls = {
        "pair": Choice("Country pair", [(label(p), p) for p in pairs], kind="dropdown"),
        "flow": Choice("Flow", list(FLOWS), kind="auto"),
        "period": Choice("Period", [(f"{a}–{b}", (a, b)) for a, b in TRADE_PERIODS], kind="auto"),
    }

    view = lru_cache(maxsize=None)(_trade_view)  # drawing and alt text share one selection per state

    def args(pair, flow, period):
        v = view(pair, flow, period)
        title = f"{_flow_phrase(v, flow)}: goods trade as reported by each side"
        return dict(series=v.series, title=title, ylabel=v.unit, period=period, gap_years=v.gap_years,
                    footnote=_trade_note(v))

    def alt(pair, flow, period):
        return _trade_alt(pair, flow, period, v=view(pair, flow, period))

    default_pair = "japan_russia" if "japan_russia" in pairs else pairs[0]
    return static_widget(
        lambda **st: plots.trade_lines(**args(**st)), controls, alt=alt,
        update=lambda fig, **st: plots.update_trade_lines(fig, **args(**st)), default={"pair": default_pair, "flow": "both", "period": TRADE_PERIODS[0]},
        caption=("Goods trade between two countries as each side reported it to the IMF (Direction of Trade "
                 "Statistics, USD million). Lines break where a year has no figure; the note under the chart "
                 "lists missing years and any figures from other compilers that are kept off this axis."),
    )


# ---------------------------------------------------------------- route comparison

ROUTES_SHOWN = {"suez": "Suez", "northern_sea_route": "NSR", "trans_siberian_sea_rail": "Sea–rail"}
ROUTE_METRICS = (("Distance (km)", ("distance", "km")), ("Distance (nautical miles)", ("distance", "nautical miles")),
                 ("Transit time (days)", ("transit_time", "days")))
SEASONS = (("Summer–autumn (Jul–Oct)", "summer"), ("Winter–spring (Nov–Jun)", "winter"))
SEASON_MONTHS = {"summer": {7, 8, 9, 10}, "winter": {11, 12, 1, 2, 3, 4, 5, 6}}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def season_months(text) -> set[int] | None:
    """Months named in a season string ('Jul-Oct' -> 7..10, 'Sep 2025 (one voyage)' -> {9}); None if none."""
    if not isinstance(text, str):
        return None
    found = [_MONTHS.index(m.lower()) + 1 for m in re.findall(r"\b(" + "|".join(_MONTHS) + r")", text, re.I)]
    if not found:
        return None
    first, last = found[0], found[-1]
    span = range(first, last + 1) if first <= last else [*range(first, 13), *range(1, last + 1)]
    return set(span)


def _route_rows(metric: tuple[str, str], season: str):
    r = _load("routes")
    r = r[r["route"].isin(list(ROUTES_SHOWN))]
    same = r[(r["metric"] == metric[0])]
    shown, off_season = [], []
    for row in same[same["unit"] == metric[1]].itertuples(index=False):
        months = season_months(row.season)
        if months is not None and not months & SEASON_MONTHS[season]:
            off_season.append(row)
        else:
            shown.append(row)
    order = list(ROUTES_SHOWN)
    shown.sort(key=lambda x: (order.index(x.route), -x.value_max))
    other_units = list(same[same["unit"] != metric[1]].itertuples(index=False))
    return shown, off_season, other_units


def _route_value(row) -> str:
    v = _num(row.value_min) if row.value_min == row.value_max else f"{_num(row.value_min)}–{_num(row.value_max)}"
    return v if row.qualifier == "as stated" else f"{row.qualifier} {v}"


def _route_alt(metric, season, rows=None) -> str:
    shown, off, other = rows or _route_rows(metric, season)
    mlabel = dict((v, k) for k, v in ROUTE_METRICS)[metric]
    slabel = dict((v, k) for k, v in SEASONS)[season]
    parts = [f"Horizontal bar chart: {mlabel}, {slabel}; {len(shown)} figures, each labelled with its source id."]
    for route, name in ROUTES_SHOWN.items():
        rows = [x for x in shown if x.route == route]
        if rows:
            parts.append(f"{name}: {len(rows)} figure(s) from {_num(min(x.value_min for x in rows))} to "
                         f"{_num(max(x.value_max for x in rows))} {metric[1]}.")
        else:
            parts.append(f"{name}: no figure for this metric and season.")
    if off:
        parts.append("Not shown (stated season outside this one): " + ", ".join(x.route_row_id for x in off) + ".")
    if other:
        parts.append("Not shown (same measure in another unit): " + ", ".join(
            f"{x.route_row_id} ({_route_value(x)} {x.unit})" for x in other) + ".")
    return " ".join(parts)


def route_comparison() -> StaticWidget:
    """Suez vs Northern Sea Route vs Trans-Siberian sea–rail: distance or transit time, by season."""
    controls = {
        "metric": Choice("Measure", [(k, v) for k, v in ROUTE_METRICS], kind="radio"),
        "season": Choice("Season", list(SEASONS), kind="radio"),
    }

    rows = lru_cache(maxsize=None)(_route_rows)  # drawing and alt text share one selection per state

    def args(metric, season):
        shown, off, other = rows(metric, season)
        bars = [plots.RangeBar(
            route=x.route, label=f"{ROUTES_SHOWN[x.route]}: {x.origin} → {x.destination}",
            lo=x.value_min, hi=x.value_max, faded=not isinstance(x.season, str),
            text=f"{_route_value(x)} · {x.source_id}" + (f"\n{x.season}" if isinstance(x.season, str) else ""))
            for x in shown]
        empty = [f"{ROUTES_SHOWN[r]}: no figure in the data for this measure and season"
                 for r in ROUTES_SHOWN if not any(x.route == r for x in shown)]
        notes = ["Bars from different sources and port pairs: compare with care. Faded bars: the source states "
                 "no season."]
        if off:
            notes.append("Not shown, their stated season is outside this one: "
                         + "; ".join(f"{x.route_row_id} ({ROUTES_SHOWN[x.route]}, {x.season})" for x in off) + ".")
        for unit in sorted({x.unit for x in other}):
            notes.append(f"Also in the data in {unit}, not mixed into this axis: "
                         + ", ".join(x.route_row_id for x in other if x.unit == unit) + ".")
        if season == "winter":
            r = _load("routes")
            nsr = r[(r["route"] == "northern_sea_route") & r["season"].notna()]
            notes.append("Seasons the data state for the NSR: " + "; ".join(
                f"{x.route_row_id} {x.season}" for x in nsr.itertuples(index=False)) + ".")
        mlabel = dict((v, k) for k, v in ROUTE_METRICS)[metric]
        slabel = dict((v, k) for k, v in SEASONS)[season]
        return dict(bars=bars, title=f"{mlabel}, {slabel}", xlabel=metric[1], footnote=" ".join(notes),
                    empty_routes=empty)

    return static_widget(
        lambda **st: plots.range_bars(**args(**st)), controls,
        alt=lambda metric, season: _route_alt(metric, season, rows=rows(metric, season)),
        update=lambda fig, **st: plots.update_range_bars(fig, **args(**st)), default={"metric": ("transit_time", "days"), "season": "summer"},
        caption=("Europe–East Asia routes compared: Suez, the Northern Sea Route (NSR) and Japan–Europe sea–rail "
                 "via the Trans-Siberian Railway. Each bar is one published figure labelled with its source id; "
                 "hatched extensions show a range (low to high). Figures with a stated season appear only in "
                 "that season."),
    )


# ---------------------------------------------------------------- timeline explorer

KIND_GROUPS = {
    "Abe–Putin meetings": ("abe_putin_meeting",),
    "Forums and treaty talks": ("eef", "treaty_talks"),
    "Other events": ("japan_russia_relations", "russia_policy", "us_japan_trade", "japan_north_korea",
                     "japan_china", "russia_china"),
}


def _essay_date() -> pd.Timestamp:
    return pd.Timestamp(_source("korybko-2018")["date"])


def _timeline_periods() -> list[tuple[str, tuple | None]]:
    t = _load("timeline")
    essay = _essay_date()
    last = max(t["date_last"].max(), t["end_date_last"].max())
    return [
        ("All years", None),
        ("1956–2012", (pd.Timestamp("1956-01-01"), pd.Timestamp("2012-12-31"))),
        ("2013–2015", (pd.Timestamp("2013-01-01"), pd.Timestamp("2015-12-31"))),
        ("2016 to the essay", (pd.Timestamp("2016-01-01"), essay)),
        ("After the essay to 2021", (essay + pd.Timedelta(days=1), pd.Timestamp("2021-12-31"))),
        (f"2022–{last.year}", (pd.Timestamp("2022-01-01"), last)),
    ]


def _kind_lanes(kind: str) -> list[str]:
    return list(KIND_GROUPS) if kind == "all" else [kind]


def _timeline_rows(period, kind):
    """(dated rows overlapping the period, undated rows) for the chosen kind group."""
    t = _load("timeline")
    known = {k for ks in KIND_GROUPS.values() for k in ks}
    unknown_kinds = sorted(set(t["kind"].astype(str)) - known)
    if unknown_kinds:
        raise data.DataError(f"timeline.csv, field 'kind': {unknown_kinds} belong to no group in "
                             "explorers.KIND_GROUPS; add them to a group.")
    kinds = [k for lane in _kind_lanes(kind) for k in KIND_GROUPS[lane]]
    t = t[t["kind"].isin(kinds)]
    undated = t[t["date_first"].isna()]
    dated = t[t["date_first"].notna()]
    end = dated["end_date_last"].fillna(dated["date_last"])
    if period is not None:
        dated = dated[(dated["date_first"] <= period[1]) & (end >= period[0])]
    return dated.sort_values(["date_first", "event_id"]), undated


def _lane_of(kind: str) -> str:
    return next(lane for lane, ks in KIND_GROUPS.items() if kind in ks)


def _timeline_alt(period, kind, rows=None) -> str:
    dated, undated = (rows or _timeline_rows)(period, kind)
    plabel = next(lab for lab, p in _timeline_periods() if p == period)
    klabel = "all kinds" if kind == "all" else kind
    text = f"Timeline of {klabel}, {plabel}: {len(dated)} dated event(s) plotted"
    if len(dated):
        text += (f", from {dated.iloc[0]['date']} ({dated.iloc[0]['occasion']}) to {dated.iloc[-1]['date']} "
                 f"({dated.iloc[-1]['occasion']})")
    if period is None:
        text += f"; {len(undated)} undated row(s) listed in the table, not plotted"
    elif len(undated):
        text += f"; {len(undated)} undated row(s) are listed only under All years"
    return text + ". A table of the same events follows the chart."


def _timeline_table(dated, undated, include_undated: bool) -> tuple[str, str]:
    cols = ["Date (as recorded)", "Precision", "Kind", "Place", "Occasion", "Outcome", "Source"]
    rows = list(dated.itertuples(index=False)) + (list(undated.itertuples(index=False)) if include_undated else [])

    def date_text(r):
        d = r.date if isinstance(r.date, str) else "(no date given)"
        return d + (f" to {r.end_date}" if isinstance(r.end_date, str) else "")

    html_rows = [[date_text(r), r.date_precision, r.kind.replace("_", " "), r.place, r.occasion, r.outcome,
                  Raw(_source_link(r.source_id))] for r in rows]
    text = plots.text_records([[("Date", f"{date_text(r)} ({r.date_precision})"), ("Kind", r.kind),
                                ("Place", r.place if isinstance(r.place, str) else ""), ("Occasion", r.occasion),
                                ("Source", r.source_id)] for r in rows])
    return plots.html_table(cols, html_rows, caption=f"{len(rows)} event(s)"), text


def timeline_explorer() -> StaticWidget:
    """Abe–Putin meetings and related events by period and kind: a timeline chart and a table."""
    periods = _timeline_periods()
    controls = {
        "period": Choice("Period", periods, kind="dropdown"),
        "kind": Choice("Kind", [("All kinds", "all")] + [(k, k) for k in KIND_GROUPS], kind="radio"),
    }
    essay = _essay_date()
    rows = lru_cache(maxsize=None)(_timeline_rows)  # drawing and alt text share one selection per state

    def alt_of(period, kind):
        return _timeline_alt(period, kind, rows=rows)

    def draw(period, kind):
        dated, undated = rows(period, kind)
        items = [plots.TimelineItem(_lane_of(r.kind), r.date_first,
                                    r.end_date_last if pd.notna(r.end_date_last) else r.date_last,
                                    r.date_precision == "day") for r in dated.itertuples(index=False)]
        if period is None:
            lo, hi = _load("timeline")["date_first"].min(), _load("timeline")["date_last"].max()
            xlim = (lo - pd.Timedelta(days=400), hi + pd.Timedelta(days=400))
        else:
            xlim = (period[0] - pd.Timedelta(days=30), period[1] + pd.Timedelta(days=30))
        foot = (f"{len(undated)} undated row(s) of this kind: listed in the table under All years, never placed "
                "on the axis." if len(undated) else "")
        plabel = next(lab for lab, p in periods if p == period)
        alt = alt_of(period, kind)

        def chart():
            return plots.timeline(items, _kind_lanes(kind), title=f"{plabel}: {len(dated)} dated event(s)",
                                  xlim=xlim, marker_date=essay, marker_label="essay published", footnote=foot)

        table_html, table_text = _timeline_table(dated, undated, include_undated=period is None)
        note = ("" if period is None or not len(undated) else
                f"<p>{len(undated)} undated row(s) of this kind cannot be placed in a period; choose All years "
                "to see them.</p>")
        # The page embeds the chart in the state's HTML; the PDF redraws it at print resolution.
        return HtmlTable(html=plots.img_tag(chart(), alt) + note + table_html, text=table_text,
                         columns=["date", "kind", "place", "occasion", "source"],
                         print_figure=PrintFigure(chart, alt, "The printed figure is the timeline chart of this "
                                                              "view."))

    return static_widget(
        draw, controls, alt=alt_of, default={"period": None, "kind": "all"},
        caption=("Abe–Putin meetings and related events, filtered by period and kind. Dates known only to the "
                 "month or year are drawn as spans, not points; undated rows are listed in the table, never "
                 "placed on the axis. The dotted line marks the essay's publication (8 September 2018)."),
    )


# ---------------------------------------------------------------- tariff calculator

BASELINE_TARIFF_ID = "baseline_mfn"
#: The import figure the calculator scales: the last calendar year before the 2018 threat.
AUTO_BASE = ("us_imports_from_japan_autos_and_parts", 2017)


def tariff_effect(rate: float, baseline: float, elasticity: float, pass_through: float) -> tuple[float, float]:
    """(% change in the US buyer's price, % change in import volume), straight-line partial equilibrium.

    Δ% price = pass_through × (rate − baseline) / (100 + baseline) × 100 (the tariff-inclusive price
    rises by this share of the tariff change); Δ% imports ≈ −elasticity × Δ% price.
    """
    dprice = pass_through * (rate - baseline) / (100 + baseline) * 100
    return dprice + 0.0, -elasticity * dprice + 0.0  # + 0.0 turns -0.0 into 0.0 for display


def _tariffs() -> tuple[pd.DataFrame, float]:
    t = _load("tariffs").sort_values("rate_percent")
    base = t[t["tariff_id"] == BASELINE_TARIFF_ID]
    if base.empty:
        raise data.DataError(f"tariffs.csv: no row with tariff_id {BASELINE_TARIFF_ID!r}; the calculator needs "
                             "the baseline rate.")
    return t, float(base.iloc[0]["rate_percent"])


def _tariff_label(row) -> str:
    if row.tariff_id == BASELINE_TARIFF_ID:
        return f"{row.rate_percent:g}% baseline"
    date = row.effective_date if isinstance(row.effective_date, str) else row.announced_date
    return f"{row.rate_percent:g}% ({str(date)[:4]})"  # short: toggle buttons are narrow


def _auto_base() -> pd.Series:
    a = _load("autos")
    row = a[(a["measure"] == AUTO_BASE[0]) & (a["year"] == AUTO_BASE[1]) & (a["period"] == "CY")]
    if len(row) != 1:
        raise data.DataError(f"autos.csv: expected one calendar-year row for {AUTO_BASE}, found {len(row)}.")
    return row.iloc[0]


def _tariff_alt(rate, elasticity, pass_through) -> str:
    _, baseline = _tariffs()
    base = _auto_base()
    dp, dq = tariff_effect(rate, baseline, elasticity, pass_through)
    dv = base["value"] * max(dq, -100) / 100 + 0.0
    text = (f"Bar chart, partial-equilibrium illustration. At a {rate:g}% tariff (baseline {baseline:g}%), elasticity "
            f"{elasticity:g} and {pass_through * 100:g}% pass-through, the US buyer's price rises {dp:.1f}% and "
            f"US imports of Japanese vehicles change by {dq:+.1f}%")
    if dq < -100:
        text += " (the straight-line formula passes −100%, so imports would stop; the chart caps the bar at −100%)"
    return text + (f"; scaled to the {AUTO_BASE[1]} figure of USD {_num(base['value'])} {base['unit'].split()[-1]} "
                   f"(autos and parts) that is a change of about USD {dv:+.1f} billion.")


def tariff_calculator() -> StaticWidget:
    """Tariff rate × elasticity × pass-through -> first-round change in US imports of Japanese vehicles."""
    tariffs, baseline = _tariffs()
    base = _auto_base()
    rates = [(_tariff_label(r), float(r.rate_percent)) for r in tariffs.itertuples(index=False)]
    controls = {
        "rate": Choice("US tariff on Japanese cars", rates, kind="auto"),
        "elasticity": Choice("Import-demand elasticity", list(ELASTICITIES), kind="auto"),
        "pass_through": Choice("Pass-through to US buyers", list(PASS_THROUGH), kind="auto"),
    }

    def args(rate, elasticity, pass_through):
        values = [tariff_effect(r, baseline, elasticity, pass_through)[1] for _, r in rates]
        sel = [r for _, r in rates].index(rate)
        dp, dq = tariff_effect(rate, baseline, elasticity, pass_through)
        dv = base["value"] * max(dq, -100) / 100 + 0.0
        box = (f"Formula: Δ% price = pass-through × (rate − {baseline:g}) / (100 + {baseline:g}) × 100 = {dp:.1f}%; "
               f"Δ% imports ≈ −elasticity × Δ% price = {dq:+.1f}%. Scaled to US imports of Japanese autos and parts in "
               f"{AUTO_BASE[1]} (USD {_num(base['value'])} billion, {base['compiler']}, source {base['source_id']}; "
               f"includes parts, so it is broader than cars): about USD {dv:+.1f} billion at {AUTO_BASE[1]} prices. "
               "Assumes nothing else moves: no exchange-rate, income or rival-price changes, no retaliation, no shift "
               "of production to US plants. Elasticities: Amiti, Redding & Weinstein (2019, NBER WP 25672), all goods "
               "tariffed in 2018, not cars. 100% pass-through as measured for 2018 tariffs; 50% is hypothetical.")
        return dict(labels=[lab for lab, _ in rates], values=values, selected=sel, box=box,
                    title=(f"Simple partial-equilibrium illustration, not a forecast\nelasticity "
                           f"{elasticity:g}, pass-through {pass_through * 100:g}%"))

    threat = tariffs[tariffs["status"] == "threatened"]["rate_percent"]
    return static_widget(
        lambda **st: plots.tariff_bars(**args(**st)), controls, alt=_tariff_alt,
        update=lambda fig, **st: plots.update_tariff_bars(fig, **args(**st)),
        default={"rate": float(threat.iloc[0]) if len(threat) else rates[-1][1], "elasticity": ELASTICITIES[0][1],
                 "pass_through": 1.0},
        caption=("A simple partial-equilibrium illustration, not a forecast: the first-round change in US imports "
                 "of Japanese vehicles when a tariff replaces the 2.5% baseline. Δ% imports ≈ −elasticity × "
                 "pass-through × (new rate − 2.5) / 102.5 × 100, holding everything else fixed. Elasticity range "
                 "from Amiti, Redding and Weinstein (2019, NBER Working Paper 25672); rates from the course's "
                 "tariffs table."),
    )


# ---------------------------------------------------------------- trade scale chart

SCALE_PAIRS = ("japan_us", "japan_russia")
SCALE_FLOWS = (("Exports", "export"), ("Imports", "import"), ("Exports + imports", "both"))


def _scale_data(flow: str):
    d = _dots()
    out = {}
    for pair in SCALE_PAIRS:
        rows = d[(d["pair"] == pair) & (d["reporter"] == "Japan")]
        flows = ["export", "import"] if flow == "both" else [flow]
        by_flow = {f: rows[rows["flow"] == f].set_index("year")["value"] for f in flows}
        out[pair] = _exact_sum(by_flow["export"], by_flow["import"]) if flow == "both" else by_flow[flow]
        out[pair + "_partner"] = str(rows["partner"].iloc[0])
    years = sorted(set(out[SCALE_PAIRS[0]].index) | set(out[SCALE_PAIRS[1]].index))
    a = out[SCALE_PAIRS[0]].reindex(years)
    b = out[SCALE_PAIRS[1]].reindex(years)
    return [int(y) for y in years], a, b, out[SCALE_PAIRS[0] + "_partner"], out[SCALE_PAIRS[1] + "_partner"]


def _scale_alt(flow, scale, data=None) -> str:
    years, a, b, pa, pb = data or _scale_data(flow)
    ratio = (a / b).dropna()
    flab = dict((v, k) for k, v in SCALE_FLOWS)[flow].lower()
    last = int(ratio.index[-1])
    return (f"Bar chart, {scale} scale: Japan's reported {flab} with the {pa} and with {pb}, {years[0]}–{years[-1]}, "
            f"USD million ({DOTS}). In {last} the figure with the {pa} was USD {_num(a[last])} million against USD "
            f"{_num(b[last])} million with {pb}, {a[last] / b[last]:.1f} times as large; over the period the ratio "
            f"ranged from {ratio.min():.1f} ({int(ratio.idxmin())}) to {ratio.max():.1f} ({int(ratio.idxmax())}).")


def trade_scale_chart() -> StaticWidget:
    """Japan's trade with the US vs with Russia, same reporter (Japan), unit and compiler (IMF DOTS)."""
    controls = {
        "flow": Choice("Flow (Japan-reported)", list(SCALE_FLOWS), kind="auto"),
        "scale": Choice("Axis", [("Linear", "linear"), ("Logarithmic", "log")], kind="auto"),
    }

    data_of = lru_cache(maxsize=None)(_scale_data)  # drawing and alt text share one selection per flow

    def args(flow, scale):
        years, a, b, pa, pb = data_of(flow)
        flab = dict((v, k) for k, v in SCALE_FLOWS)[flow]
        ratio = (a / b).dropna()
        last = int(ratio.index[-1])
        foot = (f"Source: {DOTS} (imf-dots-2022), as reported by Japan; exports FOB, imports CIF"
                + ("; exports + imports summed here" if flow == "both" else "")
                + f". In {last} the US figure was {a[last] / b[last]:.1f} times the Russia figure.")
        return dict(years=years, a=list(a), b=list(b), labels=(f"with the {pa}", f"with {pb}"), log=scale == "log",
                    title=f"Japan's reported {flab.lower()}: the United States vs Russia",
                    ylabel="USD million", footnote=foot)

    return static_widget(
        lambda **st: plots.scale_bars(**args(**st)), controls,
        alt=lambda flow, scale: _scale_alt(flow, scale, data=data_of(flow)),
        update=lambda fig, **st: plots.update_scale_bars(fig, **args(**st)), default={"flow": "both", "scale": "linear"},
        caption=("Japan's goods trade with the United States and with Russia, on the same unit, reporter and "
                 "compiler (IMF Direction of Trade Statistics as reported by Japan, USD million). The logarithmic "
                 "axis makes the smaller series readable; the linear axis shows the difference in scale."),
    )


# ---------------------------------------------------------------- payoff game

PLAYERS = ("Country A", "Country B")
STRATEGIES = ("Cooperate", "Go it alone")
#: Illustrative payoffs (no data): constant-sum (every cell totals 10) and a positive-sum
#: stag hunt (mutual cooperation pays both more than anything else).
PAYOFFS = {
    "constant": ((( 5, 5), (2, 8)), ((8, 2), (5, 5))),
    "positive": (((8, 8), (1, 5)), ((5, 1), (4, 4))),
}
GAME_LABELS = (("Constant-sum", "constant"), ("Positive-sum", "positive"))
MARKS = (("Nothing", "none"), ("Equilibria", "nash"), ("Largest total", "total"))


def pure_equilibria(payoffs) -> set[tuple[int, int]]:
    """Cells where neither player gains by switching alone (pure-strategy Nash equilibria)."""
    eq = set()
    for r in range(2):
        for c in range(2):
            row_ok = payoffs[r][c][0] >= payoffs[1 - r][c][0]
            col_ok = payoffs[r][c][1] >= payoffs[r][1 - c][1]
            if row_ok and col_ok:
                eq.add((r, c))
    return eq


def _largest_total(payoffs) -> set[tuple[int, int]]:
    best = max(sum(payoffs[r][c]) for r in range(2) for c in range(2))
    return {(r, c) for r in range(2) for c in range(2) if sum(payoffs[r][c]) == best}


def _cell_name(rc) -> str:
    return f"{PLAYERS[0]}: {STRATEGIES[rc[0]].lower()}, {PLAYERS[1]}: {STRATEGIES[rc[1]].lower()}"


def _marked(game, mark):
    p = PAYOFFS[game]
    return {"none": set(), "nash": pure_equilibria(p), "total": _largest_total(p)}[mark]


def _payoff_alt(game, mark) -> str:
    p = PAYOFFS[game]
    cells = "; ".join(f"{_cell_name((r, c))}: {p[r][c][0]} and {p[r][c][1]}" for r in range(2) for c in range(2))
    text = f"2×2 payoff matrix, {game}-sum game (illustrative payoffs, {PLAYERS[0]} first): {cells}."
    m = _marked(game, mark)
    if mark == "nash":
        text += " Marked as equilibria: " + "; ".join(_cell_name(x) for x in sorted(m)) + "."
    elif mark == "total":
        text += " Marked as largest total: " + ("all four cells" if len(m) == 4 else
                                                "; ".join(_cell_name(x) for x in sorted(m))) + "."
    return text


_GAME_TEXT = {
    "constant": ("Constant-sum: every cell adds up to the same total, so one side's gain is the other's loss. "
                 "Going it alone is each player's best reply whatever the other does, so the equilibrium is mutual "
                 "holding out, and no outcome makes both better off: there is nothing to share."),
    "positive": ("Positive-sum: totals differ, and mutual cooperation pays both players more than any other cell. "
                 "It is an equilibrium, but so is mutual holding out: cooperating is only safe if each trusts the "
                 "other to cooperate too. A deal that is a loss in a zero-sum frame can be a gain for both here."),
}


def payoff_game() -> StaticWidget:
    """A 2×2 game with illustrative payoffs: constant-sum vs positive-sum, equilibria marked on request."""
    controls = {"game": Choice("Payoffs", list(GAME_LABELS), kind="auto"),
                "mark": Choice("Mark", list(MARKS), kind="auto")}

    def args(game, mark):
        lab = {"none": "", "nash": "equilibrium", "total": "largest total"}[mark]
        return dict(payoffs=PAYOFFS[game], row_labels=STRATEGIES, col_labels=STRATEGIES, players=PLAYERS,
                    marked=_marked(game, mark), mark_label=lab, explanation=_GAME_TEXT[game],
                    title=f"{dict((v, k) for k, v in GAME_LABELS)[game]} game (illustrative payoffs, not data)")

    return static_widget(
        lambda **st: plots.payoff_matrix(**args(**st)), controls, alt=_payoff_alt,
        update=lambda fig, **st: plots.update_payoff_matrix(fig, **args(**st)), default={"game": "constant", "mark": "nash"},
        caption=("A two-player game with illustrative payoffs (invented for teaching, not estimated from data). "
                 "Each cell gives both players' payoffs. Switch between constant-sum and positive-sum payoffs and "
                 "mark the equilibria (no player gains by switching alone) or the outcomes with the largest total."),
    )


# ---------------------------------------------------------------- strategic triangle

#: The essay's Zero-Sum section imagines Russia balancing China through Japan, so the
#: triangle is Russia–Japan–China (the United States is the outside observer there).
TRIANGLE_ACTORS = ("Russia", "Japan", "China")
TRIANGLE_EDGES = ((0, 1), (0, 2), (1, 2))
AMITY = (("Amity", True), ("Enmity", False))


def classify_triangle(edges: dict[tuple[int, int], bool], names=TRIANGLE_ACTORS) -> tuple[str, str, int | None]:
    """(pattern name, explanation, pivot index or None) for the amity/enmity of the three pairs."""
    friends = [e for e, amity in edges.items() if amity]
    if len(friends) == 3:
        return ("Ménage à trois", "All three pairs are friendly: symmetrical amity among all three players "
                "(Dittmer 1981).", None)
    if len(friends) == 2:
        pivot = (set(friends[0]) & set(friends[1])).pop()
        wings = [names[i] for i in range(3) if i != pivot]
        return ("Romantic triangle", f"{names[pivot]} is the pivot: friendly with both wings ({wings[0]} and "
                f"{wings[1]}), who are hostile to each other and so both court the pivot (Dittmer 1981).", pivot)
    if len(friends) == 1:
        pair = friends[0]
        out = ({0, 1, 2} - set(pair)).pop()
        return ("Stable marriage", f"{names[pair[0]]} and {names[pair[1]]} are friendly with each other and both "
                f"hostile to {names[out]}, the outsider (Dittmer 1981).", None)
    return ("Unit veto", "All three pairs are hostile. This all-enmity case is not one of Dittmer's (1981) three "
            "patterns of exchange; the strategic-triangle literature calls it a 'unit-veto' triangle.", None)


def _triangle_edges(rj, rc, jc) -> dict:
    return dict(zip(TRIANGLE_EDGES, (rj, rc, jc)))


def _triangle_alt(rj, rc, jc) -> str:
    name, expl, _ = classify_triangle(_triangle_edges(rj, rc, jc))
    pairs = ", ".join(f"{TRIANGLE_ACTORS[i]}–{TRIANGLE_ACTORS[j]} {'amity (solid line)' if a else 'enmity (dashed line)'}"
                      for (i, j), a in _triangle_edges(rj, rc, jc).items())
    return f"Triangle diagram: {pairs}. Pattern: {name}. {expl}"


def strategic_triangle() -> StaticWidget:
    """Russia–Japan–China with amity/enmity on each side; names Dittmer's pattern (8 states)."""
    a, b, c = TRIANGLE_ACTORS
    controls = {"rj": Choice(f"{a}–{b}", list(AMITY), kind="auto"),
                "rc": Choice(f"{a}–{c}", list(AMITY), kind="auto"),
                "jc": Choice(f"{b}–{c}", list(AMITY), kind="auto")}

    def args(rj, rc, jc):
        edges = _triangle_edges(rj, rc, jc)
        name, expl, pivot = classify_triangle(edges)
        return dict(names=TRIANGLE_ACTORS, edges=edges, title=name, explanation=expl, highlight=pivot)

    return static_widget(
        lambda **st: plots.triangle(**args(**st)), controls, alt=_triangle_alt,
        update=lambda fig, **st: plots.update_triangle(fig, **args(**st)), default={"rj": True, "rc": True, "jc": False},
        caption=("Dittmer's strategic triangle (Lowell Dittmer, 'The Strategic Triangle: An Elementary "
                 "Game-Theoretical Analysis', World Politics 33(4), 1981): set each pair of Russia, Japan and China "
                 "to amity (solid line) or enmity (dashed line) to see which pattern results: ménage à trois, "
                 "romantic triangle, stable marriage, or the all-hostile unit veto."),
    )


# ---------------------------------------------------------------- claims explorer and forecasts

SECTION_NAMES = {"lead": "Lead (thesis)", "rapprochement": "Rapprochement", "shadow_diplomacy": "Shadow Diplomacy",
                 "tariff_trouble": "Tariff Trouble", "zero_sum": "Zero-Sum", "concluding": "Concluding Thoughts",
                 "whole_essay": "Whole essay"}
VERDICT_GROUPS = (
    ("Supported / borne out", ("supported", "borne_out")),
    ("Partly / contested / overstated / loaded", ("partly_supported", "partly_borne_out", "contested", "overstated",
                                                  "loaded_terminology")),
    ("Not supported / not borne out / not adopted", ("not_supported", "not_borne_out", "not_adopted")),
    ("Unresolved / untestable", ("unresolved", "untestable")),
)


def _verdict(v) -> str:
    return str(v).replace("_", " ")


def _is_forecast(frame: pd.DataFrame) -> pd.Series:
    """Main kind 'forecast', or a kind_detail that says the claim is also a forecast."""
    detail = frame["kind_detail"].fillna("").str.contains("forecast", case=False)
    return (frame["kind"] == "forecast") | detail


def _claims_filter(section=None, kind=None, verdicts=None) -> pd.DataFrame:
    c = _load("claims")
    if section not in (None, "all"):
        c = c[c["section"] == section]
    if kind not in (None, "all"):
        c = c[_is_forecast(c)] if kind == "forecast" else c[c["kind"] == kind]
    if verdicts not in (None, "all"):
        c = c[c["verdict"].isin(list(verdicts))]
    return c


def _kind_text(r) -> str:
    return r.kind + (f" ({r.kind_detail})" if isinstance(r.kind_detail, str) else "")


def _claims_table(rows: pd.DataFrame, heading: str) -> HtmlTable:
    counts = rows["verdict"].value_counts()
    summary = ", ".join(f"{n} {_verdict(v)}" for v, n in counts.items() if n) or "no claims"
    cols = ["#", "Section", "Claim (our paraphrase)", "Kind", "Verdict", "As of", "Why", "Evidence"]
    body = [[int(r.claim_id), SECTION_NAMES[r.section], r.claim, _kind_text(r), _verdict(r.verdict),
             str(r.verdict_date), r.note, _evidence_html(r.evidence)] for r in rows.itertuples(index=False)]
    if rows.empty:
        table = "<p><em>No claims in the ledger match this filter.</em></p>"
    else:
        table = plots.html_table(cols, body, caption=f"{len(rows)} claim(s): {summary}")
    text = plots.wrap(f"{heading}: {len(rows)} claim(s) ({summary}).") + "\n\n" + plots.text_records(
        [[("Claim", f"{int(r.claim_id)}. {r.claim}"), ("Section", SECTION_NAMES[r.section]), ("Kind", _kind_text(r)),
          ("Verdict", f"{_verdict(r.verdict)} (as of {r.verdict_date})"), ("Why", r.note),
          ("Evidence", _evidence_text(r.evidence))] for r in rows.itertuples(index=False)])
    return HtmlTable(html=f"<p>{html.escape(heading)}</p>" + table, text=text, columns=cols)


def claims_explorer(section: str | None = None, kind: str | None = None) -> StaticWidget:
    """Filter the claims ledger. Two of section / kind / verdict are controls (≤ 40 states).

    With no argument: kind × section. ``kind="forecast"`` fixes the kind (claims whose
    kind_detail says they also forecast are included) and offers section × verdict;
    a fixed ``section`` offers kind × verdict.
    """
    c = _load("claims")
    sections = [s for s in SECTION_NAMES if (c["section"] == s).any()]
    kinds = [k for k in c["kind"].cat.categories if (c["kind"] == k).any()]
    if section is not None and section not in sections:
        raise ValueError(f"claims_explorer: section={section!r} is not a section of claims.csv; use one of {sections}.")
    if kind is not None and kind not in kinds:
        raise ValueError(f"claims_explorer: kind={kind!r} is not a kind in claims.csv; use one of {kinds}.")
    base = _claims_filter(section, kind)
    if base.empty:
        raise ValueError(f"claims_explorer: no claims with section={section!r} and kind={kind!r}.")

    def present(opts, col_filter):
        return [(lab, v) for lab, v in opts if not col_filter(v).empty]

    sec_opts = [("All sections", "all")] + present([(SECTION_NAMES[s], s) for s in sections],
                                                   lambda s: _claims_filter(s, kind))
    kind_opts = [("All kinds", "all")] + present([(k.capitalize(), k) for k in kinds],
                                                 lambda k: _claims_filter(section, k))
    ver_opts = [("All verdicts", "all")] + present(list(VERDICT_GROUPS), lambda v: _claims_filter(section, kind, v))
    if section is None and kind is None:
        controls = {"kind": Choice("Kind", kind_opts, kind="auto"),
                    "section": Choice("Section", sec_opts, kind="dropdown")}
    elif section is None:
        controls = {"section": Choice("Section", sec_opts, kind="dropdown"),
                    "verdicts": Choice("Verdict", ver_opts, kind="dropdown")}
    else:
        controls = {"kind": Choice("Kind", kind_opts, kind="auto"),
                    "verdicts": Choice("Verdict", ver_opts, kind="dropdown")}

    def state(**st):
        s = st.get("section", section)
        k = st.get("kind", kind)
        v = st.get("verdicts", "all")
        rows = _claims_filter(s, k, v)
        vlabel = next((lab for lab, val in ver_opts if val == v), "All verdicts")
        heading = (f"Section: {'all' if s in (None, 'all') else SECTION_NAMES[s]}; kind: "
                   f"{'all' if k in (None, 'all') else k}; verdict: {vlabel.lower()}")
        return rows, heading

    def draw(**st):
        rows, heading = state(**st)
        table = _claims_table(rows, heading)
        if not rows.empty:  # printed only for the default state, which always has rows
            table.print_figure = _verdict_print_figure(rows, heading)
        return table

    def alt(**st):
        rows, heading = state(**st)
        counts = ", ".join(f"{n} {_verdict(v)}" for v, n in rows["verdict"].value_counts().items() if n)
        return f"Table of claims from the ledger. {heading}: {len(rows)} row(s)" + (f" ({counts})." if counts else ".")

    fixed = " ".join(x for x in (f"Fixed to kind '{kind}'." if kind else "",
                                 f"Fixed to section '{SECTION_NAMES.get(section, section)}'." if section else "") if x)
    return static_widget(
        draw, controls, alt=alt,
        caption=("Our ledger of the essay's claims, each in our own paraphrase with a verdict as of its date and the "
                 "sources behind it (hover an id for the source's title). " + fixed
                 + (" Forecasts include claims whose main kind is another but that also predict."
                    if kind == "forecast" else "")).strip(),
    )


def _verdict_order() -> list[tuple[str, int]]:
    """Every verdict with its group index, in the order of VERDICT_GROUPS."""
    return [(v, g) for g, (_, vs) in enumerate(VERDICT_GROUPS) for v in vs]


def _check_verdicts(rows: pd.DataFrame) -> None:
    known = {v for v, _ in _verdict_order()}
    unknown = sorted(set(rows["verdict"].astype(str)) - known)
    if unknown:
        raise data.DataError(f"claims.csv, field 'verdict': {unknown} belong to no group in "
                             "explorers.VERDICT_GROUPS; add them to a group.")


def _as_of(rows: pd.DataFrame) -> str:
    return ", ".join(sorted(set(rows["verdict_date"].astype(str))))


def _verdict_print_figure(rows: pd.DataFrame, heading: str) -> PrintFigure:
    """For the PDF: claims per verdict in this view, as labelled horizontal bars."""
    _check_verdicts(rows)
    counts = rows["verdict"].astype(str).value_counts()
    bars = [(_verdict(v), int(counts[v]), g) for v, g in _verdict_order() if counts.get(v, 0)]
    listed = ", ".join(f"{n} {lab}" for lab, n, _ in bars)
    groups = [lab for lab, _ in VERDICT_GROUPS]
    alt = (f"Horizontal bar chart of the number of claims per verdict. {heading}: {len(rows)} claim(s): {listed}. "
           "One bar per verdict found, in the order listed from the top, each labelled with its verdict and "
           "count; colour and hatching mark the verdict's group.")

    def chart():
        return plots.verdict_bars(bars, groups, title=f"Claims per verdict: {len(rows)} claim(s)",
                                  footnote=(f"{heading}. Source: the course's claims ledger (claims.csv), verdicts "
                                            f"as of {_as_of(rows)}. Colour and hatching group the verdicts as "
                                            "in the explorer's verdict filter."))

    return PrintFigure(chart, alt, "The printed figure counts the claims per verdict in this view.")


def _forecasts() -> pd.DataFrame:
    c = _load("claims")
    return c[_is_forecast(c)]


class ForecastTable:
    """Every forecast in the ledger: HTML table on the page, a Markdown list in the PDF."""

    columns = ["#", "Section", "The essay expected", "Verdict", "As of", "What happened (why)", "Evidence"]

    def __init__(self, rows: pd.DataFrame):
        self.rows = rows

    def _repr_html_(self) -> str:
        body = [[int(r.claim_id), SECTION_NAMES[r.section], r.claim, _verdict(r.verdict), str(r.verdict_date),
                 r.note, _evidence_html(r.evidence)] for r in self.rows.itertuples(index=False)]
        return plots.html_table(self.columns, body, caption=f"All {len(self.rows)} forecasts in the claims ledger")

    def _repr_markdown_(self) -> str:
        # CommonMark (what the PDF route renders) has no tables: one list item per forecast.
        esc = lambda s: re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", str(s))  # noqa: E731
        items = [f"**Table: all {len(self.rows)} forecasts in the claims ledger.**", ""]
        for r in self.rows.itertuples(index=False):
            items.append(f"- **{int(r.claim_id)}. {esc(SECTION_NAMES[r.section])}.** {esc(r.claim)} "
                         f"*Verdict:* {esc(_verdict(r.verdict))} (as of {r.verdict_date}). {esc(r.note)} "
                         f"*Evidence:* {esc(_evidence_text(r.evidence))}.")
        return "\n".join(items)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/markdown": self._repr_markdown_(),
                "text/plain": f"Table of {len(self.rows)} forecasts from the claims ledger."}


def forecast_table() -> ForecastTable:
    """A static table of every forecast in the ledger: claim, verdict, its date, note and evidence."""
    return ForecastTable(_forecasts())


# ---------------------------------------------------------------- forecast scorecard

PREDICTIONS = (("Not chosen yet", None), ("It will happen", True), ("It will not happen", False))


def _score(verdict: str, predicted: bool) -> str:
    if verdict in ("unresolved", "untestable"):
        return f"This one cannot be scored yet: the verdict is '{_verdict(verdict)}'."
    if verdict == "partly_borne_out":
        return "The verdict is 'partly borne out', so either prediction is half right."
    happened = verdict == "borne_out"
    return ("Your prediction matches the verdict." if happened == predicted else
            "Your prediction does not match the verdict.")


def _scorecard_alt(claim_id, prediction) -> str:
    r = _forecasts().set_index("claim_id").loc[claim_id]
    if prediction is None:
        return f"Forecast {claim_id}: {r['claim']} No prediction chosen yet; the outcome stays hidden."
    pred = "it will happen" if prediction else "it will not happen"
    return (f"Forecast {claim_id}: {r['claim']} Your prediction: {pred}. Verdict: {_verdict(r['verdict'])} (as of "
            f"{r['verdict_date']}). {r['note']} {_score(str(r['verdict']), prediction)}")


def _forecast_print_figure(f: pd.DataFrame) -> PrintFigure:
    """For the PDF, which cannot hide an outcome until a prediction: every forecast's verdict as a dot chart."""
    _check_verdicts(f)
    present = set(f["verdict"].astype(str))
    columns = [(v, g) for v, g in _verdict_order() if v in present]
    col_of = {v: i for i, (v, _) in enumerate(columns)}
    rows = [(f"{int(r.claim_id)}. {r.claim}", col_of[str(r.verdict)]) for r in f.itertuples(index=False)]
    by_verdict = "; ".join(
        f"{_verdict(v)}: " + ", ".join(str(int(i)) for i in f.loc[f["verdict"] == v, "claim_id"])
        for v, _ in columns)
    alt = (f"Dot chart of the verdicts on the essay's {len(f)} forecasts, one row per forecast (numbered as in the "
           f"claims ledger) and one column per verdict, as of {_as_of(f)}. Forecasts by verdict: {by_verdict}.")
    groups = [lab for lab, _ in VERDICT_GROUPS]

    def chart():
        return plots.verdict_dots(rows, [(_verdict(v), g) for v, g in columns], groups,
                                  title=f"Verdicts on the essay's {len(f)} forecasts",
                                  footnote=(f"Source: the course's claims ledger (claims.csv), verdicts as of "
                                            f"{_as_of(f)}. Forecasts include claims whose main kind is another "
                                            "but that also predict."))

    return PrintFigure(chart, alt, "The printed figure shows the verdict on every forecast at once; on the web "
                                   "page each verdict stays hidden until the reader has made a prediction.")


def forecast_scorecard() -> StaticWidget:
    """Pick a forecast, make your own prediction, and only then see the verdict, the note and the sources."""
    f = _forecasts()
    printed = _forecast_print_figure(f)  # the PDF's figure; every state carries it, only the default prints

    def short(text, n=58):
        return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"

    controls = {
        "claim_id": Choice("Forecast", [(f"{int(r.claim_id)}. {short(r.claim)}", int(r.claim_id))
                                        for r in f.itertuples(index=False)], kind="dropdown"),
        "prediction": Choice("Your prediction (as of Sept 2018)", list(PREDICTIONS), kind="auto"),
    }

    def draw(claim_id, prediction):
        r = f.set_index("claim_id").loc[claim_id]
        head = (f"<p><strong>Forecast {claim_id}</strong> ({html.escape(SECTION_NAMES[r['section']])}): "
                f"{html.escape(r['claim'])}</p><p>The essay expected this to happen.</p>")
        if prediction is None:
            body = "<p><em>Choose your prediction above to reveal what happened.</em></p>"
            text = plots.wrap(f"Forecast {claim_id}: {r['claim']}") + "\nPrediction: not chosen yet (outcome hidden)."
        else:
            rows = [["Your prediction", "it will happen" if prediction else "it will not happen"],
                    ["Verdict", f"{_verdict(r['verdict'])} (as of {r['verdict_date']})"],
                    ["What happened", r["note"]], ["Evidence", _evidence_html(r["evidence"])],
                    ["Score", _score(str(r["verdict"]), prediction)]]
            body = plots.html_table(["", ""], rows)
            text = plots.text_records([[("Forecast", f"{claim_id}. {r['claim']}"),
                                        ("Verdict", _verdict(r["verdict"])), ("What happened", r["note"]),
                                        ("Evidence", _evidence_text(r["evidence"]))]])
        return HtmlTable(html=head + body, text=text, columns=["field", "value"], print_figure=printed)

    return static_widget(
        draw, controls, alt=_scorecard_alt, default={"claim_id": int(f.iloc[0]["claim_id"]), "prediction": None},
        caption=("The essay's forecasts, one at a time: choose a forecast, decide whether you (as a reader in "
                 "September 2018) would have expected it to happen, then see the verdict, what happened and the "
                 "sources. Verdicts are from the course's claims ledger, as of the date shown."),
    )
