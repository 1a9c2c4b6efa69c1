"""Chapter 05 — tariff rate × elasticity × pass-through -> first-round change in US imports of Japanese vehicles.

The model parameters (elasticities, pass-through) and their sources are in ``tariffs.yml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import data, style
from ..text import exact_number
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import CONTEXT_GREY, FONT, SIZE, C, chart_title, keep_parts, note, parts_of
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
ELASTICITY_SOURCE: str = TEXT["elasticity"]["source"]
ELASTICITIES: tuple[tuple[str, float], ...] = tuple(
    (o["label"], float(o["value"])) for o in TEXT["elasticity"]["options"]
)
PASS_THROUGH_SOURCE: str = TEXT["pass_through"]["source"]
PASS_THROUGH: tuple[tuple[str, float], ...] = tuple(
    (o["label"], float(o["value"])) for o in TEXT["pass_through"]["options"]
)
BASELINE_TARIFF_ID = "baseline_mfn"
#: The import figure the calculator scales: the last calendar year before the 2018 threat.
AUTO_BASE = ("us_imports_from_japan_autos_and_parts", 2017)


def tariff_effect(
    rate: float, baseline: float, elasticity: float, pass_through: float
) -> tuple[float, float]:
    """(% change in the US buyer's price, % change in import volume), straight-line partial equilibrium.

    Δ% price = pass_through × (rate − baseline) / (100 + baseline) × 100 (the tariff-inclusive price
    rises by this share of the tariff change); Δ% imports ≈ −elasticity × Δ% price.
    """
    dprice = pass_through * (rate - baseline) / (100 + baseline) * 100
    return dprice + 0.0, -elasticity * dprice + 0.0  # + 0.0 turns -0.0 into 0.0 for display


# ---------------------------------------------------------------- data selection


@dataclass
class TariffInputs:
    """The tariff rates (sorted), the baseline rate and the base-year import figure."""

    tariffs: pd.DataFrame
    baseline: float
    base: pd.Series

    @classmethod
    def load(cls) -> TariffInputs:
        t = data.load("tariffs").sort_values("rate_percent")
        base = t[t["tariff_id"] == BASELINE_TARIFF_ID]
        if base.empty:
            raise data.DataError(
                f"tariffs.csv: no row with tariff_id {BASELINE_TARIFF_ID!r}; the calculator "
                "needs the baseline rate: restore the row in data/tariffs.csv."
            )
        a = data.load("autos")
        row = a[(a["measure"] == AUTO_BASE[0]) & (a["year"] == AUTO_BASE[1]) & (a["period"] == "CY")]
        if len(row) != 1:
            raise data.DataError(
                f"autos.csv: expected one calendar-year row for {AUTO_BASE}, found {len(row)}; "
                "restore the row, or remove the duplicate, in data/autos.csv."
            )
        return cls(t, float(base.iloc[0]["rate_percent"]), row.iloc[0])

    def rates(self) -> list[tuple[str, float]]:
        return [(_rate_label(r), float(r.rate_percent)) for r in self.tariffs.itertuples(index=False)]

    def scaled(self, dq: float) -> float:
        """The change in USD billion of the base-year imports (capped at −100 %)."""
        return self.base["value"] * max(dq, -100) / 100 + 0.0


def _rate_label(row) -> str:
    if row.tariff_id == BASELINE_TARIFF_ID:
        return f"{row.rate_percent:g}% baseline"
    date = row.effective_date if isinstance(row.effective_date, str) else row.announced_date
    return f"{row.rate_percent:g}% ({str(date)[:4]})"  # short: toggle buttons are narrow


# ---------------------------------------------------------------- texts and view


def alt_text(t: TariffInputs, rate, elasticity, pass_through) -> str:
    dp, dq = tariff_effect(rate, t.baseline, elasticity, pass_through)
    text = (
        f"Bar chart, partial-equilibrium illustration. At a {rate:g}% tariff (baseline {t.baseline:g}%), "
        f"elasticity {elasticity:g} and {pass_through * 100:g}% pass-through, the US buyer's price rises "
        f"{dp:.1f}% and US imports of Japanese vehicles change by {dq:+.1f}%"
    )
    if dq < -100:
        text += " (the straight-line formula passes −100%, so imports would stop; the chart caps the bar at −100%)"
    return text + (
        f"; scaled to the {AUTO_BASE[1]} figure of USD {exact_number(t.base['value'])} "
        f"{t.base['unit'].split()[-1]} (autos and parts) that is a change of about USD "
        f"{t.scaled(dq):+.1f} billion."
    )


def view(t: TariffInputs, *, rate: float, elasticity: float, pass_through: float) -> View:
    rates = t.rates()
    values = [tariff_effect(r, t.baseline, elasticity, pass_through)[1] for _, r in rates]
    dp, dq = tariff_effect(rate, t.baseline, elasticity, pass_through)
    box = TEXT["box"].format(
        baseline=t.baseline,
        dp=dp,
        dq=dq,
        year=AUTO_BASE[1],
        value=exact_number(t.base["value"]),
        compiler=t.base["compiler"],
        source_id=t.base["source_id"],
        dv=t.scaled(dq),
    )
    chart = dict(
        labels=[lab for lab, _ in rates],
        values=values,
        selected=[r for _, r in rates].index(rate),
        box=box,
        title=(
            f"Simple partial-equilibrium illustration, not a forecast\nelasticity "
            f"{elasticity:g}, pass-through {pass_through * 100:g}%"
        ),
    )
    return View(chart, alt_text(t, rate, elasticity, pass_through))


# ---------------------------------------------------------------- chart


def tariff_bars(
    labels: Sequence[str],
    values: Sequence[float],
    selected: int,
    *,
    title: str,
    box: str,
    floor: float = -100.0,
) -> Figure:  # pragma: no mutate block
    """Change in imports for each rate; the selected rate is solid and hatched, others grey.

    Values below ``floor`` (a straight-line rule past -100 %) are drawn at the floor
    and labelled with the formula's own number, so nothing is hidden.
    """
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 1.0))
    ax = fig.add_subplot()
    rects, texts_ = [], []
    for i in range(len(labels)):
        rects.append(ax.bar(i, 0, edgecolor="black", width=0.6).patches[0])
        texts_.append(ax.text(i, 0, "", ha="center", fontsize=FONT["small"]))
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("% change in US imports\n(volume, first round)")
    keep_parts(fig, "tariff_bars", labels=list(labels), floor=floor, rects=rects, texts=texts_)
    update_tariff_bars(fig, labels, values, selected, title=title, box=box, floor=floor)
    return fig


def update_tariff_bars(
    fig: Figure,
    labels: Sequence[str],
    values: Sequence[float],
    selected: int,
    *,
    title: str,
    box: str,
    floor: float = -100.0,
) -> None:  # pragma: no mutate block
    """Move a :func:`tariff_bars` figure to new values and selection (same rates)."""
    parts = parts_of(fig, "tariff_bars", labels=list(labels), floor=floor)
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
    ax.set_xticks(
        np.arange(len(labels)),
        [("▶ " if i == selected else "") + lab.replace(" ", "\n", 1) for i, lab in enumerate(labels)],
    )  # rate over its note ("25%" over "(2018)"): four labels fit a phone's column
    lowest = max(min(list(values) + [0.0]), floor)
    ax.set_ylim(lowest * 1.25 - 12, 12)
    chart_title(ax, title)
    note(fig, box)


# ---------------------------------------------------------------- widget


@chapter_widget("05-tariff-trouble")
def tariff_calculator() -> StaticWidget:
    """Tariff rate × elasticity × pass-through -> first-round change in US imports of Japanese vehicles."""
    t = TariffInputs.load()
    rates = t.rates()
    controls = {
        "rate": Choice("US tariff on Japanese cars", rates, kind="auto"),
        "elasticity": Choice("Import-demand elasticity", list(ELASTICITIES), kind="auto"),
        "pass_through": Choice("Pass-through to US buyers", list(PASS_THROUGH), kind="auto"),
    }
    threat = t.tariffs[t.tariffs["status"] == "threatened"]["rate_percent"]
    default = {
        "rate": float(threat.iloc[0]) if len(threat) else rates[-1][1],
        "elasticity": ELASTICITIES[0][1],
        "pass_through": 1.0,
    }
    return view_widget(
        partial(view, t),
        tariff_bars,
        controls,
        update=update_tariff_bars,
        caption=TEXT["caption"],
        default=default,
    )
