"""Chapter 02 — pick a forecast, make your own prediction, and only then see the verdict, the note and the sources."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from .. import data, style
from ..widgets import Choice, PrintFigure, StaticWidget, View, view_widget
from .charts import SIZE, HtmlTable, chart_title, html_table, note, text_records, wrap
from .evidence import SourceIndex
from .ledger import (
    SECTION_NAMES,
    VERDICT_GROUP_STYLES,
    as_of,
    check_verdicts,
    forecasts,
    group_handles,
    group_names,
    verdict_order,
    verdict_text,
)
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
PREDICTIONS = (("Not chosen yet", None), ("It will happen", True), ("It will not happen", False))


def score(verdict: str, predicted: bool) -> str:
    """How a reader's prediction compares with the verdict ('borne_out' means it happened)."""
    if verdict in ("unresolved", "untestable"):
        return f"This one cannot be scored yet: the verdict is '{verdict_text(verdict)}'."
    if verdict == "partly_borne_out":
        return "The verdict is 'partly borne out', so either prediction is half right."
    happened = verdict == "borne_out"
    return (
        "Your prediction matches the verdict."
        if happened == predicted
        else "Your prediction does not match the verdict."
    )


def _short(text: str, n: int = 58) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


@dataclass
class ScorecardView:
    """``view(**state)`` of the scorecard: one forecast, with or without the reader's prediction."""

    forecasts: pd.DataFrame
    sources: SourceIndex
    printed: PrintFigure

    def __call__(self, *, claim_id: int, prediction: bool | None) -> View:
        r = self.forecasts.set_index("claim_id").loc[claim_id]
        if prediction is None:
            alt = f"Forecast {claim_id}: {r['claim']} No prediction chosen yet; the outcome stays hidden."
        else:
            pred = "it will happen" if prediction else "it will not happen"
            alt = (
                f"Forecast {claim_id}: {r['claim']} Your prediction: {pred}. Verdict: {verdict_text(r['verdict'])} "
                f"(as of {as_of([r['verdict_date']])}). {r['note']} {score(str(r['verdict']), prediction)}"
            )
        return View(
            dict(claim_id=claim_id, row=r, prediction=prediction, sources=self.sources, printed=self.printed),
            alt,
        )


def forecast_card(
    claim_id: int, row: pd.Series, prediction: bool | None, sources: SourceIndex, printed: PrintFigure
) -> HtmlTable:
    """One state: the forecast, then either a prompt to predict or the verdict and its evidence."""
    r = row
    head = (
        f"<p><strong>Forecast {claim_id}</strong> ({html.escape(SECTION_NAMES[r['section']])}): "
        f"{html.escape(r['claim'])}</p><p>The essay expected this to happen.</p>"
    )
    if prediction is None:
        body = "<p><em>Choose your prediction above to reveal what happened.</em></p>"
        text = wrap(f"Forecast {claim_id}: {r['claim']}") + "\nPrediction: not chosen yet (outcome hidden)."
    else:
        rows = [
            ["Your prediction", "it will happen" if prediction else "it will not happen"],
            ["Verdict", f"{verdict_text(r['verdict'])} (as of {as_of([r['verdict_date']])})"],
            ["What happened", r["note"]],
            ["Evidence", sources.evidence_html(r["evidence"])],
            ["Score", score(str(r["verdict"]), prediction)],
        ]
        body = html_table(["", ""], rows)
        text = text_records(
            [
                [
                    ("Forecast", f"{claim_id}. {r['claim']}"),
                    ("Verdict", verdict_text(r["verdict"])),
                    ("What happened", r["note"]),
                    ("Evidence", sources.evidence_text(r["evidence"])),
                ]
            ]
        )
    return HtmlTable(html=head + body, text=text, columns=["field", "value"], print_figure=printed)


