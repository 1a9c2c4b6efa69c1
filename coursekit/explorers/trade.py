"""Chapter 03 — bilateral goods trade by country pair, direction and period, one line per reporter."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from .. import data, style
from ..data.queries import DOTS, imf_dots_rows
from ..text import capitalise, exact_number, year_ranges
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import SIZE, TITLE_WIDTH, C, keep_parts, note, parts_of, set_note
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
TRADE_PERIODS = ((2000, 2020), (2010, 2020), (2014, 2024))
FLOWS = (("1st → 2nd country", "ab"), ("2nd → 1st country", "ba"), ("Both directions", "both"))
SERIES_STYLES = [
    dict(color=C["blue"], marker="o", linestyle="-"),
    dict(color=C["orange"], marker="s", linestyle="--"),
]


# ---------------------------------------------------------------- data selection


def exact_sum(a: pd.Series, b: pd.Series) -> pd.Series:
    """a + b aligned on the index, summed in decimal so no float noise is added; NaN if either is missing."""
    idx = a.index.union(b.index)
    a, b = a.reindex(idx), b.reindex(idx)
    out = [
        float(Decimal(repr(float(x))) + Decimal(repr(float(y)))) if pd.notna(x) and pd.notna(y) else np.nan
        for x, y in zip(a, b)
    ]
    return pd.Series(out, index=idx, dtype="float64")


def pair_countries(dots: pd.DataFrame, pair: str) -> tuple[str, str]:
    """The pair's two countries in the order of its id ('japan_us' -> Japan, United States)."""
    rows = dots[dots["pair"] == pair]
    names = sorted(set(rows["reporter"].astype(str)) | set(rows["partner"].astype(str)))

    def token(name: str) -> str:
        words = name.lower().split()
        return words[0] if len(words) == 1 else "".join(w[0] for w in words)

    order = []
    for tok in pair.split("_"):
        match = [n for n in names if token(n) == tok]
        if len(match) != 1:
            raise data.DataError(
                f"trade.csv, field 'pair': cannot match {tok!r} of pair {pair!r} to one of "
                f"the reporters {names}; name the pair after its countries."
            )
        order.append(match[0])
    return order[0], order[1]


@dataclass
class Series:
    label: str
    years: list[int]
    values: list[float]  # NaN where the source has no figure: the line breaks there


@dataclass
class TradeSelection:
    a: str
    b: str
    unit: str
    series: list[Series]
    missing: dict[str, list[int]]
    gap_years: list[int]
    others: list[str]
    conflicts: list[str]


def _reporter_series(rows, reporter, fl, partner, years) -> tuple[Series, pd.DataFrame]:
    sel = rows[(rows["reporter"] == reporter) & (rows["partner"] == partner)]
    if fl is None:  # both directions: the reporter's exports + imports, summed only where both exist
        ex = sel[sel["flow"] == "export"].set_index("year")["value"]
        im = sel[sel["flow"] == "import"].set_index("year")["value"]
        vals = exact_sum(ex, im).reindex(years)
        label = f"as reported by {reporter} (exports FOB + imports CIF, summed here)"
        used = sel[sel["flow"].isin(["export", "import"])]
    else:
        used = sel[sel["flow"] == fl]
        vals = used.set_index("year")["value"].reindex(years)
        label = f"as reported by {reporter} (its {fl}s, {'FOB' if fl == 'export' else 'CIF'})"
    return Series(label, years, [float(v) if pd.notna(v) else np.nan for v in vals]), used


def select(trade: pd.DataFrame, pair: str, flow: str, period: tuple[int, int]) -> TradeSelection:
    """What the chart and the alt text show for one state: a series per reporter, gaps, other figures."""
    dots = imf_dots_rows(trade)
    a, b = pair_countries(dots, pair)
    rows = dots[dots["pair"] == pair]
    units = sorted(set(rows["unit"].astype(str)))
    if len(units) != 1:  # one unit per axis, always
        raise data.DataError(f"trade.csv: {DOTS} rows for {pair} use several units {units}; split them.")
    years = list(range(period[0], period[1] + 1))
    want = {
        "ab": [(a, "export", b), (b, "import", a)],
        "ba": [(b, "export", a), (a, "import", b)],
        "both": [(a, None, b), (b, None, a)],
    }[flow]
    series, missing, used = [], {}, []
    for reporter, fl, partner in want:
        s, u = _reporter_series(rows, reporter, fl, partner, years)
        series.append(s)
        used.append(u)
        missing[reporter] = [y for y, v in zip(years, s.values) if np.isnan(v)]
    gap_years = [y for i, y in enumerate(years) if all(np.isnan(s.values[i]) for s in series)]
    allgap = sorted(set().union(*missing.values()))
    other = trade[(trade["pair"] == pair) & (trade["year"].isin(allgap)) & (trade["compiler"] != DOTS)]
    others = sorted({f"{c} ({u})" for c, u in zip(other["compiler"].astype(str), other["unit"].astype(str))})
    u = pd.concat(used)
    u = u[u["year"].between(*period) & u["conflict_id"].notna()]
    conflicts = sorted({f"{cid} ({y})" for ids, y in zip(u["conflict_id"], u["year"]) for cid in ids.split()})
    return TradeSelection(a, b, units[0], series, missing, gap_years, others, conflicts)


# ---------------------------------------------------------------- texts


