"""Typed pandas DataFrames from validated cells, following the Table Schema.

- ``integer`` -> ``Int64``; ``number`` -> ``float64``; ``boolean`` -> ``bool``;
- ``yearmonth`` -> ``Period[M]``; ``date`` -> ``datetime64``;
- a string field with an ``enum`` -> ``Categorical`` (categories in schema order);
- a string field with the partial-date pattern keeps the text as recorded (``"2018-07"``
  stays a month) and gains ``<field>_first`` and ``<field>_last``: the first and last day
  the recorded date can mean. This shows precision instead of inventing a day.
"""

from __future__ import annotations

import math

import pandas as pd

from .records import Records
from .rules import PARTIAL_DATE_PATTERN, partial_bounds


def _column(spec: dict, raw: list[str]):
    ftype, cons = spec.get("type", "string"), spec.get("constraints", {})
    values = [None if v == "" else v for v in raw]
    if ftype == "integer":
        return pd.array([None if v is None else int(v) for v in values], dtype="Int64")
    if ftype == "number":
        return pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")
    if ftype == "boolean":
        flags = [None if v is None else v.strip().lower() in ("true", "1") for v in values]
        return pd.array(flags, dtype="boolean" if None in flags else "bool")
    if ftype == "yearmonth":
        return pd.PeriodIndex(values, freq="M")
    if ftype == "date":
        return pd.to_datetime(pd.Series(values, dtype="object")).to_numpy()
    if "enum" in cons:
        return pd.Categorical(values, categories=cons["enum"])
    return pd.array(values, dtype="object")


def to_frame(rec: Records) -> pd.DataFrame:
    data = {}
    for spec in rec.fields:
        name = spec["name"]
        raw = rec.column(name)
        data[name] = _column(spec, raw)
        if spec.get("constraints", {}).get("pattern") == PARTIAL_DATE_PATTERN:
            bounds = [partial_bounds(v) if v else (None, None) for v in raw]
            data[f"{name}_first"] = pd.to_datetime(
                pd.Series([b[0] for b in bounds], dtype="object")
            ).to_numpy()
            data[f"{name}_last"] = pd.to_datetime(
                pd.Series([b[1] for b in bounds], dtype="object")
            ).to_numpy()
    return pd.DataFrame(data)
