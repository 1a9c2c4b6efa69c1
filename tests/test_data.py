"""Tests for the data package (data/) and its loader (coursekit.data).

Bad-input tests corrupt a temporary copy of the package (tmp_path) and check
that the loader's error names the file, the CSV line, the field and what was
expected. Expected values are computed here from the CSV text, never copied
from the loader.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from coursekit import data
from coursekit.data.refresh import refresh
from coursekit.paths import DATA_DIR, DATAPACKAGE

DATASETS = ["trade", "autos", "tariffs", "timeline", "routes", "claims"]


def read_csv(name: str, base: Path = DATA_DIR) -> list[dict]:
    with (base / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- schema validation


def _frictionless_errors(descriptor: Path) -> list[str]:
    import frictionless  # a missing validator must fail the test, not skip it
    report = frictionless.validate(str(descriptor))
    return [f"{task.name}: {err.type}: {err.message}" for task in report.tasks for err in task.errors] + [
        f"package: {err.type}: {err.message}" for err in report.errors
    ]


def test_package_passes_frictionless_validation():
    errors = _frictionless_errors(DATAPACKAGE)
    assert errors == []


def test_frictionless_catches_an_unknown_source_id(tmp_path):
    # Shows the validation above is not vacuous: the foreign key is enforced.
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / "routes.csv", 2, "source_id", "no-such-source")
    errors = _frictionless_errors(pkg / "datapackage.json")
    assert any("foreign" in e.lower() for e in errors), errors


def test_every_resource_has_schema_metadata():
    pkg = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    for res in pkg["resources"]:
        schema = res["schema"]
        assert schema.get("primaryKey"), res["name"]
        assert res.get("licenses"), res["name"]
        assert res.get("description") and res.get("title"), res["name"]
        for field in schema["fields"]:
            assert field.get("description"), (res["name"], field["name"])
        if res["name"] != "sources":
            assert res.get("gaps"), res["name"]
            assert {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}} in schema["foreignKeys"]


# ---------------------------------------------------------------- loading and types


def test_dataset_names_match_the_public_contract():
    assert set(DATASETS) | {"sources"} == set(data.dataset_names())


@pytest.mark.parametrize("name", DATASETS + ["sources"])
def test_load_returns_every_row(name):
    frame = data.load(name)
    assert len(frame) == len(read_csv(name)) > 0


def test_loaded_columns_are_typed():
    trade = data.load("trade")
    assert str(trade["year"].dtype) == "Int64"
    assert trade["value"].dtype == "float64"
    assert isinstance(trade["flow"].dtype, pd.CategoricalDtype)
    assert set(trade["flow"].cat.categories) == {"export", "import", "total", "balance"}
    claims = data.load("claims")
    assert isinstance(claims["verdict_date"].dtype, pd.PeriodDtype)
    assert claims["self_citation"].dtype == bool
    timeline = data.load("timeline")
    assert str(timeline["date_first"].dtype).startswith("datetime64")
    month = timeline[timeline["date"] == "2018-07"].iloc[0]
    assert (month["date_first"], month["date_last"]) == (pd.Timestamp("2018-07-01"), pd.Timestamp("2018-07-31"))


# ---------------------------------------------------------------- provenance


def test_provenance_coverage_is_100_percent():
    """Every row of every dataset cites a source id that resolves to a URL, publisher and date."""
    src = {r["source_id"]: r for r in read_csv("sources")}
    total = resolved = 0
    unresolved = []
    for name in DATASETS:
        for i, row in enumerate(read_csv(name), start=2):
            total += 1
            ids = [row["source_id"]] + [row[k] for k in row if k.endswith("_source_id") and row[k]]
            ids += row.get("evidence", "").split()
            if all(s in src for s in ids) and row["source_id"]:
                resolved += 1
            else:
                unresolved.append((name, i, ids))
    assert unresolved == []
    assert resolved / total == 1.0
    for sid, s in src.items():
        assert s["url"].startswith(("http://", "https://")), sid
        assert s["title"] and s["publisher"], sid
        assert s["date"] or s["date_note"], f"{sid}: no date and no note explaining why"


def test_claims_without_evidence_are_shown_as_gaps():
    claims = read_csv("claims")
    empty = [c["claim_id"] for c in claims if not c["evidence"]]
    gap_text = " ".join(data.describe("claims")["gaps"])
    for cid in empty:
        assert cid in gap_text


def test_conflicts_keep_both_sides():
    rows = read_csv("trade") + read_csv("autos")
    groups = defaultdict(list)
    for r in rows:
        for cid in r["conflict_id"].split():
            groups[cid].append(r)
    assert {"C1", "C2", "C3", "C4", "C6", "C7", "C8"} <= set(groups)
    for cid, members in groups.items():
        sides = {(m["source_id"], m.get("reporter"), m.get("compiler")) for m in members}
        assert len(members) >= 2 and len(sides) >= 2, cid


def test_units_are_never_mixed_within_a_series():
    series = defaultdict(set)
    for r in read_csv("trade"):
        series[(r["pair"], r["reporter"], r["partner"], r["flow"], r["period"], r["compiler"], r["source_id"])].add(r["unit"])
    assert all(len(units) == 1 for units in series.values())
    measures = defaultdict(set)
    for r in read_csv("autos"):
        measures[r["measure"]].add(r["unit"])
    assert {m: u for m, u in measures.items() if len(u) > 1} == {}


_SCALE = {"thousand": Decimal("0.001"), "million": Decimal(1), "billion": Decimal(1000), "trillion": Decimal(1000000)}
_UNIT_SCALE = {"USD million": ("USD", Decimal(1)), "JPY billion": ("JPY", Decimal(1000))}


def _published(row) -> tuple[Decimal, Decimal]:
    """(value in the row's unit, half a unit in the last published digit, in the row's unit)."""
    number, currency, scale = row["value_as_published"].split()
    cur, unit_scale = _UNIT_SCALE[row["unit"]]
    assert cur == currency, row
    factor = _SCALE[scale] / unit_scale
    exponent = Decimal(number).as_tuple().exponent
    return Decimal(number) * factor, Decimal(5).scaleb(exponent - 1) * factor


def test_values_are_exact_rescalings_of_the_published_figures():
    for r in read_csv("trade"):
        value, _ = _published(r)
        assert Decimal(r["value"]) == value, r


def test_components_add_up_to_the_stated_total_or_balance():
    """Same source, same unit, same period and reporter: exports + imports = total, exports - imports = balance."""
    groups = defaultdict(dict)
    for r in read_csv("trade"):
        key = (r["source_id"], r["pair"], r["year"], r["period"], r["reporter"], r["compiler"], r["unit"])
        if r["flow"] in groups[key]:
            continue  # two figures for one flow in one source: nothing to compare
        groups[key][r["flow"]] = _published(r)
    checked = 0
    for key, flows in groups.items():
        if "export" in flows and "import" in flows:
            (ex, ex_tol), (im, im_tol) = flows["export"], flows["import"]
            for flow, expected in (("total", ex + im), ("balance", ex - im)):
                if flow in flows:
                    stated, tol = flows[flow]
                    assert abs(expected - stated) <= ex_tol + im_tol + tol, (key, flow, expected, stated)
                    checked += 1
    assert checked >= 10  # the check must actually cover the sources that state totals


# ---------------------------------------------------------------- bad input on a corrupted copy


def _copy_package(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest, ignore=shutil.ignore_patterns("*.md"))
    return dest


def _edit_cell(path: Path, line: int, field: str, new_value: str) -> None:
    """Replace one cell on a given physical line (which must hold one whole record)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    record = next(csv.reader([lines[line - 1]]))
    assert len(record) == len(header), "test helper needs a single-line record"
    record[header.index(field)] = new_value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(record)
    lines[line - 1] = buf.getvalue()
    path.write_text("".join(lines), encoding="utf-8")
    refresh(path.parent)  # an intentional edit: the schema and rules must catch it, not the hash


