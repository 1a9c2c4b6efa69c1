"""One visit per page and width for all browser tests (offline loading, axe, pointer, keyboard).

Opening every page is what makes browser tests slow, so each page is opened once per width
and every check runs on that visit; ``visit_site`` caches the findings for the session and
the test modules (test_browser, test_accessibility, test_widgets_browser) assert on them.

Controls are found by generic selectors, so controls added later (answer boxes, new widgets)
are covered without editing this file.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from tests.helpers import REPO_ROOT, site_pages

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (only) => {
  // resultTypes: only violations are read, so axe skips building selectors for the passes
  // (its API guide's first performance tip); the violations found are the same.
  const result = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""
#: What axe runs in each colour mode. Dark mode changes colours and swaps the images made for
#: it (the theme's ``only-dark`` logos), nothing else: the structural rules (names, roles,
#: landmarks, headings...) give the same result in both modes, so dark mode reruns only the
#: rules that read colours or images (about 40 % of a full run's time saved on every page).
AXE_MODES = {
    "light": {"type": "tag", "values": AXE_TAGS},
    "dark": {
        "type": "rule",
        "values": [
            "color-contrast",
            "link-in-text-block",
            "image-alt",
            "input-image-alt",
            "role-img-alt",
            "svg-img-alt",
            "object-alt",
        ],
    },
}
SET_MODE = """mode => { document.documentElement.dataset.theme = mode;
                        document.documentElement.dataset.mode = mode; }"""
TRANSITIONS_DONE = """() => document.getAnimations()
  .every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"""
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
WIDTHS = (390, 1280)
HEIGHT = 900
#: The width of the keyboard pass. Keyboard operation (focus order, keys, what each key
#: selects) is the same at every width: no style or script of the book shows, hides or
#: reorders a widget's or quiz's controls by width, and whether each control is on screen
#: and operable at 320 and 390 px is the pointer pass's check. So the pass runs once, where
#: keyboard users mostly are, and every state is not walked through twice (a fifth of a visit).
KEYBOARD_WIDTH = 1280

# Every widget figure on screen (read at 390 px): its width, the width it is shown at, the drawn size of its
# smallest text (data-text-px, written at build), and whether it scrolls sideways or runs off screen.
PHONE_FIGURES = """() => ({
  figures: Array.from(document.querySelectorAll('.coursekit-state img, .coursekit-fallback-state img'))
    .filter(i => i.getBoundingClientRect().width > 0)
    .map(i => { const box = i.closest('figure') || i.parentElement, cs = getComputedStyle(box);
                return {drawn: +i.getAttribute('width'), shown: i.getBoundingClientRect().width,
                        textPx: +(i.dataset.textPx || 0),
                        column: box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
                        scrolls: i.getBoundingClientRect().right
                          > box.getBoundingClientRect().right - parseFloat(cs.paddingRight) + 0.5,
                        offScreen: i.getBoundingClientRect().right > innerWidth + 0.5,
                        alt: (i.getAttribute('alt') || '').slice(0, 60)}; }),
})"""


# Every control in the article, whatever made it: widgets, quizzes, answer boxes, toggles.
CONTROLS = (
    ".bd-article :is(button, input:not([type=hidden]), select, textarea, summary, "
    "[role=button], [role=radio], [role=checkbox], [contenteditable=true]), "
    # the theme's "Previous" / "Next" footer links (clipped at 320 px before course.css fixed it)
    ".prev-next-area a"
)

WIDGETS_RENDERED = """() => Array.from(document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]'))
  .every(s => s.previousElementSibling && s.previousElementSibling.classList.contains('widget-subarea')
              && s.previousElementSibling.querySelector('.lm-Widget'))"""

# Visible controls of the page, each tagged with a number so Python can address it.
TAG_CONTROLS = """sel => {
  // a second pass on the same page (narrowed viewport) numbers the controls afresh
  document.querySelectorAll('[data-pointer-test]').forEach(e => e.removeAttribute('data-pointer-test'));
  const all = Array.from(document.querySelectorAll(sel)).filter(e => {
    const r = e.getBoundingClientRect();
    // not shown: no box, hidden, or inside a closed <details> (outside its summary)
    const folded = Array.from(document.querySelectorAll('details:not([open])'))
      .some(d => d.contains(e) && !(d.querySelector(':scope > summary') || d).contains(e));
    return e.getClientRects().length && r.width > 0 && r.height > 0 && !folded
      && e.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true});
  });
  all.forEach((e, i) => e.setAttribute('data-pointer-test', i));
  return all.length;
}"""

# Before a click on control e: note whether the next click event lands on it (or its label),
# judged when it happens (a copy button, say, swaps its icon right after).
ARM = """e => {
  window.__pointerOk = false;
  document.addEventListener('click', ev => {
    const n = ev.target;
    window.__pointerOk = n === e || e.contains(n) || !!(e.labels && Array.from(e.labels).some(l => l.contains(n)));
    if (e.tagName === 'A') ev.preventDefault();  // a link is checked, not followed
  }, {capture: true, once: true});
}"""

# Scroll a control to the middle of the screen; where is its centre, and what is on top there?
# When it is on screen and uncovered, the click to come is armed (ARM) in the same call: one
# browser round trip less per control.
LOCATE = (
    """i => {
  const e = document.querySelector(`[data-pointer-test="${i}"]`);
  e.scrollIntoView({block: 'center', inline: 'center'});
  const r = e.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const inView = r.left >= 0 && r.right <= innerWidth + 0.5 && r.top >= 0 && r.bottom <= innerHeight + 0.5;
  const hit = document.elementFromPoint(x, y);
  const mine = hit && (hit === e || e.contains(hit)
      || (e.labels && Array.from(e.labels).some(l => l === hit || l.contains(hit))));
  const name = (e.getAttribute('aria-label') || e.textContent || e.value || e.name || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 60);
  if (inView && mine) ("""
    + ARM
    + """)(e);
  return {x, y, w: r.width, h: r.height, inView, covered: !mine,
          onTop: hit ? hit.outerHTML.slice(0, 100) : null,
          what: `${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''} "${name}"`,
          widget: !!e.closest('.coursekit-widget'), quiz: !!e.closest('.coursekit-quiz'),
          kind: e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase(),
          expanded: e.getAttribute('aria-expanded'),
          // a link whose text its own box cuts off (the theme's footer links hide overflow)
          clipped: e.tagName === 'A' && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1),
          sizeExempt: e.tagName === 'INPUT' && e.labels && e.labels.length > 0};
}"""
)

#: Elements that stick out past the right edge of the screen (what makes a page scroll sideways).
#: Wide tables and code scroll in their own boxes, not the page: allowed.
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const out = Array.from(document.querySelectorAll('.bd-article *'))
    .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest(
      'pre, .highlight, .pst-scrollable-table-container, .coursekit-state, .coursekit-fallback-state, .no-code-table-wrap'))
    .slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 40)}"`);
  return {scroll: document.documentElement.scrollWidth, width, out};
}"""

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
CONTROL_SELECTOR = ".widget-dropdown, .widget-radio, .widget-toggle-buttons"

