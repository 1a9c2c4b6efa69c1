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

from coursekit import style
from tests.unit.rendered import USES, FigureFacts, figure_facts, rendered

#: The goal: no figure text under 11 CSS px on a 390 px screen.
MIN_CSS_PX = 11.0


@pytest.fixture(autouse=True)
def static_mode(monkeypatch):
    """Figures as the book builds them: pre-rendered, no live kernel."""
    monkeypatch.setenv("COURSE_LIVE", "0")


def shown_px(font_pt: float, width_in: float, dpi: float, column_px: float) -> float:
    drawn_width = width_in * dpi
    return font_pt / 72 * dpi * min(1.0, column_px / drawn_width)


def _check(uid, labels, fig: FigureFacts, dpi) -> list[str]:
    """What is wrong with one drawn figure: text too small at 390 px, text outside the figure."""
    problems = []
    for t in fig.texts:
        px = shown_px(t.fontsize, fig.width_in, dpi, style.PHONE_COLUMN_PX)
        if px < MIN_CSS_PX:
            problems.append(f"{uid} {labels}: {t.text!r} at {px:.1f} CSS px")
        if t.x0 < -1 or t.x1 > fig.width_px + 1 or t.y0 < -1 or t.y1 > fig.height_px + 1:
            problems.append(
                f"{uid} {labels}: {t.text!r} spans x {t.x0:.0f}–{t.x1:.0f}, "
                f"y {t.y0:.0f}–{t.y1:.0f} outside the {fig.width_px:.0f}×{fig.height_px:.0f} px figure"
            )
    return problems


@pytest.mark.parametrize("uid", sorted(USES))
def test_every_state_s_text_is_at_least_11_css_px_at_390_px_and_inside_the_figure(uid):
    drawn = rendered(uid)
    w = drawn.widget
    problems, figures = [], 0
    for st in w.states:
        for fig in drawn.figures_of(st):
            figures += 1
            assert fig.width_in * w.dpi <= 2 * style.PHONE_COLUMN_PX, "figure drawn for a desktop"
            problems += _check(uid, st.labels, fig, w.dpi)
    assert figures, f"{uid}: no state has a figure, on the page or in print"
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("uid", sorted(USES))
def test_page_images_carry_their_drawn_size_and_smallest_text(uid):
    """The <img> of the default state and of the last: width/height = the drawn size (no layout
    shift when it loads), ``data-text-px`` = its smallest text in image px, shown at 11 CSS px or
    more in the phone column. Table widgets show no image on the page (their figure only prints)."""
    drawn = rendered(uid)
    w = drawn.widget
    for i in {w.default_index, len(w.states) - 1}:
        st = w.states[i]  # its html is what the page embeds for this state
        tags = re.findall(r"<img [^>]*>", st.html)
        if not tags:
            assert "<table" in st.html or st.html.count("<") > 2, f"{uid}: state {i} shows nothing"
            continue
        (tag,) = tags
        (fig,) = drawn.figures_of(st)
        drawn_width = round(fig.width_in * w.dpi)
        smallest = min(t.fontsize for t in fig.texts) / 72 * w.dpi
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

    fig = style.new_figure(figsize=(6.5, 3.5))
    fig.add_subplot().plot([0, 1], [0, 1], label="a legend entry")
    fig.axes[0].legend(fontsize=6.5)
    fig.text(0.9, 0.5, "a note that runs past the right edge", fontsize=12)
    problems = _check("old", {"case": "old"}, figure_facts(fig), 90)
    legend = [
        float(m.group(1)) for p in problems if (m := re.search(r"'a legend entry' at ([\d.]+) CSS px", p))
    ]
    assert legend and legend[0] < 5.5, problems
    assert any("'a note that runs past the right edge' spans" in p for p in problems), problems