def _write(path: Path, text: str) -> None:
    """Rewrite a data file as an intentional edit would (hashes refreshed)."""
    path.write_text(text, encoding="utf-8")
    refresh(path.parent)


def _assert_message(exc: data.DataError, *parts: str) -> None:
    message = str(exc)
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


def test_missing_file(tmp_path):
    pkg = _copy_package(tmp_path)
    (pkg / "routes.csv").unlink()
    with pytest.raises(data.DataError) as err:
        data.load("routes", package=pkg)
    _assert_message(err.value, "routes.csv", "not found")


def test_wrong_header(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "trade.csv"
    text = path.read_text(encoding="utf-8")
    _write(path, text.replace(",value,", ",amount,", 1))
    with pytest.raises(data.DataError) as err:
        data.load("trade", package=pkg)
    _assert_message(err.value, "trade.csv", "line 1", "'value'", "'amount'", "expected")


@pytest.mark.parametrize(
    "dataset, line, field, bad, expected",
    [
        ("trade", 7, "value", "12,5 bn", "expected a number"),
        ("trade", 9, "year", "2O18", "expected an integer"),
        ("claims", 4, "self_citation", "yes", "expected 'true' or 'false'"),
        ("timeline", 5, "date", "2013-13-01", "not a real calendar date"),
        ("claims", 6, "verdict_date", "Feb 2026", "expected a year-month"),
    ],
)
def test_bad_type(tmp_path, dataset, line, field, bad, expected):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / f"{dataset}.csv", line, field, bad)
    with pytest.raises(data.DataError) as err:
        data.load(dataset, package=pkg)
    _assert_message(err.value, f"{dataset}.csv", f"line {line}", f"'{field}'", expected)


