"""Drawing and table helpers for the chapter explorers (:mod:`coursekit.explorers`).

Everything here is presentation: it receives data already selected by the
explorers and returns matplotlib Figures or HTML/text tables. Meaning is never
carried by colour alone: series also differ by marker, line style, hatching or
a text label.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import StrMethodFormatter

from . import style
from .widgets import FullRedraw, PrintFigure, drawing_live, encode_png, fast_png, live_note_html, set_live_note

C = style.OKABE_ITO
#: Small, light figures: about 6.5 x 3.5 in at the style's screen DPI.
SIZE = (6.5, 3.5)
#: Grey used for context (non-selected) elements; black text stays readable on it.
CONTEXT_GREY = "#c8c8c8"


# ---------------------------------------------------------------- tables


class Raw(str):
    """A table cell that already holds safe HTML (e.g. a link built with html.escape)."""


@dataclass
class HtmlTable:
    """Tabular output for one widget state: HTML for the page, text for the PDF.

    ``coursekit.widgets`` treats any object with ``to_html``, ``to_string`` and
    ``columns`` as a table (like a DataFrame). Using this instead of a DataFrame
    lets a state carry links, a summary line or a figure above the table, and
    print as wrapped records in the PDF instead of one over-wide text grid.

    ``print_figure`` (optional) is the figure the PDF prints for this state,
    above the table text; it is drawn only for the printed default state and
    never added to the web page.
    """

    html: str
    text: str
    columns: Sequence[str] = field(default_factory=list)
    print_figure: PrintFigure | None = None

    def to_html(self, **_ignored) -> str:
        return self.html

    def to_string(self, **_ignored) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html


def cell(value) -> str:
    """HTML for one cell: Raw passes through, empty values show an em dash."""
    if isinstance(value, Raw):
        return str(value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or str(value) in ("", "nan", "<NA>"):
        return "—"
    return html.escape(str(value))


def html_table(columns: Sequence[str], rows: Iterable[Sequence], *, caption: str | None = None) -> str:
    """An accessible HTML table: a caption, column headers with scope, escaped cells."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="coursekit-table" border="0">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


#: Characters per line of the PDF's verbatim blocks; longer lines get a continuation mark.
TEXT_WIDTH = 78


def wrap(text: str, width: int = TEXT_WIDTH) -> str:
    """One line of print text wrapped to the PDF's verbatim width, continuation lines indented."""
    return textwrap.fill(text, width=width, subsequent_indent="    ")


def text_records(records: Iterable[Sequence[tuple[str, str]]], width: int = TEXT_WIDTH) -> str:
    """Records as wrapped 'Field: value' lines, blank line between records (for the PDF)."""
    blocks = []
    for rec in records:
        lines = []
        for key, value in rec:
            value = "—" if value in (None, "") else str(value)
            lines.append(wrap(f"{key}: {value}", width))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def img_tag(fig: Figure, alt: str) -> str:
    """The figure as an embedded PNG with alt text (for states that mix a figure and a table)."""
    import base64

    # a live redraw embeds nothing in a page: skip the slow palette PNG
    live = drawing_live()
    data = fast_png(fig) if live else encode_png(fig, style.SCREEN_DPI)
    w, h = (round(x * style.SCREEN_DPI) for x in fig.get_size_inches())
    below = live_note_html(fig) if live else ""  # a live figure's footnote, as HTML (see note())
    fig.clf()
    b64 = base64.b64encode(data).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{b64}" alt="{html.escape(alt)}" '
        f'width="{w}" height="{h}" style="max-width:100%;height:auto">{below}'
    )


def note(fig: Figure, text: str, *, extra: float = 0.0):
    """A small wrapped footnote at the bottom, and room kept for it (plus ``extra`` inches) in the layout."""
    artist = fig.text(0.01, 0.005, "", ha="left", va="bottom", fontsize=7, color="#333333")
    set_note(fig, artist, text, extra=extra)
    return artist


def set_note(fig: Figure, artist, text: str, *, extra: float = 0.0) -> None:
    """Put ``text`` in the footnote ``artist`` (from :func:`note`) and size the layout's room for it.

    In a live redraw the text goes under the image as HTML instead (drawing it is most
    of a redraw's time), so the figure keeps only the ``extra`` room.
    """
    height = fig.get_size_inches()[1]
    if drawing_live():
        artist.set_text("")
        set_live_note(fig, text)
        frac = min(0.6, 0.02 + extra / height)
    else:
        wrapped = textwrap.fill(text, 108)
        artist.set_text(wrapped)
        frac = min(0.6, (wrapped.count("\n") + 1) * 7 * 1.25 / 72 / height + 0.02 + extra / height)
    fig.get_layout_engine().set(rect=(0, frac, 1, 1 - frac))


