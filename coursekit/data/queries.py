"""Shared queries: the data look-ups that widgets and exercise checkers both need.

One cached ``table(name)`` per process, one ``one(...)`` that finds exactly one row
(and raises :class:`DataError`, naming the file and the filter, when there are none or
several), and the few named figures more than one module uses.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .errors import DataError
from .loader import load


@cache
def table(name: str) -> pd.DataFrame:
    """Dataset ``name``, read and validated once per process. Callers must not mutate it."""
    return load(name)


def one(name: str, frame: pd.DataFrame | None = None, /, **where) -> pd.Series:
    """The single row of dataset ``name`` (or of ``frame``, a selection of it) matching ``where``."""
    rows = table(name) if frame is None else frame
    for field, value in where.items():
        rows = rows[rows[field] == value]
    if len(rows) != 1:
        shown = ", ".join(f"{k}={v!r}" for k, v in where.items())
        raise DataError(
            f"{name}.csv: expected exactly one row with {shown}, found {len(rows)}. The course needs "
            "this row: restore it, or remove the duplicate, or update the code that asks for it."
        )
    return rows.iloc[0]


def source(source_id: str) -> dict:
    """One row of the sources table as a dict."""
    return one("sources", source_id=source_id).to_dict()


#: The compiler of the trade table's comparable series (IMF Direction of Trade Statistics).
DOTS = "IMF DOTS"


def imf_dots_rows(trade: pd.DataFrame) -> pd.DataFrame:
    """The IMF DOTS calendar-year rows of the trade table: the series widgets and checkers compare."""
    return trade[(trade["compiler"] == DOTS) & (trade["period"] == "CY")]


#: The compiler of Japan's own customs figures after the IMF DOTS vintage ends (2021 onwards).
MOF = "Japan MOF"
MOF_UNIT = "JPY billion"


def mof_rows(trade: pd.DataFrame) -> pd.DataFrame:
    """Japan MOF calendar-year rows in yen, as news reports and others published them."""
    return trade[(trade["compiler"] == MOF) & (trade["period"] == "CY") & (trade["unit"] == MOF_UNIT)]


def one_per_year(rows: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame]:
    """(value by year, the rows not shown) where several reports give one figure.

    A figure stated exactly is preferred over a rounded or approximate one; among equals
    the first row of the file wins. Nothing is averaged: the others are returned so
    the chart's note can list them.
    """
    ranked = rows.assign(_rank=(rows["qualifier"] != "as stated").astype(int))
    ranked = ranked.sort_values(["year", "_rank"], kind="stable")
    first = ranked.duplicated("year", keep="first")
    shown = ranked[~first].set_index("year")["value"]
    return shown, ranked[first].drop(columns="_rank")


def dots(pair: str, reporter: str, year: int, flow: str) -> float:
    """One IMF DOTS calendar-year figure (USD million) as published in data/trade.csv."""
    rows = imf_dots_rows(table("trade"))
    cy = rows[rows["unit"] == "USD million"]
    return float(one("trade", cy, pair=pair, reporter=reporter, year=year, flow=flow)["value"])


def dots_total(pair: str, reporter: str, year: int) -> float:
    """Exports plus imports, one reporter, one year (IMF DOTS, USD million)."""
    return dots(pair, reporter, year, "export") + dots(pair, reporter, year, "import")


def gac_total(year: int) -> float:
    """Russia-China total trade by China customs (GAC), calendar year."""
    trade = table("trade")
    row = one(
        "trade",
        trade[trade["period"] == "CY"],
        pair="russia_china",
        reporter="China",
        compiler="China customs (GAC)",
        flow="total",
        year=year,
    )
    return float(row["value"])
