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

#: Screen resolution for pre-rendered widget states: sharp enough at the book's
#: text width, small enough that 40 states stay well under the page budget.
SCREEN_DPI = 90
#: Resolution of the single default-state image used by the PDF build.
PRINT_DPI = 150
#: Default figure size in inches (width, height).
FIG_SIZE = (6.4, 3.8)

#: Matplotlib settings applied by :func:`apply` and :func:`style_context`.
RC: dict[str, object] = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "figure.figsize": FIG_SIZE,
    "figure.dpi": SCREEN_DPI,
    "savefig.dpi": SCREEN_DPI,
    "figure.facecolor": "white",
    "font.size": 10,
    "axes.titlesize": 11,
    # A fixed title position skips matplotlib's per-draw search for overlapping
    # ticks (a third of a live redraw); the course never puts ticks on top.
    "axes.titley": 1.0,
    "axes.labelsize": 10,
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
