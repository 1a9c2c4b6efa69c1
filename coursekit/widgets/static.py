"""The widget that works without a kernel: every state pre-rendered into nested ipywidgets Stacks.

Every combination of the discrete controls is drawn at build time. Each drawing
becomes an ``ipywidgets.HTML`` child of an ``ipywidgets.Stack`` (nested, one level
per control). Each control's ``index`` is linked to ``selected_index`` of the Stacks
at its level with ``ipywidgets.jslink``; the link runs in the browser, so the page
needs no kernel. The embedded widget state carries every drawing. In a live kernel
the same object shows a :class:`~coursekit.widgets.live.LiveView` instead, and in
the PDF it prints its default state (:mod:`coursekit.widgets.printing`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets
from IPython.display import display
from matplotlib.figure import Figure

from .. import style
from . import spec
from .encode import PNG, SVG, close_figure, figure_img, smaller_format
from .live import LiveView, live_kernel
from .notes import figure_note_html
from .printing import PrintOut, is_table, print_bundle, print_tables, table_html
from .spec import MAX_STATES, Choice, State, View

#: Budget for all the images one widget embeds (base64 bytes); a page with
#: widgets must stay under 1.5 MB of HTML in total.
MAX_WIDGET_BYTES = 1_100_000
IMAGE_FORMATS = {"auto": None, "png": PNG, "svg": SVG}


class StaticWidget:
    """What :func:`static_widget` returns; display it (last line of a cell)."""

    def __init__(
        self,
        draw: Callable[..., Any],
        controls: Mapping[str, Choice],
        *,
        caption: str,
        alt: Callable[..., str],
        default: Mapping[str, Any] | None = None,
        live: Mapping[str, ipywidgets.ValueWidget] | None = None,
        max_states: int = MAX_STATES,
        update: Callable[..., None] | None = None,
        image_format: str = "auto",
        dpi: int = style.SCREEN_DPI,
    ) -> None:
        if not callable(draw):
            raise TypeError(f"draw must be a callable returning a Figure or table, got {draw!r}.")
        if not callable(alt):
            raise TypeError("alt must be a callable alt(**state) -> str describing each state.")
        if not isinstance(caption, str) or not caption.strip():
            raise ValueError("caption must be a non-empty string; every figure needs a visible caption.")
        if image_format not in IMAGE_FORMATS:
            raise ValueError(f"image_format must be 'auto', 'png' or 'svg', got {image_format!r}.")
        self.draw, self.alt, self.update = draw, alt, update
        self.controls: dict[str, Choice] = dict(controls or {})
        self.live_controls: dict[str, ipywidgets.ValueWidget] = dict(live or {})
        spec.check_controls(self.controls, self.live_controls, max_states)
        self.caption, self.dpi = caption, dpi
        self.default_indices = spec.default_indices(self.controls, default)
        self.default = {n: self.controls[n].values[i] for n, i in self.default_indices.items()}
        self.default_index = spec.flat_index(self.controls, self.default_indices)
        self.states: list[State] = spec.state_grid(
            self.controls, lambda v: self.alt(**v, **self.live_values())
        )
        self.live_mode = live_kernel()
        self.printed = PrintOut(caption)
        self._mime: str | None = IMAGE_FORMATS[image_format]  # "auto": decided on the first state
        self._static_root: ipywidgets.Box | None = None
        self._live_view: LiveView | None = None

    def live_values(self) -> dict[str, Any]:
        """Current values of the live-only controls (their initial values in the static page)."""
        return {n: w.value for n, w in self.live_controls.items()}

    # -- static rendering -------------------------------------------------
    def _call_draw(self, values: Mapping[str, Any]) -> Any:
        state = {**values, **self.live_values()}
        try:
            return self.draw(**state)
        except Exception as exc:  # say which state failed; the traceback stays intact
            exc.add_note(f"coursekit: while drawing state {state!r} of widget {self.caption!r}")
            raise

    def _render_state(self, i: int) -> None:
        st = self.states[i]
        with style.style_context():
            result = self._call_draw(st.values)
            if isinstance(result, Figure):
                self._mime = self._mime or smaller_format(result, self.dpi)
                body = figure_img(result, st.alt, dpi=self.dpi, mime=self._mime)
                body, tag = body + figure_note_html(result), "figure"  # the footnote as HTML text
            elif is_table(result):
                body, tag = table_html(result), "div"
            else:
                raise TypeError(
                    f"draw(**{st.values!r}) returned {type(result).__name__}; it must return a "
                    "matplotlib Figure, a pandas DataFrame or an HTML string."
                )
            if i == self.default_index and not self.printed.ready:
                self.printed.keep(result, st)
            if isinstance(result, Figure):
                close_figure(result)
        state_attr = html.escape(json.dumps(st.labels, ensure_ascii=False), quote=True)
        role = "" if tag == "figure" else f' role="region" aria-label="{html.escape(st.alt)}"'
        st.html = (
            f'<{tag} class="coursekit-state" data-coursekit-state="{state_attr}"{role} '
            f'style="margin:0">{body}</{tag}>'
        )
        st.nbytes = len(body)

    def _nest(self, names: list[str], level: int, offset: int, span: int) -> ipywidgets.Stack:
        """The Stack of ``level`` holding states ``offset``..``offset + span`` (one child per option)."""
        ch = self.controls[names[level]]
        step = span // len(ch.options)
        if level == len(names) - 1:
            kids = [ipywidgets.HTML(value=self.states[offset + k].html) for k in range(len(ch.options))]
        else:
            kids = [self._nest(names, level + 1, offset + k * step, step) for k in range(len(ch.options))]
        stack = ipywidgets.Stack(children=kids, selected_index=self.default_indices[names[level]])
        self.stacks_by_level[level].append(stack)
        return stack

    def _build_static(self) -> ipywidgets.Box:
        for i in range(len(self.states)):
            self._render_state(i)
        total = sum(s.nbytes for s in self.states)
        if total > MAX_WIDGET_BYTES:
            raise ValueError(
                f"widget {self.caption!r}: its {len(self.states)} states embed {total / 1e6:.2f} MB, "
                f"over the {MAX_WIDGET_BYTES / 1e6:.1f} MB budget per widget (pages must stay under "
                "1.5 MB). Lower dpi, use fewer options, or simplify the figure."
            )
        names = list(self.controls)
        self.control_widgets = {n: self.controls[n].make_control(self.default_indices[n]) for n in names}
        self.stacks_by_level: list[list[ipywidgets.Stack]] = [[] for _ in names]
        self.stack = self._nest(names, 0, 0, len(self.states))
        self.stack.add_class("coursekit-stack")
        # The links live in the browser: the static page switches with no kernel.
        self.links = [
            ipywidgets.jslink((self.control_widgets[n], "index"), (s, "selected_index"))
            for n, level in zip(names, self.stacks_by_level)
            for s in level
        ]
        controls_box = ipywidgets.VBox(list(self.control_widgets.values()))
        controls_box.add_class("coursekit-controls")
        root = ipywidgets.VBox([controls_box, self.stack])
        root.add_class("coursekit-widget")
        return root

    @property
    def widget(self) -> ipywidgets.Box:
        """The widget shown: the live view in a live kernel, else the pre-rendered Stacks."""
        return self.live_view().root if self.live_mode else self.static_widget()

    def static_widget(self) -> ipywidgets.Box:
        """The pre-rendered, kernel-free widget, whatever the mode."""
        if self._static_root is None:
            self._static_root = self._build_static()
        return self._static_root

    def live_view(self) -> LiveView:
        """The live view (Python callbacks, continuous controls); built on first use."""
        if self._live_view is None:
            self._live_view = LiveView(self)
        return self._live_view

    def selected_state(self) -> State:
        """The state that the static widget's controls currently select."""
        self.static_widget()
        return self.states[
            spec.flat_index(self.controls, {n: w.index for n, w in self.control_widgets.items()})
        ]

    # -- print / display ---------------------------------------------------
    def _ensure_print(self) -> PrintOut:
        if not self.printed.ready:
            st = self.states[self.default_index]
            with style.style_context():
                result = self._call_draw(st.values)
                try:
                    self.printed.keep(result, st)
                finally:
                    if isinstance(result, Figure):
                        close_figure(result)
        return self.printed

    def default_print(self) -> tuple[str, Any]:
        """``("image/png", bytes)`` or ``("text/markdown", table)``: what the PDF prints first."""
        return self._ensure_print().first()

    def print_alt(self) -> str:
        """Alt text of the printed default image."""
        return self._ensure_print().alt(self.states[self.default_index])

    def print_table_bundle(self) -> dict[str, str] | None:
        """The default table as text for the PDF, after a table state's print figure; else None."""
        return self._ensure_print().table_bundle()

    def caption_bundle(self) -> dict[str, str]:
        """The caption: HTML for the page, Markdown (with what the print shows) for the PDF."""
        live_names = (
            []
            if self.live_mode
            else [getattr(w, "description", "") or n for n, w in self.live_controls.items()]
        )
        return self._ensure_print().caption_bundle(self.states[self.default_index], live_names)

    def _repr_mimebundle_(self, include=None, exclude=None):
        """Widget view for HTML and Jupyter, default-state image for the PDF, no repr text."""
        data = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude))
        st = self.states[self.default_index]
        data["text/plain"] = f"{self.caption} [{st.alt}]"
        return print_bundle(data, self.default_print(), self.print_alt())

    def _ipython_display_(self) -> None:
        data, meta = self._repr_mimebundle_()
        display(data, metadata=meta, raw=True)
        # caption straight under the printed figure, before a table that may run for pages
        display(self.caption_bundle(), raw=True)
        table = self.print_table_bundle() if print_tables() else None
        if table is not None:
            display(table, raw=True)


