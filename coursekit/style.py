"""One look for every figure: Okabe-Ito colours, readable sizes, light PNGs.

The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2002/2008,
https://jfly.uni-koeln.de/color/) stays distinguishable under the common
forms of colour-vision deficiency. Yellow is kept last in the cycle because
it has too little contrast on white for thin lines.

Figures are built with :func:`new_figure` (``matplotlib.figure.Figure``, not
pyplot) so that pre-rendering many widget states never leaks extra images
into a notebook's output through the inline backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from cycler import cycler
from matplotlib.figure import Figure
from matplotlib.text import Text

#: Okabe-Ito colours by name (hex, as published by Okabe & Ito).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Order used for data series: strongest contrast on white first.
PALETTE: list[str] = [
    OKABE_ITO[name]
    for name in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "reddish_purple",
        "sky_blue",
        "black",
        "yellow",
    )
]

#: Figures are drawn for a phone's column and shown as they are on wider screens.
#: An ``<img>`` carries its drawn size and ``max-width:100%``, so a figure ``FIG_WIDTH``
#: inches wide is shown at ``min(FIG_WIDTH * SCREEN_DPI, column)`` CSS px, and text of
#: ``p`` points at ``p / 72 * SCREEN_DPI`` x that scale. On a 390 px phone the column is
#: ``PHONE_COLUMN_PX`` wide, so the smallest font must be at least
#: ``MIN_TEXT_PX * 72 * FIG_WIDTH / PHONE_COLUMN_PX`` points (9.8 pt): ``MIN_FONT_PT``.
#: Every size below is in this one place; the charts take their fonts from :data:`FONT`.

#: Width a widget figure gets on a 390 px wide screen, in CSS px: the 358 px column less the
#: figure box's padding (measured in Chromium by ``bench/phone_figures.py``, which reports it,
#: and checked by ``tests/test_widgets_browser.py``).
PHONE_COLUMN_PX = 341
#: Smallest figure text a phone may show, in CSS px (issue #11, goal 4).
MIN_TEXT_PX = 11
#: Width of every figure in inches: narrow enough that text stays large on a phone.
FIG_WIDTH = 4.2
#: Screen resolution for pre-rendered widget states: a 4.2 in figure is 462 px wide,
#: shown unscaled in a desktop column and scaled to 341 px on a phone.
SCREEN_DPI = 110
#: Resolution of the single default-state image used by the PDF build.
PRINT_DPI = 150
#: Smallest font any figure uses (points): 10 pt is 11.3 CSS px on a 390 px phone.
MIN_FONT_PT = 10.0
#: Font sizes by role (points); none is below :data:`MIN_FONT_PT`.
FONT: dict[str, float] = {
    "small": MIN_FONT_PT,  # tick labels, legends, annotations, bar labels
    "normal": 10.5,  # axis labels, text inside cells
    "title": 11.5,
}
#: Default figure size in inches (width, height).
FIG_SIZE = (FIG_WIDTH, 3.2)

#: Matplotlib settings applied by :func:`apply` and :func:`style_context`.
RC: dict[str, object] = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "figure.figsize": FIG_SIZE,
    "figure.dpi": SCREEN_DPI,
    "savefig.dpi": SCREEN_DPI,
    "figure.facecolor": "white",
    "font.size": FONT["small"],
    "axes.titlesize": FONT["title"],
    # A fixed title position skips matplotlib's per-draw search for overlapping
    # ticks (a third of a live redraw); the course never puts ticks on top.
    "axes.titley": 1.0,
    "axes.labelsize": FONT["normal"],
    "xtick.labelsize": FONT["small"],
    "ytick.labelsize": FONT["small"],
    "legend.fontsize": FONT["small"],
    "legend.title_fontsize": FONT["small"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    # Text stays text in SVG: much smaller files, and selectable.
    "svg.fonttype": "none",
    # Reproducible SVG ids, so rebuilding the book does not churn output.
    "svg.hashsalt": "coursekit",
}


def apply() -> None:
    """Make the course style the default for the rest of the session."""
    mpl.rcParams.update(RC)


@contextmanager
def style_context() -> Iterator[None]:
    """Use the course style inside a ``with`` block only."""
    with mpl.rc_context(RC):
        yield


def new_figure(figsize: tuple[float, float] | None = None, **kwargs) -> Figure:
    """A white Figure that pyplot does not track, so it is never auto-displayed.

    rcParams are read when artists are created, so axes added to it take the
    course style inside :func:`style_context` (``static_widget`` draws there)
    or after :func:`apply`.
    """
    kwargs.setdefault("layout", "constrained")
    kwargs.setdefault("facecolor", "white")
    return Figure(figsize=figsize or FIG_SIZE, dpi=SCREEN_DPI, **kwargs)


def smallest_font_pt(fig: Figure) -> float | None:
    """The smallest font size (points) of any visible, non-empty text in ``fig``; None if it has no text."""
    sizes = [
        t.get_fontsize()
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.figure is not None
    ]
    return min(sizes) if sizes else None


def shown_text_px(
    font_pt: float, fig_width_in: float, dpi: float, column_px: float = PHONE_COLUMN_PX
) -> float:
    """CSS px at which ``font_pt`` text of a figure ``fig_width_in`` wide, drawn at ``dpi``, is shown in
    a column ``column_px`` wide (the ``<img>`` has its drawn width and ``max-width:100%``)."""
    drawn_px = fig_width_in * dpi
    return font_pt / 72 * dpi * min(1.0, column_px / drawn_px)