# Call read() on each animation frame until done(value) holds or ms milliseconds have passed;
# return the last value. A whole wait is one browser round trip (wait_for_function and a read
# after it are two).
POLL = """async (read, done, ms) => {
  const end = performance.now() + ms;
  let value = read();
  while (!done(value) && performance.now() < end) {
    await new Promise(r => requestAnimationFrame(r));
    value = read();
  }
  return value;
}"""

# The widget around control i shows the drawing its controls select (one drawing on display).
WIDGET_FOLLOWS = (
    """([i, read]) => {
  const e = document.querySelector(`[data-pointer-test="${i}"]`);
  const w = e.closest('.coursekit-widget');
  const readControl = eval(read);
  const want = {};
  for (const c of w.querySelectorAll('"""
    + CONTROL_SELECTOR
    + """')) {
    const s = readControl(c); want[s.label] = s.value;
  }
  const vis = Array.from(w.querySelectorAll('.coursekit-state')).filter(x => x.offsetParent !== null);
  return vis.length === 1
    && JSON.stringify(JSON.parse(vis[0].getAttribute('data-coursekit-state'))) === JSON.stringify(want);
}"""
)

# The quiz around radio i shows the feedback for that option, and only that one.
QUIZ_FOLLOWS = """i => {
  const e = document.querySelector(`[data-pointer-test="${i}"]`);
  const q = e.closest('.coursekit-quiz');
  const choice = e.parentElement.textContent.replace(/\\s+/g, ' ').trim();
  const vis = Array.from(q.querySelectorAll('.coursekit-feedback')).filter(x => x.offsetParent !== null);
  return vis.length === 1 && vis[0].getAttribute('data-coursekit-choice').replace(/\\s+/g, ' ').trim() === choice;
}"""