def static_widget(
    draw: Callable[..., Any],
    controls: Mapping[str, Choice],
    *,
    caption: str,
    alt: Callable[..., str],
    default: Mapping[str, Any] | None = None,
    live: Mapping[str, ipywidgets.ValueWidget] | None = None,
    max_states: int = MAX_STATES,
    update: Callable[..., None] | None = None,
    image_format: str = "auto",
    dpi: int = style.SCREEN_DPI,
) -> StaticWidget:
    """A widget that works in the static book, a live kernel and the PDF.

    draw(**state)      -> matplotlib Figure, pandas DataFrame or HTML string.
                          ``state`` holds one value per control (and per live control).
    controls           name -> Choice, in display order; 1 to 3 controls.
    caption            visible caption (plain text).
    alt(**state)       -> alt text describing exactly that state.
    default            name -> value of the state shown first and printed in the PDF.
    live               name -> ipywidgets slider, used only in a live kernel; the
                          static page and the PDF use the slider's initial value.
    max_states         refuse option grids larger than this (page weight).
    update(fig, **state) optional: move the artists of a figure from ``draw``
                          to a new state in place; makes live redraws fast. It
                          may raise :class:`FullRedraw` when the figure's structure
                          must change; the live view then calls ``draw``.
    image_format       "auto" (PNG or SVG, whichever is smaller for the first
                          state), "png" or "svg".
    """
    return StaticWidget(
        draw,
        controls,
        caption=caption,
        alt=alt,
        default=default,
        live=live,
        max_states=max_states,
        update=update,
        image_format=image_format,
        dpi=dpi,
    )


