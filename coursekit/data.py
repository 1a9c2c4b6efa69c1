"""Load the course datasets from the Frictionless data package in ``data/``.

One call, ``load(name)``, returns a typed pandas DataFrame. The loader reads the
Table Schema in ``datapackage.json`` itself (no frictionless import, so notebooks
start fast) and refuses bad input loudly: every problem raises ``DataError``
naming the file, the CSV line, the field and what was expected. No row is ever
dropped or repaired silently.

Typing rules (from the schema):

- ``integer`` -> ``Int64``; ``number`` -> ``float64``; ``boolean`` -> ``bool``;
- ``yearmonth`` -> ``Period[M]``; ``date`` -> ``datetime64``;
- a string field with an ``enum`` -> ``Categorical`` (categories in schema order);
- a string field whose pattern is the partial ISO date pattern keeps the text as
  recorded (``"2018-07"`` stays a month) and gains two datetime columns,
  ``<field>_first`` and ``<field>_last``: the first and last day the recorded
  date can mean. This shows precision instead of inventing a day.
"""

from __future__ import annotations

import calendar
import csv
import json
import math
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import DATAPACKAGE

__all__ = ["DataError", "load", "dataset_names", "sources", "describe", "package_metadata"]

# The pattern used in the schema for dates known only to the year or month.
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

# Fields holding space-separated lists of source ids (Table Schema foreign keys
# cannot express lists, so the loader checks them).
_ID_LIST_FIELDS = {("claims", "evidence"): "sources"}

_INT_RE = re.compile(r"^[+-]?\d+$")
_YEARMONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class DataError(ValueError):
    """Bad data: the message names the file, the CSV line, the field and what was expected."""


# ---------------------------------------------------------------- package access


def _package_path(package: str | Path | None) -> Path:
    """Accept the package directory or its datapackage.json; default to the repo's."""
    if package is None:
        return DATAPACKAGE
    path = Path(package)
    return path / "datapackage.json" if path.is_dir() else path


@lru_cache(maxsize=8)
def _read_descriptor(path: Path, mtime: float) -> dict:
    # mtime is part of the cache key so an edited package is re-read.
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc


def package_metadata(package: str | Path | None = None) -> dict:
    """The parsed ``datapackage.json`` (a dict)."""
    path = _package_path(package)
    if not path.is_file():
        raise DataError(f"{path}: data package descriptor not found; expected data/datapackage.json in the repository.")
    return _read_descriptor(path, path.stat().st_mtime)


def _resource(name: str, package: str | Path | None) -> tuple[dict, Path]:
    pkg = package_metadata(package)
    for res in pkg["resources"]:
        if res["name"] == name:
            return res, _package_path(package).parent
    names = ", ".join(r["name"] for r in pkg["resources"])
    raise DataError(f"datapackage.json: no dataset named {name!r}; expected one of: {names}.")


def dataset_names(package: str | Path | None = None) -> list[str]:
    """Names of the datasets in the package (the sources table included last)."""
    return [r["name"] for r in package_metadata(package)["resources"]]


# ---------------------------------------------------------------- cell parsing


def _fail(file: str, line: int, field: str, message: str) -> DataError:
    return DataError(f"{file}, line {line}, field {field!r}: {message}")


