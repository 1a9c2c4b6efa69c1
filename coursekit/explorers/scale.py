"""Chapter 05 — Japan's trade with the US vs with Russia, same reporter (Japan), unit and compiler (IMF DOTS)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from .. import data, style
from ..data.queries import DOTS, imf_dots_rows
from ..text import exact_number
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import SIZE, C, keep_parts, note, parts_of, set_note
from .registry import chapter_widget
from .texts import texts
from .trade import exact_sum

TEXT = texts(__name__)
SCALE_PAIRS = ("japan_us", "japan_russia")
SCALE_FLOWS = (("Exports", "export"), ("Imports", "import"), ("Exports + imports", "both"))


def japan_reported(dots: pd.DataFrame, flow: str):
    """(years, US series, Russia series, US partner name, Russia partner name), as reported by Japan."""
    out = {}
    for pair in SCALE_PAIRS:
        rows = dots[(dots["pair"] == pair) & (dots["reporter"] == "Japan")]
        flows = ["export", "import"] if flow == "both" else [flow]
        by_flow = {f: rows[rows["flow"] == f].set_index("year")["value"] for f in flows}
        out[pair] = exact_sum(by_flow["export"], by_flow["import"]) if flow == "both" else by_flow[flow]
        out[pair + "_partner"] = str(rows["partner"].iloc[0])
    years = sorted(set(out[SCALE_PAIRS[0]].index) | set(out[SCALE_PAIRS[1]].index))
    a = out[SCALE_PAIRS[0]].reindex(years)
    b = out[SCALE_PAIRS[1]].reindex(years)
    return [int(y) for y in years], a, b, out[SCALE_PAIRS[0] + "_partner"], out[SCALE_PAIRS[1] + "_partner"]


def view(dots: pd.DataFrame, *, flow: str, scale: str) -> View:
    years, a, b, pa, pb = japan_reported(dots, flow)
    flab = dict((v, k) for k, v in SCALE_FLOWS)[flow]
    ratio = (a / b).dropna()
    last = int(ratio.index[-1])
    foot = (
        f"Source: {DOTS} (imf-dots-2022), as reported by Japan; exports FOB, imports CIF"
        + ("; exports + imports summed here" if flow == "both" else "")
        + f". In {last} the US figure was {a[last] / b[last]:.1f} times the Russia figure."
    )
    chart = dict(
        years=years,
        a=list(a),
        b=list(b),
        labels=(f"with the {pa}", f"with {pb}"),
        log=scale == "log",
        title=f"Japan's reported {flab.lower()}: the United States vs Russia",
        ylabel="USD million",
        footnote=foot,
    )
    alt = (
        f"Bar chart, {scale} scale: Japan's reported {flab.lower()} with the {pa} and with {pb}, "
        f"{years[0]}–{years[-1]}, USD million ({DOTS}). In {last} the figure with the {pa} was USD "
        f"{exact_number(a[last])} million against USD {exact_number(b[last])} million with {pb}, "
        f"{a[last] / b[last]:.1f} times as large; over the period the ratio ranged from {ratio.min():.1f} "
        f"({int(ratio.idxmin())}) to {ratio.max():.1f} ({int(ratio.idxmax())})."
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
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.4))
    ax = fig.add_subplot()
    x = np.arange(len(years))
    bars_a = ax.bar(x - 0.2, a, width=0.4, color=C["blue"], edgecolor="black", linewidth=0.3, label=labels[0])
    bars_b = ax.bar(
        x + 0.2,
        b,
        width=0.4,
        color=C["orange"],
        hatch="///",
        edgecolor="black",
        linewidth=0.3,
        label=labels[1],
    )
    if log:
        ax.set_yscale("log")
    else:
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xticks(x[::2], [str(y) for y in years][::2], fontsize=8)
    ax.set_ylabel(ylabel + (" (log scale)" if log else ""))
    ax.set_title(title, loc="left", fontsize=10, pad=22)
    legend = ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, fontsize=8)
    keep_parts(
        fig,
        "scale_bars",
        years=list(years),
        bars=(bars_a.patches, bars_b.patches),
        legend=legend,
        note=note(fig, footnote),
    )
    return fig


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


@chapter_widget("05-tariff-trouble")
def trade_scale_chart() -> StaticWidget:
    """Japan's trade with the US vs with Russia, same reporter (Japan), unit and compiler (IMF DOTS)."""
    controls = {
        "flow": Choice("Flow (Japan-reported)", list(SCALE_FLOWS), kind="auto"),
        "scale": Choice("Axis", [("Linear", "linear"), ("Logarithmic", "log")], kind="auto"),
    }
    return view_widget(
        partial(view, imf_dots_rows(data.load("trade"))),
        scale_bars,
        controls,
        update=update_scale_bars,
        caption=TEXT["caption"],
        default={"flow": "both", "scale": "linear"},
    )