# After the click on control i, in one call: did it land on the control (or at least give it
# focus: a native select)? For a widget's or quiz's control (``follow``), wait up to 3 s for
# the widget to show the drawing its controls select (WIDGET_FOLLOWS) or the quiz the
# feedback for that option (QUIZ_FOLLOWS). Then its aria-expanded, to close a disclosure again.
AFTER_CLICK = (
    """async ([i, follow, read]) => {
  const e = document.querySelector(`[data-pointer-test="${i}"]`);
  const a = document.activeElement;
  const clicked = window.__pointerOk || e === a || e.contains(a);
  let followed = null;
  if (clicked && follow) {
    const widgetFollows = """
    + WIDGET_FOLLOWS
    + """, quizFollows = """
    + QUIZ_FOLLOWS
    + """;
    const answered = () => { try { return follow === 'widget' ? widgetFollows([i, read]) : quizFollows(i); }
                             catch (err) { return false; } };
    followed = !!(await ("""
    + POLL
    + """)(answered, v => !!v, 3000));
  }
  return {clicked, followed, expanded: e.getAttribute('aria-expanded')};
}"""
)


@dataclass
class Visit:
    """What one page showed at one width."""

    rel: str
    width: int
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    axe: dict[str, list] = field(default_factory=dict)  # colour mode -> violations
    controls: int = 0
    pointer_problems: list[str] = field(default_factory=list)
    widgets_checked: int = 0
    quiz_options_checked: int = 0
    keyboard_problems: list[str] = field(default_factory=list)
    keyboard_states_checked: int = 0
    keyboard_quiz_options_checked: int = 0
    phone_figures: list[dict] = field(default_factory=list)  # PHONE_FIGURES: static copy, then live
    sideways: dict | None = None  # what sticks out past the screen's right edge (SIDEWAYS)

    @property
    def load_problems(self) -> list[str]:
        return (
            self.errors
            + [f"foreign request: {u}" for u in self.foreign_requests]
            + [f"failed request: {u}" for u in self.failed_requests]
        )


def is_redirect(site: Path, rel: str) -> bool:
    return 'http-equiv="Refresh"' in (site / rel).read_text(encoding="utf-8")[:300]