def _parse_cell(raw: str, spec: dict, file: str, line: int):
    """Convert one CSV cell according to its field descriptor; None means empty."""
    name, ftype = spec["name"], spec.get("type", "string")
    cons = spec.get("constraints", {})
    if raw == "":
        if cons.get("required"):
            raise _fail(file, line, name, "a value is required but the cell is empty.")
        return None
    if ftype == "integer":
        if not _INT_RE.match(raw):
            raise _fail(file, line, name, f"expected an integer, found {raw!r}.")
        value = int(raw)
    elif ftype == "number":
        try:
            value = float(raw)
        except ValueError:
            raise _fail(file, line, name, f"expected a number, found {raw!r}.") from None
        if not math.isfinite(value):
            raise _fail(file, line, name, f"expected a finite number, found {raw!r}.")
    elif ftype == "boolean":
        if raw not in ("true", "false"):
            raise _fail(file, line, name, f"expected 'true' or 'false', found {raw!r}.")
        value = raw == "true"
    elif ftype == "yearmonth":
        if not _YEARMONTH_RE.match(raw):
            raise _fail(file, line, name, f"expected a year-month YYYY-MM, found {raw!r}.")
        value = raw
    elif ftype == "date":
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            raise _fail(file, line, name, f"expected a date YYYY-MM-DD, found {raw!r}.") from None
    else:
        value = raw
    if "enum" in cons and value not in cons["enum"]:
        allowed = ", ".join(map(str, cons["enum"]))
        raise _fail(file, line, name, f"{raw!r} is not an allowed value; expected one of: {allowed}.")
    if "minimum" in cons and value < cons["minimum"]:
        raise _fail(file, line, name, f"{raw} is out of range: below the minimum {cons['minimum']}.")
    if "maximum" in cons and value > cons["maximum"]:
        raise _fail(file, line, name, f"{raw} is out of range: above the maximum {cons['maximum']}.")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        if cons["pattern"] == PARTIAL_DATE_PATTERN:
            raise _fail(file, line, name, f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, found {raw!r}.")
        raise _fail(file, line, name, f"{raw!r} does not match the expected pattern {cons['pattern']}.")
    if cons.get("pattern") == PARTIAL_DATE_PATTERN:
        try:
            _partial_bounds(raw)
        except ValueError:
            raise _fail(file, line, name, f"{raw!r} is not a real calendar date.") from None
    return value


def _partial_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day a YYYY / YYYY-MM / YYYY-MM-DD string can mean."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        first, last = date(parts[0], 1, 1), date(parts[0], 12, 31)
    elif len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        last = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    else:
        first = last = date(*parts)
    return pd.Timestamp(first), pd.Timestamp(last)


# ---------------------------------------------------------------- reading a table


def _read_rows(name: str, package: str | Path | None) -> tuple[dict, str, list[int], dict[str, list]]:
    """Parse and validate one resource's CSV; return (resource, file label, line numbers, columns)."""
    res, base = _resource(name, package)
    path = base / res["path"]
    label = f"{Path(res['path']).name}"
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    if not path.is_file():
        raise DataError(f"{label}: file not found at {path} (needed for dataset {name!r} in datapackage.json); restore it from git.")
    columns: dict[str, list] = {f: [] for f in expected}
    lines: list[int] = []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(f"{label}, line 1: the file is empty; expected the header {', '.join(expected)}.") from None
        if header != expected:
            diff = next((i for i, (a, b) in enumerate(zip(header, expected)) if a != b), min(len(header), len(expected)))
            found = header[diff] if diff < len(header) else "(nothing)"
            want = expected[diff] if diff < len(expected) else "(no more columns)"
            raise DataError(
                f"{label}, line 1, field {want!r}: wrong header: column {diff + 1} is {found!r}, expected {want!r}. "
                f"Expected columns: {', '.join(expected)}."
            )
        start = reader.line_num + 1
        for row in reader:
            line = start  # the line the record starts on (a quoted cell may span lines)
            start = reader.line_num + 1
            if len(row) != len(expected):
                raise DataError(f"{label}, line {line}: expected {len(expected)} cells, found {len(row)}; check quoting and commas.")
            for spec, raw in zip(fields, row):
                columns[spec["name"]].append(_parse_cell(raw, spec, label, line))
            lines.append(line)
    _check_primary_key(res, label, lines, columns)
    return res, label, lines, columns


def _check_primary_key(res: dict, label: str, lines: list[int], columns: dict[str, list]) -> None:
    key = res["schema"].get("primaryKey")
    if not key:
        return
    key = [key] if isinstance(key, str) else key
    seen: dict[tuple, int] = {}
    for i, line in enumerate(lines):
        value = tuple(columns[k][i] for k in key)
        if value in seen:
            shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, value))
            raise DataError(
                f"{label}, line {line}, field {', '.join(key)!r}: duplicate primary key ({shown}); "
                f"first seen on line {seen[value]}. Each row must be unique on these fields."
            )
        seen[value] = line


def _check_references(name: str, res: dict, label: str, lines: list[int], columns: dict[str, list], package) -> None:
    """Foreign keys to the sources table, including id lists such as claims.evidence."""
    checks = []
    for fk in res["schema"].get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        checks.append((fields[0], ref["resource"], target_fields[0], False))
    for (ds, field), target in _ID_LIST_FIELDS.items():
        if ds == name:
            checks.append((field, target, "source_id", True))
    cache: dict[tuple[str, str], set] = {}
    for field, target, target_field, is_list in checks:
        if (target, target_field) not in cache:
            if target in ("", name):
                cache[(target, target_field)] = set(columns[target_field])
            else:
                _, _, _, tcols = _read_rows(target, package)
                cache[(target, target_field)] = set(tcols[target_field])
        known = cache[(target, target_field)]
        target_file = _resource(target, package)[0]["path"] if target else label
        for i, value in enumerate(columns[field]):
            if value is None:
                continue
            for item in (value.split() if is_list else [value]):
                if item not in known:
                    raise _fail(
                        label, lines[i], field,
                        f"unknown source id {item!r}: not found in {target_file} ({target_field}). "
                        f"Add the source to {target_file} or correct the id.",
                    )