def flow_phrase(v: TradeSelection, flow: str) -> str:
    return {"ab": f"{v.a} → {v.b}", "ba": f"{v.b} → {v.a}", "both": f"{v.a}–{v.b}, both directions"}[flow]


def footnote(v: TradeSelection) -> str:
    parts = [TEXT["note_source"].format(compiler=DOTS, unit=v.unit)]
    for rep, yrs in v.missing.items():
        if yrs:
            parts.append(f"No {rep}-reported figure for {year_ranges(yrs)}.")
    if v.others:
        parts.append(TEXT["note_others"].format(others=", ".join(v.others)))
    if v.conflicts:
        parts.append("Figures flagged as conflicting with another source: " + ", ".join(v.conflicts) + ".")
    return " ".join(parts)


def alt_text(v: TradeSelection, flow: str, period: tuple[int, int]) -> str:
    out = [
        f"Line chart of {flow_phrase(v, flow)} goods trade, {period[0]}–{period[1]}, in {v.unit} "
        f"({DOTS}), one line per reporter."
    ]
    for s in v.series:
        have = [(y, x) for y, x in zip(s.years, s.values) if not np.isnan(x)]
        if not have:
            out.append(f"{capitalise(s.label)}: no figures in this period.")
            continue
        lo = min(have, key=lambda p: p[1])
        hi = max(have, key=lambda p: p[1])
        out.append(
            f"{capitalise(s.label)}: figures for {year_ranges([y for y, _ in have])}; lowest "
            f"{exact_number(lo[1])} in {lo[0]}, highest {exact_number(hi[1])} in {hi[0]}."
        )
    gaps = sorted(set().union(*v.missing.values()))
    out.append(f"Years with no figure: {year_ranges(gaps)}." if gaps else "No missing years in this period.")
    return " ".join(out)


def view(trade: pd.DataFrame, *, pair: str, flow: str, period: tuple[int, int]) -> View:
    v = select(trade, pair, flow, period)
    title = f"{flow_phrase(v, flow)}: goods trade as reported by each side"
    chart = dict(
        series=v.series,
        title=title,
        ylabel=v.unit,
        period=period,
        gap_years=v.gap_years,
        footnote=footnote(v),
    )
    return View(chart, alt_text(v, flow, period))


# ---------------------------------------------------------------- chart


def trade_lines(
    series: Sequence[Series],
    *,
    title: str,
    ylabel: str,
    period: tuple[int, int],
    gap_years: Sequence[int],
    footnote: str,
) -> Figure:  # pragma: no mutate block
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
    keep_parts(
        fig,
        "trade_lines",
        n_series=len(lines),
        lines=lines,
        legend=legend,
        gaps=[],
        note=note(fig, footnote, extra=0.25),
    )
    update_trade_lines(
        fig, series, title=title, ylabel=ylabel, period=period, gap_years=gap_years, footnote=footnote
    )
    return fig


def update_trade_lines(
    fig: Figure,
    series: Sequence[Series],
    *,
    title: str,
    ylabel: str,
    period: tuple[int, int],
    gap_years: Sequence[int],
    footnote: str,
) -> None:  # pragma: no mutate block
    """Move a :func:`trade_lines` figure to new series, period and texts (same number of series)."""
    parts = parts_of(fig, "trade_lines", n_series=len(series))
    ax = fig.axes[0]
    for line, text, s in zip(parts["lines"], parts["legend"].get_texts(), series):
        line.set_data(s.years, s.values)
        line.set_label(s.label)
        text.set_text(s.label)
    for artist in parts["gaps"]:
        artist.remove()
    gaps = [
        ax.axvspan(y - 0.5, y + 0.5, facecolor="#eeeeee", hatch="//", edgecolor="#bbbbbb", linewidth=0)
        for y in gap_years
    ]
    if gap_years:
        gaps.append(
            ax.text(
                np.mean(gap_years),
                0.5,
                "no figure\nin the data",
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="center",
                fontsize=8,
                color="#444444",
            )
        )
    parts["gaps"] = gaps
    ax.set_xlim(period[0] - 0.6, period[1] + 0.6)
    ax.relim()
    ax.set_autoscaley_on(True)
    ax.autoscale_view(scalex=False)
    ax.set_ylim(bottom=0)
    ax.set_title(textwrap.fill(title, TITLE_WIDTH), loc="left")
    ax.set_ylabel(ylabel)
    set_note(fig, parts["note"], footnote, extra=0.25)


# ---------------------------------------------------------------- widget


@chapter_widget("03-rapprochement")
def trade_explorer() -> StaticWidget:
    """Bilateral goods trade by country pair, direction and period; one line per reporting country."""
    trade = data.load("trade")
    dots = imf_dots_rows(trade)
    pairs = list(dict.fromkeys(dots["pair"].astype(str)))
    labels = {p: "–".join(pair_countries(dots, p)) for p in pairs}
    controls = {
        "pair": Choice("Country pair", [(labels[p], p) for p in pairs], kind="dropdown"),
        "flow": Choice("Flow", list(FLOWS), kind="auto"),
        "period": Choice("Period", [(f"{a}–{b}", (a, b)) for a, b in TRADE_PERIODS], kind="auto"),
    }
    default_pair = "japan_russia" if "japan_russia" in pairs else pairs[0]
    return view_widget(
        partial(view, trade),
        trade_lines,
        controls,
        update=update_trade_lines,
        caption=TEXT["caption"],
        default={"pair": default_pair, "flow": "both", "period": TRADE_PERIODS[0]},
    )
