"""Chapter 03 — Suez vs Northern Sea Route vs Trans-Siberian sea–rail: distance or transit time, by season."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .. import data, style
from ..text import exact_number
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import SIZE, C, keep_parts, note, parts_of, set_note
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
    label: str  # y tick label (route and ports)
    lo: float
    hi: float
    text: str  # value label at the bar's end, including the source id
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


def range_bars(
    bars: Sequence[RangeBar], *, title: str, xlabel: str, footnote: str, empty_routes: Sequence[str] = ()
) -> Figure:  # pragma: no mutate block
    """Horizontal bars from 0 to the low figure, a hatched extension to the high figure for ranges."""
    n = len(bars) + len(empty_routes)
    fig = style.new_figure(figsize=_range_size(n))
    ax = fig.add_subplot()
    parts = keep_parts(fig, "range_bars", drawn=[])
    _range_state(ax, parts, bars, empty_routes, n)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10)
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
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.16), ncols=4, fontsize=6.5)
    parts["note"] = note(fig, footnote, extra=0.3)
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
    """Move a :func:`range_bars` figure to new bars; another number of rows resizes the figure in place."""
    n = len(bars) + len(empty_routes)
    size = _range_size(n)
    if tuple(fig.get_size_inches()) != size:
        # before parts_of, which places the axes where a new figure of this size starts
        fig.set_size_inches(size, forward=False)
    parts = parts_of(fig, "range_bars")
    ax = fig.axes[0]
    for artist in parts["drawn"]:
        artist.remove()
    parts["drawn"] = []
    _range_state(ax, parts, bars, empty_routes, n)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10)
    set_note(fig, parts["note"], footnote, extra=0.3)


def _range_size(n_rows: int) -> tuple[float, float]:  # pragma: no mutate block
    """Figure size (inches) for ``n_rows`` bars and empty-route rows."""
    return (SIZE[0], max(3.2, 1.5 + 0.42 * n_rows))


# pragma: no mutate start (drawing)
def _range_state(ax, parts: dict, bars: Sequence[RangeBar], empty_routes: Sequence[str], n: int) -> None:
    drawn = parts["drawn"]
    ylabels, ypos = [], []
    xmax = max([b.hi for b in bars], default=1)
    for i, b in enumerate(bars):
        y = n - 1 - i
        st = ROUTE_STYLES[b.route]
        alpha = 0.45 if b.faded else 1.0
        drawn.append(
            ax.barh(
                y,
                b.lo,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="black",
                linewidth=0.5,
                alpha=alpha,
                height=0.7,
            )
        )
        if b.hi > b.lo:
            drawn.append(
                ax.barh(
                    y,
                    b.hi - b.lo,
                    left=b.lo,
                    color="white",
                    hatch="////",
                    edgecolor=st["color"],
                    linewidth=0.8,
                    height=0.7,
                )
            )
        drawn.append(ax.text(b.hi + xmax * 0.015, y, b.text, va="center", fontsize=6.5))
        ylabels.append(textwrap.fill(b.label, 34))
        ypos.append(y)
    for j, text in enumerate(empty_routes):
        y = n - 1 - len(bars) - j
        drawn.append(ax.text(xmax * 0.015, y, text, va="center", fontsize=7, style="italic", color="#333333"))
        ylabels.append("")
        ypos.append(y)
    ax.set_yticks(ypos, ylabels, fontsize=6.5)
    ax.set_xlim(0, xmax * 2.1)
    ax.set_ylim(-0.6, n - 0.4)


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