def _check_rules(name: str, label: str, lines: list[int], columns: dict[str, list]) -> None:
    """Cross-field rules the Table Schema cannot express."""
    if name == "trade":
        for i, (flow, value) in enumerate(zip(columns["flow"], columns["value"])):
            if flow != "balance" and value < 0:
                raise _fail(label, lines[i], "value", f"{value} is out of range: a {flow} value must be >= 0 (only balances can be negative).")
    if name == "routes":
        for i, (lo, hi) in enumerate(zip(columns["value_min"], columns["value_max"])):
            if lo > hi:
                raise _fail(label, lines[i], "value_max", f"{hi} is out of range: below value_min {lo}.")
    if name == "timeline":
        for i, (d, prec) in enumerate(zip(columns["date"], columns["date_precision"])):
            expected = {None: "unknown", 4: "year", 7: "month", 10: "day"}[None if d is None else len(d)]
            if prec != expected:
                raise _fail(label, lines[i], "date_precision", f"{prec!r} does not match date {d!r}; expected {expected!r}.")


# ---------------------------------------------------------------- public API


def _to_frame(res: dict, columns: dict[str, list]) -> pd.DataFrame:
    data = {}
    for spec in res["schema"]["fields"]:
        name, ftype = spec["name"], spec.get("type", "string")
        values = columns[name]
        cons = spec.get("constraints", {})
        if ftype == "integer":
            data[name] = pd.array(values, dtype="Int64")
        elif ftype == "number":
            data[name] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
        elif ftype == "boolean":
            data[name] = pd.array(values, dtype="boolean" if None in values else "bool")
        elif ftype == "yearmonth":
            data[name] = pd.PeriodIndex([v if v is not None else None for v in values], freq="M")
        elif ftype == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif "enum" in cons:
            data[name] = pd.Categorical(values, categories=cons["enum"])
        else:
            data[name] = pd.array(values, dtype="object")
        if cons.get("pattern") == PARTIAL_DATE_PATTERN:
            bounds = [_partial_bounds(v) if v else (pd.NaT, pd.NaT) for v in values]
            data[f"{name}_first"] = pd.to_datetime(pd.Series([b[0] for b in bounds], dtype="object"))
            data[f"{name}_last"] = pd.to_datetime(pd.Series([b[1] for b in bounds], dtype="object"))
    frame = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in data.items()})
    return frame


def load(name: str, *, package: str | Path | None = None) -> pd.DataFrame:
    """Return dataset ``name`` as a typed DataFrame, after validating every row.

    ``package`` may point at another copy of the package (a directory or its
    ``datapackage.json``), e.g. a corrupted copy in a test. Raises ``DataError``
    on any problem: missing file, wrong header, bad type, value out of range or
    not allowed, unknown source id, duplicate primary key.
    """
    res, label, lines, columns = _read_rows(name, package)
    _check_rules(name, label, lines, columns)
    _check_references(name, res, label, lines, columns, package)
    frame = _to_frame(res, columns)
    frame.attrs["title"] = res.get("title", name)
    frame.attrs["source_file"] = label
    return frame


def sources(*, package: str | Path | None = None) -> pd.DataFrame:
    """The sources table: one row per page or dataset, with URL, publisher and date."""
    return load("sources", package=package)


def describe(name: str, *, package: str | Path | None = None) -> dict:
    """What the About page shows for a dataset, straight from the package.

    Keys: name, title, description, coverage, gaps (list), licence (list of
    {title, path}), upstream_terms, sources (DataFrame of the sources the rows
    cite, with how many rows cite each), rows, citation.
    """
    res, _ = _resource(name, package)
    pkg = package_metadata(package)
    frame = load(name, package=package)
    id_cols = [c for c in frame.columns if c == "source_id" or c.endswith("_source_id")]
    cited: dict[str, int] = {}
    for col in id_cols:
        for value in frame[col].dropna():
            cited[value] = cited.get(value, 0) + 1
    if (name, "evidence") in _ID_LIST_FIELDS:
        for value in frame["evidence"].dropna():
            for item in value.split():
                cited[item] = cited.get(item, 0) + 1
    table = sources(package=package)
    if name == "sources":
        used = table.copy()
        used["rows_citing"] = pd.array([pd.NA] * len(used), dtype="Int64")
    else:
        used = table[table["source_id"].isin(list(cited))].copy()
        used["rows_citing"] = pd.array([cited[s] for s in used["source_id"]], dtype="Int64")
    return {
        "name": name,
        "title": res.get("title", name),
        "description": res.get("description", ""),
        "coverage": res.get("coverage", ""),
        "gaps": list(res.get("gaps", [])),
        "licence": [{"title": lic.get("title", lic.get("name", "")), "path": lic.get("path", "")} for lic in res.get("licenses", pkg.get("licenses", []))],
        "upstream_terms": pkg.get("upstreamTerms", ""),
        "sources": used.reset_index(drop=True),
        "rows": len(frame),
        "citation": pkg.get("citation", ""),
    }


