"""The "About the data" helpers, checked against the CSV files and datapackage.json read directly.

Expected rows, counts and texts come from ``csv.DictReader`` and ``json`` here, not from
``coursekit.data``, so a slip in the helpers (a wrong count, a dropped conflict, a
misordered table) fails (found by mutation testing: see bench/README.md).
"""

from __future__ import annotations

import csv
import json
from collections import Counter

import pandas as pd
import pytest

from coursekit.data import MarkdownBlock, about_markdown, conflicts, describe, markdown_table, trade_coverage
from coursekit.data.refresh import refresh
from coursekit.paths import DATA_DIR
from coursekit.text import year_ranges
from tests.unit.bad_input_helpers import package_copy


def rows(name: str) -> list[dict]:
    with open(DATA_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def resource(name: str) -> dict:
    pkg = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    return pkg, next(r for r in pkg["resources"] if r["name"] == name)


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


# ---------------------------------------------------------------- conflicts


def expected_conflicts() -> list[dict]:
    out = []
    for name in ("trade", "autos"):
        for r in rows(name):
            for cid in r["conflict_id"].split():
                out.append(
                    {
                        "conflict": cid,
                        "dataset": name,
                        "year": int(r["year"]),
                        "source_id": r["source_id"],
                        "r": r,
                    }
                )
    # by conflict number (C2 before C10), then year; ties keep file order (trade before autos)
    return sorted(out, key=lambda e: (int(e["conflict"][1:]), e["year"]))


def test_conflicts_lists_every_conflicting_row_in_conflict_then_year_order():
    table = conflicts()
    expected = expected_conflicts()
    assert len(expected) >= 2, "the data has known conflicts"
    got = [(r["conflict"], r["dataset"], int(r["year"]), r["source_id"]) for r in table.to_dict("records")]
    assert got == [(e["conflict"], e["dataset"], e["year"], e["source_id"]) for e in expected]
    assert list(table.index) == list(range(len(expected)))
    assert list(table.columns) == [
        "conflict",
        "dataset",
        "year",
        "period",
        "reported by",
        "figure",
        "value as published",
        "source_id",
    ]


def test_conflict_rows_say_who_reported_what_as_published():
    for got, e in zip(conflicts().to_dict("records"), expected_conflicts()):
        r = e["r"]
        assert got["period"] == r["period"]
        if e["dataset"] == "trade":
            assert got["reported by"] == f"{r['reporter']} ({r['compiler']})"
            assert got["figure"] == r["flow"]
            assert got["value as published"] == r["value_as_published"]
        else:  # autos name no reporter or published text: the compiler, the measure, value and unit
            assert got["reported by"] == f"{r['compiler']} ({r['compiler']})"
            assert got["figure"] == r["measure"]
            assert got["value as published"] == f"{float(r['value']):g} {r['unit']}"


# ---------------------------------------------------------------- about_markdown


@pytest.mark.parametrize("name", ["claims", "tariffs"])
def test_about_block_shows_description_rows_coverage_gaps_licence_and_citation(name):
    pkg, res = resource(name)
    text = about_markdown(name)
    lines = text.split("\n")
    assert lines[0] == res["description"]
    assert f"**Rows:** {len(rows(name))}. **Coverage:** {res.get('coverage', '')}" in lines
    gaps = [line[2:] for line in lines if line.startswith("- ")]
    assert gaps == list(res.get("gaps", []))
    licences = res.get("licenses", pkg["licenses"])
    shown = "; ".join(
        f"[{lic['title']}]({lic['path']})" if lic.get("path") else lic["title"] for lic in licences
    )
    assert f"**Licence:** {shown}." in lines
    assert (
        f"**How to cite:** {pkg['citation']} Dataset: `{name}` ({res['title']}), file `data/{name}.csv`."
        in lines
    )


@pytest.mark.parametrize("name", ["claims", "tariffs"])
def test_about_sources_table_counts_the_rows_citing_each_source(name):
    text = about_markdown(name)
    table = text[text.index("| source_id |") :].split("\n")
    assert table[0] == "| source_id | source | publisher | date | type | reports | rows citing |"
    assert table[1] == "| --- | --- | --- | --- | --- | --- | --- |"
    # a row cites the source in each source_id column (source_id, announced_source_id, ...)
    # and, in the claims ledger, each id of its evidence list
    data = rows(name)
    id_columns = [c for c in data[0] if c == "source_id" or c.endswith("_source_id")]
    cited = Counter(r[c] for r in data for c in id_columns if r[c])
    cited.update(sid for r in data for sid in r.get("evidence", "").split())
    by_id = {r["source_id"]: r for r in rows("sources")}
    body = table[2:]
    assert len(body) == len(cited)
    for line in body:
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        sid = cells[0]
        src = by_id[sid]
        assert cells[1] == cell(f"[{src['title']}]({src['url']})")
        assert cells[3] == (src["date"] or cell(f"undated ({src['date_note']})"))
        assert cells[-1] == str(cited[sid]), sid
    counts = describe(name)["sources"]["rows_citing"]
    assert str(counts.dtype) == "Int64" and counts.sum() == sum(cited.values())


def test_describe_falls_back_when_the_descriptor_leaves_keys_out(tmp_path):
    pkg = package_copy(tmp_path)
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "tariffs")
    for key in ("title", "description", "coverage", "gaps", "licenses"):
        res.pop(key, None)
    desc["licenses"] = [{"name": "CC-BY-4.0", "path": ""}]
    desc["citation"] = "Cite the copy."
    desc["upstreamTerms"] = "Upstream terms of the copy."
    (pkg / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    cited = rows("tariffs")[0]["source_id"]
    table = rows("sources")
    next(r for r in table if r["source_id"] == cited)["publisher"] = "The copy's publisher"
    with open(pkg / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    refresh(pkg)

    info = describe("tariffs", package=pkg)
    assert list(info) == [
        "name",
        "title",
        "description",
        "coverage",
        "gaps",
        "licence",
        "upstream_terms",
        "sources",
        "rows",
        "citation",
    ]
    assert info["name"] == "tariffs" and info["title"] == "tariffs"  # no title: the name
    assert (info["description"], info["coverage"], info["gaps"]) == ("", "", [])
    assert info["licence"] == [{"title": "CC-BY-4.0", "path": ""}]  # the package's, by name
    assert info["upstream_terms"] == "Upstream terms of the copy."
    assert info["citation"] == "Cite the copy."
    assert "The copy's publisher" in set(info["sources"]["publisher"])
    assert "**Licence:** CC-BY-4.0." in about_markdown("tariffs", package=pkg).split("\n")


def test_an_undated_source_shows_why_it_has_no_date():
    undated = [r for r in rows("sources") if not r["date"]]
    cited = {
        sid
        for name in ("trade", "autos", "routes", "tariffs", "timeline")
        for r in rows(name)
        for sid in r.get("source_id", "").split()
    }
    hits = [r for r in undated if r["source_id"] in cited]
    if not hits:
        pytest.fail("no cited source is undated any more: pick another case for this test")
    r = hits[0]
    text = "\n".join(about_markdown(n) for n in ("trade", "autos", "routes", "tariffs", "timeline"))
    assert cell(f"undated ({r['date_note']})") in text


# ---------------------------------------------------------------- describe, coverage, tables


def test_describe_sources_lists_every_source_without_counts():
    info = describe("sources")
    assert info["rows"] == len(rows("sources"))
    assert list(info["sources"]["source_id"]) == [r["source_id"] for r in rows("sources")]
    assert info["sources"]["rows_citing"].isna().all()
    assert str(info["sources"]["rows_citing"].dtype) == "Int64"


def test_the_helpers_read_the_package_they_are_given(tmp_path):
    pkg = package_copy(tmp_path)
    lines = (pkg / "tariffs.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (pkg / "tariffs.csv").write_text("".join(lines[:-1]), encoding="utf-8")  # one row fewer
    trade = (pkg / "trade.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = trade[0], trade[1:]
    kept = [line for line in body if not line.startswith("japan_russia,2003,CY,Japan,")]
    assert len(kept) < len(body), "the data has Japan's 2003 report on Japan-Russia trade"
    (pkg / "trade.csv").write_text(header + "".join(kept), encoding="utf-8")
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "tariffs")
    res["description"] = "A trimmed copy."
    (pkg / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    refresh(pkg)

    info = describe("tariffs", package=pkg)
    assert info["rows"] == len(rows("tariffs")) - 1
    assert info["description"] == "A trimmed copy."
    assert about_markdown("tariffs", package=pkg).startswith("A trimmed copy.\n")
    cover = trade_coverage(package=pkg)
    japan = cover[
        (cover["pair"] == "japan_russia") & (cover["reporter"] == "Japan") & (cover["compiler"] == "IMF DOTS")
    ]
    assert "2003" in japan["years missing 2000–2025"].iloc[0]
    assert len(conflicts(package=pkg)) == len(expected_conflicts())


def test_trade_coverage_lists_the_missing_years_of_the_window_asked_for():
    cy = [r for r in rows("trade") if r["period"] == "CY"]
    series = {(r["pair"], r["reporter"], r["compiler"], r["unit"]) for r in cy}
    cover = trade_coverage(first=2010, last=2012)
    assert list(cover.columns)[-2:] == ["years with a figure", "years missing 2010–2012"]
    assert len(cover) == len(series)
    for rec in cover.to_dict("records"):
        key = (rec["pair"], rec["reporter"], rec["compiler"], rec["unit"])
        years = {int(r["year"]) for r in cy if (r["pair"], r["reporter"], r["compiler"], r["unit"]) == key}
        missing = [y for y in (2010, 2011, 2012) if y not in years]
        assert rec["years missing 2010–2012"] == (year_ranges(missing) or "none"), key
        assert rec["years with a figure"] == year_ranges(sorted(years)), key


def test_markdown_table_shows_gaps_as_a_dash_and_keeps_text():
    frame = pd.DataFrame({"a": ["x|y", None], "b": [float("nan"), 2.5], "c": [pd.NA, "nan"]})
    assert markdown_table(frame).split("\n") == [
        "| a | b | c |",
        "| --- | --- | --- |",
        "| x\\|y | — | — |",
        "| — | 2.5 | nan |",
    ]


def test_markdown_block_renders_pipe_tables_as_html():
    block = MarkdownBlock("| a | b |\n| --- | --- |\n| 1 | 2 |")
    assert block._repr_markdown_() == str(block)
    html = block._repr_html_()
    assert "<table>" in html and "<td>1</td>" in html
    assert "&lt;b&gt;" in MarkdownBlock("<b>raw</b>")._repr_html_()  # raw HTML is not passed through
