"""Every chapter widget built and pre-rendered once per test process, as the book builds it,
with what each state's figure showed.

Pre-rendering draws every state of every widget (seconds per widget).
``tests/unit/test_explorers.py`` reads the widgets (states, alt text, printing) and
``tests/unit/test_figure_text.py`` the text of every figure a state draws, so one pass serves
both: while the widget pre-renders, each figure its ``draw`` returns is laid out and measured
(``FigureFacts``) before the widget encodes it. A table state's figure for print is drawn and
measured too. ``tests/conftest.py`` runs the two modules on one worker, so they share the pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from coursekit.explorers import registry
from coursekit.widgets import close_figure

#: Every interactive widget call the chapters make, by id (from the registry, never a hand-kept list).
USES = {u.id: u for u in registry.uses(interactive=True)}


@dataclass(frozen=True)
class Shown:
    """One text of a drawn figure: its string, size in points and box in figure pixels."""

    text: str
    fontsize: float
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass(frozen=True)
class FigureFacts:
    """A figure after layout: its size (inches, and pixels at its own dpi) and every text a reader sees."""

    width_in: float
    width_px: float
    height_px: float
    texts: tuple[Shown, ...]


def visible_texts(fig: Figure) -> list[Text]:
    """Every text a reader sees: visible, non-empty, tick labels only where a tick is drawn."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                loc = tick.get_loc()
                if loc is None or not lo - 1e-9 * abs(hi - lo) <= loc <= hi + 1e-9 * abs(hi - lo):
                    hidden.update({id(tick.label1), id(tick.label2)})
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def figure_facts(fig: Figure) -> FigureFacts:
    """Lay ``fig`` out with Agg (tick labels get their text, every artist its place) and measure it."""
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    texts = []
    for t in visible_texts(fig):
        box = t.get_window_extent(renderer)
        texts.append(Shown(t.get_text(), t.get_fontsize(), box.x0, box.x1, box.y0, box.y1))
    return FigureFacts(fig.get_size_inches()[0], fig.bbox.width, fig.bbox.height, tuple(texts))


def state_key(values: dict[str, Any]) -> str:
    return repr(sorted(values.items()))


@dataclass
class Rendered:
    """A pre-rendered widget and, per state (``state_key`` of its draw arguments), its figures' facts."""

    widget: Any
    facts: dict[str, list[FigureFacts]] = field(default_factory=dict)

    def figures_of(self, st) -> list[FigureFacts]:
        return self.facts.get(state_key({**st.values, **self.widget.live_values()}), [])


_RENDERED: dict[str, Rendered] = {}


def rendered(uid: str) -> Rendered:
    """The widget of chapter call ``uid``, built and pre-rendered (every state) once per process.

    Call it with ``COURSE_LIVE=0`` (the static book): both test modules set it for every test.
    """
    if uid not in _RENDERED:
        w = registry.build(USES[uid])
        out = Rendered(w)
        draw = w.draw

        def measured(**values):
            result = draw(**values)  # inside the widget's style context, as the page draws it
            if isinstance(result, Figure):
                facts = figure_facts(result)
            elif getattr(result, "print_figure", None) is not None:  # a table: its figure for print
                fig = result.print_figure.draw()
                facts = figure_facts(fig)
                close_figure(fig)
            else:
                return result
            out.facts.setdefault(state_key(values), []).append(facts)
            return result

        w.draw = measured
        w.static_widget()  # renders every state; raises if any state fails or the budget is exceeded
        w.draw = draw
        _RENDERED[uid] = out
    return _RENDERED[uid]
