"""Every widget and quiz on every built page, by keyboard: keyboard in, expected drawing out.

Widgets are found from the DOM, so new chapters are covered without editing this file:
every ``.coursekit-widget`` (from ``coursekit.widgets.static_widget``) and every
``.coursekit-quiz`` (from ``coursekit.quiz.multiple_choice``). Each control is operated
from the keyboard only (Tab, arrow keys, Space, Enter), at 1280 px, during the one visit per
page and width shared by the browser tests (tests/pageload.py; why one width: KEYBOARD_WIDTH). The expected state
is read from the controls as the browser shows them, never from Python, and compared with the
``data-coursekit-state`` of the one drawing on display. Pointer operation is in test_browser.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import site_pages
from tests.pageload import KEYBOARD_WIDTH, WIDTHS, dumps, visit_site

PAGE_BUDGET_BYTES = 1_500_000
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
APPENDIX = "chapters/appendix-widgets.html"
STATE_LITERAL = re.compile(r"s\.textContent = (\".*?\");\n", re.S)


def widget_pages(site) -> list[str]:
    """Built pages that embed at least one coursekit widget or quiz."""
    found = []
    # The projector decks (slides/) reuse the chapters' widgets; tests/site/test_slides.py covers them.
    for rel in (r for r in site_pages(site) if not r.startswith("slides/")):
        text = (site / rel).read_text(encoding="utf-8")
        if WIDGET_VIEW in text and ("coursekit-widget" in text or "coursekit-fallback" in text):
            found.append(rel)
    return found


@pytest.fixture(scope="module")
def pages(built_book):
    found = widget_pages(built_book)
    # The appendix always has widgets; if discovery misses it, discovery is broken.
    assert APPENDIX in found, f"no widgets found on {APPENDIX}; pages with widgets: {found}"
    return found


def widget_state(site, rel: str) -> dict:
    """The page's saved widget state, moved to _widgets/<page>.js by coursekit/sphinx/progressive.py."""
    text = (site / rel).read_text(encoding="utf-8")
    m = re.search(r'data-widget-state="([^"]+)"', text)
    assert m, f"{rel}: no widget state script named by the widget loader"
    script = ((site / rel).parent / m.group(1)).resolve()
    literal = STATE_LITERAL.search(script.read_text(encoding="utf-8"))
    assert literal, f"{script}: not a widget state script"
    return json.loads(json.loads(literal.group(1)))


@pytest.mark.browser
@pytest.mark.parametrize("width", [KEYBOARD_WIDTH], ids=lambda w: f"{w}px")
def test_every_widget_and_quiz_follows_the_keyboard(width, pages, browser, http_root, built_book):
    visits = visit_site(browser, http_root, built_book, width)
    problems = {rel: visits[rel].keyboard_problems for rel in pages if visits[rel].keyboard_problems}
    assert problems == {}, dumps(problems)
    assert sum(visits[rel].keyboard_states_checked for rel in pages) > 0
    assert sum(visits[rel].keyboard_quiz_options_checked for rel in pages) > 0


# The width in the test id puts this test in the same worker unit as the other checks of the
# 1280 px visit (tests/conftest.py, xdist_unit), so that visit is made once per run, not twice.
@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS[-1:], ids=lambda w: f"{w}px")
def test_each_widget_is_rendered_once_and_offline(width, pages, browser, http_root, built_book):
    visits = visit_site(browser, http_root, built_book, width)
    problems = {rel: visits[rel].load_problems for rel in pages if visits[rel].load_problems}
    assert problems == {}, dumps(problems)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(http_root + APPENDIX, wait_until="load")
        page.evaluate("() => window.courseLoadWidgets()")
        page.wait_for_selector(".coursekit-widget .coursekit-state", timeout=30_000)
        counts = page.evaluate(
            """() => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'))
                 .map(s => { const area = s.previousElementSibling;
                             return area && area.classList.contains('widget-subarea') ? area.children.length : 0; })"""
        )
        hidden = page.evaluate(
            "() => Array.from(document.querySelectorAll('.coursekit-fallback')).every(f => getComputedStyle(f).display === 'none')"
        )
    finally:
        context.close()
    assert counts and all(c == 1 for c in counts), f"{APPENDIX}: widget views rendered {counts} times"
    assert hidden, "the static copies stay on screen after the widgets have rendered"


def test_pages_with_widgets_stay_under_the_weight_budget(built_book, pages):
    """The page, its saved widget state and its static figures together."""
    sizes = {}
    for rel in pages:
        stem = rel.removesuffix(".html")
        extra = [built_book / "_widgets" / f"{stem}.js", *(built_book / "_widgets" / stem).glob("*")]
        sizes[rel] = (built_book / rel).stat().st_size + sum(p.stat().st_size for p in extra if p.is_file())
    heavy = {rel: size for rel, size in sizes.items() if size >= PAGE_BUDGET_BYTES}
    assert heavy == {}, f"pages over {PAGE_BUDGET_BYTES} bytes: {heavy}"


def test_every_embedded_drawing_has_alt_text(built_book, pages):
    """In the saved widget state, not only the ones the browser test happened to show."""
    for rel in pages:
        models = widget_state(built_book, rel)["state"].values()
        values = [m["state"].get("value", "") for m in models if m["model_name"] == "HTMLModel"]
        states = [v for v in values if "coursekit-state" in v]
        text = (built_book / rel).read_text(encoding="utf-8")
        assert states or "coursekit-quiz" in json.dumps(list(models)), (
            f"{rel}: no pre-rendered drawings in the widget state"
        )
        for v in states:
            if "<img" in v:
                assert re.search(r'<img [^>]*alt="[^"]+"', v), f"{rel}: an embedded drawing has no alt text"
            else:
                assert re.search(r'aria-label="[^"]+"', v), f"{rel}: an embedded table has no label"
        # and the static copy in the page itself
        for tag in re.findall(r'<img [^>]*src="[^"]*_widgets/[^>]*>', text):
            assert re.search(r'alt="[^"]+"', tag), f"{rel}: a static figure has no alt text: {tag[:120]}"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS[:1], ids=lambda w: f"{w}px")
def test_figure_text_is_at_least_11_css_px_on_a_390_px_phone(width, pages, browser, http_root, built_book):
    """Issue #11 goal 4, as a phone shows it: the static copy first, then the widget's own drawing
    (both measured during the 390 px visit, tests/pageload.py)."""
    from coursekit import style

    visits = visit_site(browser, http_root, built_book, width)
    problems, seen, columns = [], 0, []
    for rel in pages:
        for found in visits[rel].phone_figures:
            for f in found["figures"]:
                seen += 1
                shown_text = f["shown"] / f["drawn"] * f["textPx"]
                if shown_text < 11 or f["scrolls"] or f["offScreen"] or f["shown"] > f["column"] + 0.5:
                    problems.append(f"{rel}: {f}, smallest text {shown_text:.1f} CSS px")
                columns.append(f["column"])
    assert seen > 0, "no widget figure on any page"
    assert problems == [], "\n".join(problems)
    # the unit tests' arithmetic assumes the narrowest box a figure gets (coursekit.style.PHONE_COLUMN_PX)
    assert abs(min(columns) - style.PHONE_COLUMN_PX) <= 2, (min(columns), style.PHONE_COLUMN_PX)
