"""Browser tests of every widget on every built page: keyboard in, expected drawing out.

Widgets are found from the DOM, so new chapters are covered without editing this file:
every ``.coursekit-widget`` (from ``coursekit.widgets.static_widget``) and every
``.coursekit-quiz`` (from ``coursekit.quiz.multiple_choice``). Each control is operated
from the keyboard only (Tab, arrow keys, Space, Enter). The expected state is read from
the controls as the browser shows them (label and selected option), never from Python,
and compared with the ``data-coursekit-state`` of the one drawing on display.

Fixtures ``built_book``, ``http_root`` and ``open_page`` come from tests/conftest.py.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import site_pages

PAGE_BUDGET_BYTES = 1_500_000
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
APPENDIX = "chapters/appendix-widgets.html"

# Control containers ipywidgets renders for the kinds coursekit.widgets.Choice offers.
CONTROL_SELECTOR = ".widget-dropdown, .widget-radio, .widget-toggle-buttons"

# What a control currently shows: its label and its selected option, read from the DOM.
# ipywidgets shows spaces in option labels as no-break spaces; \s matches both.
READ_CONTROL = """c => {
  const norm = t => t.replace(/\\s+/g, ' ').trim();
  const label = norm(c.querySelector('.widget-label').textContent);
  let value = null;
  if (c.classList.contains('widget-dropdown')) {
    const s = c.querySelector('select');
    value = s.selectedIndex < 0 ? null : norm(s.options[s.selectedIndex].text);
  } else if (c.classList.contains('widget-radio')) {
    const r = c.querySelector('input[type=radio]:checked');
    value = r ? norm(r.parentElement.textContent) : null;
  } else {
    const b = c.querySelector('.widget-toggle-button.mod-active');
    value = b ? norm(b.textContent) : null;
  }
  return {label, value};
}"""

# The drawings on display inside one widget (hidden Stack children are not rendered).
VISIBLE_STATES = """w => Array.from(w.querySelectorAll('.coursekit-state'))
  .filter(e => e.offsetParent !== null)
  .map(e => {
    const img = e.querySelector('img');
    return {
      state: e.getAttribute('data-coursekit-state'),
      alt: img ? img.getAttribute('alt') : e.getAttribute('aria-label'),
      isTable: !img,
    };
  })"""


def widget_pages(site) -> list[str]:
    """Built pages that embed at least one coursekit widget or quiz."""
    found = []
    for rel in site_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        if WIDGET_VIEW in text and ("coursekit-widget" in text or "coursekit-quiz" in text):
            found.append(rel)
    return found


@pytest.fixture(scope="module")
def pages(built_book):
    found = widget_pages(built_book)
    # The appendix always has widgets; if discovery misses it, discovery is broken.
    assert APPENDIX in found, f"no widgets found on {APPENDIX}; pages with widgets: {found}"
    return found


def option_count(control) -> int:
    return control.evaluate(
        """c => c.querySelectorAll('select option, input[type=radio], .widget-toggle-button').length"""
    )


def choose_by_keyboard(page, control, target: int) -> None:
    """Select option ``target`` of ``control`` using the keyboard only."""
    if control.evaluate("c => c.classList.contains('widget-dropdown')"):
        select = control.locator("select")
        select.focus()
        current = select.evaluate("s => s.selectedIndex")
        key = "ArrowDown" if target > current else "ArrowUp"
        for _ in range(abs(target - current)):
            page.keyboard.press(key)
        return
    # Radio buttons and toggle buttons: Tab from the first option to the target, then press.
    items = control.locator("input[type=radio], .widget-toggle-button")
    items.nth(0).focus()
    for _ in range(target):
        page.keyboard.press("Tab")
    focused = items.nth(target).evaluate("e => e === document.activeElement")
    assert focused, f"Tab did not reach option {target} of control {control.evaluate(READ_CONTROL)}"
    page.keyboard.press("Space" if items.nth(target).evaluate("e => e.tagName") == "INPUT" else "Enter")


def expected_state(controls) -> dict[str, str]:
    shown = [c.evaluate(READ_CONTROL) for c in controls]
    assert all(s["value"] is not None for s in shown), f"a control shows no selection: {shown}"
    return {s["label"]: s["value"] for s in shown}


def check_visible(page, widget, where: str) -> tuple[dict, str]:
    """Wait until exactly one drawing shows the controls' state; return (state, alt)."""
    controls = [widget.locator(CONTROL_SELECTOR).nth(i) for i in range(widget.locator(CONTROL_SELECTOR).count())]
    want = expected_state(controls)
    try:
        page.wait_for_function(
            """([w, want]) => {
                 const vis = Array.from(w.querySelectorAll('.coursekit-state')).filter(e => e.offsetParent !== null);
                 return vis.length === 1 && vis[0].getAttribute('data-coursekit-state') === want;
               }""",
            arg=[widget.element_handle(), json.dumps(want, ensure_ascii=False)],
            timeout=3000,
        )
    except Exception:  # fall through to a readable assertion
        pass
    visible = widget.evaluate(VISIBLE_STATES)
    assert len(visible) == 1, f"{where}: expected one drawing on display, found {len(visible)}"
    got = json.loads(visible[0]["state"])
    assert got == want, f"{where}: controls show {want} but the drawing shows {got}"
    alt = (visible[0]["alt"] or "").strip()
    assert alt, f"{where}: the drawing for {want} has no alt text"
    return got, alt


def problems(report) -> list[str]:
    return report.errors + [f"foreign request: {u}" for u in report.foreign_requests]


