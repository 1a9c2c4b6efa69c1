"""The one error type of the data package: every message names file, line, field and a fix."""

from __future__ import annotations


class DataError(ValueError):
    """Bad data: the message names the file, the CSV line, the field and what was expected."""


def at(file: str, line: int, field: str, message: str) -> DataError:
    """A DataError located at one cell: ``trade.csv, line 7, field 'value': ...``."""
    return DataError(f"{file}, line {line}, field {field!r}: {message}")