class _Views:
    """One :class:`View` per state, computed once and shared by the drawing, the update and the alt text."""

    def __init__(self, view: Callable[..., View]) -> None:
        self.view, self.seen = view, {}

    def __call__(self, state: Mapping[str, Any]) -> View:
        key = tuple(sorted(state.items()))
        try:
            hash(key)
        except TypeError:  # an unhashable value (a live control's list, say): no sharing
            return self._checked(state)
        if key not in self.seen:
            self.seen[key] = self._checked(state)
        return self.seen[key]

    def _checked(self, state: Mapping[str, Any]) -> View:
        v = self.view(**state)
        if not isinstance(v, View):
            raise TypeError(
                f"view(**{dict(state)!r}) returned {type(v).__name__}; it must return a "
                "coursekit.widgets.View(chart=..., alt=...)."
            )
        return v


def view_widget(
    view: Callable[..., View],
    chart: Callable[..., Any],
    controls: Mapping[str, Choice],
    *,
    caption: str,
    update: Callable[..., None] | None = None,
    **options: Any,
) -> StaticWidget:
    """:func:`static_widget` for a chapter widget written as ``view(**state) -> View`` plus a chart.

    ``chart(**view.chart)`` draws a state (a Figure or a table); ``update(fig, **view.chart)``,
    if given, moves a drawn figure to another state; ``view.alt`` is the state's alt text.
    Other keyword arguments are those of :func:`static_widget`.
    """
    views = _Views(view)
    return static_widget(
        lambda **st: chart(**views(st).chart),
        controls,
        caption=caption,
        alt=lambda **st: views(st).alt,
        update=None if update is None else (lambda fig, **st: update(fig, **views(st).chart)),
        **options,
    )