# ---------------------------------------------------------------- live updates
#
# Each chart below keeps the artists a later state may change in ``fig._coursekit``
# (a dict naming the chart). Its ``update_*`` twin takes the same arguments as the
# chart function and moves those artists, so a live redraw reuses the figure, its
# axes and ticks; it raises FullRedraw when the figure's structure would differ.


def _parts(fig: Figure, kind: str, **structure) -> dict:
    """The artists :func:`kind` kept on ``fig``; FullRedraw unless ``structure`` matches the figure's."""
    parts = getattr(fig, "_coursekit", None)
    if parts is None or parts["kind"] != kind:
        raise FullRedraw(f"the figure was not drawn by plots.{kind}")
    for key, value in structure.items():
        if parts[key] != value:
            raise FullRedraw(f"plots.{kind}: {key} changes from {parts[key]!r} to {value!r}")
    for ax in fig.axes:
        # constrained layout starts from the axes' current position; start where a new figure
        # starts, so the solved layout (and the picture) equals a full redraw's
        if fig.get_layout_engine() is not None and ax.get_subplotspec() is not None:
            ax._set_position(ax.get_subplotspec().get_position(fig))
    return parts


# ---------------------------------------------------------------- trade lines


@dataclass
class Series:
    label: str
    years: list[int]
    values: list[float]  # NaN where the source has no figure: the line breaks there


SERIES_STYLES = [
    dict(color=C["blue"], marker="o", linestyle="-"),
    dict(color=C["orange"], marker="s", linestyle="--"),
]


#: Characters per line of a chart title wrapped to fit the figure's width.
TITLE_WIDTH = 60


def trade_lines(series: Sequence[Series], *, title: str, ylabel: str, period: tuple[int, int],
                gap_years: Sequence[int], footnote: str) -> Figure:
    """One line per reporter; NaN breaks the line, years with no figure are shaded and labelled.

    The title wraps and the legend stacks its entries (one column) under the axes, so
    both stay inside the figure whatever the reporters' labels.
    """
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.9))
    ax = fig.add_subplot()
    lines = [ax.plot([], [], label=s.label, markersize=4, **st)[0] for s, st in zip(series, SERIES_STYLES)]
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=1, fontsize=7)
    fig._coursekit = dict(kind="trade_lines", n_series=len(lines), lines=lines, legend=legend, gaps=[],
                          note=note(fig, footnote, extra=0.25))
    update_trade_lines(fig, series, title=title, ylabel=ylabel, period=period, gap_years=gap_years,
                       footnote=footnote)
    return fig


def update_trade_lines(fig: Figure, series: Sequence[Series], *, title: str, ylabel: str,
                       period: tuple[int, int], gap_years: Sequence[int], footnote: str) -> None:
    """Move a :func:`trade_lines` figure to new series, period and texts (same number of series)."""
    parts = _parts(fig, "trade_lines", n_series=len(series))
    ax = fig.axes[0]
    for line, text, s in zip(parts["lines"], parts["legend"].get_texts(), series):
        line.set_data(s.years, s.values)
        line.set_label(s.label)
        text.set_text(s.label)
    for artist in parts["gaps"]:
        artist.remove()
    gaps = [ax.axvspan(y - 0.5, y + 0.5, facecolor="#eeeeee", hatch="//", edgecolor="#bbbbbb", linewidth=0)
            for y in gap_years]
    if gap_years:
        gaps.append(ax.text(np.mean(gap_years), 0.5, "no figure\nin the data", transform=ax.get_xaxis_transform(),
                            ha="center", va="center", fontsize=8, color="#444444"))
    parts["gaps"] = gaps
    ax.set_xlim(period[0] - 0.6, period[1] + 0.6)
    ax.relim()
    ax.set_autoscaley_on(True)
    ax.autoscale_view(scalex=False)
    ax.set_ylim(bottom=0)
    ax.set_title(textwrap.fill(title, TITLE_WIDTH), loc="left")
    ax.set_ylabel(ylabel)
    set_note(fig, parts["note"], footnote, extra=0.25)


