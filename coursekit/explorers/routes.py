"""Chapter 03 — Suez vs Northern Sea Route vs Trans-Siberian sea–rail: distance or transit time, by season."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import StrMethodFormatter

from .. import data, style
from ..text import exact_number
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import FONT, SIZE, C, chart_title, keep_parts, note, parts_of, wrap_label
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
ROUTES_SHOWN = {"suez": "Suez", "northern_sea_route": "NSR", "trans_siberian_sea_rail": "Sea–rail"}
ROUTE_METRICS = (
    ("Distance (km)", ("distance", "km")),
    ("Distance (nautical miles)", ("distance", "nautical miles")),
    ("Transit time (days)", ("transit_time", "days")),
)
SEASONS = (("Summer–autumn (Jul–Oct)", "summer"), ("Winter–spring (Nov–Jun)", "winter"))
SEASON_MONTHS = {"summer": {7, 8, 9, 10}, "winter": {11, 12, 1, 2, 3, 4, 5, 6}}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
ROUTE_STYLES = {
    "suez": dict(color=C["blue"], hatch=""),
    "northern_sea_route": dict(color=C["sky_blue"], hatch=".."),
    "trans_siberian_sea_rail": dict(color=C["orange"], hatch="xx"),
}


# ---------------------------------------------------------------- data selection


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


def route_rows(routes: pd.DataFrame, metric: tuple[str, str], season: str):
    """(rows shown, rows whose stated season is outside ``season``, same metric in other units)."""
    r = routes[routes["route"].isin(list(ROUTES_SHOWN))]
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


def route_value(row) -> str:
    lo, hi = exact_number(row.value_min), exact_number(row.value_max)
    v = lo if row.value_min == row.value_max else f"{lo}–{hi}"
    return v if row.qualifier == "as stated" else f"{row.qualifier} {v}"


# ---------------------------------------------------------------- texts and view


def _labels(metric, season) -> tuple[str, str]:
    return dict((v, k) for k, v in ROUTE_METRICS)[metric], dict((v, k) for k, v in SEASONS)[season]


def alt_text(metric, season, shown, off, other) -> str:
    mlabel, slabel = _labels(metric, season)
    parts = [
        f"Horizontal bar chart: {mlabel}, {slabel}; {len(shown)} figures, each labelled with its source id."
    ]
    for route, name in ROUTES_SHOWN.items():
        rows = [x for x in shown if x.route == route]
        if rows:
            parts.append(
                f"{name}: {len(rows)} figure(s) from {exact_number(min(x.value_min for x in rows))} to "
                f"{exact_number(max(x.value_max for x in rows))} {metric[1]}."
            )
        else:
            parts.append(f"{name}: no figure for this metric and season.")
    if off:
        parts.append(
            "Not shown (stated season outside this one): " + ", ".join(x.route_row_id for x in off) + "."
        )
    if other:
        parts.append(
            "Not shown (same measure in another unit): "
            + ", ".join(f"{x.route_row_id} ({route_value(x)} {x.unit})" for x in other)
            + "."
        )
    return " ".join(parts)


def footnote(routes, season, off, other) -> str:
    notes = [TEXT["note_compare"]]
    if off:
        notes.append(
            "Not shown, their stated season is outside this one: "
            + "; ".join(f"{x.route_row_id} ({ROUTES_SHOWN[x.route]}, {x.season})" for x in off)
            + "."
        )
    for unit in sorted({x.unit for x in other}):
        notes.append(
            f"Also in the data in {unit}, not mixed into this axis: "
            + ", ".join(x.route_row_id for x in other if x.unit == unit)
            + "."
        )
    if season == "winter":
        nsr = routes[(routes["route"] == "northern_sea_route") & routes["season"].notna()]
        notes.append(
            "Seasons the data state for the NSR: "
            + "; ".join(f"{x.route_row_id} {x.season}" for x in nsr.itertuples(index=False))
            + "."
        )
    return " ".join(notes)


@dataclass
class RangeBar:
    route: str
    label: str  # written above the bar (route and ports)
    lo: float
    hi: float
    text: str  # value and source id, written under the label
    faded: bool = False  # e.g. season not stated


def view(routes: pd.DataFrame, *, metric: tuple[str, str], season: str) -> View:
    shown, off, other = route_rows(routes, metric, season)
    bars = [
        RangeBar(
            route=x.route,
            label=f"{ROUTES_SHOWN[x.route]}: {x.origin} → {x.destination}",
            lo=x.value_min,
            hi=x.value_max,
            faded=not isinstance(x.season, str),
            text=f"{route_value(x)} · {x.source_id}" + (f"\n{x.season}" if isinstance(x.season, str) else ""),
        )
        for x in shown
    ]
    empty = [
        f"{ROUTES_SHOWN[r]}: no figure in the data for this measure and season"
        for r in ROUTES_SHOWN
        if not any(x.route == r for x in shown)
    ]
    mlabel, slabel = _labels(metric, season)
    chart = dict(
        bars=bars,
        title=f"{mlabel}, {slabel}",
        xlabel=metric[1],
        footnote=footnote(routes, season, off, other),
        empty_routes=empty,
    )
    return View(chart, alt_text(metric, season, shown, off, other))


# ---------------------------------------------------------------- chart


#: Row layout of :func:`range_bars`, in text lines: a bar's thickness and the gap after a row.
BAR_LINES, GAP_LINES = 1.3, 1.0
#: Inches per text line at the charts' small font; room above and below the rows (title, axis, legend).
LINE_IN, FRAME_IN = 0.155, 2.3


def range_bars(
    bars: Sequence[RangeBar], *, title: str, xlabel: str, footnote: str, empty_routes: Sequence[str] = ()
) -> Figure:  # pragma: no mutate block
    """Horizontal bars from 0 to the low figure, a hatched extension to the high figure for ranges.

    Drawn for a phone's column: each bar's route, value and source are written above it,
    so the bars take the full width and no label runs past the figure.
    """
    fig = style.new_figure(figsize=_range_size(bars, empty_routes))
    ax = fig.add_subplot()
    parts = keep_parts(fig, "range_bars", drawn=[])
    _range_state(ax, parts, bars, empty_routes)
    ax.set_xlabel(xlabel)
    chart_title(ax, title)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    names = (
        ("suez", "Suez"),
        ("northern_sea_route", "Northern Sea Route (NSR)"),
        ("trans_siberian_sea_rail", "Trans-Siberian sea–rail"),
    )
    handles = [
        Patch(
            facecolor=ROUTE_STYLES[r]["color"], hatch=ROUTE_STYLES[r]["hatch"], edgecolor="black", label=lab
        )
        for r, lab in names
    ]
    handles.append(Patch(facecolor="white", hatch="////", edgecolor="black", label="range (low–high)"))
    fig.legend(handles=handles, loc="outside lower left", ncols=1)
    note(fig, footnote)
    return fig


def update_range_bars(
    fig: Figure,
    bars: Sequence[RangeBar],
    *,
    title: str,
    xlabel: str,
    footnote: str,
    empty_routes: Sequence[str] = (),
) -> None:  # pragma: no mutate block
    """Move a :func:`range_bars` figure to new bars; other rows resize the figure in place."""
    size = _range_size(bars, empty_routes)
    if tuple(fig.get_size_inches()) != size:
        # before parts_of, which places the axes where a new figure of this size starts
        fig.set_size_inches(size, forward=False)
    parts = parts_of(fig, "range_bars")
    ax = fig.axes[0]
    for artist in parts["drawn"]:
        artist.remove()
    parts["drawn"] = []
    _range_state(ax, parts, bars, empty_routes)
    ax.set_xlabel(xlabel)
    chart_title(ax, title)
    note(fig, footnote)


def _row_text(b: RangeBar) -> str:  # pragma: no mutate block
    """What is written above a bar: route and ports, then the value and its source."""
    return wrap_label(b.label) + "\n" + wrap_label(b.text.replace("\n", " · "))


def _rows(bars: Sequence[RangeBar], empty_routes: Sequence[str]) -> tuple[list[float], list[float], float]:
    """Top of each row's text and centre of each bar (text-line units, top row at 0), and the bottom."""
    tops, centres, y = [], [], 0.0
    for b in bars:
        tops.append(y)
        y -= _row_text(b).count("\n") + 1
        centres.append(y - BAR_LINES / 2)
        y -= BAR_LINES + GAP_LINES
    for text in empty_routes:
        tops.append(y)
        y -= wrap_label(text).count("\n") + 1 + GAP_LINES
    return tops, centres, y


