"""The no-code track: every exercise is tagged "code" or "no code", every code exercise has a
no-code version, and the printed tables show the figures of data/ as stored."""

from __future__ import annotations

import csv
import re

import pytest

from coursekit.tables import TableError, data_table
from tests.helpers import REPO_ROOT

PAGES = sorted((REPO_ROOT / "exercises").glob("0*.md"))
START = re.compile(r"^````\{exercise-start\} (\d\d-\d+):.*?\n````\n", re.M | re.S)


def _exercises():
    """(exercise id, page text, text of the exercise up to its exercise-end, text after it)."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in START.finditer(text):
            end = text.index("````{exercise-end}", match.end())
            nxt = text.find("````{exercise-start}", end)
            yield match.group(1), text[match.end() : end], text[end : nxt if nxt > 0 else len(text)]


EXERCISES = list(_exercises())
IDS = [e[0] for e in EXERCISES]


def test_there_are_25_exercises_and_about_half_need_code():
    assert len(EXERCISES) == 25
    code = [ex for ex, body, _ in EXERCISES if body.lstrip().startswith("{track}`code`")]
    assert 12 <= len(code) <= 15, code


@pytest.mark.parametrize("ex,body,after", EXERCISES, ids=IDS)
def test_every_exercise_is_tagged_right_under_its_title(ex, body, after):
    first = body.lstrip().splitlines()[0]
    assert re.match(r"\{track\}`(code|no code)`", first), f"{ex}: first line is {first!r}"


@pytest.mark.parametrize("ex,body,after", EXERCISES, ids=IDS)
def test_code_exercises_have_a_no_code_version(ex, body, after):
    if not body.lstrip().startswith("{track}`code`"):
        assert f"(ex-{ex}-no-code)=" not in after
        return
    assert f"(ex-{ex}-no-code)=\n**No-code version of {ex}.**" in after, f"{ex}: no no-code version after it"
    version = after.split(f"(ex-{ex}-no-code)=", 1)[1].split("````{solution-start}", 1)[0]
    # A data exercise (it names a file of data/) prints its rows, or points to a table printed above.
    if re.search(r"\b(claims|routes|trade|timeline|tariffs|autos)\.csv\b|load\(", body):
        points_up = re.search(r"table (printed )?under the no-code version of \d\d-\d", version)
        assert "data_table(" in version or points_up, f"{ex}: the no-code version prints no table"


@pytest.mark.parametrize("ex,body,after", EXERCISES, ids=IDS)
def test_tracks_show_on_the_built_pages(built_book, ex, body, after):
    page = (built_book / "exercises" / next(p.stem for p in PAGES if p.name.startswith(ex[:2]))).with_suffix(
        ".html"
    )
    html = page.read_text(encoding="utf-8")
    track = "code" if body.lstrip().startswith("{track}`code`") else "no-code"
    title = html.index(f"Exercise ({ex}:")
    tag = html.index('class="course-track', title)
    assert html[tag : tag + 80].startswith(f'class="course-track course-track-{track}"'), html[tag : tag + 80]
    if track == "code":
        assert f'id="ex-{ex}-no-code"' in html


def _cells(html: str, caption: str) -> list[list[str]]:
    start = html.index(caption)
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cell = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in cell.findall(r)] for r in rows]


def test_printed_tariff_table_shows_the_csv_values_as_stored(built_book):
    html = (built_book / "exercises" / "05-tariff-trouble.html").read_text(encoding="utf-8")
    rows = _cells(html, "US tariff rates on Japanese passenger cars in the course data")
    header, body = rows[0], rows[1:]
    assert header[:2] == ["tariff_id", "rate_percent"]
    with open(REPO_ROOT / "data" / "tariffs.csv", newline="", encoding="utf-8") as fh:
        stored = {r["tariff_id"]: r["rate_percent"] for r in csv.DictReader(fh)}
    assert {r[0]: r[1] for r in body} == stored


def test_printed_trade_table_keeps_every_digit(built_book):
    html = (built_book / "exercises" / "07-concluding-thoughts.html").read_text(encoding="utf-8")
    rows = _cells(html, "Russia-China and Japan-Russia trade, 2017")
    with open(REPO_ROOT / "data" / "trade.csv", newline="", encoding="utf-8") as fh:
        stored = [
            r
            for r in csv.DictReader(fh)
            if r["year"] == "2017"
            and r["period"] == "CY"
            and (
                (
                    r["pair"] == "japan_russia"
                    and r["compiler"] == "IMF DOTS"
                    and r["reporter"] == "Japan"
                    and r["flow"] in ("export", "import")
                )
                or (
                    r["pair"] == "russia_china"
                    and r["compiler"] == "China customs (GAC)"
                    and r["flow"] == "total"
                )
            )
        ]
    value_col = rows[0].index("value")
    printed = sorted(r[value_col] for r in rows[1:])
    assert len(stored) == 3
    assert printed == sorted(str(float(r["value"])).removesuffix(".0") for r in stored)


def test_table_helper_refuses_unknown_columns_and_empty_filters():
    with pytest.raises(TableError, match=r"data/trade: no column\(s\) valu"):
        data_table("trade", ["valu"], caption="x")
    with pytest.raises(TableError, match=r"data/trade: no row matches year = 1800"):
        data_table("trade", ["value"], where={"year": 1800}, caption="x")
    with pytest.raises(TableError, match="no column 'yeer' to filter on"):
        data_table("trade", ["value"], where={"yeer": 2017}, caption="x")


def test_table_helper_shows_gaps_as_gaps():
    table = data_table("timeline", ["date", "place"], where={"kind": "abe_putin_meeting"}, caption="meetings")
    assert "(no data)" in table._repr_html_() and "(no data)" in table._repr_markdown_()
