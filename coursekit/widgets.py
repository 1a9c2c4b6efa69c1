"""Widgets that respond in the static HTML book, run live in Jupyter, and print in the PDF.

How it works (see the appendix "How the widgets work"):

* **Static page, no kernel.** Every combination of the discrete controls is
  drawn at build time. Each drawing becomes an ``ipywidgets.HTML`` child of an
  ``ipywidgets.Stack`` (nested, one level per control). Each control's
  ``index`` is linked to ``selected_index`` of the Stacks at its level with
  ``ipywidgets.jslink``; the link runs in the browser, so the page needs no
  kernel. The embedded widget state carries every drawing.
* **Live kernel** (Jupyter, Binder). When a Jupyter server started the kernel
  the widget is instead one live figure redrawn by Python callbacks, which may
  also use continuous controls (``live=`` sliders).
* **PDF / LaTeX.** The display bundle carries the default state as
  ``image/png`` next to the widget view, and a caption with a text description
  follows as its own output, so the LaTeX builder prints a figure, never a repr.
  A table state prints as text; if it carries a :class:`PrintFigure` (see
  ``coursekit.plots.HtmlTable``), the PDF prints that figure, the caption, then
  the table as an output whose HTML is empty, so the web page is unchanged.
"""

from __future__ import annotations

import base64
import contextvars
import html
import io
import itertools
import json
import math
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, Sequence

import ipywidgets
import matplotlib as mpl
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from . import settings, style

#: More pre-rendered states than this would bloat a page (each is an image).
MAX_STATES = 40
#: Budget for all the images one widget embeds (base64 bytes); a page with
#: widgets must stay under 1.5 MB of HTML in total.
MAX_WIDGET_BYTES = 1_100_000
#: Number of controls a static widget supports (nesting depth of the Stacks).
MAX_CONTROLS = 3

_CONTROL_KINDS = ("auto", "toggle", "dropdown", "radio")


class FullRedraw(Exception):
    """Raised by an ``update(fig, **state)`` function when the figure cannot be moved to the new state
    (e.g. it needs another number of series or another size): the live view then calls ``draw``."""


#: True while a live view redraws, so helpers that embed images (``coursekit.plots.img_tag``) can
#: favour speed over size; the static page and the PDF are drawn outside it and never change.
_LIVE_DRAWING: contextvars.ContextVar[bool] = contextvars.ContextVar("coursekit_live_drawing", default=False)


def drawing_live() -> bool:
    """True inside a live view's redraw (nothing it encodes is embedded in a page)."""
    return _LIVE_DRAWING.get()


#: Matplotlib settings of live redraws only, on top of the course style: FreeType's
#: autohinter costs about a fifth of a redraw, and unhinted glyphs look much the same.
LIVE_RC: dict[str, object] = {"text.hinting": "no_hinting"}


@contextmanager
def live_drawing() -> Iterator[None]:
    """What a live view's redraw runs in: the course style, :data:`LIVE_RC` and :func:`drawing_live` true."""
    token = _LIVE_DRAWING.set(True)
    try:
        with style.style_context(), mpl.rc_context(LIVE_RC):
            yield
    finally:
        _LIVE_DRAWING.reset(token)


def set_live_note(fig: Figure, text: str) -> None:
    """Give a live figure a footnote that the live view shows as HTML under the image.

    Long footnotes drawn as figure text cost most of a live redraw (matplotlib lays
    out and rasterises every glyph); the browser wraps HTML text for free. Only for
    figures drawn inside a live redraw: the static page and the PDF keep the note
    inside the image.
    """
    fig._coursekit_live_note = text


def live_note_html(fig: Figure) -> str:
    """The ``<p>`` holding the footnote :func:`set_live_note` gave ``fig``; "" if it has none."""
    text = getattr(fig, "_coursekit_live_note", "")
    if not text or not text.strip():
        return ""
    return f'<p class="coursekit-live-note coursekit-live-footnote">{html.escape(text)}</p>'