# ---------------------------------------------------------------- Markdown for the About page


def _md_cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub/MyST pipe table; empty cells show as an em dash so gaps stay visible."""
    header = "| " + " | ".join(_md_cell(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


def trade_coverage(*, package: str | Path | None = None, first: int = 2000, last: int = 2025) -> pd.DataFrame:
    """Per trade series, which calendar years have a figure and which do not (first..last).

    A series is pair + reporter + compiler + unit, calendar-year rows only. Missing
    years are listed, not filled: the table exists to show gaps.
    """
    trade = load("trade", package=package)
    cy = trade[trade["period"] == "CY"]
    out = []
    for (pair, reporter, compiler, unit), grp in cy.groupby(["pair", "reporter", "compiler", "unit"], observed=True):
        years = sorted(int(y) for y in grp["year"].unique())
        window = [y for y in range(first, last + 1)]
        missing = [y for y in window if y not in years]
        out.append({"pair": pair, "reporter": reporter, "compiler": compiler, "unit": unit,
                    "years with a figure": _year_ranges(years),
                    f"years missing {first}–{last}": _year_ranges(missing) or "none"})
    return pd.DataFrame(out)


def _year_ranges(years: list[int]) -> str:
    """[2000, 2001, 2002, 2005] -> '2000–2002, 2005'."""
    parts, start = [], None
    for i, y in enumerate(years):
        if start is None:
            start = y
        if i + 1 == len(years) or years[i + 1] != y + 1:
            parts.append(str(start) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(parts)


def conflicts(*, package: str | Path | None = None) -> pd.DataFrame:
    """Rows of trade and autos that belong to a known conflict, one line per row, by conflict id."""
    rows = []
    for name in ("trade", "autos"):
        frame = load(name, package=package)
        for rec in frame[frame["conflict_id"].notna()].itertuples(index=False):
            for cid in rec.conflict_id.split():
                label = getattr(rec, "reporter", None) or rec.compiler
                what = getattr(rec, "flow", None) or rec.measure
                shown = getattr(rec, "value_as_published", None) or f"{rec.value:g} {rec.unit}"
                rows.append({"conflict": cid, "dataset": name, "year": rec.year, "period": rec.period,
                             "reported by": f"{label} ({rec.compiler})", "figure": what, "value as published": shown,
                             "source_id": rec.source_id})
    frame = pd.DataFrame(rows)
    frame["_n"] = frame["conflict"].str[1:].astype(int)
    return frame.sort_values(["_n", "year"], kind="stable").drop(columns="_n").reset_index(drop=True)


def about_markdown(name: str, *, package: str | Path | None = None) -> str:
    """The About-page block for one dataset: coverage, gaps, licence, citation and sources."""
    info = describe(name, package=package)
    lines = [info["description"], "", f"**Rows:** {info['rows']}. **Coverage:** {info['coverage']}", "",
             "**Gaps** (left empty in the data, never estimated):", ""]
    lines += [f"- {gap}" for gap in info["gaps"]]
    lics = "; ".join(f"[{lic['title']}]({lic['path']})" if lic["path"] else lic["title"] for lic in info["licence"])
    lines += ["", f"**Licence:** {lics}.", "",
              f"**How to cite:** {info['citation']} Dataset: `{name}` ({info['title']}), file `data/{name}.csv`.", "",
              "**Sources** (the page each row was read from; *reports* names the original statistic):", ""]
    src = info["sources"].copy()
    src["source"] = [f"[{t}]({u})" for t, u in zip(src["title"], src["url"])]
    src["date"] = [d if isinstance(d, str) and d else f"undated ({n})" for d, n in zip(src["date"], src["date_note"])]
    table = src[["source_id", "source", "publisher", "date", "type", "reports", "rows_citing"]]
    lines.append(markdown_table(table.rename(columns={"rows_citing": "rows citing"})))
    return "\n".join(lines)


class MarkdownBlock(str):
    """Markdown text that displays as Markdown in Jupyter and as HTML in the book.

    MyST-NB renders Markdown outputs as CommonMark without pipe tables
    (executablebooks/MyST-NB#570), so the HTML repr renders the same Markdown with
    tables enabled; the HTML builder prefers it, Jupyter shows either.
    """

    def _repr_markdown_(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        from markdown_it import MarkdownIt  # lazy: only needed when displaying

        return MarkdownIt("commonmark", {"html": False}).enable("table").render(str(self))
