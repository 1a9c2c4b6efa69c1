"""What the book's "About the data" page shows: per-dataset descriptions, sources, gaps, coverage.

Every helper reads the package through :func:`coursekit.data.load`, so the page shows
exactly what the loader validated.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..text import table_cell, year_ranges
from .loader import load, sources
from .package import package_metadata, resource
from .rules import id_list_fields

__all__ = [
    "describe",
    "markdown_table",
    "trade_coverage",
    "year_ranges",
    "conflicts",
    "about_markdown",
    "MarkdownBlock",
]


def describe(name: str, *, package: str | Path | None = None) -> dict:
    """What the About page shows for a dataset, straight from the package.

    Keys: name, title, description, coverage, gaps (list), licence (list of
    {title, path}), upstream_terms, sources (DataFrame of the sources the rows
    cite, with how many rows cite each), rows, citation.
    """
    res, _ = resource(name, package)
    pkg = package_metadata(package)
    frame = load(name, package=package)
    id_cols = [c for c in frame.columns if c == "source_id" or c.endswith("_source_id")]
    cited: dict[str, int] = {}
    for col in id_cols:
        for value in frame[col].dropna():
            cited[value] = cited.get(value, 0) + 1
    for field in id_list_fields(name):
        for value in frame[field].dropna():
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
        "licence": [
            {"title": lic.get("title", lic.get("name", "")), "path": lic.get("path", "")}
            for lic in res.get("licenses", pkg.get("licenses", []))
        ],
        "upstream_terms": pkg.get("upstreamTerms", ""),
        "sources": used.reset_index(drop=True),
        "rows": len(frame),
        "citation": pkg.get("citation", ""),
    }


# ---------------------------------------------------------------- Markdown for the About page


def _md_cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return table_cell(value)


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
    for (pair, reporter, compiler, unit), grp in cy.groupby(
        ["pair", "reporter", "compiler", "unit"], observed=True
    ):
        years = sorted(int(y) for y in grp["year"].unique())
        window = [y for y in range(first, last + 1)]
        missing = [y for y in window if y not in years]
        out.append(
            {
                "pair": pair,
                "reporter": reporter,
                "compiler": compiler,
                "unit": unit,
                "years with a figure": year_ranges(years),
                f"years missing {first}–{last}": year_ranges(missing) or "none",
            }
        )
    return pd.DataFrame(out)


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
                rows.append(
                    {
                        "conflict": cid,
                        "dataset": name,
                        "year": rec.year,
                        "period": rec.period,
                        "reported by": f"{label} ({rec.compiler})",
                        "figure": what,
                        "value as published": shown,
                        "source_id": rec.source_id,
                    }
                )
    frame = pd.DataFrame(rows)
    frame["_n"] = frame["conflict"].str[1:].astype(int)
    return frame.sort_values(["_n", "year"], kind="stable").drop(columns="_n").reset_index(drop=True)


def about_markdown(name: str, *, package: str | Path | None = None) -> str:
    """The About-page block for one dataset: coverage, gaps, licence, citation and sources."""
    info = describe(name, package=package)
    lines = [
        info["description"],
        "",
        f"**Rows:** {info['rows']}. **Coverage:** {info['coverage']}",
        "",
        "**Gaps** (left empty in the data, never estimated):",
        "",
    ]
    lines += [f"- {gap}" for gap in info["gaps"]]
    lics = "; ".join(
        f"[{lic['title']}]({lic['path']})" if lic["path"] else lic["title"] for lic in info["licence"]
    )
    lines += [
        "",
        f"**Licence:** {lics}.",
        "",
        f"**How to cite:** {info['citation']} Dataset: `{name}` ({info['title']}), file `data/{name}.csv`.",
        "",
        "**Sources** (the page each row was read from; *reports* names the original statistic):",
        "",
    ]
    src = info["sources"].copy()
    src["source"] = [f"[{t}]({u})" for t, u in zip(src["title"], src["url"])]
    src["date"] = [
        d if isinstance(d, str) and d else f"undated ({n})" for d, n in zip(src["date"], src["date_note"])
    ]
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
