"""Rules the Table Schema cannot express, declared in one place.

``GENERIC_RULES`` run on every dataset (they look at the schema, not at names);
``RULES`` maps a dataset name to its own rules. A rule receives the dataset's
:class:`~coursekit.data.records.Records` (cells as text, already valid against the
schema) and a ``lookup(name)`` that returns another dataset's records; it raises a
:class:`DataError` naming the file, line and field. To add a rule, write a function
here and list it in ``RULES``; the loader needs no change.

A rule about one row can instead be declared on a field in ``datapackage.json``, next to
the schema it extends (``declared_checks_hold``), so a new dataset with a rule of its own
touches no Python file::

    {"name": "closed", "type": "integer",
     "rules": [{"check": "closed >= opened", "message": "a plant closes after it opens."}]}
"""

from __future__ import annotations

import ast
import calendar
import math
import re
from collections.abc import Callable
from datetime import date

from simpleeval import EvalWithCompoundTypes

from .errors import DataError, at
from .records import Records

# The schema's pattern for dates known only to the year or the month.
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Links in the data are rendered as live links in every source note: web links only.
URL_SCHEMES = ("https", "http")

Lookup = Callable[[str], Records]
Rule = Callable[[Records, Lookup], None]


def partial_bounds(text: str) -> tuple[date, date]:
    """First and last day a YYYY / YYYY-MM / YYYY-MM-DD string can mean (ValueError if none)."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(
            parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]
        )
    return date(*parts), date(*parts)


# ---------------------------------------------------------------- rules for every dataset


def partial_dates_are_real(rec: Records, lookup: Lookup) -> None:
    for spec in rec.fields:
        if spec.get("constraints", {}).get("pattern") != PARTIAL_DATE_PATTERN:
            continue
        for line, raw in zip(rec.lines, rec.column(spec["name"])):
            try:
                if raw:
                    partial_bounds(raw)
            except ValueError:
                raise at(
                    rec.label,
                    line,
                    spec["name"],
                    f"{raw!r} is not a real calendar date; "
                    "write the date as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD).",
                ) from None


def urls_are_web_links(rec: Records, lookup: Lookup) -> None:
    for spec in rec.fields:
        if spec.get("format") != "uri":
            continue
        for line, raw in zip(rec.lines, rec.column(spec["name"])):
            scheme = raw.split(":", 1)[0].strip().lower() if ":" in raw else ""
            if raw and (scheme not in URL_SCHEMES or not re.match(r"^https?://[^/\s]", raw)):
                raise at(
                    rec.label,
                    line,
                    spec["name"],
                    f"{raw[:60]!r} is not a web address; only https: and "
                    "http: links are allowed (the book renders them as live links). Give the page's "
                    "https:// address.",
                )


def numbers_are_finite(rec: Records, lookup: Lookup) -> None:
    # frictionless reads "NaN" and "INF" as numbers; in this package a gap is an empty cell.
    for spec in rec.fields:
        if spec.get("type") != "number":
            continue
        for line, raw in zip(rec.lines, rec.column(spec["name"])):
            if raw and not math.isfinite(float(raw)):
                raise at(
                    rec.label,
                    line,
                    spec["name"],
                    f"expected a finite number, found {raw!r}; leave the cell "
                    "empty for a gap and say why in the note.",
                )


def _typed(spec: dict, raw: str):
    if raw == "":
        return None
    return {"number": float, "integer": int}.get(spec.get("type"), str)(raw)


def _names_in(check: str, fields: list[str]) -> tuple[set[str], str]:
    """The names an expression uses, and what is wrong with them ("" if nothing)."""
    try:
        used = {n.id for n in ast.walk(ast.parse(check, mode="eval")) if isinstance(n, ast.Name)}
    except SyntaxError as err:
        return set(), f"not valid syntax: {err.msg}"
    unknown = sorted(used - set(fields))
    return used, f"unknown names {unknown}" if unknown else ""


def declared_checks_hold(rec: Records, lookup: Lookup) -> None:
    # A field's "rules" in datapackage.json: a Python-like expression over the row's cells
    # (numbers typed, text as text), checked on every row where all cells it names are filled.
    names = [f["name"] for f in rec.fields]
    for spec in rec.fields:
        for declared in spec.get("rules", ()):
            check = declared["check"]
            used, unknown = _names_in(check, names)
            if unknown:
                raise DataError(
                    f"datapackage.json, {rec.label}, field {spec['name']!r}: the rule {check!r} is not "
                    f"an expression over the fields of {rec.label} ({unknown}; its fields: "
                    f"{', '.join(names)}); correct the rule."
                )
            for line, row in zip(rec.lines, rec.rows):
                cells = {n: _typed(f, raw) for n, f, raw in zip(names, rec.fields, row)}
                if any(cells[n] is None for n in used):
                    continue  # a gap stays a gap: the schema's "required" says where one is allowed
                if not EvalWithCompoundTypes(names=cells).eval(check):
                    raise at(
                        rec.label,
                        line,
                        spec["name"],
                        f"{row[names.index(spec['name'])]!r} breaks the rule {check}: "
                        f"{declared['message']} Correct the cell as the source gives it.",
                    )


GENERIC_RULES: tuple[Rule, ...] = (
    partial_dates_are_real,
    urls_are_web_links,
    numbers_are_finite,
    declared_checks_hold,
)


# ---------------------------------------------------------------- rules for one dataset


def only_balances_negative(rec: Records, lookup: Lookup) -> None:
    for line, flow, value in zip(rec.lines, rec.column("flow"), rec.column("value")):
        if flow != "balance" and value and float(value) < 0:
            raise at(
                rec.label,
                line,
                "value",
                f"{value} is out of range: a {flow} value must be >= 0 "
                "(only balances can be negative). Check the sign in the source.",
            )


def min_not_above_max(rec: Records, lookup: Lookup) -> None:
    for line, lo, hi in zip(rec.lines, rec.column("value_min"), rec.column("value_max")):
        if lo and hi and float(lo) > float(hi):
            raise at(
                rec.label,
                line,
                "value_max",
                f"{hi} is out of range: below value_min {lo}. Swap the two values or correct one.",
            )


_PRECISION = {0: "unknown", 4: "year", 7: "month", 10: "day"}


def precision_matches_date(rec: Records, lookup: Lookup) -> None:
    for line, d, prec in zip(rec.lines, rec.column("date"), rec.column("date_precision")):
        expected = _PRECISION.get(len(d))
        if prec != expected:
            raise at(
                rec.label,
                line,
                "date_precision",
                f"{prec!r} does not match date {d!r}; expected {expected!r}.",
            )


def id_list(field: str, target: str = "sources", target_field: str = "source_id") -> Rule:
    """A field holding space-separated ids of ``target`` (a foreign key the Table Schema cannot express)."""

    def ids_resolve(rec: Records, lookup: Lookup) -> None:
        other = lookup(target)
        known = set(other.column(target_field))
        for line, value in zip(rec.lines, rec.column(field)):
            for item in value.split():
                if item not in known:
                    raise at(
                        rec.label,
                        line,
                        field,
                        f"unknown source id {item!r}: not found in {other.label} "
                        f"({target_field}). Add the source to {other.label} or correct the id.",
                    )

    ids_resolve.__name__ = f"{field}_ids_resolve"
    ids_resolve.field = field  # read by the About-page helpers to count citations
    return ids_resolve


RULES: dict[str, tuple[Rule, ...]] = {
    "trade": (only_balances_negative,),
    "routes": (min_not_above_max,),
    "timeline": (precision_matches_date,),
    "claims": (id_list("evidence"),),
}


def id_list_fields(name: str) -> list[str]:
    """Fields of dataset ``name`` that hold lists of source ids."""
    return [rule.field for rule in RULES.get(name, ()) if hasattr(rule, "field")]


def rules_for(name: str) -> tuple[Rule, ...]:
    return GENERIC_RULES + RULES.get(name, ())