@pytest.mark.browser
def test_every_widget_follows_its_controls_by_keyboard(pages, open_page):
    checked = 0
    for rel in pages:
        report = open_page(rel)
        page = report.page
        widgets = page.locator(".coursekit-widget:not(.coursekit-live)")
        for w_i in range(widgets.count()):
            widget = widgets.nth(w_i)
            widget.scroll_into_view_if_needed()
            controls = [widget.locator(CONTROL_SELECTOR).nth(i) for i in range(widget.locator(CONTROL_SELECTOR).count())]
            where = f"{rel} widget {w_i + 1}"
            assert controls, f"{where}: no keyboard control found"
            alt_by_state = {}
            state, alt = check_visible(page, widget, f"{where} (initial)")
            alt_by_state[json.dumps(state, sort_keys=True)] = alt
            for c_i, control in enumerate(controls):
                n = option_count(control)
                start = control.evaluate(READ_CONTROL)["value"]
                # every option in turn, then back to where it started
                order = list(range(n)) + [
                    control.evaluate(
                        """(c, v) => Array.from(c.querySelectorAll('select option, input[type=radio], .widget-toggle-button'))
                                .findIndex(e => (e.tagName === 'INPUT' ? e.parentElement : e).textContent.replace(/\\s+/g, ' ').trim() === v)""",
                        start,
                    )
                ]
                for target in order:
                    choose_by_keyboard(page, control, target)
                    state, alt = check_visible(page, widget, f"{where} control {c_i + 1} option {target + 1}")
                    key = json.dumps(state, sort_keys=True)
                    assert alt_by_state.setdefault(key, alt) == alt, f"{where}: alt text for {state} changed"
                    checked += 1
            # alt text describes its state: different states never share one description
            alts = list(alt_by_state.values())
            assert len(set(alts)) == len(alts), f"{where}: states share alt text: {alt_by_state}"
        assert problems(report) == [], f"{rel}: {problems(report)}"
        report.page.context.close()
    assert checked > 0


@pytest.mark.browser
def test_every_quiz_gives_feedback_for_each_option_by_keyboard(pages, open_page):
    checked = 0
    for rel in pages:
        report = open_page(rel)
        page = report.page
        quizzes = page.locator(".coursekit-quiz")
        for q_i in range(quizzes.count()):
            quiz = quizzes.nth(q_i)
            quiz.scroll_into_view_if_needed()
            where = f"{rel} quiz {q_i + 1}"
            shown = quiz.evaluate("q => Array.from(q.querySelectorAll('.coursekit-feedback')).filter(e => e.offsetParent !== null).length")
            assert shown == 0, f"{where}: feedback is shown before any answer is chosen"
            control = quiz.locator(CONTROL_SELECTOR).first
            verdicts = []
            for target in range(option_count(control)):
                choose_by_keyboard(page, control, target)
                chosen = control.evaluate(READ_CONTROL)["value"]
                page.wait_for_function(
                    """([q, v]) => {
                         const vis = Array.from(q.querySelectorAll('.coursekit-feedback')).filter(e => e.offsetParent !== null);
                         return vis.length === 1 && vis[0].getAttribute('data-coursekit-choice') === v;
                       }""",
                    arg=[quiz.element_handle(), chosen],
                    timeout=3000,
                )
                fb = quiz.locator(".coursekit-feedback").first
                assert fb.get_attribute("data-coursekit-choice") == chosen, f"{where}: feedback is not for {chosen!r}"
                assert fb.inner_text().strip(), f"{where}: empty feedback for {chosen!r}"
                verdicts.append(fb.get_attribute("data-coursekit-verdict"))
                checked += 1
            assert verdicts.count("correct") == 1, f"{where}: expected one correct option, got {verdicts}"
        assert problems(report) == [], f"{rel}: {problems(report)}"
        report.page.context.close()
    assert checked > 0


@pytest.mark.browser
def test_each_widget_is_rendered_once_and_offline(pages, open_page):
    for rel in pages:
        report = open_page(rel)
        counts = report.page.evaluate(
            """() => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'))
                 .map(s => { const area = s.previousElementSibling;
                             return area && area.classList.contains('widget-subarea') ? area.children.length : 0; })"""
        )
        assert counts and all(c == 1 for c in counts), f"{rel}: widget views rendered {counts} times"
        assert problems(report) == [], f"{rel}: {problems(report)}"
        report.page.context.close()


def test_pages_with_widgets_stay_under_the_weight_budget(built_book, pages):
    sizes = {rel: (built_book / rel).stat().st_size for rel in pages}
    heavy = {rel: size for rel, size in sizes.items() if size >= PAGE_BUDGET_BYTES}
    assert heavy == {}, f"pages over {PAGE_BUDGET_BYTES} bytes: {heavy}"


def test_every_embedded_drawing_has_alt_text(built_book, pages):
    """In the saved widget state, not only the ones the browser test happened to show."""
    import re

    for rel in pages:
        text = (built_book / rel).read_text(encoding="utf-8")
        match = re.search(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', text, re.S)
        assert match, f"{rel}: no embedded widget state"
        models = json.loads(match.group(1))["state"].values()
        values = [m["state"].get("value", "") for m in models if m["model_name"] == "HTMLModel"]
        states = [v for v in values if "coursekit-state" in v]
        assert states or "coursekit-quiz" in text, f"{rel}: no pre-rendered drawings in the widget state"
        for v in states:
            if "<img" in v:
                assert re.search(r'<img [^>]*alt="[^"]+"', v), f"{rel}: an embedded drawing has no alt text"
            else:
                assert re.search(r'aria-label="[^"]+"', v), f"{rel}: an embedded table has no label"
