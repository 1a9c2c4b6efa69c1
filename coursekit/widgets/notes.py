"""Figure footnotes as HTML under the image: sources, gaps, explanations.

A chart registers its footnote with :func:`set_figure_note` instead of drawing it; the
static page and the live view put it under the image as HTML (:func:`figure_note_html`),
the PDF prints it in the figure's caption (:mod:`.printing`).
"""

from __future__ import annotations

import html
import weakref

from matplotlib.figure import Figure

#: Footnotes by figure (dropped with the figure).
_NOTES: weakref.WeakKeyDictionary[Figure, str] = weakref.WeakKeyDictionary()


def set_figure_note(fig: Figure, text: str) -> None:
    """Give a figure a footnote (source, gaps, an explanation) shown as HTML under its image.

    The browser wraps HTML text to the column at the page's font size, so a note stays
    readable on a phone, where text drawn into the image would shrink with it; it also
    spares a live redraw most of its time (matplotlib lays out every glyph). The static
    page, the live view and the PDF's caption all take the note from here.
    """
    _NOTES[fig] = text


def figure_note(fig: Figure) -> str:
    """The footnote :func:`set_figure_note` gave ``fig``, whitespace collapsed; "" if none."""
    return " ".join(_NOTES.get(fig, "").split())


def figure_note_html(fig: Figure) -> str:
    """The ``<p>`` holding ``fig``'s footnote (:func:`set_figure_note`); "" if it has none."""
    text = figure_note(fig)
    if not text:
        return ""
    return (
        '<p class="coursekit-figure-note" style="font-size:0.85em;line-height:1.4;margin:0.3em 0 0">'
        f"{html.escape(text)}</p>"
    )
