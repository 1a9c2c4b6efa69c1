"""The trade explorer and the scale chart after 2020 (issue 13, requirement 5).

Expected values are read here from data/trade.csv with the csv module, never through
coursekit.data or the explorers, so a wrong filter in the code under test shows up.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from coursekit import data
from coursekit.explorers import scale, trade

DATA = Path(__file__).resolve().parents[2] / "data"
YEN = (2016, 2025, "mof")


def rows(name: str) -> list[dict]:
    with (DATA / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def mof_figures(pair: str, flow: str) -> dict[int, list[dict]]:
    """Japan-reported MOF calendar-year yen rows of one flow, by year, in file order."""
    out: dict[int, list[dict]] = {}
    for r in rows("trade"):
        if (
            r["pair"] == pair
            and r["compiler"] == "Japan MOF"
            and r["period"] == "CY"
            and r["unit"] == "JPY billion"
            and r["reporter"] == "Japan"
            and r["flow"] == flow
        ):
            out.setdefault(int(r["year"]), []).append(r)
    return out


def expected_value(found: list[dict]) -> float:
    """The figure the chart should draw: the first exactly stated one, else the first."""
    exact = [r for r in found if r["qualifier"] == "as stated"]
    return float((exact or found)[0]["value"])


@pytest.fixture(scope="module")
def table():
    return data.load("trade")


@pytest.mark.parametrize("pair", ["japan_russia", "japan_us"])
@pytest.mark.parametrize("flow, csv_flow", [("ab", "export"), ("ba", "import")])
def test_yen_series_after_2020_come_from_the_rows(table, pair, flow, csv_flow):
    want = mof_figures(pair, csv_flow)
    v = trade.view(table, pair=pair, flow=flow, period=YEN)
    japan = next(s for s in v.chart["series"] if "Japan" in s.label)
    drawn = dict(zip(japan.years, japan.values))
    assert any(y > 2020 for y in want), "the test needs figures after 2020"
    for year in range(2016, 2026):
        if year in want:
            assert drawn[year] == expected_value(want[year]), (pair, csv_flow, year)
        else:
            assert math.isnan(drawn[year]), f"{pair} {csv_flow} {year}: a year without a row must stay empty"


def test_a_gap_year_breaks_the_drawn_line(table):
    from coursekit import style

    want = mof_figures("japan_russia", "export")
    gap = 2022
    assert gap not in want and gap - 1 in want and gap + 1 in want, "needs figures on both sides of 2022"
    v = trade.view(table, pair="japan_russia", flow="ab", period=YEN)
    with style.style_context():
        fig = trade.trade_lines(**v.chart)
    line = next(ln for ln in fig.axes[0].get_lines() if "Japan" in ln.get_label())
    years, values = list(line.get_xdata()), list(line.get_ydata())
    assert math.isnan(values[years.index(gap)])  # matplotlib draws no segment through a NaN point
    assert not math.isnan(values[years.index(gap - 1)]) and not math.isnan(values[years.index(gap + 1)])


def test_alt_text_names_the_gap_and_says_nothing_is_filled_in(table):
    alt = trade.view(table, pair="japan_russia", flow="ab", period=YEN).alt
    assert "2022" in alt.split("Years with no figure:")[1].split(".")[0]
    assert "The lines break at those years; nothing is filled in." in alt
    assert "JPY billion" in alt and "USD" not in alt.split("Years with no figure")[0]


def test_yen_and_dollars_never_share_an_axis(table):
    for period in trade.TRADE_PERIODS:
        v = trade.view(table, pair="japan_us", flow="both", period=period)
        want = "JPY billion" if len(period) > 2 else "USD million"
        assert v.chart["ylabel"] == want, period
        assert want in v.alt


def test_other_reports_of_a_drawn_figure_are_listed_not_averaged(table):
    found = mof_figures("japan_russia", "import")[2021]
    assert len(found) >= 2, "2021 imports have several reports (conflict C3)"
    foot = trade.view(table, pair="japan_russia", flow="ba", period=YEN).chart["footnote"]
    shown = expected_value(found)
    for r in found:
        if float(r["value"]) != shown:
            assert r["source_id"] in foot, r["source_id"]


def test_weak_pages_are_flagged_in_the_alt_text(table):
    weak_types = {"secondary_aggregator", "secondary_low_reliability"}
    weak_ids = {s["source_id"] for s in rows("sources") if s["type"] in weak_types}
    total_2025 = [r for r in rows("trade") if r["pair"] == "japan_russia" and r["year"] == "2025"]
    drawn = [r for r in total_2025 if r["compiler"] == "Japan MOF" and r["unit"] == "JPY billion"]
    assert drawn and drawn[0]["source_id"] in weak_ids, "the 2025 yen total rests on a weak page"
    alt = trade.view(table, pair="japan_russia", flow="both", period=YEN).alt
    assert "low reliability" in alt and drawn[0]["source_id"] in alt


def test_scale_chart_in_yen_uses_the_rows_and_leaves_empty_slots(table):
    us, ru = mof_figures("japan_us", "export"), mof_figures("japan_russia", "export")
    v = scale.view(table, flow="export", scale="linear", source="mof")
    years = v.chart["years"]
    assert years == list(range(2016, 2026))
    for series, want in ((v.chart["a"], us), (v.chart["b"], ru)):
        for year, value in zip(years, series):
            if year in want:
                assert value == expected_value(want[year]), year
            else:
                assert math.isnan(value), year
    both = sorted(set(us) & set(ru))
    last = both[-1]
    ratio = expected_value(us[last]) / expected_value(ru[last])
    assert f"In {last}" in v.alt and f"{ratio:.1f} times as large" in v.alt
    assert "JPY billion" in v.alt and "2022" in v.alt.split("with Russia for")[1]
    assert v.chart["ylabel"] == "JPY billion"


def test_scale_chart_says_so_when_no_year_has_both_figures(table):
    us, ru = mof_figures("japan_us", "import"), mof_figures("japan_russia", "import")
    assert not set(us) & set(ru) & set(range(2016, 2026)), "the test needs two series with no common year"
    v = scale.view(table, flow="import", scale="log", source="mof")
    assert "No year has figures for both partners" in v.alt