def forecast_print_figure(f: pd.DataFrame) -> PrintFigure:
    """For the PDF, which cannot hide an outcome until a prediction: every forecast's verdict as a dot chart."""
    check_verdicts(f)
    present = set(f["verdict"].astype(str))
    columns = [(v, g) for v, g in verdict_order() if v in present]
    col_of = {v: i for i, (v, _) in enumerate(columns)}
    rows = [(f"{int(r.claim_id)}. {r.claim}", col_of[str(r.verdict)]) for r in f.itertuples(index=False)]
    by_verdict = "; ".join(
        f"{verdict_text(v)}: " + ", ".join(str(int(i)) for i in f.loc[f["verdict"] == v, "claim_id"])
        for v, _ in columns
    )
    alt = (
        f"Dot chart of the verdicts on the essay's {len(f)} forecasts, one row per forecast (numbered as in the "
        f"claims ledger) and one column per verdict, as of {as_of(f['verdict_date'])}. Forecasts by verdict: {by_verdict}."
    )

    def chart():
        return verdict_dots(
            rows,
            [(verdict_text(v), g) for v, g in columns],
            group_names(),
            title=f"Verdicts on the essay's {len(f)} forecasts",
            footnote=TEXT["print_footnote"].format(as_of=as_of(f["verdict_date"])),
        )

    return PrintFigure(chart, alt, TEXT["print_caption"])


def verdict_dots(
    rows: Sequence[tuple[str, int]],
    columns: Sequence[tuple[str, int]],
    groups: Sequence[str],
    *,
    title: str,
    footnote: str,
) -> Figure:  # pragma: no mutate block
    """A dot chart: one row per item (``(row label, column index)``), one column per verdict.

    ``columns`` are ``(verdict label, group index)``. The column position names
    the verdict; the marker's colour and shape repeat its group.
    """
    if not rows or not columns:
        raise ValueError("verdict_dots needs at least one row and one verdict column.")
    n = len(rows)
    fig = style.new_figure(figsize=(SIZE[0], 2.6 + 0.24 * n))
    ax = fig.add_subplot()
    for i, (_, col) in enumerate(rows):
        st = VERDICT_GROUP_STYLES[columns[col][1]]
        ax.plot(
            [col],
            [n - 1 - i],
            linestyle="none",
            marker=st["marker"],
            markersize=8,
            color=st["color"],
            markeredgecolor="black",
            markeredgewidth=0.5,
        )
    ax.set_yticks(
        range(n - 1, -1, -1), [textwrap.shorten(r[0], 24, placeholder="…") for r in rows]
    )  # the full forecasts are in the table printed under the figure
    ax.set_xticks(range(len(columns)), [textwrap.fill(c[0], 7, break_long_words=False) for c in columns])
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.set_ylim(-0.6, n - 0.4)
    chart_title(ax, title)  # above the verdict labels on top
    used = sorted({c[1] for c in columns})
    handles = [h for i, h in enumerate(group_handles(groups, markers=True)) if i in used]
    ax.legend(handles=handles, loc="upper right", bbox_to_anchor=(1.0, -0.02), ncols=1)
    note(fig, footnote)
    return fig


@chapter_widget("02-thesis")
def forecast_scorecard() -> StaticWidget:
    """Pick a forecast, make your own prediction, and only then see the verdict, the note and the sources."""
    f = forecasts(data.load("claims"))
    printed = forecast_print_figure(f)  # the PDF's figure; every state carries it, only the default prints
    controls = {
        "claim_id": Choice(
            "Forecast",
            [(f"{int(r.claim_id)}. {_short(r.claim)}", int(r.claim_id)) for r in f.itertuples(index=False)],
            kind="dropdown",
        ),
        "prediction": Choice("Your prediction (as of Sept 2018)", list(PREDICTIONS), kind="auto"),
    }
    return view_widget(
        ScorecardView(f, SourceIndex(), printed),
        forecast_card,
        controls,
        caption=TEXT["caption"],
        default={"claim_id": int(f.iloc[0]["claim_id"]), "prediction": None},
    )