# ---------------------------------------------------------------- route ranges


ROUTE_STYLES = {
    "suez": dict(color=C["blue"], hatch=""),
    "northern_sea_route": dict(color=C["sky_blue"], hatch=".."),
    "trans_siberian_sea_rail": dict(color=C["orange"], hatch="xx"),
}


@dataclass
class RangeBar:
    route: str
    label: str  # y tick label (route and ports)
    lo: float
    hi: float
    text: str  # value label at the bar's end, including the source id
    faded: bool = False  # e.g. season not stated


def range_bars(bars: Sequence[RangeBar], *, title: str, xlabel: str, footnote: str,
               empty_routes: Sequence[str] = ()) -> Figure:
    """Horizontal bars from 0 to the low figure, a hatched extension to the high figure for ranges."""
    n = len(bars) + len(empty_routes)
    fig = style.new_figure(figsize=_range_size(n))
    ax = fig.add_subplot()
    fig._coursekit = dict(kind="range_bars", drawn=[])
    _range_state(fig, ax, bars, empty_routes, n)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10)
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=ROUTE_STYLES[r]["color"], hatch=ROUTE_STYLES[r]["hatch"], edgecolor="black",
                     label=lab) for r, lab in (("suez", "Suez"), ("northern_sea_route", "Northern Sea Route (NSR)"),
                                                ("trans_siberian_sea_rail", "Trans-Siberian sea–rail"))]
    handles.append(Patch(facecolor="white", hatch="////", edgecolor="black", label="range (low–high)"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.16), ncols=4, fontsize=6.5)
    fig._coursekit["note"] = note(fig, footnote, extra=0.3)
    return fig


def update_range_bars(fig: Figure, bars: Sequence[RangeBar], *, title: str, xlabel: str, footnote: str,
                      empty_routes: Sequence[str] = ()) -> None:
    """Move a :func:`range_bars` figure to new bars; another number of rows resizes the figure in place."""
    n = len(bars) + len(empty_routes)
    size = _range_size(n)
    if tuple(fig.get_size_inches()) != size:
        # before _parts, which places the axes where a new figure of this size starts
        fig.set_size_inches(size, forward=False)
    parts = _parts(fig, "range_bars")
    ax = fig.axes[0]
    for artist in parts["drawn"]:
        artist.remove()
    parts["drawn"] = []
    _range_state(fig, ax, bars, empty_routes, n)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=10)
    set_note(fig, parts["note"], footnote, extra=0.3)


def _range_size(n_rows: int) -> tuple[float, float]:
    """Figure size (inches) for ``n_rows`` bars and empty-route rows."""
    return (SIZE[0], max(3.2, 1.5 + 0.42 * n_rows))


def _range_state(fig: Figure, ax, bars: Sequence[RangeBar], empty_routes: Sequence[str], n: int) -> None:
    drawn = fig._coursekit["drawn"]
    ylabels, ypos = [], []
    xmax = max([b.hi for b in bars], default=1)
    for i, b in enumerate(bars):
        y = n - 1 - i
        st = ROUTE_STYLES[b.route]
        alpha = 0.45 if b.faded else 1.0
        drawn.append(ax.barh(y, b.lo, color=st["color"], hatch=st["hatch"], edgecolor="black", linewidth=0.5,
                             alpha=alpha, height=0.7))
        if b.hi > b.lo:
            drawn.append(ax.barh(y, b.hi - b.lo, left=b.lo, color="white", hatch="////", edgecolor=st["color"],
                                 linewidth=0.8, height=0.7))
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


# ---------------------------------------------------------------- timeline


LANE_STYLES = {
    "Abe–Putin meetings": dict(color=C["blue"], marker="o"),
    "Forums and treaty talks": dict(color=C["vermillion"], marker="D"),
    "Other events": dict(color=C["bluish_green"], marker="^"),
}


@dataclass
class TimelineItem:
    lane: str
    first: np.datetime64
    last: np.datetime64
    precise: bool  # day precision: a point; otherwise a bar over the whole possible span


