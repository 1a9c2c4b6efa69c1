"""The live-kernel view (Jupyter, Binder): Python callbacks redraw one figure.

When a Jupyter server started the kernel, a widget is one live figure redrawn by
Python callbacks instead of pre-rendered Stacks; it may also offer continuous
controls (``live=`` sliders). A widget's optional ``update(fig, **state)`` moves the
artists of the current figure, which makes redraws fast.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import ipywidgets
import matplotlib as mpl
from matplotlib.figure import Figure

from .. import settings, style
from .encode import PNG, close_figure, figure_img
from .notes import figure_note_html
from .printing import table_html
from .spec import Choice


class FullRedraw(Exception):
    """Raised by an ``update(fig, **state)`` function when the figure cannot be moved to the new state
    (e.g. it needs another number of series or another size): the live view then calls ``draw``."""


#: True while a live view redraws, so helpers that embed images can favour speed over
#: size; the static page and the PDF are drawn outside it and never change.
_LIVE_DRAWING: contextvars.ContextVar[bool] = contextvars.ContextVar("coursekit_live_drawing", default=False)

#: Matplotlib settings of live redraws only, on top of the course style: FreeType's
#: autohinter costs about a fifth of a redraw, and unhinted glyphs look much the same.
LIVE_RC: dict[str, object] = {"text.hinting": "no_hinting"}


def drawing_live() -> bool:
    """True inside a live view's redraw (nothing it encodes is embedded in a page)."""
    return _LIVE_DRAWING.get()


@contextmanager
def live_drawing() -> Iterator[None]:
    """What a live view's redraw runs in: the course style, :data:`LIVE_RC` and :func:`drawing_live` true."""
    token = _LIVE_DRAWING.set(True)
    try:
        with style.style_context(), mpl.rc_context(LIVE_RC):
            yield
    finally:
        _LIVE_DRAWING.reset(token)


def live_kernel() -> bool:
    """True when a person is driving this kernel from Jupyter/Binder, not a book build.

    ``COURSE_LIVE=1`` / ``0`` forces the answer (see :mod:`coursekit.settings`). Otherwise
    a kernel started by a Jupyter server (JupyterLab, Notebook 7, Binder) has
    ``JPY_SESSION_NAME`` in its environment; kernels started by a book build (nbclient)
    do not. Anything else gets the static widget, which also works in a live frontend.
    """
    forced = settings.current().live
    if forced != "auto":
        return forced == "1"
    return bool(os.environ.get("JPY_SESSION_NAME"))


class LiveOwner(Protocol):
    """What a live view needs from its widget (a :class:`coursekit.widgets.StaticWidget`)."""

    controls: Mapping[str, Choice]
    default_indices: Mapping[str, int]
    live_controls: Mapping[str, ipywidgets.ValueWidget]
    dpi: int
    draw: Callable[..., Any]
    alt: Callable[..., str]
    update: Callable[..., None] | None

    def live_values(self) -> dict[str, Any]: ...


class LiveView:
    """Live-kernel view: Python callbacks redraw one figure, updating artists when possible."""

    def __init__(self, owner: LiveOwner) -> None:
        self.owner = owner
        self.controls = {n: ch.make_control(owner.default_indices[n]) for n, ch in owner.controls.items()}
        self.output = ipywidgets.HTML()
        self.output.add_class("coursekit-live-output")
        self.fig: Figure | None = None
        self.redraw_count = 0
        self.draw_count = 0  # redraws that called ``draw`` (a new figure)
        self.update_count = 0  # redraws that moved the artists of the current figure
        for w in self.controls.values():
            w.observe(self.redraw, names="index")
        for w in owner.live_controls.values():
            w.observe(self.redraw, names="value")
        self.redraw()
        box = ipywidgets.VBox([*self.controls.values(), *owner.live_controls.values()])
        self.root = ipywidgets.VBox([box, self.output])
        self.root.add_class("coursekit-widget")
        self.root.add_class("coursekit-live")

    def state(self) -> dict[str, Any]:
        vals = {n: self.owner.controls[n].values[w.index] for n, w in self.controls.items()}
        vals.update(self.owner.live_values())
        return vals

    def redraw(self, change: Any = None) -> None:
        st = self.state()
        alt = self.owner.alt(**st)
        with live_drawing():
            result = self._updated(st)
            if result is None:
                if self.fig is not None:
                    close_figure(self.fig)
                result = self.owner.draw(**st)
                self.draw_count += 1
            if isinstance(result, Figure):
                self.fig = result
                # no palette quantising here: it costs time and nothing is embedded
                body = figure_img(result, alt, dpi=self.owner.dpi, mime=PNG, fast=True)
                body += figure_note_html(result)  # the footnote as HTML text (see set_figure_note)
            else:
                self.fig = None
                body = table_html(result)
        self.output.value = f'<figure class="coursekit-state" style="margin:0">{body}</figure>'
        self.redraw_count += 1

    def _updated(self, st: Mapping[str, Any]) -> Figure | None:
        """The current figure moved to ``st`` by ``update``; None when a full draw is needed."""
        if self.fig is None or self.owner.update is None:
            return None
        try:
            self.owner.update(self.fig, **st)  # cheap: move existing artists
        except FullRedraw:  # the new state needs a different figure
            return None
        self.update_count += 1
        return self.fig
