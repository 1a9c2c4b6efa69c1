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
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from coursekit import data
from coursekit.data.refresh import refresh
from coursekit.paths import DATA_DIR, DATAPACKAGE

# Read from the descriptor (plain json, not the loader), so a new dataset gets every check below.
DATASETS = [
    r["name"]
    for r in json.loads(DATAPACKAGE.read_text(encoding="utf-8"))["resources"]
    if r["name"] != "sources"
]
# The datasets the chapters and exercises rely on.
CONTRACT = ["trade", "autos", "tariffs", "timeline", "routes", "claims"]


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
            assert {
                "fields": "source_id",
                "reference": {"resource": "sources", "fields": "source_id"},
            } in schema["foreignKeys"]


# ---------------------------------------------------------------- loading and types


def test_dataset_names_match_the_public_contract():
    assert set(CONTRACT) <= set(DATASETS)
    assert set(DATASETS) | {"sources"} == set(data.dataset_names())


def test_every_dataset_has_a_page_under_the_about_page():
    # one page per dataset (chapters/data-<name>.md), and no other: the table of contents
    # lists them under "About the data" by a glob, and the About page's list is made from the
    # package ({dataset-list}, coursekit/sphinx/datasets.py), so neither names a dataset
    chapters = DATA_DIR.parent / "chapters"
    about = (chapters / "about-the-data.md").read_text(encoding="utf-8")
    toc = (DATA_DIR.parent / "_toc.yml").read_text(encoding="utf-8")
    assert sorted(p.stem for p in chapters.glob("data-*.md")) == sorted(f"data-{n}" for n in DATASETS)
    for name in DATASETS:
        page = (chapters / f"data-{name}.md").read_text(encoding="utf-8")
        assert f'data.about_markdown("{name}")' in page, name
    assert "```{dataset-list}\n```" in about
    assert "- glob: chapters/data-*" in toc.partition("file: chapters/about-the-data")[2].split("- file:")[0]


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
    assert (month["date_first"], month["date_last"]) == (
        pd.Timestamp("2018-07-01"),
        pd.Timestamp("2018-07-31"),
    )


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
        series[
            (r["pair"], r["reporter"], r["partner"], r["flow"], r["period"], r["compiler"], r["source_id"])
        ].add(r["unit"])
    assert all(len(units) == 1 for units in series.values())
    measures = defaultdict(set)
    for r in read_csv("autos"):
        measures[r["measure"]].add(r["unit"])
    assert {m: u for m, u in measures.items() if len(u) > 1} == {}


_SCALE = {
    "thousand": Decimal("0.001"),
    "million": Decimal(1),
    "billion": Decimal(1000),
    "trillion": Decimal(1000000),
}
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


@pytest.mark.parametrize(
    "dataset, line, field",
    [("routes", 9, "source_id"), ("tariffs", 2, "source_id"), ("claims", 3, "evidence")],
)
def test_unknown_source_id(tmp_path, dataset, line, field):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / f"{dataset}.csv", line, field, "S999")
    with pytest.raises(data.DataError) as err:
        data.load(dataset, package=pkg)
    _assert_message(
        err.value, f"{dataset}.csv", f"line {line}", f"'{field}'", "unknown source id 'S999'", "sources.csv"
    )