def timeline(items: Sequence[TimelineItem], lanes: Sequence[str], *, title: str, xlim, marker_date=None,
             marker_label: str = "", footnote: str = "") -> Figure:
    fig = style.new_figure(figsize=(SIZE[0], 1.6 + 0.45 * len(lanes)))
    ax = fig.add_subplot()
    ypos = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    for lane in lanes:
        st = LANE_STYLES[lane]
        pts = [it for it in items if it.lane == lane and it.precise]
        spans = [it for it in items if it.lane == lane and not it.precise]
        if pts:
            ax.plot([it.first for it in pts], [ypos[lane]] * len(pts), linestyle="none", markersize=6,
                    markeredgecolor="black",
                    markeredgewidth=0.5, color=st["color"], marker=st["marker"], alpha=0.8)
        for it in spans:  # month/year precision: show the whole span the date can mean
            ax.plot([it.first, it.last], [ypos[lane]] * 2, color=st["color"], linewidth=5, alpha=0.6,
                    solid_capstyle="butt")
            ax.plot([it.first, it.last], [ypos[lane]] * 2, linestyle="none", marker="|", color="black",
                    markersize=9)
    if marker_date is not None and xlim[0] <= marker_date <= xlim[1]:
        ax.axvline(marker_date, color="black", linestyle=":", linewidth=1)
        ax.text(marker_date, len(lanes) - 0.45, f" {marker_label}", fontsize=7, va="bottom")
    ax.set_yticks(list(ypos.values()), list(ypos), fontsize=8)
    ax.set_ylim(-0.6, len(lanes) - 0.2)
    ax.set_xlim(*xlim)
    ax.grid(axis="y", visible=False)
    ax.set_title(title, loc="left")
    handles = [Line2D([], [], linestyle="none", marker="o", color="#777777", label="dated to the day"),
               Line2D([], [], color="#777777", linewidth=5, alpha=0.6, label="known only to month/year (span)")]
    ax.legend(handles=handles, loc="upper right", fontsize=7, ncols=2, bbox_to_anchor=(1, -0.14))
    note(fig, footnote or " ", extra=0.3)
    return fig


# ---------------------------------------------------------------- tariff calculator


def tariff_bars(labels: Sequence[str], values: Sequence[float], selected: int, *, title: str,
                box: str, floor: float = -100.0) -> Figure:
    """Change in imports for each rate; the selected rate is solid and hatched, others grey.

    Values below ``floor`` (a straight-line rule past -100 %) are drawn at the floor
    and labelled with the formula's own number, so nothing is hidden.
    """
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.9))
    ax = fig.add_subplot()
    rects, texts = [], []
    for i in range(len(labels)):
        rects.append(ax.bar(i, 0, edgecolor="black", width=0.6).patches[0])
        texts.append(ax.text(i, 0, "", ha="center", fontsize=8))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("% change in US imports\n(volume, first round)")
    fig._coursekit = dict(kind="tariff_bars", labels=list(labels), floor=floor, rects=rects, texts=texts,
                          note=note(fig, box))
    update_tariff_bars(fig, labels, values, selected, title=title, box=box, floor=floor)
    return fig


def update_tariff_bars(fig: Figure, labels: Sequence[str], values: Sequence[float], selected: int, *,
                       title: str, box: str, floor: float = -100.0) -> None:
    """Move a :func:`tariff_bars` figure to new values and selection (same rates)."""
    parts = _parts(fig, "tariff_bars", labels=list(labels), floor=floor)
    ax = fig.axes[0]
    for i, (rect, text, v) in enumerate(zip(parts["rects"], parts["texts"], values)):
        shown = max(v, floor)
        sel = i == selected
        rect.set_height(shown)
        rect.set_facecolor(C["vermillion"] if sel else CONTEXT_GREY)
        rect.set_hatch("//" if sel else "")
        rect.set_linewidth(1.2 if sel else 0.4)
        text.set_text(f"{v + 0.0:+.1f}%" + ("\n(formula passes −100%;\nshown at −100%)" if v < floor else ""))
        text.set_y(shown - 3 if shown < 0 else 1)
        text.set_verticalalignment("top" if shown < 0 else "bottom")
        text.set_fontweight("bold" if sel else "normal")
    ax.set_xticks(np.arange(len(labels)), [("▶ " if i == selected else "") + lab for i, lab in enumerate(labels)],
                  fontsize=8)
    lowest = max(min(list(values) + [0.0]), floor)
    ax.set_ylim(lowest * 1.25 - 12, 12)
    ax.set_title(title, loc="left", fontsize=10)
    set_note(fig, parts["note"], box)


