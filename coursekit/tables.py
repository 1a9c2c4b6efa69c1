"""Printed tables of ``data/`` for the no-code versions of the exercises.

``data_table("trade", columns=[...], where={...})`` selects rows of a dataset (through
``coursekit.data.load``, so they are validated like every other use) and displays them as
a static table: an HTML table on the web page and aligned text in the PDF. The values are
shown exactly as stored, never rounded, and a missing value shows as "(no data)", so a gap
stays a gap. Each table names its file and filter, and keeps the rows' ``source_id`` when
the caller asks for it.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from . import data
from .text import escape_markdown

GAP = "(no data)"


class TableError(ValueError):
    """A printed table asked for a column or rows its dataset does not have."""


def _text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return GAP
    if isinstance(value, float):
        if math.isnan(value):
            return GAP
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _matches(frame: pd.DataFrame, where: Mapping[str, Any], dataset: str) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    for column, wanted in where.items():
        if column not in frame.columns:
            raise TableError(
                f"data/{dataset}: no column '{column}' to filter on "
                f"(columns: {', '.join(frame.columns)}). Fix the where= argument."
            )
        values = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
        keep &= frame[column].astype("object").isin(values)
    return keep


def _describe(where: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> str:
    groups = [where] if isinstance(where, Mapping) else list(where)

    def one(group: Mapping[str, Any]) -> str:
        parts = []
        for column, wanted in group.items():
            values = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
            parts.append(f"{column} = {' or '.join(map(str, values))}")
        return ", ".join(parts)

    return "; or ".join(one(g) for g in groups if g)


class PrintedTable:
    """Rows of a dataset shown as a table in the web book, the PDF and Jupyter."""

    def __init__(self, frame: pd.DataFrame, caption: str, provenance: str):
        self.frame = frame
        self.caption = caption
        self.provenance = provenance

    def _strings(self) -> pd.DataFrame:
        return self.frame.apply(lambda col: col.map(_text)).astype(str)

    def _repr_html_(self) -> str:
        table = self._strings().to_html(
            index=False, border=0, classes="coursekit-table no-code-table", justify="left", escape=True
        )
        label = html.escape(self.caption)
        return (
            f'<div class="no-code-table-wrap" role="region" aria-label="{label}" tabindex="0" '
            f'style="overflow-x:auto">'
            f"<p><strong>Table.</strong> {label}</p>{table}"
            f'<p class="no-code-table-source">{html.escape(self.provenance)}</p></div>'
        )

    def _repr_markdown_(self) -> str:
        # A pipe table: the no-code cells ask myst-nb to read their Markdown as GFM
        # (``mystnb: markdown_format: gfm``), so the PDF gets a real, wrapping table.
        strings = self._strings()
        head = "| " + " | ".join(escape_markdown(str(c)) for c in strings.columns) + " |"
        rule = "| " + " | ".join("---" for _ in strings.columns) + " |"
        body = [
            "| " + " | ".join(escape_markdown(v) for v in row) + " |"
            for row in strings.itertuples(index=False)
        ]
        table = "\n".join([head, rule, *body])
        return (
            f"**Table.** {escape_markdown(self.caption)}\n\n{table}\n\n{escape_markdown(self.provenance)}\n"
        )

    def __repr__(self) -> str:
        return f"{self.caption}\n{self._strings().to_string(index=False)}\n{self.provenance}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self._repr_html_(),
            "text/markdown": self._repr_markdown_(),
            "text/plain": repr(self),
        }


def data_table(
    dataset: str,
    columns: Sequence[str],
    *,
    caption: str,
    where: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    sort: Sequence[str] | None = None,
) -> PrintedTable:
    """The rows of ``data/<dataset>.csv`` matching ``where``, with ``columns``, as a table.

    ``where`` maps a column to a value or a list of allowed values; a list of such
    mappings keeps the rows matching any of them. Raises ``TableError`` for an unknown
    column or a filter that matches no row, so a table can never print empty.
    """
    frame = data.load(dataset)
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise TableError(
            f"data/{dataset}: no column(s) {', '.join(unknown)} "
            f"(columns: {', '.join(frame.columns)}). Fix the columns= argument."
        )
    groups = [] if where is None else ([where] if isinstance(where, Mapping) else list(where))
    if groups:
        keep = pd.Series(False, index=frame.index)
        for group in groups:
            keep |= _matches(frame, group, dataset)
        frame = frame[keep]
    if frame.empty:
        raise TableError(f"data/{dataset}: no row matches {_describe(groups)}. Check the where= values.")
    if sort:
        frame = frame.sort_values(list(sort), kind="stable")
    filt = _describe(groups)
    provenance = (
        f"Rows of data/{dataset}.csv"
        + (f" where {filt}" if filt else "")
        + f", as stored ({len(frame)} rows). "
        + "Each row's source is listed on the page About the data."
    )
    return PrintedTable(frame[list(columns)].reset_index(drop=True), caption, provenance)
