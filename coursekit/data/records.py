"""Strict CSV reading: the header, each record and the line it starts on.

The CSV structure is checked here, before the schema: a quoted cell left open at the
end of the file (a file cut short) is an error, not a short last row, and every
record must have as many cells as the header.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError


@dataclass(frozen=True)
class Records:
    """One resource's raw cells: ``rows[i]`` starts on physical line ``lines[i]``."""

    label: str
    fields: list[dict]
    rows: list[list[str]]
    lines: list[int]
    primary_key: tuple[str, ...] = ()

    def column(self, name: str) -> list[str]:
        i = [f["name"] for f in self.fields].index(name)
        return [row[i] for row in self.rows]

    def line_of(self, row_number: int) -> int:
        """Physical line of a record given frictionless' row number (header = row 1)."""
        index = row_number - 2
        return self.lines[index] if 0 <= index < len(self.lines) else row_number


def read_records(res: dict, base: Path) -> Records:
    label = Path(res["path"]).name
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    with (base / res["path"]).open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(
                f"{label}, line 1: the file is empty; expected the header {', '.join(expected)}."
            ) from None
        except csv.Error as exc:
            raise DataError(
                f"{label}, line 1: the header is not valid CSV ({exc}); expected {', '.join(expected)}."
            ) from None
        _check_header(label, header, expected)
        rows, lines = [], []
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise DataError(
                    f"{label}, line {start}: the record starting here is not valid CSV ({exc}). A quoted cell "
                    "that never closes usually means the file was cut short: restore it from git "
                    f"(`git checkout -- {base / res['path']}`) or close the quote."
                ) from None
            if len(row) != len(expected):
                raise DataError(
                    f"{label}, line {start}: expected {len(expected)} cells, found {len(row)}; "
                    "check quoting and commas."
                )
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    key = res["schema"].get("primaryKey") or ()
    return Records(label, fields, rows, lines, (key,) if isinstance(key, str) else tuple(key))


def _check_header(label: str, header: list[str], expected: list[str]) -> None:
    if header == expected:
        return
    diff = next(
        (i for i, (a, b) in enumerate(zip(header, expected)) if a != b), min(len(header), len(expected))
    )
    found = header[diff] if diff < len(header) else "(nothing)"
    want = expected[diff] if diff < len(expected) else "(no more columns)"
    raise DataError(
        f"{label}, line 1, field {want!r}: wrong header: column {diff + 1} is {found!r}, expected {want!r}. "
        f"Expected columns: {', '.join(expected)}; correct the header or the schema in datapackage.json."
    )