# ---------------------------------------------------------------- trade scale


def scale_bars(years: Sequence[int], a: Sequence[float], b: Sequence[float], *, labels: tuple[str, str],
               log: bool, title: str, ylabel: str, footnote: str) -> Figure:
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.4))
    ax = fig.add_subplot()
    x = np.arange(len(years))
    bars_a = ax.bar(x - 0.2, a, width=0.4, color=C["blue"], edgecolor="black", linewidth=0.3, label=labels[0])
    bars_b = ax.bar(x + 0.2, b, width=0.4, color=C["orange"], hatch="///", edgecolor="black", linewidth=0.3,
                    label=labels[1])
    if log:
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xticks(x[::2], [str(y) for y in years][::2], fontsize=8)
    ax.set_ylabel(ylabel + (" (log scale)" if log else ""))
    ax.set_title(title, loc="left", fontsize=10, pad=22)
    legend = ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, fontsize=8)
    fig._coursekit = dict(kind="scale_bars", years=list(years), bars=(bars_a.patches, bars_b.patches),
                          legend=legend, note=note(fig, footnote))
    return fig


def update_scale_bars(fig: Figure, years: Sequence[int], a: Sequence[float], b: Sequence[float], *,
                      labels: tuple[str, str], log: bool, title: str, ylabel: str, footnote: str) -> None:
    """Move a :func:`scale_bars` figure to new values, axis scale and texts (same years)."""
    parts = _parts(fig, "scale_bars", years=list(years))
    ax = fig.axes[0]
    for rects, values in zip(parts["bars"], (a, b)):
        for rect, v in zip(rects, values):
            rect.set_height(v)
    for text, lab in zip(parts["legend"].get_texts(), labels):
        text.set_text(lab)
    if (ax.get_yscale() == "log") != log:
        ax.set_yscale("log" if log else "linear")  # resets the tick formatter to the scale's default
        if not log:
            ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.relim()
    ax.autoscale_view()
    ax.set_ylabel(ylabel + (" (log scale)" if log else ""))
    ax.set_title(title, loc="left", fontsize=10, pad=22)
    set_note(fig, parts["note"], footnote)


# ---------------------------------------------------------------- payoff matrix


