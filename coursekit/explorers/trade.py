"""Chapter 03 — bilateral goods trade by country pair, direction and period, one line per reporter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from .. import data, style
from ..data.queries import DOTS, MOF, MOF_UNIT, imf_dots_rows, mof_rows, one_per_year, table
from ..text import capitalise, exact_number, year_ranges
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import FONT, SIZE, C, chart_title, keep_parts, note, parts_of, wrap_label
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
#: (first, last) years of IMF DOTS (both sides, USD, to 2020); (first, last, "mof") for Japan's MOF
#: figures in yen as reported (to 2025). One control, so the page keeps its number of states.
TRADE_PERIODS = ((2000, 2020), (2010, 2020), (2016, 2025, "mof"))
PERIOD_LABELS = {"dots": "IMF DOTS, USD", "mof": "Japan MOF, yen"}
#: Source tiers (sources.csv, type) whose figures the note and the alt text flag as weak.
WEAK_SOURCES = ("secondary_aggregator", "secondary_low_reliability")
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
    compiler: str = DOTS
    not_drawn: list[str] = field(default_factory=list)  # other reports of a drawn figure
    weak: list[str] = field(default_factory=list)  # drawn figures whose only source is weak


def _dots_series(rows, reporter, fl, partner, years) -> tuple[Series, pd.DataFrame]:
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


def _mof_series(
    rows, reporter, fl, partner, years
) -> tuple[Series, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Japan's yen figures; one per year (exact before rounded), the other reports returned apart.

    Returns (series, rows used, other reports, rows behind a drawn figure).
    """
    sel = rows[(rows["reporter"] == reporter) & (rows["partner"] == partner)]
    if sel.empty:
        label = f"as reported by {reporter} (none in yen)"
        return Series(label, years, [np.nan] * len(years)), sel, sel, sel
    by_flow, spare = {}, []
    for f in ("export", "import", "total") if fl is None else (fl,):
        by_flow[f], rest = one_per_year(sel[sel["flow"] == f])
        spare.append(rest)
    spare = pd.concat(spare)
    if fl is None:  # exports + imports where both were published, else the published total
        summed = exact_sum(by_flow["export"], by_flow["import"]).dropna()
        vals = summed.combine_first(by_flow["total"])
        label = f"as reported by {reporter}'s MOF (exports + imports; summed here or as published)"
        used = sel[sel["flow"].isin(["export", "import", "total"])]
        # an export without its import (or a total where the sum exists) is not drawn
        in_sum = used["year"].isin(summed.index)
        drawn = used[in_sum != (used["flow"] == "total")]
    else:
        vals, used = by_flow[fl], sel[sel["flow"] == fl]
        drawn = used
        label = f"as reported by {reporter}'s MOF (its {fl}s; price basis not stated)"
    vals = vals.reindex(years)
    drawn = drawn[~drawn.index.isin(spare.index)]
    return Series(label, years, [float(v) if pd.notna(v) else np.nan for v in vals]), used, spare, drawn


def _listed(rows: pd.DataFrame) -> list[str]:
    """'2021 import 1,500 (tiatira-2021)' for each row, in year order."""
    return [
        f"{y} {f} {exact_number(v)} ({s})"
        for y, f, v, s in sorted(zip(rows["year"], rows["flow"], rows["value"], rows["source_id"]))
    ]