@dataclass(frozen=True)
class Choice:
    """A discrete control: a visible ``label`` and ``(display_label, value)`` options.

    ``kind`` picks the ipywidgets control: ``"dropdown"`` (the default, also
    ``"auto"``), ``"radio"`` or ``"toggle"`` (ToggleButtons). All work from the
    keyboard. The dropdown is a native ``<select>`` whose label is attached
    with ``for=``, so screen readers announce it best; the radio group and
    toggle buttons do not expose their group label, so use them only for a
    few short options whose text says enough on its own.
    """

    label: str
    options: Sequence[tuple[str, Any]]
    kind: str = "auto"

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError(f"Choice label must be a non-empty string, got {self.label!r}.")
        opts = tuple(self.options)
        if not opts:
            raise ValueError(
                f"Choice {self.label!r} has an empty option set; give at least one "
                "(display_label, value) pair."
            )
        for i, opt in enumerate(opts):
            if not (isinstance(opt, (tuple, list)) and len(opt) == 2):
                raise ValueError(
                    f"Choice {self.label!r} option {i} is {opt!r}; each option must be a "
                    "(display_label, value) pair."
                )
            if not isinstance(opt[0], str) or not opt[0].strip():
                raise ValueError(
                    f"Choice {self.label!r} option {i} needs a non-empty display label, got {opt[0]!r}."
                )
        labels = [o[0] for o in opts]
        dupes = sorted({lab for lab in labels if labels.count(lab) > 1})
        if dupes:
            raise ValueError(f"Choice {self.label!r} repeats display labels {dupes}; labels must be unique.")
        if self.kind not in _CONTROL_KINDS:
            raise ValueError(f"Choice {self.label!r}: kind={self.kind!r} is not one of {_CONTROL_KINDS}.")
        object.__setattr__(self, "options", tuple((str(o[0]), o[1]) for o in opts))

    @property
    def labels(self) -> list[str]:
        return [o[0] for o in self.options]

    @property
    def values(self) -> list[Any]:
        return [o[1] for o in self.options]

    def index_of(self, value: Any, *, name: str) -> int:
        """Index of ``value``; a clear error names the control and the valid values."""
        for i, v in enumerate(self.values):
            if v == value:
                return i
        raise ValueError(
            f"default for control {name!r} is {value!r}, which is not one of its values "
            f"{self.values!r} (labels {self.labels!r})."
        )

    def make_control(self, index: int) -> ipywidgets.ValueWidget:
        """A fresh keyboard-operable ipywidgets control showing option ``index``."""
        kind = "dropdown" if self.kind == "auto" else self.kind
        common = dict(
            options=self.labels,
            index=index,
            description=self.label,
            style={"description_width": "initial"},
            layout=ipywidgets.Layout(width="auto"),
        )
        if kind == "toggle":
            # tooltips become each button's title: a label screen readers announce
            return ipywidgets.ToggleButtons(
                tooltips=[f"{self.label}: {lab}" for lab in self.labels], **common
            )
        if kind == "radio":
            return ipywidgets.RadioButtons(**common)
        common["layout"] = ipywidgets.Layout(width="auto", max_width="40em")  # not page-wide
        return ipywidgets.Dropdown(**common)


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


@dataclass
class State:
    """One pre-rendered combination of control values."""

    values: dict[str, Any]
    labels: dict[str, str]  # control label -> option display label (shown in the page)
    alt: str
    html: str = ""
    nbytes: int = 0  # size of the embedded image/table as it lands in the page


def _escape_md(text: str) -> str:
    """Escape characters that Markdown would read as markup."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def _close(fig: Figure) -> None:
    """Free a figure; pyplot figures must also leave pyplot's registry."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close(fig)  # no-op for figures pyplot does not track
    fig.clf()


def _rgb_image(fig: Figure, dpi: int) -> Image.Image:
    """Rasterise ``fig`` with Agg at ``dpi`` into a Pillow RGB image."""
    buf = io.BytesIO()
    fig.savefig(buf, format="raw", dpi=dpi)
    raw = buf.getvalue()
    width = round(fig.get_size_inches()[0] * dpi)
    height = len(raw) // 4 // width
    if width * height * 4 != len(raw):  # guard against a rounding surprise in Agg
        raise RuntimeError(f"unexpected raster size {len(raw)} bytes for width {width}px")
    return Image.frombytes("RGBA", (width, height), raw).convert("RGB")


