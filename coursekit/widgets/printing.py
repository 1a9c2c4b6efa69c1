"""What the PDF prints for a widget: the default state as a PNG (or table text), a caption, a table.

The display bundle carries the default state as ``image/png`` next to the widget
view, and a caption with a text description follows as its own output, so the
LaTeX builder prints a figure, never a repr. A table state prints as text; if it
carries a :class:`PrintFigure`, the PDF prints that figure, the caption, then the
table as an output whose HTML is empty, so the web page is unchanged.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from .. import settings, style
from ..text import escape_markdown, state_summary
from .encode import close_figure, encode_png
from .notes import figure_note
from .spec import State


@dataclass(frozen=True)
class PrintFigure:
    """A figure that stands for a table state in the PDF, printed above the table text.

    A table alone prints as text only; a printed book needs a figure per widget.
    ``draw()`` is called only for the default state (the one that prints), so it
    adds nothing to the web page. ``alt`` describes the figure; ``caption`` is a
    sentence added to the printed caption saying what the figure shows.
    """

    draw: Callable[[], Figure]
    alt: str
    caption: str

    def __post_init__(self) -> None:
        if not callable(self.draw):
            raise TypeError(f"PrintFigure.draw must be a callable returning a Figure, got {self.draw!r}.")
        for name in ("alt", "caption"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"PrintFigure.{name} must be a non-empty string, got {value!r}.")


def print_tables() -> bool:
    """Whether table widgets print their table text after the figure (PDF builds).

    ``COURSE_PRINT_TABLES=0`` leaves it out: the seminar handouts show the figure and
    the caption only, so they stay a few pages long.
    """
    return settings.current().print_tables


def is_table(result: Any) -> bool:
    """A table state: an HTML string or anything shaped like a DataFrame (``to_html``, ``columns``)."""
    return isinstance(result, str) or (hasattr(result, "to_html") and hasattr(result, "columns"))


def table_html(result: Any) -> str:
    if isinstance(result, str):
        return result
    return result.to_html(index=False, border=0, classes="coursekit-table", na_rep="(no data)")


def table_markdown(result: Any, alt: str) -> str:
    """The table for the PDF as aligned plain text in a fenced block.

    myst-nb parses text/markdown outputs as CommonMark, which has no tables; a
    fenced block prints as aligned verbatim text in LaTeX. An HTML string cannot
    be converted, so it prints its description instead.
    """
    if isinstance(result, str):
        return escape_markdown(alt)
    text = result.to_string(index=False, na_rep="(no data)")
    return f"```text\n{text}\n```"


def print_figure_of(result: Any) -> PrintFigure | None:
    """The :class:`PrintFigure` a table state carries for the PDF, if any."""
    pf = getattr(result, "print_figure", None)
    if pf is not None and not isinstance(pf, PrintFigure):
        raise TypeError(
            f"a table's print_figure must be a coursekit.widgets.PrintFigure, got {type(pf).__name__}."
        )
    return pf


class PrintOut:
    """The printed form of one widget's default state, kept from the drawing the page makes."""

    def __init__(self, caption: str) -> None:
        self.caption = caption
        self.ready = False
        self.png: bytes | None = None
        self.markdown: str | None = None
        self.figure: PrintFigure | None = None  # a table state's figure for print
        self.note = ""  # the printed figure's footnote (notes.set_figure_note), printed in the caption

    def keep(self, result: Any, state: State) -> None:
        """Store what the PDF prints for the default state (call inside style_context).

        A Figure prints as a PNG. A table prints as text, and also as a PNG of its
        :class:`PrintFigure` when it carries one; that figure is drawn here only, so
        the web page never embeds it.
        """
        if isinstance(result, Figure):
            self.png = encode_png(result, style.PRINT_DPI)
            self.note = figure_note(result)
        elif is_table(result):
            self.markdown = table_markdown(result, state.alt)
            pf = print_figure_of(result)
            if pf is not None:
                fig = pf.draw()
                if not isinstance(fig, Figure):
                    raise TypeError(
                        f"widget {self.caption!r}: PrintFigure.draw() returned {type(fig).__name__}; "
                        "it must return a matplotlib Figure."
                    )
                self.png = encode_png(fig, style.PRINT_DPI)
                self.note = figure_note(fig)
                close_figure(fig)
                self.figure = pf
        else:
            raise TypeError(
                f"widget {self.caption!r}: draw returned {type(result).__name__}; it must return a "
                "matplotlib Figure, a pandas DataFrame or an HTML string."
            )
        self.ready = True

    def first(self) -> tuple[str, Any]:
        """``("image/png", bytes)`` or ``("text/markdown", table)``: what the PDF prints first."""
        if self.png is not None:
            return "image/png", self.png
        return "text/markdown", self.markdown

    def alt(self, state: State) -> str:
        """Alt text of the printed default image."""
        return self.figure.alt if self.figure is not None else state.alt

    def table_bundle(self) -> dict[str, str] | None:
        """The default table as text after a table state's print figure; else None.

        ``text/html`` is empty, so the page shows nothing (the table is already in
        the widget); the LaTeX builder drops ``text/html`` and prints ``text/markdown``.
        """
        if self.figure is None:
            return None
        return {"text/html": "", "text/markdown": self.markdown}

    def caption_bundle(self, state: State, live_names: list[str]) -> dict[str, str]:
        """The caption: HTML for the page, Markdown (with what the print shows) for the PDF.

        ``live_names`` are the live-only controls the static page cannot offer.
        """
        extra_html = ""
        if live_names:
            extra_html = (
                ' <span class="coursekit-live-note">Run this page in Jupyter or Binder to also '
                f"vary: {html.escape(', '.join(live_names))}.</span>"
            )
        pf = self.figure
        # the page names what the widget shows; the PDF names what it prints
        page_kind = "Table" if self.markdown is not None else "Figure"
        print_kind = "Figure" if self.png is not None else "Table"
        if pf is None:
            described = f"Description: {escape_markdown(state.alt)}"
        else:
            described = (
                f"{escape_markdown(pf.caption)} Description: {escape_markdown(pf.alt)} The table below prints "
                "the same view as text."
            )
        if self.note:  # the figure's footnote, which the page shows under the image
            described = f"Note: {escape_markdown(self.note)} {described}"
        shown = escape_markdown(state_summary(state.labels))
        return {
            "text/html": (
                f'<p class="coursekit-caption"><strong>{page_kind}:</strong> '
                f"{html.escape(self.caption)}{extra_html}</p>"
            ),
            "text/markdown": (
                f"**{print_kind}:** {escape_markdown(self.caption)} *Printed view: {shown}. {described}*"
            ),
            "text/plain": f"{page_kind}: {self.caption}",
        }


def print_bundle(widget_bundle: Mapping[str, Any], first: tuple[str, Any], alt: str) -> tuple[dict, dict]:
    """The widget's display bundle plus what the PDF prints first (image with alt, or Markdown)."""
    data, meta = dict(widget_bundle), {}
    mime, payload = first
    if mime == "image/png":
        data["image/png"] = base64.b64encode(payload).decode("ascii")
        meta["image/png"] = {"alt": alt}
    else:
        data["text/markdown"] = payload
    return data, meta