@pytest.mark.parametrize(
    "dataset, line, field, bad, expected",
    [
        ("tariffs", 3, "rate_percent", "250", "above the maximum 100"),
        ("trade", 12, "year", "1812", "below the minimum 1950"),
        ("routes", 4, "value_min", "-3", "below the minimum 0"),
        ("trade", 340, "value", "-5", "must be >= 0"),
        ("trade", 20, "flow", "exprt", "not an allowed value"),
        ("claims", 10, "verdict", "true", "not an allowed value"),
        ("autos", 3, "unit", "USD", "not an allowed value"),
        ("timeline", 8, "date_precision", "month", "does not match date"),
    ],
)
def test_value_out_of_range_or_not_allowed(tmp_path, dataset, line, field, bad, expected):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / f"{dataset}.csv", line, field, bad)
    with pytest.raises(data.DataError) as err:
        data.load(dataset, package=pkg)
    _assert_message(err.value, f"{dataset}.csv", f"line {line}", f"'{field}'", expected)


def test_required_value_missing(tmp_path):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / "routes.csv", 6, "unit", "")
    with pytest.raises(data.DataError) as err:
        data.load("routes", package=pkg)
    _assert_message(err.value, "routes.csv", "line 6", "'unit'", "required")


@pytest.mark.parametrize("dataset, line, field", [("routes", 9, "source_id"), ("tariffs", 2, "source_id"), ("claims", 3, "evidence")])
def test_unknown_source_id(tmp_path, dataset, line, field):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / f"{dataset}.csv", line, field, "S999")
    with pytest.raises(data.DataError) as err:
        data.load(dataset, package=pkg)
    _assert_message(err.value, f"{dataset}.csv", f"line {line}", f"'{field}'", "unknown source id 'S999'", "sources.csv")


def test_duplicate_primary_key(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "timeline.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[4])  # duplicate the record on line 5 at the end
    _write(path, "".join(lines))
    with pytest.raises(data.DataError) as err:
        data.load("timeline", package=pkg)
    _assert_message(err.value, "timeline.csv", f"line {len(lines)}", "event_id", "duplicate primary key", "first seen on line 5")


def test_no_row_is_dropped_silently(tmp_path):
    # A row with too few cells must raise, not vanish.
    pkg = _copy_package(tmp_path)
    path = pkg / "autos.csv"
    _write(path, path.read_text(encoding="utf-8") + "2020,CY\n")
    n = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(data.DataError) as err:
        data.load("autos", package=pkg)
    _assert_message(err.value, "autos.csv", f"line {n}", "expected 10 cells, found 2")


# ---------------------------------------------------------------- About-page API


@pytest.mark.parametrize("name", DATASETS)
def test_describe_gives_what_the_about_page_needs(name):
    info = data.describe(name)
    assert info["title"] and info["description"] and info["coverage"]
    assert info["gaps"] and info["licence"] and info["citation"]
    cited = {r["source_id"] for r in read_csv(name)}
    assert cited <= set(info["sources"]["source_id"])
    assert int(info["sources"]["rows_citing"].sum()) >= len(read_csv(name))


def test_sources_table():
    table = data.sources()
    assert table["source_id"].is_unique
    assert len(table) == len(read_csv("sources"))


def test_trade_coverage_lists_the_missing_years():
    years = {int(r["year"]) for r in read_csv("trade")
             if r["pair"] == "japan_us" and r["compiler"] == "US Commerce/Census" and r["period"] == "CY"}
    expected_missing = [y for y in range(2000, 2026) if y not in years]
    row = data.trade_coverage().set_index(["pair", "compiler"]).loc[("japan_us", "US Commerce/Census")]
    shown = row["years missing 2000–2025"]
    assert str(expected_missing[0]) in shown and "2018" in shown  # the 2018 US-side gap must be shown
    assert "2016" not in shown.replace("2000–2015", "")


def test_markdown_block_renders_tables_as_html():
    block = data.MarkdownBlock(data.markdown_table(data.load("tariffs")[["tariff_id", "rate_percent"]]))
    html = block._repr_html_()
    assert "<table>" in html and "<td>15.0</td>" in html and "<td>—</td>" not in html
    assert block._repr_markdown_().startswith("| tariff_id | rate_percent |")
