"""The shared data queries on a small hand-made trade table: every filter matters.

Each decoy row differs from the wanted row in exactly one field (period, pair, reporter,
compiler, flow, unit, year), so a query that forgets a filter finds two rows and fails
(found by mutation testing: see bench/README.md).
"""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.data import DataError, queries

COLUMNS = ["pair", "year", "period", "reporter", "compiler", "flow", "unit", "value"]
GAC = "China customs (GAC)"
WANTED_GAC = ("russia_china", 2017, "CY", "China", GAC, "total", "USD billion", 84.07)
WANTED_EXPORT = ("japan_russia", 2017, "CY", "Japan", "IMF DOTS", "export", "USD million", 1000.5)
WANTED_IMPORT = ("japan_russia", 2017, "CY", "Japan", "IMF DOTS", "import", "USD million", 2000.25)


def decoys(row: tuple, fields: list[str]) -> list[tuple]:
    """One copy of ``row`` per field of ``fields``, with just that field changed."""
    changed = {
        "pair": "japan_china",
        "year": 2016,
        "period": "H1",
        "reporter": "Mongolia",
        "compiler": "Other compiler",
        "flow": "balance",
        "unit": "JPY billion",
    }
    out = []
    for name in fields:
        i = COLUMNS.index(name)
        decoy = list(row)
        decoy[i] = changed[name]
        decoy[-1] = 7.0 + i
        out.append(tuple(decoy))
    return out


@pytest.fixture
def trade(monkeypatch):
    rows = [WANTED_GAC, WANTED_EXPORT, WANTED_IMPORT]
    rows += decoys(WANTED_GAC, COLUMNS[:6])  # gac_total does not look at the unit
    rows += decoys(WANTED_EXPORT, COLUMNS[:-1]) + decoys(WANTED_IMPORT, COLUMNS[:-1])
    frame = pd.DataFrame(rows, columns=COLUMNS)
    sources = pd.DataFrame({"source_id": ["S1", "S2"], "title": ["One", "Two"]})
    monkeypatch.setattr(queries, "table", {"trade": frame, "sources": sources}.__getitem__)
    return frame


def test_gac_total_is_the_one_calendar_year_china_customs_total(trade):
    assert queries.gac_total(2017) == 84.07


def test_dots_is_the_one_calendar_year_usd_million_figure(trade):
    assert queries.dots("japan_russia", "Japan", 2017, "export") == 1000.5
    assert queries.dots("japan_russia", "Japan", 2017, "import") == 2000.25
    assert queries.dots_total("japan_russia", "Japan", 2017) == 3000.75


def test_imf_dots_rows_keep_only_dots_calendar_year_rows(trade):
    rows = queries.imf_dots_rows(trade)
    assert set(rows["compiler"]) == {"IMF DOTS"} and set(rows["period"]) == {"CY"}
    # the two wanted rows and the decoys that differ in neither compiler nor period
    assert len(rows) == 2 + 2 * (len(COLUMNS) - 1 - 2)
    assert len(rows[rows["unit"] == "JPY billion"]) == 2  # the unit is the caller's filter


def test_a_missing_row_is_an_error_naming_the_dataset_and_the_query(trade):
    with pytest.raises(DataError) as err:
        queries.gac_total(2030)
    message = str(err.value)
    assert message.startswith(
        "trade.csv: expected exactly one row with pair='russia_china', reporter='China'"
    )
    assert "year=2030, found 0." in message


def test_one_counts_duplicates_too(trade):
    doubled = pd.concat([trade, trade])
    with pytest.raises(DataError, match="found 2"):
        queries.one(
            "trade",
            doubled,
            pair="russia_china",
            reporter="China",
            compiler=GAC,
            flow="total",
            year=2017,
            period="CY",
        )


def test_source_returns_the_row_as_a_dict(trade):
    assert queries.source("S2") == {"source_id": "S2", "title": "Two"}
    with pytest.raises(DataError, match=r"sources\.csv: expected exactly one row with source_id='S9'"):
        queries.source("S9")
