"""Chapter 04 — Abe–Putin meetings and related events by period and kind: a timeline chart and a table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.dates import AutoDateLocator
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import data, style
from ..widgets import Choice, PrintFigure, StaticWidget, View, view_widget
from .charts import SIZE, C, HtmlTable, Raw, chart_title, embedded_chart, html_table, note, text_records
from .evidence import SourceIndex
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
KIND_GROUPS = {
    "Abe–Putin meetings": ("abe_putin_meeting",),
    "Forums and treaty talks": ("eef", "treaty_talks"),
    "Other events": (
        "japan_russia_relations",
        "russia_policy",
        "us_japan_trade",
        "japan_north_korea",
        "japan_china",
        "russia_china",
    ),
}
LANE_STYLES = {
    "Abe–Putin meetings": dict(color=C["blue"], marker="o"),
    "Forums and treaty talks": dict(color=C["vermillion"], marker="D"),
    "Other events": dict(color=C["bluish_green"], marker="^"),
}
ESSAY_SOURCE = "korybko-2018"


@dataclass
class TimelineItem:
    lane: str
    first: np.datetime64
    last: np.datetime64
    precise: bool  # day precision: a point; otherwise a bar over the whole possible span


# ---------------------------------------------------------------- data selection


@dataclass
class Timeline:
    """The timeline table, the sources and the essay's date: what every state selects from."""

    events: pd.DataFrame
    sources: SourceIndex

    @classmethod
    def load(cls) -> Timeline:
        t = cls(data.load("timeline"), SourceIndex())
        known = {k for ks in KIND_GROUPS.values() for k in ks}
        unknown_kinds = sorted(set(t.events["kind"].astype(str)) - known)
        if unknown_kinds:
            raise data.DataError(
                f"timeline.csv, field 'kind': {unknown_kinds} belong to no group in "
                "explorers.KIND_GROUPS; add them to a group."
            )
        return t

    @property
    def essay_date(self) -> pd.Timestamp:
        return pd.Timestamp(self.sources.get(ESSAY_SOURCE)["date"])

    def periods(self) -> list[tuple[str, tuple | None]]:
        t, essay = self.events, self.essay_date
        last = max(t["date_last"].max(), t["end_date_last"].max())
        return [
            ("All years", None),
            ("1956–2012", (pd.Timestamp("1956-01-01"), pd.Timestamp("2012-12-31"))),
            ("2013–2015", (pd.Timestamp("2013-01-01"), pd.Timestamp("2015-12-31"))),
            ("2016 to the essay", (pd.Timestamp("2016-01-01"), essay)),
            ("After the essay to 2021", (essay + pd.Timedelta(days=1), pd.Timestamp("2021-12-31"))),
            (f"2022–{last.year}", (pd.Timestamp("2022-01-01"), last)),
        ]

    def rows(self, period, kind) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(dated rows overlapping the period, undated rows) for the chosen kind group."""
        kinds = [k for lane in kind_lanes(kind) for k in KIND_GROUPS[lane]]
        t = self.events[self.events["kind"].isin(kinds)]
        undated = t[t["date_first"].isna()]
        dated = t[t["date_first"].notna()]
        end = dated["end_date_last"].fillna(dated["date_last"])
        if period is not None:
            dated = dated[(dated["date_first"] <= period[1]) & (end >= period[0])]
        return dated.sort_values(["date_first", "event_id"]), undated


def kind_lanes(kind: str) -> list[str]:
    return list(KIND_GROUPS) if kind == "all" else [kind]


def lane_of(kind: str) -> str:
    return next(lane for lane, ks in KIND_GROUPS.items() if kind in ks)


# ---------------------------------------------------------------- texts, table and view


def alt_text(plabel: str, period, kind, dated, undated) -> str:
    klabel = "all kinds" if kind == "all" else kind
    text = f"Timeline of {klabel}, {plabel}: {len(dated)} dated event(s) plotted"
    if len(dated):
        text += (
            f", from {dated.iloc[0]['date']} ({dated.iloc[0]['occasion']}) to {dated.iloc[-1]['date']} "
            f"({dated.iloc[-1]['occasion']})"
        )
    if period is None:
        text += f"; {len(undated)} undated row(s) listed in the table, not plotted"
    elif len(undated):
        text += f"; {len(undated)} undated row(s) are listed only under All years"
    return text + ". A table of the same events follows the chart."


def event_table(sources: SourceIndex, dated, undated, include_undated: bool) -> tuple[str, str]:
    """The events as an HTML table (page) and as wrapped text records (PDF)."""
    cols = ["Date (as recorded)", "Precision", "Kind", "Place", "Occasion", "Outcome", "Source"]
    rows = list(dated.itertuples(index=False)) + (
        list(undated.itertuples(index=False)) if include_undated else []
    )

    def date_text(r):
        d = r.date if isinstance(r.date, str) else "(no date given)"
        return d + (f" to {r.end_date}" if isinstance(r.end_date, str) else "")

    html_rows = [
        [
            date_text(r),
            r.date_precision,
            r.kind.replace("_", " "),
            r.place,
            r.occasion,
            r.outcome,
            Raw(sources.link(r.source_id)),
        ]
        for r in rows
    ]
    text = text_records(
        [
            [
                ("Date", f"{date_text(r)} ({r.date_precision})"),
                ("Kind", r.kind),
                ("Place", r.place if isinstance(r.place, str) else ""),
                ("Occasion", r.occasion),
                ("Source", r.source_id),
            ]
            for r in rows
        ]
    )
    return html_table(cols, html_rows, caption=f"{len(rows)} event(s)"), text


def view(tl: Timeline, *, period, kind) -> View:
    dated, undated = tl.rows(period, kind)
    plabel = next(lab for lab, p in tl.periods() if p == period)
    items = [
        TimelineItem(
            lane_of(r.kind),
            r.date_first,
            r.end_date_last if pd.notna(r.end_date_last) else r.date_last,
            r.date_precision == "day",
        )
        for r in dated.itertuples(index=False)
    ]
    if period is None:
        lo, hi = tl.events["date_first"].min(), tl.events["date_last"].max()
        xlim = (lo - pd.Timedelta(days=400), hi + pd.Timedelta(days=400))
    else:
        xlim = (period[0] - pd.Timedelta(days=30), period[1] + pd.Timedelta(days=30))
    foot = (
        f"{len(undated)} undated row(s) of this kind: listed in the table under All years, never placed "
        "on the axis."
        if len(undated)
        else ""
    )
    chart = dict(
        items=items,
        lanes=kind_lanes(kind),
        title=f"{plabel}: {len(dated)} dated event(s)",
        xlim=xlim,
        marker_date=tl.essay_date,
        marker_label="essay published",
        footnote=foot,
    )
    table_html, table_text = event_table(tl.sources, dated, undated, include_undated=period is None)
    extra = (
        ""
        if period is None or not len(undated)
        else f"<p>{len(undated)} undated row(s) of this kind cannot be placed in a period; choose All years "
        "to see them.</p>"
    )
    alt = alt_text(plabel, period, kind, dated, undated)
    return View(dict(chart=chart, table_html=extra + table_html, table_text=table_text, alt=alt), alt)


def chart_and_table(chart: dict, table_html: str, table_text: str, alt: str) -> HtmlTable:
    """The state: the chart embedded above the table; the PDF redraws the chart at print resolution."""
    return HtmlTable(
        html=embedded_chart(timeline(**chart), alt) + table_html,
        text=table_text,
        columns=["date", "kind", "place", "occasion", "source"],
        print_figure=PrintFigure(lambda: timeline(**chart), alt, TEXT["print_caption"]),
    )


# ---------------------------------------------------------------- chart


# pragma: no mutate start (drawing)
def _draw_lanes(ax, items: Sequence[TimelineItem], lanes: Sequence[str], ypos: dict[str, int]) -> None:
    """One row per lane: exact dates as markers, month/year dates as spans."""
    for lane in lanes:
        st = LANE_STYLES[lane]
        pts = [it for it in items if it.lane == lane and it.precise]
        spans = [it for it in items if it.lane == lane and not it.precise]
        if pts:
            ax.plot(
                [it.first for it in pts],
                [ypos[lane]] * len(pts),
                linestyle="none",
                markersize=6,
                markeredgecolor="black",
                markeredgewidth=0.5,
                color=st["color"],
                marker=st["marker"],
                alpha=0.8,
            )
        for it in spans:  # month/year precision: show the whole span the date can mean
            ax.plot(
                [it.first, it.last],
                [ypos[lane]] * 2,
                color=st["color"],
                linewidth=5,
                alpha=0.6,
                solid_capstyle="butt",
            )
            ax.plot(
                [it.first, it.last],
                [ypos[lane]] * 2,
                linestyle="none",
                marker="|",
                color="black",
                markersize=9,
            )


# pragma: no mutate end


def timeline(
    items: Sequence[TimelineItem],
    lanes: Sequence[str],
    *,
    title: str,
    xlim,
    marker_date=None,
    marker_label: str = "",
    footnote: str = "",
) -> Figure:  # pragma: no mutate block
    fig = style.new_figure(figsize=(SIZE[0], 2.0 + 0.6 * len(lanes)))
    ax = fig.add_subplot()
    ypos = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    _draw_lanes(ax, items, lanes, ypos)
    if marker_date is not None and xlim[0] <= marker_date <= xlim[1]:
        ax.axvline(marker_date, color="black", linestyle=":", linewidth=1)
        ax.text(marker_date, len(lanes) - 0.3, f"{marker_label} ", ha="right", va="bottom")
    for lane, y in ypos.items():  # lane names above their rows: the rows keep the full width
        ax.text(0.01, y + 0.22, lane, transform=ax.get_yaxis_transform(), va="bottom")
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.4, len(lanes) - 0.05)
    ax.set_xlim(*xlim)
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
    ax.grid(axis="y", visible=False)
    chart_title(ax, title)
    handles = [
        Line2D([], [], linestyle="none", marker="o", color="#777777", label="dated to the day"),
        Line2D([], [], color="#777777", linewidth=5, alpha=0.6, label="known only to month/year (span)"),
    ]
    ax.legend(handles=handles, loc="upper left", ncols=1, bbox_to_anchor=(-0.02, -0.12))
    note(fig, footnote)
    return fig


# ---------------------------------------------------------------- widget


@chapter_widget("04-shadow-diplomacy")
def timeline_explorer() -> StaticWidget:
    """Abe–Putin meetings and related events by period and kind: a timeline chart and a table."""
    tl = Timeline.load()
    controls = {
        "period": Choice("Period", tl.periods(), kind="dropdown"),
        "kind": Choice("Kind", [("All kinds", "all")] + [(k, k) for k in KIND_GROUPS], kind="radio"),
    }
    return view_widget(
        partial(view, tl),
        chart_and_table,
        controls,
        caption=TEXT["caption"],
        default={"period": None, "kind": "all"},
    )
