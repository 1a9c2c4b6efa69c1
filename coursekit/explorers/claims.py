"""Chapters 07 and 08 — filter the claims ledger (claims explorer) and list every forecast (forecast table)."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from .. import data, style
from ..text import escape_markdown
from ..widgets import Choice, PrintFigure, StaticWidget, View, view_widget
from .charts import SIZE, HtmlTable, chart_title, html_table, note, text_records, wrap
from .evidence import SourceIndex
from .ledger import (
    SECTION_NAMES,
    VERDICT_GROUP_STYLES,
    VERDICT_GROUPS,
    as_of,
    check_verdicts,
    forecasts,
    group_handles,
    group_names,
    is_forecast,
    verdict_order,
    verdict_text,
)
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)


def filter_claims(claims: pd.DataFrame, section=None, kind=None, verdicts=None) -> pd.DataFrame:
    """The claims of a section, a kind ('forecast' includes claims that also forecast) and verdicts."""
    c = claims
    if section not in (None, "all"):
        c = c[c["section"] == section]
    if kind not in (None, "all"):
        c = c[is_forecast(c)] if kind == "forecast" else c[c["kind"] == kind]
    if verdicts not in (None, "all"):
        c = c[c["verdict"].isin(list(verdicts))]
    return c


def _kind_text(r) -> str:
    return r.kind + (f" ({r.kind_detail})" if isinstance(r.kind_detail, str) else "")


def _counts(rows: pd.DataFrame) -> str:
    return ", ".join(f"{n} {verdict_text(v)}" for v, n in rows["verdict"].value_counts().items() if n)


def claims_table(rows: pd.DataFrame, heading: str, sources: SourceIndex) -> HtmlTable:
    """One state: the matching claims as a table, and (if any) the verdict bars the PDF prints."""
    summary = _counts(rows) or "no claims"
    cols = ["#", "Section", "Claim (our paraphrase)", "Kind", "Verdict", "As of", "Why", "Evidence"]
    body = [
        [
            int(r.claim_id),
            SECTION_NAMES[r.section],
            r.claim,
            _kind_text(r),
            verdict_text(r.verdict),
            str(r.verdict_date),
            r.note,
            sources.evidence_html(r.evidence),
        ]
        for r in rows.itertuples(index=False)
    ]
    if rows.empty:
        table = "<p><em>No claims in the ledger match this filter.</em></p>"
    else:
        table = html_table(cols, body, caption=f"{len(rows)} claim(s): {summary}")
    text = (
        wrap(f"{heading}: {len(rows)} claim(s) ({summary}).")
        + "\n\n"
        + text_records(
            [
                [
                    ("Claim", f"{int(r.claim_id)}. {r.claim}"),
                    ("Section", SECTION_NAMES[r.section]),
                    ("Kind", _kind_text(r)),
                    ("Verdict", f"{verdict_text(r.verdict)} (as of {r.verdict_date})"),
                    ("Why", r.note),
                    ("Evidence", sources.evidence_text(r.evidence)),
                ]
                for r in rows.itertuples(index=False)
            ]
        )
    )
    out = HtmlTable(html=f"<p>{html.escape(heading)}</p>" + table, text=text, columns=cols)
    if not rows.empty:  # printed only for the default state, which always has rows
        out.print_figure = verdict_print_figure(rows, heading)
    return out


def verdict_print_figure(rows: pd.DataFrame, heading: str) -> PrintFigure:
    """For the PDF: claims per verdict in this view, as labelled horizontal bars."""
    check_verdicts(rows)
    counts = rows["verdict"].astype(str).value_counts()
    bars = [(verdict_text(v), int(counts[v]), g) for v, g in verdict_order() if counts.get(v, 0)]
    listed = ", ".join(f"{n} {lab}" for lab, n, _ in bars)
    alt = (
        f"Horizontal bar chart of the number of claims per verdict. {heading}: {len(rows)} claim(s): {listed}. "
        + TEXT["print_alt_tail"]
    )

    def chart():
        return verdict_bars(
            bars,
            group_names(),
            title=f"Claims per verdict: {len(rows)} claim(s)",
            footnote=TEXT["print_footnote"].format(heading=heading, as_of=as_of(rows["verdict_date"])),
        )

    return PrintFigure(chart, alt, TEXT["print_caption"])


def verdict_bars(
    bars: Sequence[tuple[str, int, int]], groups: Sequence[str], *, title: str, footnote: str
) -> Figure:  # pragma: no mutate block
    """Horizontal bars, one per verdict: ``(verdict label, count, group index)``, top to bottom.

    Each bar is labelled with its count and each row with its verdict, so the
    group colours and hatching only add a grouping, never the meaning itself.
    """
    if not bars:
        raise ValueError("verdict_bars needs at least one (verdict, count, group) bar.")
    n = len(bars)
    fig = style.new_figure(figsize=(SIZE[0], 2.7 + 0.3 * n))
    ax = fig.add_subplot()
    top = max(count for _, count, _ in bars)
    for i, (_label, count, group) in enumerate(bars):
        st = VERDICT_GROUP_STYLES[group]
        ax.barh(
            n - 1 - i,
            count,
            color=st["color"],
            hatch=st["hatch"],
            edgecolor="black",
            linewidth=0.5,
            height=0.7,
        )
        ax.text(count + top * 0.015, n - 1 - i, str(count), va="center")
    ax.set_yticks(range(n - 1, -1, -1), [textwrap.fill(b[0], 18) for b in bars])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, top * 1.12 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("number of claims")
    ax.grid(axis="y", visible=False)
    chart_title(ax, title)
    used = sorted({g for _, _, g in bars})
    handles = [h for i, h in enumerate(group_handles(groups, markers=False)) if i in used]
    fig.legend(handles=handles, loc="outside lower left")
    note(fig, footnote)
    return fig


@dataclass
class ClaimsView:
    """``view(**state)`` of a claims explorer whose section or kind may be fixed by the chapter."""

    claims: pd.DataFrame
    sources: SourceIndex
    section: str | None
    kind: str | None
    verdict_options: list

    def __call__(self, **st) -> View:
        s, k, v = st.get("section", self.section), st.get("kind", self.kind), st.get("verdicts", "all")
        rows = filter_claims(self.claims, s, k, v)
        vlabel = next((lab for lab, val in self.verdict_options if val == v), "All verdicts")
        heading = (
            f"Section: {'all' if s in (None, 'all') else SECTION_NAMES[s]}; kind: "
            f"{'all' if k in (None, 'all') else k}; verdict: {vlabel.lower()}"
        )
        counts = _counts(rows)
        alt = f"Table of claims from the ledger. {heading}: {len(rows)} row(s)" + (
            f" ({counts})." if counts else "."
        )
        return View(dict(rows=rows, heading=heading, sources=self.sources), alt)


def _controls(claims: pd.DataFrame, section, kind) -> tuple[dict, list]:
    """The two controls the fixed arguments leave, and the verdict options."""
    sections = [s for s in SECTION_NAMES if (claims["section"] == s).any()]
    kinds = [k for k in claims["kind"].cat.categories if (claims["kind"] == k).any()]

    def present(opts, col_filter):
        return [(lab, v) for lab, v in opts if not col_filter(v).empty]

    sec_opts = [("All sections", "all")] + present(
        [(SECTION_NAMES[s], s) for s in sections], lambda s: filter_claims(claims, s, kind)
    )
    kind_opts = [("All kinds", "all")] + present(
        [(k.capitalize(), k) for k in kinds], lambda k: filter_claims(claims, section, k)
    )
    ver_opts = [("All verdicts", "all")] + present(
        list(VERDICT_GROUPS), lambda v: filter_claims(claims, section, kind, v)
    )
    if section is None and kind is None:
        controls = {
            "kind": Choice("Kind", kind_opts, kind="auto"),
            "section": Choice("Section", sec_opts, kind="dropdown"),
        }
    elif section is None:
        controls = {
            "section": Choice("Section", sec_opts, kind="dropdown"),
            "verdicts": Choice("Verdict", ver_opts, kind="dropdown"),
        }
    else:
        controls = {
            "kind": Choice("Kind", kind_opts, kind="auto"),
            "verdicts": Choice("Verdict", ver_opts, kind="dropdown"),
        }
    return controls, ver_opts


def _check_arguments(claims: pd.DataFrame, section, kind) -> None:
    sections = [s for s in SECTION_NAMES if (claims["section"] == s).any()]
    kinds = [k for k in claims["kind"].cat.categories if (claims["kind"] == k).any()]
    if section is not None and section not in sections:
        raise ValueError(
            f"claims_explorer: section={section!r} is not a section of claims.csv; use one of {sections}."
        )
    if kind is not None and kind not in kinds:
        raise ValueError(f"claims_explorer: kind={kind!r} is not a kind in claims.csv; use one of {kinds}.")
    if filter_claims(claims, section, kind).empty:
        raise ValueError(
            f"claims_explorer: no claims with section={section!r} and kind={kind!r}; "
            "fix only one of the two, or choose a pair that claims.csv has."
        )


@chapter_widget("07-concluding-thoughts", ("08-what-happened-next", {"kind": "forecast"}))
def claims_explorer(section: str | None = None, kind: str | None = None) -> StaticWidget:
    """Filter the claims ledger. Two of section / kind / verdict are controls (≤ 40 states).

    With no argument: kind × section. ``kind="forecast"`` fixes the kind (claims whose
    kind_detail says they also forecast are included) and offers section × verdict;
    a fixed ``section`` offers kind × verdict.
    """
    claims = data.load("claims")
    _check_arguments(claims, section, kind)
    controls, ver_opts = _controls(claims, section, kind)
    fixed = " ".join(
        x
        for x in (
            f"Fixed to kind '{kind}'." if kind else "",
            f"Fixed to section '{SECTION_NAMES.get(section, section)}'." if section else "",
        )
        if x
    )
    caption = (
        TEXT["caption"] + " " + fixed + (" " + TEXT["caption_forecasts"] if kind == "forecast" else "")
    ).strip()
    return view_widget(
        ClaimsView(claims, SourceIndex(), section, kind, ver_opts), claims_table, controls, caption=caption
    )


# ---------------------------------------------------------------- forecast table (chapter 08)


class ForecastTable:
    """Every forecast in the ledger: HTML table on the page, a Markdown list in the PDF."""

    columns = ["#", "Section", "The essay expected", "Verdict", "As of", "What happened (why)", "Evidence"]

    def __init__(self, rows: pd.DataFrame, sources: SourceIndex | None = None):
        self.rows = rows
        self.sources = sources or SourceIndex()

    def _repr_html_(self) -> str:
        body = [
            [
                int(r.claim_id),
                SECTION_NAMES[r.section],
                r.claim,
                verdict_text(r.verdict),
                str(r.verdict_date),
                r.note,
                self.sources.evidence_html(r.evidence),
            ]
            for r in self.rows.itertuples(index=False)
        ]
        return html_table(self.columns, body, caption=f"All {len(self.rows)} forecasts in the claims ledger")

    def _repr_markdown_(self) -> str:
        # CommonMark (what the PDF route renders) has no tables: one list item per forecast.
        esc = escape_markdown
        items = [f"**Table: all {len(self.rows)} forecasts in the claims ledger.**", ""]
        for r in self.rows.itertuples(index=False):
            items.append(
                f"- **{int(r.claim_id)}. {esc(SECTION_NAMES[r.section])}.** {esc(r.claim)} "
                f"*Verdict:* {esc(verdict_text(r.verdict))} (as of {r.verdict_date}). {esc(r.note)} "
                f"*Evidence:* {esc(self.sources.evidence_text(r.evidence))}."
            )
        return "\n".join(items)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self._repr_html_(),
            "text/markdown": self._repr_markdown_(),
            "text/plain": f"Table of {len(self.rows)} forecasts from the claims ledger.",
        }


@chapter_widget("08-what-happened-next", interactive=False)
def forecast_table() -> ForecastTable:
    """A static table of every forecast in the ledger: claim, verdict, its date, note and evidence."""
    return ForecastTable(forecasts(data.load("claims")))
