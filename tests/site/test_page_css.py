"""The built site's style: one small render-blocking sheet per page (coursekit/sphinx/purge.py),
still holding the rules our scripts, templates and the theme's scripts rely on, and a late
sheet for the rules no first paint in light mode uses (dark mode, widgets, tooltips, print).

The size limit is a property of the output, not a timing: Lighthouse's figures stay in
``bench/benchmark.py``.
"""

from __future__ import annotations

import re

import pytest

from coursekit.paths import REPO_ROOT
from coursekit.sphinx import purge
from tests.helpers import site_pages
from tests.pageload import THEME_SCRIPTS_RAN, is_redirect

#: Render-blocking CSS per page, in bytes (the purged sheet is about 116 KB, 135 KB before the
#: late sheet; the theme's own sheets were 0.27-0.31 MB). Raise it only with a reason.
MAX_BLOCKING_CSS = 120_000
STYLESHEET = re.compile(
    r'<link (?=[^>]*rel="stylesheet")(?![^>]*media="print")[^>]*href="([^"?]+)[^"]*"[^>]*>'
)
NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
#: The inline loader that adds book-late.css after the first paint (or, for a saved dark mode,
#: writes it as a blocking link): the sheet it loads.
LATE_LOADER = re.compile(r'<script data-coursekit-late>.*?\}\)\("([^"?]+)[^"]*"\);\s*</script>', re.S)
SELECTOR = re.compile(r"([^{}@;]+)\{")
CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")

#: Our scripts and the HTML our build writes: the classes they add or look for at run time.
OWN_SOURCES = (
    "coursekit/sphinx/static/answer-box/answer-box.js",
    "coursekit/sphinx/quiz_static/coursekit-quiz.js",
    "coursekit/sphinx/static/widgets-loader.js",
    "coursekit/sphinx/static/offline-widgets-setup.js",
    "coursekit/sphinx/progressive.py",
    "coursekit/sphinx/answer_boxes.py",
)
#: The theme's scripts, as built: the classes they toggle (sidebars, search dialog, dark mode).
THEME_SCRIPTS = ("_static/scripts/pydata-sphinx-theme.js", "_static/scripts/sphinx-book-theme.js")
USED_CLASS = re.compile(
    r"""classList\.(?:add|remove|toggle|contains)\(\s*["']([\w-]+)"""
    r"""|querySelector(?:All)?\(\s*["'][^"']*?\.([\w-]+)"""
    r"""|class=\\?["']([\w\s-]+)"""
)


def _selectors(css: str) -> set[str]:
    return {s.strip() for m in SELECTOR.finditer(css) for s in m.group(1).split(",")}


def _classes(css: str) -> set[str]:
    return {c for sel in _selectors(css) for c in CLASS.findall(sel)}


def _used_classes(text: str) -> set[str]:
    found = set()
    for groups in USED_CLASS.findall(text):
        for g in groups:
            found |= set(g.split())
    return found


def test_every_page_blocks_its_first_paint_on_one_small_style_sheet(built_book):
    problems = {}
    for rel in site_pages(built_book):
        # The projector decks (slides/) are not pages of the book: they link reveal.js's sheets
        # and their own (tests/site/test_slides.py checks them).
        if is_redirect(built_book, rel) or rel.startswith("slides/"):
            continue
        head = (built_book / rel).read_text(encoding="utf-8").partition("</head>")[0]
        sheets = STYLESHEET.findall(NOSCRIPT.sub("", head))  # <noscript>: only with JS off
        late = LATE_LOADER.findall(head)
        fallback = [n for n in NOSCRIPT.findall(head) if "book-late.css" in n]
        if [s.rpartition("/")[2] for s in late] != ["book-late.css"] or len(fallback) != 1:
            problems[rel] = f"the late sheet is not loaded once after paint, with a <noscript> copy: {late}"
            continue
        if len(sheets) != 1 or not sheets[0].endswith("_static/book.css"):
            problems[rel] = f"render-blocking style sheets: {sheets}"
            continue
        css = (built_book / rel).parent.joinpath(sheets[0]).resolve()
        text = css.read_text(encoding="utf-8")
        if "@import" in text or css.stat().st_size > MAX_BLOCKING_CSS:
            problems[rel] = f"{css.stat().st_size} bytes (limit {MAX_BLOCKING_CSS}) or an @import"
    assert problems == {}


def _site_css(built_book) -> str:
    static = built_book / "_static"
    return (static / "book.css").read_text(encoding="utf-8") + (static / "book-late.css").read_text(
        encoding="utf-8"
    )


