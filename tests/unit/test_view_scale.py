"""The trade-scale chart's pure ``view(**state)`` (chapter 05): series, ratio, gaps, alt text, footnote.

The expected figures are read from data/trade.csv with ``csv`` and summed with ``Decimal``
here; the preference rule for the yen figures (a figure stated exactly before a rounded one,
else the first row of the file) is the one ``one_per_year``'s docstring states.
"""

from __future__ import annotations

import csv
import math
from decimal import Decimal
from pathlib import Path

import pytest

from coursekit import data
from coursekit.explorers import scale

TRADE = Path(__file__).resolve().parents[2] / "data" / "trade.csv"
PAIRS = {"japan_us": "United States", "japan_russia": "Russia"}


def japan_rows(source: str) -> list[dict]:
    with TRADE.open(newline="", encoding="utf-8") as fh:
        out = []
        for r in csv.DictReader(fh):
            if r["pair"] not in PAIRS or r["reporter"] != "Japan" or r["period"] != "CY":
                continue
            dots = source == "dots" and r["compiler"] == "IMF DOTS"
            if dots or (source == "mof" and r["compiler"] == "Japan MOF" and r["unit"] == "JPY billion"):
                out.append(r)
        return out


def series(pair: str, flow: str, source: str) -> dict[int, Decimal]:
    picked: dict[int, dict] = {}
    for r in japan_rows(source):
        if r["pair"] != pair or r["flow"] != flow:
            continue
        y = int(r["year"])
        if y not in picked or (picked[y]["qualifier"] != "as stated" and r["qualifier"] == "as stated"):
            picked[y] = r
    return {y: Decimal(r["value"]) for y, r in picked.items()}


def expected(flow: str, source: str) -> tuple[list[int], dict, dict]:
    def one(pair):
        if flow != "both":
            return series(pair, flow, source)
        ex, im = series(pair, "export", source), series(pair, "import", source)
        return {y: ex[y] + im[y] for y in ex if y in im}

    us, ru = one("japan_us"), one("japan_russia")
    years = list(range(2016, 2026)) if source == "mof" else sorted(set(us) | set(ru))
    return years, us, ru


def number(d: Decimal) -> str:
    whole, _, frac = format(d.normalize(), "f").partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def ranges(years: list[int]) -> str:
    out, run = [], []
    for y in sorted(years) + [None]:
        if run and (y is None or y != run[-1] + 1):
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run = []
        if y is not None:
            run.append(y)
    return ", ".join(out)


@pytest.fixture(scope="module")
def trade():
    return data.load("trade")


STATES = [(f, s) for f in ("export", "import", "both") for s in ("dots", "mof")]


@pytest.mark.parametrize("flow, source", STATES)
def test_series_are_japans_own_figures_with_empty_slots_for_gaps(trade, flow, source):
    years, us, ru = expected(flow, source)
    v = scale.view(trade, flow=flow, scale="linear", source=source)
    assert v.chart["years"] == years
    for got, want in ((v.chart["a"], us), (v.chart["b"], ru)):
        assert len(got) == len(years)
        for y, x in zip(years, got):
            if y in want:
                assert x == pytest.approx(float(want[y]), rel=1e-12), y
            else:
                assert math.isnan(x), y