def payoff_matrix(payoffs, row_labels, col_labels, players: tuple[str, str], *, marked: set,
                  mark_label: str, title: str, explanation: str) -> Figure:
    """2x2 matrix; each cell shows both payoffs in text; marked cells get a star and a thick border."""
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.6), layout=None)  # axes placed by hand
    ax = fig.add_axes((0.17, 0.08, 0.45, 0.72))
    totals = np.array([[sum(payoffs[r][c]) for c in range(2)] for r in range(2)], dtype=float)
    image = ax.imshow(totals, cmap="Blues", vmin=0, vmax=totals.max() * 3)  # light shades: black text stays readable
    fig._coursekit = dict(kind="payoff_matrix", labels=(list(row_labels), list(col_labels), tuple(players)),
                          image=image, drawn=[])
    _payoff_cells(fig, ax, payoffs, players, marked, mark_label)
    ax.set_xticks([0, 1], col_labels, fontsize=8)
    ax.set_yticks([0, 1], row_labels, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_xlabel(f"{players[1]} chooses", fontsize=8)
    ax.xaxis.set_label_position("top")
    ax.set_ylabel(f"{players[0]} chooses", fontsize=8)
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    # the explanation's column starts at 0.66 of the width: 36 characters keep it inside the figure
    fig._coursekit["texts"] = (fig.text(0.01, 0.97, title, fontsize=10, va="top"),
                               fig.text(0.66, 0.8, textwrap.fill(explanation, 36), fontsize=7.5, va="top"))
    return fig


def update_payoff_matrix(fig: Figure, payoffs, row_labels, col_labels, players: tuple[str, str], *, marked: set,
                         mark_label: str, title: str, explanation: str) -> None:
    """Move a :func:`payoff_matrix` figure to new payoffs, marks and texts (same strategies and players)."""
    parts = _parts(fig, "payoff_matrix", labels=(list(row_labels), list(col_labels), tuple(players)))
    ax = fig.axes[0]
    totals = np.array([[sum(payoffs[r][c]) for c in range(2)] for r in range(2)], dtype=float)
    parts["image"].set_data(totals)
    parts["image"].set_clim(0, totals.max() * 3)
    for artist in parts["drawn"]:
        artist.remove()
    parts["drawn"] = []
    _payoff_cells(fig, ax, payoffs, players, marked, mark_label)
    head, body = parts["texts"]
    head.set_text(title)
    body.set_text(textwrap.fill(explanation, 36))


def _payoff_cells(fig: Figure, ax, payoffs, players, marked, mark_label) -> None:
    drawn = fig._coursekit["drawn"]
    for r in range(2):
        for c in range(2):
            pa, pb = payoffs[r][c]
            star = (r, c) in marked
            if star:
                drawn.append(ax.text(c, r - 0.33, "★ " + mark_label, ha="center", va="center", fontsize=8,
                                     fontweight="bold"))
            drawn.append(ax.text(c, r, f"{players[0]}: {pa}\n{players[1]}: {pb}", ha="center", va="center",
                                 fontsize=9))
            drawn.append(ax.text(c, r + 0.3, f"total {pa + pb}", ha="center", va="center", fontsize=7))
            if star:
                drawn.append(ax.add_patch(Rectangle((c - 0.48, r - 0.48), 0.96, 0.96, fill=False, edgecolor="black",
                                                    linewidth=2.5)))


# ---------------------------------------------------------------- strategic triangle


def triangle(names: Sequence[str], edges: dict[tuple[int, int], bool], *, title: str, explanation: str,
             highlight: int | None = None) -> Figure:
    """Three actors at the corners; amity = solid thick line, enmity = dashed line, each labelled."""
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.3), layout=None)  # axes placed by hand
    ax = fig.add_axes((0.02, 0.2, 0.55, 0.7))
    pts = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, 0.87]])
    edge_artists, node_artists = [], []
    for (i, j), amity in edges.items():
        (x0, y0), (x1, y1) = pts[i], pts[j]
        line, = ax.plot([x0, x1], [y0, y1], zorder=1)
        text = ax.text((x0 + x1) / 2, (y0 + y1) / 2, "", ha="center", va="center",
                       fontsize=8, bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none"), zorder=2)
        edge_artists.append((line, text))
    for name, (x, y) in zip(names, pts):
        node_artists.append((ax.scatter([x], [y], color="white", edgecolor="black", zorder=3),
                             ax.text(x, y, "", ha="center", va="center", fontsize=8, zorder=4)))
    fig._coursekit = dict(kind="triangle", structure=(tuple(names), tuple(edges)), edges=edge_artists,
                          nodes=node_artists)
    _triangle_state(fig, names, edges, highlight)
    ax.set_xlim(-0.25, 1.25)
    ax.set_ylim(-0.2, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    handles = [Line2D([], [], color=C["bluish_green"], linewidth=3.5, label="amity (solid)"),
               Line2D([], [], color=C["vermillion"], linewidth=2.2, linestyle=(0, (4, 3)), label="enmity (dashed)")]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.22), ncols=2, fontsize=8)
    fig._coursekit["texts"] = (fig.text(0.58, 0.88, title, fontsize=11, fontweight="bold", va="top"),
                               fig.text(0.58, 0.76, textwrap.fill(explanation, 40), fontsize=8, va="top"))
    return fig


def update_triangle(fig: Figure, names: Sequence[str], edges: dict[tuple[int, int], bool], *, title: str,
                    explanation: str, highlight: int | None = None) -> None:
    """Move a :func:`triangle` figure to new amity/enmity edges and texts (same actors and pairs)."""
    parts = _parts(fig, "triangle", structure=(tuple(names), tuple(edges)))
    _triangle_state(fig, names, edges, highlight)
    head, body = parts["texts"]
    head.set_text(title)
    body.set_text(textwrap.fill(explanation, 40))


def _triangle_state(fig: Figure, names, edges, highlight) -> None:
    parts = fig._coursekit
    for (line, text), amity in zip(parts["edges"], edges.values()):
        line.set_color(C["bluish_green"] if amity else C["vermillion"])
        line.set_linestyle("-" if amity else (0, (4, 3)))
        line.set_linewidth(3.5 if amity else 2.2)
        text.set_text("amity" if amity else "enmity")
    for k, (name, (dot, label)) in enumerate(zip(names, parts["nodes"])):
        pivot = k == highlight
        dot.set_sizes([2200 if pivot else 1700])
        dot.set_linewidth(2.5 if pivot else 1)
        label.set_text(name + ("\n(pivot)" if pivot else ""))
        label.set_fontweight("bold" if pivot else "normal")


