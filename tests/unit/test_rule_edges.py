"""Boundaries of small data and text rules, worked out by hand (found by mutation testing).

Each case sits on an edge a one-character slip would move: zero is not negative, the first
record is record 0, "1" and "TRUE" are true, a missing type is text, the first letter only.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit.data import DataError
from coursekit.data.frames import _column
from coursekit.data.records import Records
from coursekit.data.rules import only_balances_negative
from coursekit.text import capitalise, exact_number


def trade(*rows: tuple[str, str]) -> Records:
    return Records(
        "trade.csv",
        [{"name": "flow"}, {"name": "value"}],
        [list(r) for r in rows],
        [2 + i for i in range(len(rows))],
    )


def test_zero_and_small_positive_flows_are_allowed_and_balances_may_be_negative():
    only_balances_negative(
        trade(("export", "0"), ("import", "0.5"), ("balance", "-3.2"), ("export", "")), None
    )


def test_a_negative_flow_names_its_line_and_the_sign_rule():
    with pytest.raises(DataError) as err:
        only_balances_negative(trade(("export", "1"), ("import", "-0.5")), None)
    assert str(err.value).startswith(
        "trade.csv, line 3, field 'value': -0.5 is out of range: a import value must be >= 0"
    )


def test_line_of_maps_frictionless_rows_to_physical_lines_and_passes_others_through():
    rec = Records("x.csv", [{"name": "a"}], [["1"], ["2"], ["3"]], [2, 5, 6])
    assert rec.line_of(2) == 2  # row 2 = the first record
    assert rec.line_of(3) == 5  # the second record starts after a two-line cell
    assert rec.line_of(4) == 6
    assert rec.line_of(5) == 5  # no such record: the row number as given
    assert rec.line_of(1) == 1  # the header


def test_columns_get_their_schema_types():
    ints = _column({"type": "integer"}, ["3", "", "-4"])
    assert str(ints.dtype) == "Int64" and list(ints) == [3, pd.NA, -4]
    flags = _column({"type": "boolean"}, ["true", "1", "FALSE", "TRUE", "0"])
    assert str(flags.dtype) == "bool" and list(flags) == [True, True, False, True, False]
    gaps = _column({"type": "boolean"}, ["true", ""])
    assert str(gaps.dtype) == "boolean" and bool(gaps[0]) is True and gaps[1] is pd.NA
    text = _column({}, ["12", ""])  # no type: text, kept as written
    assert list(text) == ["12", None]


def test_capitalise_changes_the_first_letter_only():
    assert capitalise("as reported by X") == "As reported by X"
    assert capitalise("eU") == "EU"
    assert capitalise("") == ""


def test_exact_number_writes_tiny_numbers_in_full_without_rounding():
    # repr() of these uses an exponent; the page must show the stored digits, no more, no fewer
    assert exact_number(0.00001) == "0.00001"
    assert exact_number(1.5e-07) == "0.00000015"
    assert exact_number(1234.5) == "1,234.5"