@pytest.mark.parametrize("flow, source", STATES)
def test_alt_text_and_footnote_state_the_last_ratio_its_range_and_the_gaps(trade, flow, source):
    years, us, ru = expected(flow, source)
    word = {"export": "exports", "import": "imports", "both": "exports + imports"}[flow]
    unit, compiler = ("USD million", "IMF DOTS") if source == "dots" else ("JPY billion", "Japan MOF")
    both = sorted(set(us) & set(ru) & set(years))
    if both:
        last = both[-1]
        ratios = {y: us[y] / ru[y] for y in both}
        lo, hi = min(ratios, key=ratios.get), max(ratios, key=ratios.get)
        compare = f"In {last} the US figure was {ratios[last]:.1f} times the Russia figure."
        last_sentence = (
            f"In {last} the figure with the United States was {number(us[last])} against {number(ru[last])} "
            f"with Russia, {ratios[last]:.1f} times as large; over the years with both figures the ratio "
            f"ranged from {ratios[lo]:.1f} ({lo}) to {ratios[hi]:.1f} ({hi})."
        )
    else:
        compare = last_sentence = "No year has figures for both partners, so the two are not compared."
    gaps = [
        f"with {'the ' if name == 'United States' else ''}{name} for {ranges([y for y in years if y not in s])}"
        for name, s in (("United States", us), ("Russia", ru))
        if any(y not in s for y in years)
    ]
    gap_text = f" No figure {'; '.join(gaps)} (empty slots: gaps, nothing filled in)." if gaps else ""
    v = scale.view(trade, flow=flow, scale="log", source=source)
    assert v.alt == (
        f"Bar chart, log scale: Japan's reported {word} with the United States and with Russia, "
        f"{years[0]}–{years[-1]}, {unit} ({compiler}). {last_sentence}{gap_text}"
    )
    basis = (
        "IMF DOTS (imf-dots-2022), as reported by Japan; exports FOB, imports CIF"
        if source == "dots"
        else "Japan MOF figures as news agencies and others reported them (About the data)"
    )
    summed = "; exports + imports summed here" if flow == "both" else ""
    assert v.chart["footnote"] == f"Source: {basis}{summed}. {compare}{gap_text}"
    assert v.chart["ylabel"] == unit
    assert v.chart["log"] is True
    assert v.chart["labels"] == ("with the United States", "with Russia")
    title = f"Japan's reported {word}: the United States vs Russia" + ("" if source == "dots" else " (yen)")
    assert v.chart["title"] == title


def test_the_dots_years_have_no_gap_and_the_yen_years_have_some(trade):
    # by hand: IMF DOTS has every year 2000-2020 on both sides; the yen figures were found only in part
    dots = scale.view(trade, flow="both", scale="linear", source="dots")
    assert dots.chart["years"] == list(range(2000, 2021))
    assert "No figure" not in dots.alt and "No figure" not in dots.chart["footnote"]
    assert (
        "No figure with the United States for 2016"
        in scale.view(trade, flow="export", scale="linear", source="mof").alt
    )
    assert not scale.view(trade, flow="export", scale="linear", source="dots").chart["log"]


def test_gaps_sentence_for_one_partner_only():
    years = [2016, 2017, 2018]
    a = data_series({2016: 1.0, 2017: 2.0, 2018: 3.0}, years)
    b = data_series({2016: 1.0}, years)
    assert scale._gaps(years, a, b, "United States", "Russia") == (
        "No figure with Russia for 2017–2018 (empty slots: gaps, nothing filled in)."
    )
    assert scale._gaps(years, b, a, "United States", "Russia") == (
        "No figure with the United States for 2017–2018 (empty slots: gaps, nothing filled in)."
    )
    assert scale._gaps(years, a, a, "United States", "Russia") == ""


def data_series(values: dict, years: list[int]):
    import pandas as pd

    return pd.Series(values, dtype="float64").reindex(years)


def test_trade_scale_chart_widget_defaults(monkeypatch):
    captured = {}
    monkeypatch.setattr(
        scale, "view_widget", lambda view, draw, controls, **kw: captured.update(kw, c=controls)
    )
    scale.trade_scale_chart()
    assert captured["default"] == {"flow": "both", "scale": "linear", "source": "dots"}
    assert [c.label for c in captured["c"].values()] == ["Flow (Japan-reported)", "Axis", "Figures"]
    assert list(captured["c"]["scale"].options) == [("Linear", "linear"), ("Logarithmic", "log")]
    assert captured["update"] is scale.update_scale_bars
