"""What the PDF prints for a widget (coursekit/widgets/printing.py): the default state's image or
table text, its print figure, the caption for page and PDF, the display bundle.

Fast: tiny matplotlib figures and tables made here. Expected strings are worked out by hand
from the module's docstrings (page names what it shows, PDF what it prints; a table's print
figure comes first, then the table as text with empty HTML).
"""

from __future__ import annotations

import base64

import pandas as pd
import pytest
from matplotlib.figure import Figure

from coursekit.explorers.charts import HtmlTable
from coursekit.widgets import notes, printing
from coursekit.widgets.printing import PrintFigure, PrintOut
from coursekit.widgets.spec import State

STATE = State(values={"a": 1}, labels={"Year": "2018", "Flow": "Exports"}, alt="Chart of *x* in 2018.")


def figure() -> Figure:
    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1])
    return fig


def test_print_figure_checks_its_parts():
    pf = PrintFigure(figure, "alt", "caption")
    assert pf.draw is figure
    with pytest.raises(TypeError, match=r"PrintFigure.draw must be a callable returning a Figure, got 'x'\."):
        PrintFigure("x", "alt", "caption")
    with pytest.raises(ValueError, match=r"PrintFigure.alt must be a non-empty string, got ' '\."):
        PrintFigure(figure, " ", "caption")
    with pytest.raises(ValueError, match=r"PrintFigure.caption must be a non-empty string, got None\."):
        PrintFigure(figure, "alt", None)


def test_what_counts_as_a_table():
    assert printing.is_table("<table></table>")
    assert printing.is_table(pd.DataFrame({"a": [1]}))
    assert not printing.is_table(figure())
    assert not printing.is_table(type("OnlyHtml", (), {"to_html": lambda self: ""})())
    assert not printing.is_table(type("OnlyColumns", (), {"columns": []})())


def test_table_html_and_markdown():
    frame = pd.DataFrame({"year": [2018, 2019], "value": [1.5, None]})
    page = printing.table_html(frame)
    assert page.startswith('<table class="dataframe coursekit-table">')
    assert "<td>(no data)</td>" in page and "<th>year</th>" in page and "<th></th>" not in page
    assert printing.table_html("<p>x</p>") == "<p>x</p>"
    assert printing.table_markdown(frame, "alt") == (
        # right-aligned to the widest cell, '(no data)' (9 characters) for a missing value
        "```text\n year     value\n 2018       1.5\n 2019 (no data)\n```"
    )
    assert printing.table_markdown("<p>x</p>", "a *b*") == "a \\*b\\*"


def test_print_figure_of_a_table():
    pf = PrintFigure(figure, "alt", "caption")
    assert printing.print_figure_of(HtmlTable(html="", text="", columns=[], print_figure=pf)) is pf
    assert printing.print_figure_of(pd.DataFrame()) is None
    with pytest.raises(
        TypeError, match="a table's print_figure must be a coursekit.widgets.PrintFigure, got str."
    ):
        printing.print_figure_of(HtmlTable(html="", text="", columns=[], print_figure="fig"))


def test_a_figure_state_prints_as_png_with_its_note():
    out = PrintOut("Trade")
    assert not out.ready and out.first() == ("text/markdown", None)
    fig = figure()
    notes.set_figure_note(fig, "Gaps: 2019.")
    out.keep(fig, STATE)
    assert out.ready and out.note == "Gaps: 2019."
    kind, png = out.first()
    assert kind == "image/png" and png.startswith(b"\x89PNG") and png == out.png
    assert out.markdown is None and out.figure is None
    assert out.alt(STATE) == STATE.alt
    assert out.table_bundle() is None
    assert out.caption_bundle(STATE, []) == {
        "text/html": '<p class="coursekit-caption"><strong>Figure:</strong> Trade</p>',
        "text/markdown": (
            "**Figure:** Trade *Printed view: Year: 2018; Flow: Exports. Note: Gaps: 2019. "
            "Description: Chart of \\*x\\* in 2018.*"
        ),
        "text/plain": "Figure: Trade",
    }


def test_a_table_state_without_a_figure_prints_its_text():
    out = PrintOut("Ledger & more")
    frame = pd.DataFrame({"a": [1]})
    out.keep(frame, STATE)
    assert out.first() == ("text/markdown", "```text\n a\n 1\n```")
    assert out.png is None and out.note == "" and out.table_bundle() is None
    bundle = out.caption_bundle(STATE, ["speed", "<b>"])
    assert bundle["text/html"] == (
        '<p class="coursekit-caption"><strong>Table:</strong> Ledger &amp; more <span class="coursekit-live-note">'
        "Run this page in Jupyter or Binder to also vary: speed, &lt;b&gt;.</span></p>"
    )
    assert bundle["text/markdown"] == (
        "**Table:** Ledger & more *Printed view: Year: 2018; Flow: Exports. Description: Chart of \\*x\\* in 2018.*"
    )
    assert bundle["text/plain"] == "Table: Ledger & more"


def test_a_table_state_with_a_print_figure_prints_figure_caption_then_table():
    drawn = []

    def draw():
        fig = figure()
        notes.set_figure_note(fig, "Source: ledger.")
        drawn.append(fig)
        return fig

    pf = PrintFigure(draw, "Bars of verdicts.", "The figure counts verdicts.")
    out = PrintOut("Claims")
    table = HtmlTable(html="<table></table>", text="t", columns=["a"], print_figure=pf)
    table.to_string = lambda **kw: "row"
    out.keep(table, STATE)
    assert len(drawn) == 1 and out.figure is pf and out.note == "Source: ledger."
    assert out.first()[0] == "image/png"
    assert out.alt(STATE) == "Bars of verdicts."
    assert out.table_bundle() == {"text/html": "", "text/markdown": out.markdown}
    assert out.caption_bundle(STATE, [])["text/markdown"] == (
        "**Figure:** Claims *Printed view: Year: 2018; Flow: Exports. Note: Source: ledger. The figure counts "
        "verdicts. Description: Bars of verdicts. The table below prints the same view as text.*"
    )
    assert out.caption_bundle(STATE, [])["text/html"].startswith(
        '<p class="coursekit-caption"><strong>Table:</strong>'
    )


def test_bad_results_name_the_widget():
    out = PrintOut("W")
    with pytest.raises(
        TypeError, match=r"widget 'W': draw returned int; it must return a matplotlib Figure, "
    ):
        out.keep(3, STATE)
    pf = PrintFigure(lambda: "not a figure", "alt", "caption")
    with pytest.raises(
        TypeError,
        match=r"widget 'W': PrintFigure.draw\(\) returned str; it must return a matplotlib Figure\.$",
    ):
        out.keep(HtmlTable(html="", text="", columns=[], print_figure=pf), STATE)
    assert not out.ready


def test_print_bundle_adds_the_png_with_its_alt_or_the_markdown():
    data, meta = printing.print_bundle({"x": 1}, ("image/png", b"\x89PNG"), "alt text")
    assert data == {"x": 1, "image/png": base64.b64encode(b"\x89PNG").decode("ascii")}
    assert meta == {"image/png": {"alt": "alt text"}}
    data, meta = printing.print_bundle({"x": 1}, ("text/markdown", "table"), "alt")
    assert data == {"x": 1, "text/markdown": "table"} and meta == {}


def test_print_tables_follows_the_setting(monkeypatch):
    monkeypatch.setenv("COURSE_PRINT_TABLES", "0")
    assert printing.print_tables() is False
    monkeypatch.setenv("COURSE_PRINT_TABLES", "1")
    assert printing.print_tables() is True