def _weak_rows(used: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Drawn rows whose source is an aggregator or rated low reliability in sources.csv."""
    types = table("sources").set_index("source_id")["type"]
    weak = used["source_id"].map(types).isin(WEAK_SOURCES) & used["year"].isin(years)
    return used[weak]


def select(
    trade: pd.DataFrame, pair: str, flow: str, period: tuple[int, int], source: str = "dots"
) -> TradeSelection:
    """What the chart and the alt text show for one state: a series per reporter, gaps, other figures."""
    dots = imf_dots_rows(trade)
    a, b = pair_countries(dots, pair)
    pick = {"dots": imf_dots_rows, "mof": mof_rows}[source]
    rows = pick(trade)
    rows = rows[rows["pair"] == pair]
    units = sorted(set(rows["unit"].astype(str))) if source == "dots" else [MOF_UNIT]
    if len(units) != 1:  # one unit per axis, always
        raise data.DataError(f"trade.csv: {DOTS} rows for {pair} use several units {units}; split them.")
    years = list(range(period[0], period[1] + 1))
    want = {
        "ab": [(a, "export", b), (b, "import", a)],
        "ba": [(b, "export", a), (a, "import", b)],
        "both": [(a, None, b), (b, None, a)],
    }[flow]
    series, missing, used, spare, drawn = [], {}, [], [], []
    for reporter, fl, partner in want:
        if source == "dots":
            s, u = _dots_series(rows, reporter, fl, partner, years)
        else:
            s, u, rest, shown = _mof_series(rows, reporter, fl, partner, years)
            spare.append(rest[rest["year"].isin(years)])
            drawn.append(shown)
        series.append(s)
        used.append(u)
        missing[reporter] = [y for y, v in zip(years, s.values) if np.isnan(v)]
    gap_years = [y for i, y in enumerate(years) if all(np.isnan(s.values[i]) for s in series)]
    allgap = sorted(set().union(*missing.values()))
    pair_rows = trade[trade["pair"] == pair]
    other = pair_rows[pair_rows["year"].isin(allgap) & ~pair_rows.index.isin(rows.index)]
    others = sorted({f"{c} ({u})" for c, u in zip(other["compiler"].astype(str), other["unit"].astype(str))})
    u = pd.concat(used)
    weak = _listed(_weak_rows(pd.concat(drawn), years)) if source == "mof" else []
    u = u[u["year"].between(*period) & u["conflict_id"].notna()]
    conflicts = sorted({f"{cid} ({y})" for ids, y in zip(u["conflict_id"], u["year"]) for cid in ids.split()})
    not_drawn = _listed(pd.concat(spare)) if spare else []
    compiler = DOTS if source == "dots" else MOF
    return TradeSelection(
        a, b, units[0], series, missing, gap_years, others, conflicts, compiler, not_drawn, weak
    )


# ---------------------------------------------------------------- texts


def flow_phrase(v: TradeSelection, flow: str) -> str:
    return {"ab": f"{v.a} → {v.b}", "ba": f"{v.b} → {v.a}", "both": f"{v.a}–{v.b}, both directions"}[flow]


def footnote(v: TradeSelection) -> str:
    key = "note_source" if v.compiler == DOTS else "note_source_mof"
    parts = [TEXT[key].format(compiler=v.compiler, unit=v.unit)]
    for rep, yrs in v.missing.items():
        if yrs:
            parts.append(f"No figure reported by {rep} for {year_ranges(yrs)}.")
    if v.others and v.compiler == DOTS:
        parts.append(TEXT["note_others"].format(others=", ".join(v.others)))
    elif v.others:  # the yen view: the list would repeat most compilers; point to the table instead
        parts.append(TEXT["note_others_mof"])
    if v.conflicts:
        parts.append("Figures flagged as conflicting with another source: " + ", ".join(v.conflicts) + ".")
    if v.not_drawn:
        parts.append(TEXT["note_not_drawn"].format(rows="; ".join(v.not_drawn)))
    if v.weak:
        parts.append(TEXT["note_weak"].format(rows="; ".join(v.weak)))
    return " ".join(parts)


def alt_text(v: TradeSelection, flow: str, period: tuple[int, int]) -> str:
    out = [
        f"Line chart of {flow_phrase(v, flow)} goods trade, {period[0]}–{period[1]}, in {v.unit} "
        f"({v.compiler}), one line per reporter."
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
    # a series with no figure at all is described above; the gaps are those of the drawn lines
    drawn = [set(v.missing[r]) for r, s in zip(v.missing, v.series) if not all(np.isnan(s.values))]
    gaps = sorted(set().union(*drawn)) if drawn else sorted(set().union(*v.missing.values()))
    out.append(
        f"Years with no figure: {year_ranges(gaps)}. The lines break at those years; nothing is filled in."
        if gaps
        else "No missing years in this period."
    )
    if v.weak:
        out.append("Drawn from a page of low reliability: " + "; ".join(v.weak) + ".")
    return " ".join(out)


def source_of(period: tuple) -> str:
    """'dots' for a (first, last) period, else its third item ('mof')."""
    return period[2] if len(period) > 2 else "dots"


def view(trade: pd.DataFrame, *, pair: str, flow: str, period: tuple) -> View:
    source = source_of(period)
    period = (period[0], period[1])
    v = select(trade, pair, flow, period, source)
    who = "as reported by each side" if source == "dots" else "Japan's own figures (MOF, yen)"
    title = f"{flow_phrase(v, flow)}: goods trade {who}"
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
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 1.3))
    ax = fig.add_subplot()
    lines = [ax.plot([], [], label=s.label, markersize=4, **st)[0] for s, st in zip(series, SERIES_STYLES)]
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    legend = ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=1)
    keep_parts(fig, "trade_lines", n_series=len(lines), lines=lines, legend=legend, gaps=[])
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
        line.set_label(wrap_label(s.label))
        text.set_text(wrap_label(s.label))
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
                fontsize=FONT["small"],
                color="#444444",
            )
        )
    parts["gaps"] = gaps
    ax.set_xlim(period[0] - 0.6, period[1] + 0.6)
    ax.relim()
    ax.set_autoscaley_on(True)
    ax.autoscale_view(scalex=False)
    ax.set_ylim(bottom=0)
    chart_title(ax, title)
    ax.set_ylabel(ylabel)
    note(fig, footnote)


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
        "period": Choice(
            "Years and figures",
            [(f"{p[0]}–{p[1]} · {PERIOD_LABELS[source_of(p)]}", p) for p in TRADE_PERIODS],
            kind="auto",
        ),
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
