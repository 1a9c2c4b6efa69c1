"""Schema validation through frictionless, with errors that name file, line and field.

frictionless checks types, constraints, primary and foreign keys against the Table
Schema in ``datapackage.json``; this module only turns its report into the course's
:class:`DataError` messages, which say what was expected and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError, at
from .records import Records

_TYPE_WORDS = {
    "integer": "expected an integer",
    "number": "expected a number",
    "boolean": "expected 'true' or 'false'",
    "yearmonth": "expected a year-month YYYY-MM",
    "date": "expected a date YYYY-MM-DD",
}


def validate_package(path: Path, records: dict[str, Records]) -> None:
    """Validate the whole package with frictionless; raise the first error as a DataError."""
    import frictionless  # imported here: only a first load in a process pays for it

    report = frictionless.validate(str(path))
    for task in report.tasks:
        for err in task.errors:
            raise translate(err, records[task.name], records)
    for err in report.errors:
        raise DataError(f"{path.name}: {err.message} Fix the descriptor so that it is a valid data package.")


def translate(err, rec: Records, records: dict[str, Records]) -> DataError:
    """One frictionless error as a DataError naming file, line, field and the fix."""
    kind, note = err.type, getattr(err, "note", "") or ""
    row_number = getattr(err, "row_number", None)
    line = rec.line_of(row_number) if row_number else 1
    field = getattr(err, "field_name", None)
    cell = getattr(err, "cell", None)
    spec = next((f for f in rec.fields if f["name"] == field), {})
    if kind == "type-error":
        fmt = f" ({spec['format']})" if spec.get("format") not in (None, "default") else ""
        words = _TYPE_WORDS.get(spec.get("type", ""), f"expected a value of type {spec.get('type')}{fmt}")
        if spec.get("format") == "uri":
            words = "expected a web address starting with https: or http: (the page's full address)"
        return at(rec.label, line, field, f"{words}, found {cell!r}.")
    if kind == "constraint-error":
        return at(rec.label, line, field, _constraint(note, cell, spec))
    if kind == "primary-key":
        key = _primary_key(rec)
        first = re.search(r'position "?(\d+)', note)
        seen = f"; first seen on line {rec.line_of(int(first.group(1)))}" if first else ""
        return at(
            rec.label,
            line,
            _primary_key(rec),
            f"duplicate primary key ({key}){seen}. "
            "Each row must be unique on these fields: remove the copy or correct the key.",
        )
    if kind == "foreign-key":
        fk_field = field or _fk_field(note) or "source_id"
        value = _fk_value(note) or cell
        target = records.get("sources")
        target_file = target.label if target else "sources.csv"
        return at(
            rec.label,
            line,
            fk_field,
            f"unknown source id {value!r}: not found in {target_file} (source_id). "
            f"Add the source to {target_file} or correct the id.",
        )
    where = f"{rec.label}, line {line}" + (f", field {field!r}" if field else "")
    return DataError(f"{where}: {err.message} Fix the row or the schema in datapackage.json.")


def _constraint(note: str, cell, spec: dict) -> str:
    cons = spec.get("constraints", {})
    name = (re.search(r'constraint "(\w+)"', note) or [None, ""])[1]
    if name == "required":
        return "a value is required but the cell is empty; fill it in from the source (or record the gap in a note)."
    if name == "enum":
        allowed = ", ".join(map(str, cons.get("enum", [])))
        return f"{cell!r} is not an allowed value; expected one of: {allowed}."
    if name == "minimum":
        return f"{cell} is out of range: below the minimum {cons.get('minimum')}."
    if name == "maximum":
        return f"{cell} is out of range: above the maximum {cons.get('maximum')}."
    if name == "pattern":
        return f"{cell!r} does not match the expected pattern {cons.get('pattern')}."
    return f"{cell!r} breaks the schema constraint {name or note}."


def _primary_key(rec: Records) -> str:
    return ", ".join(rec.primary_key) or "primary key"


def _fk_field(note: str) -> str | None:
    found = re.search(r'for "([^"]+)"', note)
    return found.group(1) if found else None


def _fk_value(note: str) -> str | None:
    found = re.search(r'values? "([^"]+)" not found', note)
    return found.group(1) if found else None