def _range_size(
    bars: Sequence[RangeBar], empty_routes: Sequence[str]
) -> tuple[float, float]:  # pragma: no mutate block
    """Figure size (inches) for these bars and empty-route rows: one text line is ``LINE_IN``."""
    bottom = _rows(bars, empty_routes)[2]
    return (SIZE[0], round(FRAME_IN - bottom * LINE_IN, 2))


# pragma: no mutate start (drawing)
def _range_state(ax, parts: dict, bars: Sequence[RangeBar], empty_routes: Sequence[str]) -> None:
    drawn = parts["drawn"]
    tops, centres, bottom = _rows(bars, empty_routes)
    xmax = max([b.hi for b in bars], default=1)
    for b, top, y in zip(bars, tops, centres):
        st = ROUTE_STYLES[b.route]
        alpha = 0.45 if b.faded else 1.0
        bar = dict(height=BAR_LINES * 0.9, linewidth=0.5, edgecolor="black")
        drawn.append(ax.barh(y, b.lo, color=st["color"], hatch=st["hatch"], alpha=alpha, **bar))
        if b.hi > b.lo:
            bar.update(linewidth=0.8, edgecolor=st["color"])
            drawn.append(ax.barh(y, b.hi - b.lo, left=b.lo, color="white", hatch="////", **bar))
        drawn.append(ax.text(0, top, _row_text(b), va="top", fontsize=FONT["small"], linespacing=1.1))
    for text, top in zip(empty_routes, tops[len(bars) :]):
        style_ = dict(va="top", fontsize=FONT["small"], style="italic", color="#333333", linespacing=1.1)
        drawn.append(ax.text(0, top, wrap_label(text), **style_))
    ax.set_xlim(0, xmax * 1.04)
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_ylim(bottom + GAP_LINES / 2, 0.4)


# pragma: no mutate end


# ---------------------------------------------------------------- widget


@chapter_widget("03-rapprochement")
def route_comparison() -> StaticWidget:
    """Suez vs Northern Sea Route vs Trans-Siberian sea–rail: distance or transit time, by season."""
    controls = {
        "metric": Choice("Measure", [(k, v) for k, v in ROUTE_METRICS], kind="radio"),
        "season": Choice("Season", list(SEASONS), kind="radio"),
    }
    return view_widget(
        partial(view, data.load("routes")),
        range_bars,
        controls,
        update=update_range_bars,
        caption=TEXT["caption"],
        default={"metric": ("transit_time", "days"), "season": "summer"},
    )