def test_duplicate_primary_key(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "timeline.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[4])  # duplicate the record on line 5 at the end
    _write(path, "".join(lines))
    with pytest.raises(data.DataError) as err:
        data.load("timeline", package=pkg)
    _assert_message(
        err.value,
        "timeline.csv",
        f"line {len(lines)}",
        "event_id",
        "duplicate primary key",
        "first seen on line 5",
    )


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
    years = {
        int(r["year"])
        for r in read_csv("trade")
        if r["pair"] == "japan_us" and r["compiler"] == "US Commerce/Census" and r["period"] == "CY"
    }
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


def test_trade_coverage_window_is_exactly_2000_to_2025():
    """Every series' missing years, computed here from the CSV over the 2000-2025 window."""
    series = defaultdict(set)
    for r in read_csv("trade"):
        if r["period"] == "CY":
            series[(r["pair"], r["reporter"], r["compiler"], r["unit"])].add(int(r["year"]))
    table = data.trade_coverage()
    assert list(table.columns)[-1] == "years missing 2000–2025"
    assert len(table) == len(series)
    for row in table.itertuples(index=False):
        years = series[(row.pair, row.reporter, row.compiler, row.unit)]
        missing = [y for y in range(2000, 2026) if y not in years]
        shown = row[-1]
        for y in range(2000, 2026):  # each year of the window is listed as missing iff it has no figure
            listed = any(_in_range(y, part) for part in shown.split(", ")) if shown != "none" else False
            assert listed == (y in missing), (row.pair, row.compiler, y, shown)
        assert (shown == "none") == (missing == [])


def _in_range(year: int, part: str) -> bool:
    lo, _, hi = part.partition("–")
    return int(lo) <= year <= int(hi or lo)


# ---------------------------------------------------------------- integrity: hash, bytes, truncation, links


def test_every_resource_carries_its_sha256_hash_and_size():
    import hashlib

    pkg = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        blob = (DATA_DIR / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(blob).hexdigest(), res["name"]
        assert res["bytes"] == len(blob), res["name"]


def test_a_file_changed_without_refreshing_stops_with_the_refresh_command(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "tariffs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("27.5", "26.5", 1), encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.load("autos", package=pkg)  # any dataset: the package as a whole is no longer the one validated
    _assert_message(err.value, "tariffs.csv", "sha256", "python -m coursekit.data.refresh", "git checkout")


def test_a_file_cut_short_stops_naming_the_file_and_the_sizes(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "trade.csv"
    blob = path.read_bytes()
    path.write_bytes(blob[: len(blob) // 2])
    with pytest.raises(data.DataError) as err:
        data.load("trade", package=pkg)
    _assert_message(
        err.value,
        "trade.csv",
        f"{len(blob) // 2} bytes",
        f"records {len(blob)}",
        "cut short",
        "python -m coursekit.data.refresh",
    )


def test_a_file_cut_inside_a_quoted_field_fails_even_after_refreshing(tmp_path):
    pkg = _copy_package(tmp_path)
    path = pkg / "sources.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    line = next(i for i, row in enumerate(lines, start=1) if i > 1 and '"' in row)
    cut = sum(len(x) for x in lines[: line - 1]) + lines[line - 1].index('"') + 5  # inside the quotes
    _write(path, text[:cut])
    with pytest.raises(data.DataError) as err:
        data.load("sources", package=pkg)
    _assert_message(err.value, "sources.csv", f"line {line}", "quoted cell", "cut short")


def test_refresh_check_reports_stale_files_and_refresh_fixes_them(tmp_path, capsys):
    from coursekit.data.refresh import main

    pkg = _copy_package(tmp_path)
    assert main([str(pkg), "--check"]) == 0
    path = pkg / "autos.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a blank line at the end
    assert main([str(pkg), "--check"]) == 1
    assert "autos.csv" in capsys.readouterr().out
    assert main([str(pkg)]) == 1  # refreshed, but the blank line is still bad data
    assert main([str(pkg), "--check"]) == 0


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://example.org/a.csv",
        "JAVASCRIPT://x",
        "www.example.org/no-scheme",
    ],
)
def test_a_link_that_is_not_http_or_https_is_refused(tmp_path, url):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / "sources.csv", 2, "url", url)
    with pytest.raises(data.DataError) as err:
        data.load("sources", package=pkg)
    _assert_message(err.value, "sources.csv", "line 2", "'url'", "https:")


@pytest.mark.parametrize("url", ["https://example.org/page", "http://example.org/page"])
def test_web_links_are_accepted(tmp_path, url):
    pkg = _copy_package(tmp_path)
    _edit_cell(pkg / "sources.csv", 2, "url", url)
    assert data.load("sources", package=pkg)["url"].iloc[0] == url


def _routes_line_with_a_range() -> int:
    rows = read_csv("routes")
    return next(i for i, r in enumerate(rows, start=2) if r["value_max"] and r["value_min"])


def test_range_rule_refuses_a_maximum_below_the_minimum(tmp_path):
    pkg = _copy_package(tmp_path)
    line = _routes_line_with_a_range()
    low = read_csv("routes")[line - 2]["value_min"]
    _edit_cell(pkg / "routes.csv", line, "value_max", str(Decimal(low) - 1))
    with pytest.raises(data.DataError) as err:
        data.load("routes", package=pkg)
    _assert_message(err.value, "routes.csv", f"line {line}", "'value_max'", "below value_min")


def test_range_rule_accepts_equal_bounds_and_signs_only_for_balances(tmp_path):
    pkg = _copy_package(tmp_path)
    line = _routes_line_with_a_range()
    _edit_cell(pkg / "routes.csv", line, "value_max", read_csv("routes")[line - 2]["value_min"])
    data.load("routes", package=pkg)  # a point value written as a range is fine
    trade = read_csv("trade")
    balance = next(i for i, r in enumerate(trade, start=2) if r["flow"] == "balance")
    export = next(i for i, r in enumerate(trade, start=2) if r["flow"] == "export")
    _edit_cell(pkg / "trade.csv", balance, "value", "-5")
    _edit_cell(pkg / "trade.csv", export, "value", "0")
    data.load("trade", package=pkg)


def test_dataset_rules_are_declared_in_one_table_not_in_the_loader():
    from coursekit.data import rules

    assert set(rules.RULES) <= set(data.dataset_names())
    generic = ["loader.py", "schema.py", "records.py", "frames.py", "package.py"]
    for name in generic:
        source = (Path(data.__file__).parent / name).read_text(encoding="utf-8")
        for dataset in DATASETS:
            assert f'"{dataset}"' not in source and f"'{dataset}'" not in source, (name, dataset)


def test_shared_query_one_row_raises_data_error_naming_the_filter():
    from coursekit.data.queries import one

    with pytest.raises(data.DataError) as err:
        one("tariffs", tariff_id="no_such_tariff")
    _assert_message(err.value, "tariffs.csv", "tariff_id='no_such_tariff'", "found 0")


def test_a_remembered_validation_does_not_hide_a_later_edit(tmp_path):
    pkg = _copy_package(tmp_path)
    data.load("tariffs", package=pkg)  # validates, and remembers it for this exact descriptor
    _edit_cell(pkg / "tariffs.csv", 3, "rate_percent", "250")  # an intentional edit, hashes refreshed
    with pytest.raises(data.DataError) as err:
        data.load("tariffs", package=pkg)
    _assert_message(err.value, "tariffs.csv", "line 3", "'rate_percent'", "above the maximum 100")


# ---------------------------------------------------------------- after 2020 (issue 13, requirement 5)


def _after_2020(pair: str) -> list[dict]:
    return [r for r in read_csv("trade") if r["pair"] == pair and int(r["year"]) > 2020]


@pytest.mark.parametrize("pair", ["japan_russia", "japan_us"])
def test_every_row_after_2020_names_its_page_and_the_statistic(pair):
    src = {r["source_id"]: r for r in read_csv("sources")}
    later = _after_2020(pair)
    assert later, f"{pair}: no rows after 2020"
    for r in later:
        s = src[r["source_id"]]
        assert s["url"].startswith(("http://", "https://")) and s["publisher"], r["source_id"]
        assert s["date"], f"{r['source_id']}: a figure after 2020 needs the page's date (at least the year)"
        # whose statistic it is: a named compiler, or 'not stated' with the reporter left unstated too
        assert r["compiler"] != "not stated" or r["reporter"] == "not stated" or "not stated" in r["note"], r
        assert r["value_as_published"], r


def test_missing_japan_russia_flows_after_2020_are_listed_as_gaps():
    """Each year 2021-2025 without a Japan MOF calendar-year export or import row is named in the gaps."""
    gaps = " ".join(g for g in data.describe("trade")["gaps"] if g.startswith("Japan-Russia"))
    for flow in ("export", "import"):
        have = {
            int(r["year"])
            for r in _after_2020("japan_russia")
            if r["compiler"] == "Japan MOF" and r["period"] == "CY" and r["flow"] == flow
        }
        missing = [y for y in range(2021, 2026) if y not in have]
        assert missing, f"the test expects at least one missing {flow} year"
        for year in missing:
            assert str(year) in gaps, f"Japan-Russia {flow} {year} has no row but is not listed as a gap"


def test_no_us_reported_annual_figure_after_2020_and_the_gap_says_so():
    us = [r for r in _after_2020("japan_us") if r["compiler"] == "US Commerce/Census" and r["period"] == "CY"]
    assert us == [], "US annual figures after 2020 were added: update the gaps and this test"
    assert "no US Commerce/Census annual figure for 2021-2025" in " ".join(data.describe("trade")["gaps"])