# ---------------------------------------------------------------- verdicts (print figures of the claims tables)

#: One style per verdict group, in the order of ``explorers.VERDICT_GROUPS``: colour,
#: hatching and marker all differ, and every bar or row also names its verdict in text.
VERDICT_GROUP_STYLES = [
    dict(color=C["bluish_green"], hatch="", marker="o"),
    dict(color=C["orange"], hatch="..", marker="s"),
    dict(color=C["vermillion"], hatch="//", marker="X"),
    dict(color=C["sky_blue"], hatch="xx", marker="D"),
]


def _group_handles(groups: Sequence[str], *, markers: bool) -> list:
    if markers:
        return [Line2D([], [], linestyle="none", markersize=7, markeredgecolor="black", markeredgewidth=0.5,
                       color=VERDICT_GROUP_STYLES[i]["color"], marker=VERDICT_GROUP_STYLES[i]["marker"], label=g)
                for i, g in enumerate(groups)]
    return [Patch(facecolor=VERDICT_GROUP_STYLES[i]["color"], hatch=VERDICT_GROUP_STYLES[i]["hatch"],
                  edgecolor="black", linewidth=0.5, label=g) for i, g in enumerate(groups)]


def verdict_bars(bars: Sequence[tuple[str, int, int]], groups: Sequence[str], *, title: str,
                 footnote: str) -> Figure:
    """Horizontal bars, one per verdict: ``(verdict label, count, group index)``, top to bottom.

    Each bar is labelled with its count and each row with its verdict, so the
    group colours and hatching only add a grouping, never the meaning itself.
    """
    if not bars:
        raise ValueError("verdict_bars needs at least one (verdict, count, group) bar.")
    n = len(bars)
    fig = style.new_figure(figsize=(SIZE[0], 1.9 + 0.3 * n))
    ax = fig.add_subplot()
    top = max(count for _, count, _ in bars)
    for i, (label, count, group) in enumerate(bars):
        st = VERDICT_GROUP_STYLES[group]
        ax.barh(n - 1 - i, count, color=st["color"], hatch=st["hatch"], edgecolor="black", linewidth=0.5,
                height=0.7)
        ax.text(count + top * 0.015, n - 1 - i, str(count), va="center", fontsize=8)
    ax.set_yticks(range(n - 1, -1, -1), [b[0] for b in bars], fontsize=8)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, top * 1.12 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("number of claims")
    ax.grid(axis="y", visible=False)
    ax.set_title(title, loc="left", fontsize=10)
    used = sorted({g for _, _, g in bars})
    handles = [h for i, h in enumerate(_group_handles(groups, markers=False)) if i in used]
    ax.legend(handles=handles, loc="lower right", fontsize=7)
    note(fig, footnote)
    return fig


def verdict_dots(rows: Sequence[tuple[str, int]], columns: Sequence[tuple[str, int]], groups: Sequence[str], *,
                 title: str, footnote: str) -> Figure:
    """A dot chart: one row per item (``(row label, column index)``), one column per verdict.

    ``columns`` are ``(verdict label, group index)``. The column position names
    the verdict; the marker's colour and shape repeat its group.
    """
    if not rows or not columns:
        raise ValueError("verdict_dots needs at least one row and one verdict column.")
    n = len(rows)
    fig = style.new_figure(figsize=(SIZE[0], 1.9 + 0.27 * n))
    ax = fig.add_subplot()
    for i, (_, col) in enumerate(rows):
        st = VERDICT_GROUP_STYLES[columns[col][1]]
        ax.plot([col], [n - 1 - i], linestyle="none", marker=st["marker"], markersize=8, color=st["color"],
                markeredgecolor="black", markeredgewidth=0.5)
    ax.set_yticks(range(n - 1, -1, -1), [textwrap.shorten(r[0], 52, placeholder="…") for r in rows], fontsize=7)
    ax.set_xticks(range(len(columns)), [textwrap.fill(c[0], 12) for c in columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_title(title, loc="left", fontsize=10, pad=34)  # above the verdict labels on top
    used = sorted({c[1] for c in columns})
    handles = [h for i, h in enumerate(_group_handles(groups, markers=True)) if i in used]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.35, -0.02), ncols=2, fontsize=7)
    note(fig, footnote)
    return fig
