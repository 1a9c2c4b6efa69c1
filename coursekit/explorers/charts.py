"""Chart and table helpers shared by the chapter widgets.

Everything here is presentation: it receives data already selected by a widget's
``view`` and returns matplotlib pieces or HTML/text tables. Meaning is never
carried by colour alone: series also differ by marker, line style, hatching or
a text label.

Live updates: a chart that can be moved to another state keeps the artists that
change with :func:`keep_parts`; its ``update_*`` twin takes the same arguments,
fetches them with :func:`parts_of` (which raises :class:`FullRedraw` when the
figure's structure differs) and moves them, so a live redraw reuses the figure.
"""

from __future__ import annotations

import html
import textwrap
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from .. import style
from ..widgets import (
    FullRedraw,
    PrintFigure,
    drawing_live,
    encode_png,
    fast_png,
    figure_note,
    figure_note_html,
    img_tag,
    set_figure_note,
    smallest_text_px,
)

C = style.OKABE_ITO
#: Figures drawn for a phone's column (see ``coursekit/style.py``): width and a usual height, inches.
SIZE = (style.FIG_WIDTH, 3.2)
#: Font sizes by role, points (``style.FONT``): never below ``style.MIN_FONT_PT``.
FONT = style.FONT
#: Grey used for context (non-selected) elements; black text stays readable on it.
CONTEXT_GREY = "#c8c8c8"
#: Characters per line of a chart title wrapped to fit the figure's width.
TITLE_WIDTH = 46
#: Characters per line of a legend entry or label wrapped to fit the figure's width.
LABEL_WIDTH = 40
#: Characters per line of the PDF's verbatim blocks; longer lines get a continuation mark.
TEXT_WIDTH = 78


# ---------------------------------------------------------------- tables


class Raw(str):
    """A table cell that already holds safe HTML (e.g. a link built with html.escape)."""


@dataclass
class HtmlTable:
    """Tabular output for one widget state: HTML for the page, text for the PDF.

    ``coursekit.widgets`` treats any object with ``to_html``, ``to_string`` and
    ``columns`` as a table (like a DataFrame). Using this instead of a DataFrame
    lets a state carry links, a summary line or a figure above the table, and
    print as wrapped records in the PDF instead of one over-wide text grid.

    ``print_figure`` (optional) is the figure the PDF prints for this state,
    above the table text; it is drawn only for the printed default state and
    never added to the web page.
    """

    html: str
    text: str
    columns: Sequence[str] = field(default_factory=list)
    print_figure: PrintFigure | None = None

    def to_html(self, **_ignored) -> str:
        return self.html

    def to_string(self, **_ignored) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html


def cell(value) -> str:
    """HTML for one cell: Raw passes through, empty values show an em dash."""
    if isinstance(value, Raw):
        return str(value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or str(value) in ("", "nan", "<NA>"):
        return "—"
    return html.escape(str(value))


def html_table(columns: Sequence[str], rows: Iterable[Sequence], *, caption: str | None = None) -> str:
    """An accessible HTML table: a caption, column headers with scope, escaped cells."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="coursekit-table" border="0">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def wrap(text: str, width: int = TEXT_WIDTH) -> str:
    """One line of print text wrapped to the PDF's verbatim width, continuation lines indented."""
    return textwrap.fill(text, width=width, subsequent_indent="    ")


def text_records(records: Iterable[Sequence[tuple[str, str]]], width: int = TEXT_WIDTH) -> str:
    """Records as wrapped 'Field: value' lines, blank line between records (for the PDF)."""
    blocks = []
    for rec in records:
        lines = []
        for key, value in rec:
            value = "—" if value in (None, "") else str(value)
            lines.append(wrap(f"{key}: {value}", width))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def embedded_chart(fig: Figure, alt: str) -> str:
    """The figure as an embedded PNG with alt text (for states that mix a figure and a table)."""
    live = drawing_live()  # a live redraw embeds nothing in a page: skip the slow palette PNG
    data = fast_png(fig) if live else encode_png(fig, style.SCREEN_DPI)
    size = tuple(round(x * style.SCREEN_DPI) for x in fig.get_size_inches())
    below = figure_note_html(fig)  # the footnote as HTML under the image (see note())
    text_px = smallest_text_px(fig, style.SCREEN_DPI)
    fig.clf()
    return img_tag(data, "image/png", alt, size, text_px) + below


# ---------------------------------------------------------------- footnotes


def note(fig: Figure, text: str) -> None:
    """Set ``fig``'s footnote to ``text``.

    A footnote is never drawn: the page wraps it as HTML under the image (readable on a
    phone) and the PDF prints it in the caption (:mod:`coursekit.widgets.notes`).
    """
    set_figure_note(fig, text)


def chart_title(ax, text: str) -> None:
    """The chart's title at the course's title size, from the figure's left edge, wrapped to its width.

    A figure title, not an axes title: it may use the whole width of a narrow figure, and
    constrained layout keeps it clear of whatever is above the axes (legends, top ticks).
    """
    lines = "\n".join(textwrap.fill(line, TITLE_WIDTH) for line in text.split("\n"))
    ax.figure.suptitle(lines, x=0.02, ha="left", fontsize=FONT["title"])


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A legend entry or tick label wrapped to fit the figure's width."""
    return textwrap.fill(text, width)


# ---------------------------------------------------------------- live updates

#: The artists each chart keeps for its ``update_*`` twin, by figure (dropped with the figure).
_PARTS: weakref.WeakKeyDictionary[Figure, dict] = weakref.WeakKeyDictionary()


def keep_parts(fig: Figure, kind: str, **parts: Any) -> dict:
    """Remember the artists chart ``kind`` drew on ``fig`` (and its structure) for a later update."""
    _PARTS[fig] = dict(kind=kind, **parts)
    return _PARTS[fig]


def parts_of(fig: Figure, kind: str, **structure: Any) -> dict:
    """The artists chart ``kind`` kept on ``fig``; FullRedraw unless ``structure`` matches the figure's."""
    parts = _PARTS.get(fig)
    if parts is None or parts["kind"] != kind:
        raise FullRedraw(f"the figure was not drawn by {kind}")
    for key, value in structure.items():
        if parts[key] != value:
            raise FullRedraw(f"{kind}: {key} changes from {parts[key]!r} to {value!r}")
    for ax in fig.axes:
        # constrained layout starts from the axes' current position; start where a new figure
        # starts, so the solved layout (and the picture) equals a full redraw's
        if fig.get_layout_engine() is not None and ax.get_subplotspec() is not None:
            ax.set_position(ax.get_subplotspec().get_position(fig))
            ax.set_in_layout(True)  # set_position takes the axes out of the layout; keep it in
    return parts


def footnote(fig: Figure) -> str:
    """The footnote a chart gave ``fig`` with :func:`note` ("" if none)."""
    return figure_note(fig)
