"""Figure text readable on a 390 px phone (issue #11, goal 4), for every state of every chapter widget.

A widget state's ``<img>`` carries its drawn size and ``max-width:100%``: in a column
narrower than the image the browser scales it down, text included. So text of ``p``
points in a figure ``w`` inches wide drawn at ``dpi`` is shown at
``p / 72 * dpi * min(1, column / (w * dpi))`` CSS px. The arithmetic is done here from
the figure's own artists; the column width is the one ``bench/phone_figures.py``
measures in Chromium (and ``tests/test_widgets_browser.py`` checks in the built page).
"""

from __future__ import annotations

import re

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from coursekit import style
from coursekit.explorers import registry
from coursekit.widgets import close_figure

#: The goal: no figure text under 11 CSS px on a 390 px screen.
MIN_CSS_PX = 11.0
USES = {u.id: u for u in registry.uses(interactive=True)}


@pytest.fixture(autouse=True)
def static_mode(monkeypatch):
    """Figures as the book builds them: pre-rendered, no live kernel."""
    monkeypatch.setenv("COURSE_LIVE", "0")


def _texts(fig: Figure) -> list[Text]:
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


def shown_px(font_pt: float, fig: Figure, dpi: float, column_px: float) -> float:
    drawn_width = fig.get_size_inches()[0] * dpi
    return font_pt / 72 * dpi * min(1.0, column_px / drawn_width)


def _figures(w, st):
    """The figures a state shows: its own Figure, or the chart a table state carries (PrintFigure)."""
    with style.style_context():
        result = w.draw(**st.values)
        if isinstance(result, Figure):
            yield result
            close_figure(result)
            return
        printed = getattr(result, "print_figure", None)
        if printed is not None:
            fig = printed.draw()
            yield fig
            close_figure(fig)


def _check(uid, st, fig, dpi) -> list[str]:
    """What is wrong with one drawn figure: text too small at 390 px, text outside the figure."""
    FigureCanvasAgg(fig).draw()  # tick labels get their text and every artist its place
    renderer = fig.canvas.get_renderer()
    problems = []
    width, height = fig.bbox.width, fig.bbox.height
    for t in _texts(fig):
        px = shown_px(t.get_fontsize(), fig, dpi, style.PHONE_COLUMN_PX)
        if px < MIN_CSS_PX:
            problems.append(f"{uid} {st.labels}: {t.get_text()!r} at {px:.1f} CSS px")
        box = t.get_window_extent(renderer)
        if box.x0 < -1 or box.x1 > width + 1 or box.y0 < -1 or box.y1 > height + 1:
            problems.append(
                f"{uid} {st.labels}: {t.get_text()!r} spans x {box.x0:.0f}–{box.x1:.0f}, "
                f"y {box.y0:.0f}–{box.y1:.0f} outside the {width:.0f}×{height:.0f} px figure"
            )
    return problems


@pytest.mark.parametrize("uid", sorted(USES))
def test_every_state_s_text_is_at_least_11_css_px_at_390_px_and_inside_the_figure(uid):
    w = registry.build(USES[uid])
    problems, figures = [], 0
    for st in w.states:
        for fig in _figures(w, st):
            figures += 1
            assert fig.get_size_inches()[0] * w.dpi <= 2 * style.PHONE_COLUMN_PX, "figure drawn for a desktop"
            problems += _check(uid, st, fig, w.dpi)
    assert figures, f"{uid}: no state has a figure, on the page or in print"
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("uid", sorted(USES))
def test_page_images_carry_their_drawn_size_and_smallest_text(uid):
    """The <img> of the default state and of the last: width/height = the drawn size (no layout
    shift when it loads), ``data-text-px`` = its smallest text in image px, shown at 11 CSS px or
    more in the phone column. Table widgets show no image on the page (their figure only prints)."""
    w = registry.build(USES[uid])
    for i in {w.default_index, len(w.states) - 1}:
        w._render_state(i)  # what the page embeds for this state
        st = w.states[i]
        tags = re.findall(r"<img [^>]*>", st.html)
        if not tags:
            assert "<table" in st.html or st.html.count("<") > 2, f"{uid}: state {i} shows nothing"
            continue
        (tag,) = tags
        for fig in _figures(w, st):  # the same state drawn again, to read its sizes
            FigureCanvasAgg(fig).draw()
            drawn_width = round(fig.get_size_inches()[0] * w.dpi)
            smallest = min(t.get_fontsize() for t in _texts(fig)) / 72 * w.dpi
        width = int(re.search(r'width="(\d+)"', tag).group(1))
        assert width == drawn_width
        text_px = float(re.search(r'data-text-px="([\d.]+)"', tag).group(1))
        assert text_px == pytest.approx(smallest, abs=0.05)
        assert "max-width:100%" in tag
        shown = text_px * min(1.0, style.PHONE_COLUMN_PX / width)
        assert shown >= MIN_CSS_PX, f"{uid}: smallest text shown at {shown:.1f} CSS px in a {width} px image"


def test_the_check_fails_small_or_clipped_text():
    """The check can fail: the old desktop figure (6.5 in, 6.5 pt legends at 90 dpi) showed its
    legend at about 5 CSS px on a phone, and a label past the edge is clipped."""

    class State:
        labels = {"case": "old"}

    fig = style.new_figure(figsize=(6.5, 3.5))
    fig.add_subplot().plot([0, 1], [0, 1], label="a legend entry")
    fig.axes[0].legend(fontsize=6.5)
    fig.text(0.9, 0.5, "a note that runs past the right edge", fontsize=12)
    problems = _check("old", State(), fig, 90)
    legend = [
        float(m.group(1)) for p in problems if (m := re.search(r"'a legend entry' at ([\d.]+) CSS px", p))
    ]
    assert legend and legend[0] < 5.5, problems
    assert any("'a note that runs past the right edge' spans" in p for p in problems), problems