def fast_png(fig: Figure) -> bytes:
    """PNG of ``fig`` at its own dpi, for live redraws: one Agg draw, fast zlib, no palette.

    ``savefig`` would draw the figure twice and swap canvases; drawing the Agg
    canvas directly halves the time a student waits after moving a slider.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    img.convert("RGB").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def encode_png(fig: Figure, dpi: int, *, quantize: bool = True) -> bytes:
    """PNG bytes of ``fig``.

    ``quantize=True`` (for embedding) maps to a 256-colour palette: the
    Okabe-Ito colours and their anti-aliasing shades fit easily, the image looks
    the same and is about 3x smaller. ``quantize=False`` (live redraws) favours
    speed: fast zlib, no palette.
    """
    img = _rgb_image(fig, dpi)
    out = io.BytesIO()
    if quantize:
        pal = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        # the octree rounds pure white to 254; snap near-whites back so backgrounds match the page
        entries = pal.getpalette()
        for i in range(0, len(entries), 3):
            if min(entries[i : i + 3]) >= 252:
                entries[i : i + 3] = [255, 255, 255]
        pal.putpalette(entries)
        pal.save(out, format="PNG", optimize=True)
    else:
        img.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def encode_svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with style.style_context():  # svg.fonttype "none": text stays text, file stays small
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _img_tag(fig: Figure, alt: str, *, dpi: int, mime: str, live: bool = False) -> str:
    """An ``<img>`` with alt text and the figure as a base64 data URI (``live``: fast PNG)."""
    if live:
        if fig.dpi != dpi:  # setting it, even unchanged, would invalidate every cached transform
            fig.set_dpi(dpi)
        data = fast_png(fig)
    elif mime == "image/svg+xml":
        data = encode_svg(fig)
    else:
        data = encode_png(fig, dpi)
    w, h = (round(x * dpi) for x in fig.get_size_inches())
    b64 = base64.b64encode(data).decode("ascii")
    return (
        f'<img src="data:{mime};base64,{b64}" alt="{html.escape(alt)}" '
        f'width="{w}" height="{h}" style="max-width:100%;height:auto">'
    )


def _smaller_format(fig: Figure, dpi: int) -> str:
    """The MIME type (PNG or SVG) that encodes ``fig`` in fewer bytes."""
    return "image/svg+xml" if len(encode_svg(fig)) < len(encode_png(fig, dpi)) else "image/png"


def _table_html(result: Any) -> str:
    if isinstance(result, str):
        return result
    return result.to_html(index=False, border=0, classes="coursekit-table", na_rep="(no data)")


def _table_markdown(result: Any, alt: str) -> str:
    """The table for the PDF as aligned plain text in a fenced block.

    myst-nb parses text/markdown outputs as CommonMark, which has no tables; a
    fenced block prints as aligned verbatim text in LaTeX. An HTML string cannot
    be converted, so it prints its description instead.
    """
    if isinstance(result, str):
        return _escape_md(alt)
    text = result.to_string(index=False, na_rep="(no data)")
    return f"```text\n{text}\n```"


def _is_table(result: Any) -> bool:
    return isinstance(result, str) or (hasattr(result, "to_html") and hasattr(result, "columns"))


def _print_figure_of(result: Any) -> PrintFigure | None:
    """The :class:`PrintFigure` a table state carries for the PDF, if any."""
    pf = getattr(result, "print_figure", None)
    if pf is not None and not isinstance(pf, PrintFigure):
        raise TypeError(
            f"a table's print_figure must be a coursekit.widgets.PrintFigure, got {type(pf).__name__}."
        )
    return pf


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
        self.draw, self.alt, self.update = draw, alt, update
        self.controls: dict[str, Choice] = dict(controls or {})
        self.caption = caption
        self.live_controls: dict[str, ipywidgets.ValueWidget] = dict(live or {})
        self.image_format, self.dpi = image_format, dpi
        self._validate(max_states)
        default = dict(default or {})
        unknown = sorted(set(default) - set(self.controls))
        if unknown:
            raise ValueError(
                f"default names unknown control(s) {unknown}; the controls are "
                f"{list(self.controls)}."
            )
        # default index per control (first option unless a default is given)
        self.default_indices = {
            name: (ch.index_of(default[name], name=name) if name in default else 0)
            for name, ch in self.controls.items()
        }
        self.default = {n: self.controls[n].values[i] for n, i in self.default_indices.items()}
        sizes = [len(ch.options) for ch in self.controls.values()]
        # states in row-major order: the last control varies fastest
        self.default_index = 0
        for name, size in zip(self.controls, sizes):
            self.default_index = self.default_index * size + self.default_indices[name]
        self.states: list[State] = []
        for combo in itertools.product(*(range(s) for s in sizes)):
            values = {n: self.controls[n].values[i] for n, i in zip(self.controls, combo)}
            labels = {self.controls[n].label: self.controls[n].labels[i] for n, i in zip(self.controls, combo)}
            self.states.append(State(values=values, labels=labels, alt=self._alt_for(values)))
        self.live_mode = live_kernel()
        # What the PDF prints for the default state, filled by _keep_print().
        self._print_ready = False
        self._default_png: bytes | None = None
        self._default_markdown: str | None = None
        self._print_figure: PrintFigure | None = None  # a table state's figure for print
        self._mime: str | None = None  # image format of the embedded states
        self._static_root: ipywidgets.Box | None = None
        self._live_view: LiveView | None = None

    # -- validation -------------------------------------------------------
    def _validate(self, max_states: int) -> None:
        if not callable(self.draw):
            raise TypeError(f"draw must be a callable returning a Figure or table, got {self.draw!r}.")
        if not callable(self.alt):
            raise TypeError("alt must be a callable alt(**state) -> str describing each state.")
        if not isinstance(self.caption, str) or not self.caption.strip():
            raise ValueError("caption must be a non-empty string; every figure needs a visible caption.")
        if not self.controls:
            raise ValueError("static_widget needs at least one control in `controls`.")
        if len(self.controls) > MAX_CONTROLS:
            raise ValueError(
                f"static_widget supports at most {MAX_CONTROLS} controls, got "
                f"{len(self.controls)}: {list(self.controls)}."
            )
        for name, ch in self.controls.items():
            if not isinstance(ch, Choice):
                raise TypeError(f"control {name!r} must be a coursekit.widgets.Choice, got {type(ch).__name__}.")
        clash = sorted(set(self.controls) & set(self.live_controls))
        if clash:
            raise ValueError(f"{clash} named both as a discrete control and a live control; use distinct names.")
        for name, w in self.live_controls.items():
            if not isinstance(w, ipywidgets.ValueWidget):
                raise TypeError(f"live control {name!r} must be an ipywidgets slider or other ValueWidget.")
        if self.image_format not in ("auto", "png", "svg"):
            raise ValueError(f"image_format must be 'auto', 'png' or 'svg', got {self.image_format!r}.")
        sizes = [len(ch.options) for ch in self.controls.values()]
        total = math.prod(sizes)
        if total > max_states:
            detail = " × ".join(f"{n} ({s})" for n, s in zip(self.controls, sizes))
            raise ValueError(
                f"{detail} = {total} states to pre-render, more than max_states={max_states}. "
                "Each state is an image embedded in the page, which must stay under 1.5 MB. "
                "Offer fewer options, split the widget, or make a dimension a live= slider "
                "(live kernel only)."
            )

    def _alt_for(self, values: Mapping[str, Any]) -> str:
        text = self.alt(**values, **self.live_values())
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"alt(**{dict(values)!r}) returned {text!r}; every state needs alt text.")
        return text.strip()

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
            state_attr = html.escape(json.dumps(st.labels, ensure_ascii=False), quote=True)
            if isinstance(result, Figure):
                if self._mime is None:  # decided once per widget, on the first state
                    self._mime = (
                        _smaller_format(result, self.dpi)
                        if self.image_format == "auto"
                        else {"png": "image/png", "svg": "image/svg+xml"}[self.image_format]
                    )
                body = _img_tag(result, st.alt, dpi=self.dpi, mime=self._mime)
                tag = "figure"
            elif _is_table(result):
                body = _table_html(result)
                tag = "div"
            else:
                raise TypeError(
                    f"draw(**{st.values!r}) returned {type(result).__name__}; it must return a "
                    "matplotlib Figure, a pandas DataFrame or an HTML string."
                )
            if i == self.default_index and not self._print_ready:
                self._keep_print(result, st)
            if isinstance(result, Figure):
                _close(result)
        role = "" if tag == "figure" else f' role="region" aria-label="{html.escape(st.alt)}"'
        st.html = (
            f'<{tag} class="coursekit-state" data-coursekit-state="{state_attr}"{role} '
            f'style="margin:0">{body}</{tag}>'
        )
        st.nbytes = len(body)

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
        self.control_widgets = {
            n: self.controls[n].make_control(self.default_indices[n]) for n in names
        }
        self.stacks_by_level: list[list[ipywidgets.Stack]] = [[] for _ in names]

        def nest(level: int, offset: int, span: int) -> ipywidgets.Stack:
            ch = self.controls[names[level]]
            step = span // len(ch.options)
            if level == len(names) - 1:
                kids = [ipywidgets.HTML(value=self.states[offset + k].html) for k in range(len(ch.options))]
            else:
                kids = [nest(level + 1, offset + k * step, step) for k in range(len(ch.options))]
            stack = ipywidgets.Stack(children=kids, selected_index=self.default_indices[names[level]])
            self.stacks_by_level[level].append(stack)
            return stack

        self.stack = nest(0, 0, len(self.states))
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
        if self.live_mode:
            return self.live_view().root
        if self._static_root is None:
            self._static_root = self._build_static()
        return self._static_root

    def static_widget(self) -> ipywidgets.Box:
        """The pre-rendered, kernel-free widget, whatever the mode."""
        if self._static_root is None:
            self._static_root = self._build_static()
        return self._static_root

    def live_view(self) -> "LiveView":
        """The live view (Python callbacks, continuous controls); built on first use."""
        if self._live_view is None:
            self._live_view = LiveView(self)
        return self._live_view

    def selected_state(self) -> State:
        """The state that the static widget's controls currently select."""
        self.static_widget()
        i = 0
        for n, w in self.control_widgets.items():
            i = i * len(self.controls[n].options) + w.index
        return self.states[i]

    # -- print / display ---------------------------------------------------
    def _keep_print(self, result: Any, st: State) -> None:
        """Store what the PDF prints for the default state (call inside style_context).

        A Figure prints as a PNG. A table prints as text, and also as a PNG of
        its :class:`PrintFigure` when it carries one; that figure is drawn here
        only, so the web page never embeds it.
        """
        if isinstance(result, Figure):
            self._default_png = encode_png(result, style.PRINT_DPI)
        elif _is_table(result):
            self._default_markdown = _table_markdown(result, st.alt)
            pf = _print_figure_of(result)
            if pf is not None:
                fig = pf.draw()
                if not isinstance(fig, Figure):
                    raise TypeError(
                        f"widget {self.caption!r}: PrintFigure.draw() returned {type(fig).__name__}; "
                        "it must return a matplotlib Figure."
                    )
                self._default_png = encode_png(fig, style.PRINT_DPI)
                _close(fig)
                self._print_figure = pf
        else:
            raise TypeError(f"draw returned {type(result).__name__}; expected Figure or table.")
        self._print_ready = True

    def _ensure_print(self) -> None:
        if self._print_ready:
            return
        st = self.states[self.default_index]
        with style.style_context():
            result = self._call_draw(st.values)
            try:
                self._keep_print(result, st)
            finally:
                if isinstance(result, Figure):
                    _close(result)

    def default_print(self) -> tuple[str, Any]:
        """``("image/png", bytes)`` or ``("text/markdown", table)``: what the PDF prints first.

        A table state with a :class:`PrintFigure` gives its figure here and its
        text in :meth:`print_table_bundle`.
        """
        self._ensure_print()
        if self._default_png is not None:
            return "image/png", self._default_png
        return "text/markdown", self._default_markdown

    def print_alt(self) -> str:
        """Alt text of the printed default image."""
        self._ensure_print()
        if self._print_figure is not None:
            return self._print_figure.alt
        return self.states[self.default_index].alt

    def print_table_bundle(self) -> dict[str, str] | None:
        """The default table as text for the PDF, after a table state's print figure; else None.

        ``text/html`` is empty, so the page shows nothing (the table is already in
        the widget); the LaTeX builder drops ``text/html`` and prints ``text/markdown``.
        """
        self._ensure_print()
        if self._print_figure is None:
            return None
        return {"text/html": "", "text/markdown": self._default_markdown}

    def _plain(self) -> str:
        st = self.states[self.default_index]
        return f"{self.caption} [{st.alt}]"

    def _repr_mimebundle_(self, include=None, exclude=None):
        """Widget view for HTML and Jupyter, default-state image for the PDF, no repr text."""
        data = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude))
        data["text/plain"] = self._plain()
        mime, payload = self.default_print()
        meta = {}
        if mime == "image/png":
            data["image/png"] = base64.b64encode(payload).decode("ascii")
            meta["image/png"] = {"alt": self.print_alt()}
        else:
            data["text/markdown"] = payload
        return data, meta

    def caption_bundle(self) -> dict[str, str]:
        """The caption: HTML for the page, Markdown (with what the print shows) for the PDF."""
        st = self.states[self.default_index]
        shown = "; ".join(f"{k}: {v}" for k, v in st.labels.items())
        extra_html = ""
        if self.live_controls and not self.live_mode:
            names = ", ".join(getattr(w, "description", "") or n for n, w in self.live_controls.items())
            extra_html = (
                ' <span class="coursekit-live-note">Run this page in Jupyter or Binder to also '
                f"vary: {html.escape(names)}.</span>"
            )
        self._ensure_print()
        pf = self._print_figure
        # the page names what the widget shows; the PDF names what it prints
        page_kind = "Table" if self._default_markdown is not None else "Figure"
        print_kind = "Figure" if self._default_png is not None else "Table"
        if pf is None:
            described = f"Description: {_escape_md(st.alt)}"
        else:
            described = (
                f"{_escape_md(pf.caption)} Description: {_escape_md(pf.alt)} The table below prints "
                "the same view as text."
            )
        return {
            "text/html": (
                f'<p class="coursekit-caption"><strong>{page_kind}:</strong> '
                f"{html.escape(self.caption)}{extra_html}</p>"
            ),
            "text/markdown": (
                f"**{print_kind}:** {_escape_md(self.caption)} *Printed view: {_escape_md(shown)}. "
                f"{described}*"
            ),
            "text/plain": f"{page_kind}: {self.caption}",
        }

    def _ipython_display_(self) -> None:
        data, meta = self._repr_mimebundle_()
        display(data, metadata=meta, raw=True)
        # caption straight under the printed figure, before a table that may run for pages
        display(self.caption_bundle(), raw=True)
        table = self.print_table_bundle() if print_tables() else None
        if table is not None:
            display(table, raw=True)


def print_tables() -> bool:
    """Whether table widgets print their table text after the figure (PDF builds).

    ``COURSE_PRINT_TABLES=0`` leaves it out: the seminar handouts show the figure and
    the caption only, so they stay a few pages long.
    """
    return settings.current().print_tables


class LiveView:
    """Live-kernel view: Python callbacks redraw one figure, updating artists when possible."""

    def __init__(self, owner: StaticWidget) -> None:
        self.owner = owner
        self.controls = {
            n: ch.make_control(owner.default_indices[n]) for n, ch in owner.controls.items()
        }
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
                    _close(self.fig)
                result = self.owner.draw(**st)
                self.draw_count += 1
            if isinstance(result, Figure):
                self.fig = result
                # no palette quantising here: it costs time and nothing is embedded
                body = _img_tag(result, alt, dpi=self.owner.dpi, mime="image/png", live=True)
                body += live_note_html(result)  # the footnote as HTML text (see set_live_note)
            else:
                self.fig = None
                body = _table_html(result)
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
        draw, controls, caption=caption, alt=alt, default=default, live=live,
        max_states=max_states, update=update, image_format=image_format, dpi=dpi,
    )
