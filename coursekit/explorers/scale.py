"""Chapter 05 — Japan's trade with the US vs with Russia: one reporter (Japan), one unit and compiler per view."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from .. import data, style
from ..data.queries import DOTS, MOF, MOF_UNIT, imf_dots_rows, mof_rows, one_per_year
from ..text import exact_number, year_ranges
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import SIZE, C, chart_title, keep_parts, note, parts_of, wrap_label
from .registry import chapter_widget
from .texts import texts
from .trade import exact_sum

TEXT = texts(__name__)
SCALE_PAIRS = ("japan_us", "japan_russia")
SCALE_FLOWS = (("Exports", "export"), ("Imports", "import"), ("Exports + imports", "both"))
#: Whose figures: IMF DOTS (USD, 2000-2020) or Japan's MOF as reported (yen, 2016-2025, with gaps).
SCALE_SOURCES = (("IMF DOTS, USD (2000–2020)", "dots"), ("Japan MOF, yen (2016–2025)", "mof"))
MOF_YEARS = list(range(2016, 2026))


def _flow_values(rows: pd.DataFrame, flow: str, source: str) -> pd.Series:
    if source == "dots":
        return rows[rows["flow"] == flow].set_index("year")["value"]
    return one_per_year(rows[rows["flow"] == flow])[0]  # exact before rounded; never averaged


def japan_reported(trade: pd.DataFrame, flow: str, source: str = "dots"):
    """(years, US series, Russia series, US partner name, Russia partner name), as reported by Japan.

    ``trade`` is the whole table for ``source="mof"``, or its IMF DOTS rows (either works for DOTS).
    """
    rows_of = {"dots": imf_dots_rows, "mof": mof_rows}[source]
    out = {}
    for pair in SCALE_PAIRS:
        rows = rows_of(trade)
        rows = rows[(rows["pair"] == pair) & (rows["reporter"] == "Japan")]
        flows = ["export", "import"] if flow == "both" else [flow]
        by_flow = {f: _flow_values(rows, f, source) for f in flows}
        out[pair] = exact_sum(by_flow["export"], by_flow["import"]) if flow == "both" else by_flow[flow]
        out[pair + "_partner"] = str(rows["partner"].iloc[0])
    # yen: a fixed window, so a year without a figure shows as an empty slot
    found = sorted(set(out[SCALE_PAIRS[0]].index) | set(out[SCALE_PAIRS[1]].index))
    years = MOF_YEARS if source == "mof" else found
    a = out[SCALE_PAIRS[0]].reindex(years)
    b = out[SCALE_PAIRS[1]].reindex(years)
    return [int(y) for y in years], a, b, out[SCALE_PAIRS[0] + "_partner"], out[SCALE_PAIRS[1] + "_partner"]


def _gaps(years: list[int], a: pd.Series, b: pd.Series, pa: str, pb: str) -> str:
    """'No figure with the United States for 2016, 2019; with Russia for 2016–2020.' ('' if none)."""
    parts = [
        f"with {'the ' if name == pa else ''}{name} for {year_ranges([y for y in years if pd.isna(s[y])])}"
        for name, s in ((pa, a), (pb, b))
        if s.isna().any()
    ]
    return ("No figure " + "; ".join(parts) + " (empty slots: gaps, nothing filled in).") if parts else ""


def view(trade: pd.DataFrame, *, flow: str, scale: str, source: str = "dots") -> View:
    years, a, b, pa, pb = japan_reported(trade, flow, source)
    flab = dict((v, k) for k, v in SCALE_FLOWS)[flow]
    unit = "USD million" if source == "dots" else MOF_UNIT
    compiler = DOTS if source == "dots" else MOF
    ratio = (a / b).dropna()
    gaps = _gaps(years, a, b, pa, pb)
    if ratio.empty:
        compare = "No year has figures for both partners, so the two are not compared."
        last_sentence = compare
    else:
        last = int(ratio.index[-1])
        compare = f"In {last} the US figure was {a[last] / b[last]:.1f} times the Russia figure."
        last_sentence = (
            f"In {last} the figure with the {pa} was {exact_number(a[last])} against "
            f"{exact_number(b[last])} with {pb}, {a[last] / b[last]:.1f} times as large; over the years "
            f"with both figures the ratio ranged from {ratio.min():.1f} ({int(ratio.idxmin())}) to "
            f"{ratio.max():.1f} ({int(ratio.idxmax())})."
        )
    if source == "dots":
        basis = f"{DOTS} (imf-dots-2022), as reported by Japan; exports FOB, imports CIF"
    else:
        basis = f"{MOF} figures as news agencies and others reported them (About the data)"
    foot = (
        f"Source: {basis}"
        + ("; exports + imports summed here" if flow == "both" else "")
        + f". {compare}"
        + (f" {gaps}" if gaps else "")
    )
    chart = dict(
        years=years,
        a=list(a),
        b=list(b),
        labels=(f"with the {pa}", f"with {pb}"),
        log=scale == "log",
        title=f"Japan's reported {flab.lower()}: the United States vs Russia"
        + ("" if source == "dots" else " (yen)"),
        ylabel=unit,
        footnote=foot,
    )
    alt = (
        f"Bar chart, {scale} scale: Japan's reported {flab.lower()} with the {pa} and with {pb}, "
        f"{years[0]}–{years[-1]}, {unit} ({compiler}). {last_sentence}" + (f" {gaps}" if gaps else "")
    )
    return View(chart, alt)


def scale_bars(
    years: Sequence[int],
    a: Sequence[float],
    b: Sequence[float],
    *,
    labels: tuple[str, str],
    log: bool,
    title: str,
    ylabel: str,
    footnote: str,
) -> Figure:  # pragma: no mutate block
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 1.0))
    ax = fig.add_subplot()
    x = np.arange(len(years))
    bars_a = ax.bar(
        x - 0.2, a, width=0.4, color=C["blue"], edgecolor="black", linewidth=0.3, label=wrap_label(labels[0])
    )
    bars_b = ax.bar(
        x + 0.2,
        b,
        width=0.4,
        color=C["orange"],
        hatch="///",
        edgecolor="black",
        linewidth=0.3,
        label=wrap_label(labels[1]),
    )
    _y_axis(ax, log, ylabel)
    step = max(1, -(-len(years) // 6))  # at most six year labels: they fit a phone's column
    ax.set_xticks(x[::step], [str(y) for y in years][::step])
    chart_title(ax, title)
    legend = ax.legend(loc="upper left", bbox_to_anchor=(-0.02, -0.12), ncols=1)
    keep_parts(fig, "scale_bars", years=list(years), bars=(bars_a.patches, bars_b.patches), legend=legend)
    note(fig, footnote)
    return fig


def _y_axis(ax, log: bool, ylabel: str) -> None:  # pragma: no mutate block
    """Log or linear value axis, with thousands separators on the linear one, and its label."""
    if (ax.get_yscale() == "log") != log:
        ax.set_yscale("log" if log else "linear")  # resets the tick formatter to the scale's default
    if not log:
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_ylabel(ylabel + (" (log scale)" if log else ""))


def update_scale_bars(
    fig: Figure,
    years: Sequence[int],
    a: Sequence[float],
    b: Sequence[float],
    *,
    labels: tuple[str, str],
    log: bool,
    title: str,
    ylabel: str,
    footnote: str,
) -> None:  # pragma: no mutate block
    """Move a :func:`scale_bars` figure to new values, axis scale and texts (same years)."""
    parts = parts_of(fig, "scale_bars", years=list(years))
    ax = fig.axes[0]
    for rects, values in zip(parts["bars"], (a, b)):
        for rect, v in zip(rects, values):
            rect.set_height(v)
    for text, lab in zip(parts["legend"].get_texts(), labels):
        text.set_text(wrap_label(lab))
    _y_axis(ax, log, ylabel)
    ax.relim()
    ax.autoscale_view()
    chart_title(ax, title)
    note(fig, footnote)


@chapter_widget("05-tariff-trouble")
def trade_scale_chart() -> StaticWidget:
    """Japan's trade with the US vs with Russia, same reporter (Japan), unit and compiler (IMF DOTS)."""
    controls = {
        "flow": Choice("Flow (Japan-reported)", list(SCALE_FLOWS), kind="auto"),
        "scale": Choice("Axis", [("Linear", "linear"), ("Logarithmic", "log")], kind="auto"),
        "source": Choice("Figures", list(SCALE_SOURCES), kind="auto"),
    }
    return view_widget(
        partial(view, data.load("trade")),
        scale_bars,
        controls,
        update=update_scale_bars,
        caption=TEXT["caption"],
        default={"flow": "both", "scale": "linear", "source": "dots"},
    )