def test_the_purged_sheet_keeps_the_rules_our_scripts_templates_and_the_theme_use(built_book):
    book = _site_css(built_book)
    sources = re.search(r"/\*! sources: ([^*]*) \*/", book).group(1).split()
    styled = set()  # classes some source sheet styles
    for name in sources:
        styled |= _classes((built_book / "_static" / name).read_text(encoding="utf-8"))
    used = set()
    for path in OWN_SOURCES:
        used |= _used_classes((REPO_ROOT / path).read_text(encoding="utf-8"))
    for path in THEME_SCRIPTS:
        used |= _used_classes((built_book / path).read_text(encoding="utf-8"))
    wanted = used & styled
    # the pass must have found the classes that matter, or it proves nothing
    assert {"answer-box__model", "coursekit-fallback", "coursekit-state"} <= wanted
    assert len(wanted) > 20
    missing = sorted(wanted - _classes(book))
    assert missing == [], f"style rules lost by the purge: {missing}"


def test_dark_mode_and_the_icon_fonts_survive_the_purge(built_book):
    book = (built_book / "_static" / "book.css").read_text(encoding="utf-8")
    late = (built_book / "_static" / "book-late.css").read_text(encoding="utf-8")
    dark = [s for s in _selectors(late) if re.search(r'data-theme="?dark', s)]
    assert len(dark) > 100, f"only {len(dark)} dark-mode selectors left"
    assert any(s.endswith(".highlight .nn") for s in dark)  # code colours
    # the blocking sheet keeps no rule that only dark mode, a widget, a tooltip or print uses
    assert [b[:80] for b in purge.top_level_blocks(book.partition("*/")[2]) if purge.is_late(b)] == []
    faces = re.findall(r"@font-face\{[^}]*\}", book)
    assert faces and all("url(data:font/woff;base64," in f for f in faces)
    assert "webfonts/" not in book  # no request for the 156 KB fonts any more


def _first_paint_classes(css: str) -> set[str]:
    """Classes styled by a rule of ``css`` that a light-mode screen can use (not a late one)."""
    return {c for b in purge.top_level_blocks(purge.minify(css)) if not purge.is_late(b) for c in _classes(b)}


def test_every_class_a_page_uses_keeps_its_first_paint_rules_in_the_blocking_sheet(built_book):
    """Moving rules to the late sheet must not take a rule a page's first paint needs: each
    class in a page's HTML that a source sheet styles outside dark mode, widgets, tooltips and
    print still has a rule in book.css."""
    static = built_book / "_static"
    book = (static / "book.css").read_text(encoding="utf-8")
    kept = _classes(book)
    sources = re.search(r"/\*! sources: ([^*]*) \*/", book).group(1).split()
    styled = set().union(*(_first_paint_classes(purge.read_sheet(static, s)) for s in sources))
    missing, pages = {}, 0
    for rel in site_pages(built_book):
        if is_redirect(built_book, rel) or rel.startswith("slides/"):
            continue
        pages += 1
        html = (built_book / rel).read_text(encoding="utf-8")
        used = {c for v in re.findall(r'class="([^"]*)"', html) for c in v.split()}
        if lost := sorted((used & styled) - kept):
            missing[rel] = lost
    assert pages > 20 and {"bd-article", "highlight", "admonition"} <= styled  # the pass saw the site
    assert missing == {}


@pytest.mark.browser
def test_dark_mode_gets_its_rules_when_toggled_and_at_first_paint_when_saved(browser, http_root):
    """book-late.css holds the dark rules: toggling to dark (after load) must paint dark, and a
    reader whose saved mode is dark must get them before the first paint (no light flash)."""
    dark_bg = "() => getComputedStyle(document.body).backgroundColor"
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(http_root + "chapters/glossary.html", wait_until="load")
        light = page.evaluate(dark_bg)
        # every theme script has run: pydata-sphinx-theme's writes the page's mode into
        # localStorage when it starts, which would overwrite the saved mode set below
        page.wait_for_function(THEME_SCRIPTS_RAN, timeout=15_000)
        late_loaded = (
            "() => Array.from(document.styleSheets).some(s => (s.href || '').includes('book-late.css'))"
        )
        assert not page.evaluate("() => !!document.querySelector('link[href*=\"book-late.css\"][media]')")
        page.wait_for_function(late_loaded, timeout=15_000)  # added after the first paint
        page.evaluate(
            "() => { localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark'); }"
        )
        page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
        toggled = page.evaluate(dark_bg)
        # saved dark mode: the body is dark in the first frame that shows it. (Not read at
        # DOMContentLoaded, which does not wait for style sheets; a frame is not rendered while
        # a render-blocking sheet is still loading.)
        page.add_init_script(
            "(function first() { requestAnimationFrame(() => document.body"
            " ? window.__bgAtParse = window.__bgAtParse || getComputedStyle(document.body).backgroundColor"
            " : first()); })();"
        )
        page.goto(http_root + "chapters/glossary.html", wait_until="load")
        page.wait_for_function("() => window.__bgAtParse !== undefined", timeout=15_000)
        at_parse = page.evaluate("() => window.__bgAtParse")
    finally:
        context.close()
    assert light != toggled, "toggling to dark mode changed nothing"
    assert at_parse == toggled, f"saved dark mode painted {at_parse} before load, {toggled} after"
