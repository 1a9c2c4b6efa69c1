"""Widgets that respond in the static HTML book, run live in Jupyter, and print in the PDF.

How it works (see the appendix "How the widgets work"), one module per job:

- :mod:`.spec`      the controls (:class:`Choice`), their checks and the grid of states; :class:`View`
- :mod:`.static`    the kernel-free widget: pre-rendered states in nested Stacks linked in the
                    browser (:func:`static_widget`, :func:`view_widget`, :class:`StaticWidget`)
- :mod:`.live`      the live-kernel view: Python callbacks, ``update=``
- :mod:`.notes`     figure footnotes, shown as HTML under the image and in the PDF caption
- :mod:`.printing`  what the PDF prints: default-state PNG, caption, table text (:class:`PrintFigure`)
- :mod:`.encode`    PNG/SVG encoding and the one ``<img>`` tag builder
Text helpers (Markdown escape, year ranges, exact numbers) are in :mod:`coursekit.text`.
"""

from __future__ import annotations

from .encode import close_figure, encode_png, encode_svg, fast_png, figure_img, img_tag, smallest_text_px
from .live import FullRedraw, LiveView, drawing_live, live_drawing, live_kernel
from .notes import figure_note, figure_note_html, set_figure_note
from .printing import PrintFigure, print_tables
from .spec import MAX_CONTROLS, MAX_STATES, Choice, State, View
from .static import MAX_WIDGET_BYTES, StaticWidget, static_widget, view_widget

__all__ = [
    "Choice",
    "FullRedraw",
    "LiveView",
    "MAX_CONTROLS",
    "MAX_STATES",
    "MAX_WIDGET_BYTES",
    "PrintFigure",
    "State",
    "StaticWidget",
    "View",
    "close_figure",
    "drawing_live",
    "encode_png",
    "encode_svg",
    "fast_png",
    "figure_img",
    "figure_note",
    "figure_note_html",
    "img_tag",
    "live_drawing",
    "live_kernel",
    "print_tables",
    "set_figure_note",
    "smallest_text_px",
    "static_widget",
    "view_widget",
]