def watch(page, visit) -> None:
    """Record page errors, console errors, failed requests; abort and record any request
    to another host. ``visit`` is anything with those three lists (a Visit, a PageReport)."""

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:  # never let a page reach the internet; record that it tried
            visit.foreign_requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: visit.errors.append(f"page error: {exc}"))
    page.on(
        "console", lambda m: visit.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on(
        "response", lambda r: visit.failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )


def _pointer_pass(page, visit: Visit) -> None:
    """Every control: on screen, not covered, at least 24x24 px, and it answers a mouse click
    at its centre; widget and quiz controls must also change what the widget shows."""
    count = page.evaluate(TAG_CONTROLS, CONTROLS)
    visit.controls = count
    for i in range(count):
        where = page.evaluate(LOCATE, i)
        label = f"{where['what']} (control {i + 1})"
        if not where["inView"]:
            visit.pointer_problems.append(f"{label}: off screen even when scrolled to")
            continue
        if where["covered"]:
            visit.pointer_problems.append(f"{label}: covered by {where['onTop']}")
            continue
        if where["clipped"]:
            visit.pointer_problems.append(f"{label}: its text is cut off by its own box")
        small = where["w"] < 24 or where["h"] < 24
        if small and not where["sizeExempt"]:  # a radio's label is its larger target
            visit.pointer_problems.append(f"{label}: {where['w']:.0f}x{where['h']:.0f} px, under 24x24")
        page.mouse.click(where["x"], where["y"])  # armed by LOCATE
        if where["kind"] == "select":
            page.keyboard.press("Escape")  # close the list the click opened
        widget_control = where["widget"] and where["kind"] in ("radio", "button")
        follow = (
            "widget" if widget_control else "quiz" if where["quiz"] and where["kind"] == "radio" else None
        )
        after = page.evaluate(AFTER_CLICK, [i, follow, READ_CONTROL])
        if not after["clicked"]:
            visit.pointer_problems.append(f"{label}: a click at its centre did not reach it")
            continue
        if follow == "widget" and after["followed"]:
            visit.widgets_checked += 1
        elif follow == "widget":
            visit.pointer_problems.append(f"{label}: the widget's drawing did not follow the click")
        elif follow == "quiz" and after["followed"]:
            visit.quiz_options_checked += 1
        elif follow == "quiz":
            visit.pointer_problems.append(f"{label}: no feedback for this option after a click")
        # A disclosure (a <summary>, a solution's toggle button) is closed again, so the page
        # ends the pass as it started (the 320 px pass runs on the same page afterwards).
        expanded_now = after["expanded"] if where["expanded"] is not None else None
        if where["kind"] == "summary" or expanded_now != where["expanded"]:
            page.mouse.click(where["x"], where["y"])
            page.wait_for_function(TRANSITIONS_DONE, timeout=5_000)


# ---- keyboard: each widget and quiz operated with Tab, arrows, Space and Enter only ----

# The drawings on display inside one widget (hidden Stack children are not rendered).
VISIBLE_STATES = """w => Array.from(w.querySelectorAll('.coursekit-state'))
  .filter(e => e.offsetParent !== null)
  .map(e => {
    const img = e.querySelector('img');
    return {state: e.getAttribute('data-coursekit-state'),
            alt: img ? img.getAttribute('alt') : e.getAttribute('aria-label')};
  })"""


# The options a keyboard user Tabs through (a dropdown's are chosen with arrow keys), and all.
KEYBOARD_ITEMS = "input[type=radio], .widget-toggle-button"
OPTIONS = f"select option, {KEYBOARD_ITEMS}"

# Focus where keyboard operation starts (a dropdown's select, else its first option) and say
# which option is selected there now.
FOCUS_CONTROL = (
    """c => {
  const select = c.querySelector('select');
  if (select) { select.focus(); return {select: true, current: select.selectedIndex}; }
  c.querySelector('"""
    + KEYBOARD_ITEMS
    + """').focus();
  return {select: false, current: 0};
}"""
)
# The tag of option t if the keyboard focus is on it, else null.
FOCUSED_OPTION = (
    """(c, t) => {
  const e = c.querySelectorAll('"""
    + KEYBOARD_ITEMS
    + """')[t];
  return e === document.activeElement ? e.tagName : null;
}"""
)


def option_count(control) -> int:
    return control.evaluate(f"c => c.querySelectorAll('{OPTIONS}').length")


def choose_by_keyboard(page, control, target: int) -> None:
    """Select option ``target`` of ``control`` (an element handle) using the keyboard only."""
    start = control.evaluate(FOCUS_CONTROL)
    if start["select"]:  # a dropdown: arrow keys from the current option
        key = "ArrowDown" if target > start["current"] else "ArrowUp"
        for _ in range(abs(target - start["current"])):
            page.keyboard.press(key)
        return
    # Radio buttons and toggle buttons: Tab from the first option to the target, then press.
    for _ in range(target):
        page.keyboard.press("Tab")
    focused_tag = control.evaluate(FOCUSED_OPTION, target)
    assert focused_tag, f"Tab did not reach option {target + 1} of control {control.evaluate(READ_CONTROL)}"
    page.keyboard.press("Space" if focused_tag == "INPUT" else "Enter")


# One call reads a widget's controls and the drawings it shows (each browser round trip costs
# more than the check itself); ``settled``: exactly one drawing, the one the controls select.
WIDGET_SNAPSHOT = (
    """([w, read]) => {
  const readControl = eval(read);
  const canon = o => JSON.stringify(Object.keys(o).sort().map(k => [k, o[k]]));
  const shown = Array.from(w.querySelectorAll('"""
    + CONTROL_SELECTOR
    + """')).map(readControl);
  const want = {};
  shown.forEach(s => { want[s.label] = s.value; });
  const vis = ("""
    + VISIBLE_STATES
    + """)(w);
  const settled = vis.length === 1 && canon(JSON.parse(vis[0].state)) === canon(want);
  return {shown, want, vis, settled};
}"""
)
# The snapshot once it has settled, or after ``ms`` milliseconds as it is (one round trip).
SETTLED_SNAPSHOT = (
    """([w, read, ms]) => {
  const snapshot = """
    + WIDGET_SNAPSHOT
    + """;
  return ("""
    + POLL
    + """)(() => snapshot([w, read]), snap => snap.settled, ms);
}"""
)


def check_visible(page, widget, where: str) -> tuple[dict, str]:
    """Wait until exactly one drawing shows the controls' state; return (state, alt).
    ``widget`` is an element handle."""
    snap = page.evaluate(SETTLED_SNAPSHOT, [widget, READ_CONTROL, 3000])
    shown, want, visible = snap["shown"], snap["want"], snap["vis"]
    assert all(s["value"] is not None for s in shown), f"{where}: a control shows no selection: {shown}"
    assert len(visible) == 1, f"{where}: expected one drawing on display, found {len(visible)}"
    got = json.loads(visible[0]["state"])
    assert got == want, f"{where}: controls show {want} but the drawing shows {got}"
    alt = (visible[0]["alt"] or "").strip()
    assert alt, f"{where}: the drawing for {want} has no alt text"
    return got, alt


def _keyboard_widget(page, widget, where: str, visit: Visit) -> None:
    widget.scroll_into_view_if_needed()
    controls = widget.query_selector_all(CONTROL_SELECTOR)
    assert controls, f"{where}: no keyboard control found"
    alt_by_state = {}
    state, alt = check_visible(page, widget, f"{where} (initial)")
    alt_by_state[json.dumps(state, sort_keys=True)] = alt
    for c_i, control in enumerate(controls):
        start = control.evaluate(READ_CONTROL)["value"]
        back = control.evaluate(
            f"""(c, v) => Array.from(c.querySelectorAll('{OPTIONS}'))
                .findIndex(e => (e.tagName === 'INPUT' ? e.parentElement : e).textContent.replace(/\\s+/g, ' ').trim() === v)""",
            start,
        )
        for target in [*range(option_count(control)), back]:  # every option, then back
            choose_by_keyboard(page, control, target)
            state, alt = check_visible(page, widget, f"{where} control {c_i + 1} option {target + 1}")
            key = json.dumps(state, sort_keys=True)
            assert alt_by_state.setdefault(key, alt) == alt, f"{where}: alt text for {state} changed"
            visit.keyboard_states_checked += 1
    # alt text describes its state: different states never share one description
    alts = list(alt_by_state.values())
    assert len(set(alts)) == len(alts), f"{where}: states share alt text: {alt_by_state}"


def _keyboard_quiz(page, quiz, where: str, visit: Visit) -> None:
    quiz.scroll_into_view_if_needed()
    shown = quiz.evaluate(
        "q => Array.from(q.querySelectorAll('.coursekit-feedback')).filter(e => e.offsetParent !== null).length"
    )
    assert shown == 0, f"{where}: feedback is shown before any answer is chosen"
    control = quiz.query_selector(CONTROL_SELECTOR)
    assert control, f"{where}: no keyboard control found"
    verdicts = []
    for target in range(option_count(control)):
        choose_by_keyboard(page, control, target)
        chosen = control.evaluate(READ_CONTROL)["value"]
        shown = page.wait_for_function(
            """([q, v]) => {
                 const vis = Array.from(q.querySelectorAll('.coursekit-feedback')).filter(e => e.offsetParent !== null);
                 return vis.length === 1 && vis[0].getAttribute('data-coursekit-choice') === v
                   && {text: vis[0].innerText, verdict: vis[0].getAttribute('data-coursekit-verdict')};
               }""",
            arg=[quiz, chosen],
            timeout=3000,
        ).json_value()
        assert shown["text"].strip(), f"{where}: empty feedback for {chosen!r}"
        verdicts.append(shown["verdict"])
        visit.keyboard_quiz_options_checked += 1
    assert verdicts.count("correct") == 1, f"{where}: expected one correct option, got {verdicts}"


def _keyboard_pass(page, visit: Visit) -> None:
    # Widgets, quizzes and their controls are element handles, resolved once: each call on a
    # locator resolves it again (three browser round trips instead of one), and round trips,
    # not the checks, were most of this pass's time.
    for selector, check, kind in (
        (".coursekit-widget:not(.coursekit-live)", _keyboard_widget, "widget"),
        (".coursekit-quiz", _keyboard_quiz, "quiz"),
    ):
        for n, item in enumerate(page.query_selector_all(selector)):
            where = f"{visit.rel} at {visit.width} px, {kind} {n + 1}"
            try:
                check(page, item, where, visit)
            except Exception as err:  # record and go on: one report lists every failure
                visit.keyboard_problems.append(str(err).splitlines()[0])


#: The theme's scripts load after the first paint (coursekit/sphinx/afterpaint.py) and then
#: rework some controls (toggles, menus): operate the page once they have run.
THEME_SCRIPTS_RAN = (
    "() => !document.querySelector('script[data-coursekit-after-paint]')"
    " || document.documentElement.dataset.courseScripts === 'loaded'"
)


#: Run first in every page of a visit. The pages open one after another in one tab, so each
#: starts with empty web storage, as a first visit does (the theme stores the colour mode on
#: every load). Transitions and animations are off, as in Playwright's screenshots: every
#: check reads an end state (a colour once its fade is over, a disclosure once open), so
#: waiting out each 0.15 to 0.35 s fade (on every solution toggle, at three widths) only made
#: the visit slower.
FIRST_VISIT = """try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}
document.addEventListener('DOMContentLoaded', () => {
  const s = document.createElement('style');
  s.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.append(s);
});"""


class BrowserTab:
    """One browser tab that opens the pages of a visit one after another.

    Navigating an open tab makes a visit about a quarter shorter than a new tab per page: the
    browser starts no new renderer, and the renderer keeps the scripts it compiled (axe, the
    theme's). Each page is still a fresh document with empty web storage (FIRST_VISIT), at
    the visit's width (a narrowed pass sets it back). ``watch`` records into ``tab`` and the
    record goes to the page being visited (``tab.visit``)."""

    def __init__(self, browser, width: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        self.context.add_init_script(FIRST_VISIT)
        self.page = self.context.new_page()
        self.visit: Visit | None = None
        watch(self.page, self)

    @property
    def errors(self) -> list[str]:
        return self.visit.errors

    @property
    def foreign_requests(self) -> list[str]:
        return self.visit.foreign_requests

    @property
    def failed_requests(self) -> list[str]:
        return self.visit.failed_requests

    def open(self, url: str, visit: Visit) -> None:
        self.visit = visit
        if self.page.viewport_size["width"] != visit.width:
            self.page.set_viewport_size({"width": visit.width, "height": HEIGHT})
        self.page.goto(url, wait_until="load", timeout=60_000)

    def close(self) -> None:
        self.context.close()


def visit_page(
    tab: BrowserTab, http_root: str, site: Path, rel: str, width: int, *, narrow_to: int | None = None
) -> list[Visit]:
    """Open ``rel`` at ``width`` in ``tab``: load, axe in both colour modes, keyboard (at
    KEYBOARD_WIDTH) and pointer passes; at the phone width, the widget figures' sizes
    (PHONE_FIGURES). With ``narrow_to``, the viewport is then narrowed on the same page for a
    second pointer pass (one Visit per width)."""
    visit = Visit(rel=rel, width=width)
    page = tab.page
    tab.open(http_root + rel, visit)
    if is_redirect(site, rel):
        # wait until it has gone, so it does not navigate away from the next page
        page.wait_for_url(lambda url: url != http_root + rel, timeout=30_000)
        page.wait_for_load_state("load")
        return [visit] + ([Visit(rel=rel, width=narrow_to)] if narrow_to else [])
    page.wait_for_function(THEME_SCRIPTS_RAN, timeout=30_000)
    phone = width == min(WIDTHS)
    if phone:  # the static copy, as a phone shows it before the widgets load
        visit.phone_figures.append(page.evaluate(PHONE_FIGURES))
    page.evaluate("() => window.courseLoadWidgets && window.courseLoadWidgets()")
    try:
        page.wait_for_function(WIDGETS_RENDERED, timeout=30_000)
        if phone and page.locator(".coursekit-fallback figure").count():
            page.wait_for_selector(".coursekit-widget .coursekit-state", timeout=30_000)
            visit.phone_figures.append(page.evaluate(PHONE_FIGURES))  # the widgets' own drawings
    except Exception as err:
        visit.errors.append(f"widgets did not render ({err})")
        return [visit] + ([Visit(rel=rel, width=narrow_to, errors=list(visit.errors))] if narrow_to else [])
    visit.sideways = page.evaluate(SIDEWAYS)
    page.add_script_tag(path=str(AXE))
    for mode in ("light", "dark"):
        page.evaluate(SET_MODE, mode)
        # Bootstrap's buttons fade for 0.15 s: FIRST_VISIT turns fades off, so this returns
        # at once; it keeps contrast read after any fade a later style might add
        page.wait_for_function(TRANSITIONS_DONE, timeout=5_000)
        visit.axe[mode] = page.evaluate(AXE_RUN, AXE_MODES[mode])
    page.evaluate(SET_MODE, "light")
    if width == KEYBOARD_WIDTH:
        _keyboard_pass(page, visit)  # first: it checks that quizzes start unanswered
    _pointer_pass(page, visit)
    visits = [visit]
    if narrow_to:
        narrow = Visit(rel=rel, width=narrow_to)
        page.set_viewport_size({"width": narrow_to, "height": HEIGHT})
        page.wait_for_function(f"() => document.documentElement.clientWidth <= {narrow_to}", timeout=5_000)
        page.wait_for_function(TRANSITIONS_DONE, timeout=5_000)
        narrow.sideways = page.evaluate(SIDEWAYS)
        _pointer_pass(page, narrow)
        visits.append(narrow)
    return visits


#: The narrowest phone width: its pointer pass runs on each page of the 390 px visit with the
#: viewport narrowed, instead of loading every page a third time. No style sheet or script of
#: the book (the theme's, Bootstrap's or ours) has a breakpoint between 320 and 390 px, so the
#: page lays out as a fresh load at 320 px would.
NARROW = 320


@functools.cache
def _visit_site(browser, http_root: str, site: Path, width: int) -> dict[int, dict[str, Visit]]:
    # The projector decks (slides/) show one slide at a time: tests/site/test_slides.py drives them.
    pages = [rel for rel in site_pages(site) if not rel.startswith("slides/")]
    narrow_to = NARROW if width == min(WIDTHS) else None
    found: dict[int, dict[str, Visit]] = {}
    tab = BrowserTab(browser, width)
    try:
        for rel in pages:
            for visit in visit_page(tab, http_root, site, rel, width, narrow_to=narrow_to):
                found.setdefault(visit.width, {})[rel] = visit
    finally:
        tab.close()
    return found


def visit_site(browser, http_root: str, site: Path, width: int) -> dict[str, Visit]:
    """Every page of ``site`` at ``width`` (390, 1280, or NARROW: pointer pass only), once per
    session and worker."""
    if width not in (*WIDTHS, NARROW):
        raise ValueError(f"visit_site: no visit at {width} px; use one of {sorted((*WIDTHS, NARROW))}")
    return _visit_site(browser, http_root, site, min(WIDTHS) if width == NARROW else width)[width]


def dumps(found) -> str:
    return json.dumps(found, indent=1, ensure_ascii=False)
