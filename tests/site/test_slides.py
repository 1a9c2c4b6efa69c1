"""The projector view (issue #14, requirement 4): one reveal.js deck per essay chapter.

What a deck must show is read here from the chapter sources, independently of
``coursekit/sphinx/slides.py``: the essay chapters are the chapters with a "The section in
brief" section, and their discussion prompts are the numbered lines of "## Discussion".
The browser tests open each deck from a folder (``file://``, where loading is strictest) and
the first deck over http as well (the decks share one template and script), go to the widget
slide with the arrow key, operate the widget and watch every request.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.helpers import REPO_ROOT
from tests.pageload import AXE, AXE_MODES, AXE_RUN, LOCAL_HOSTS, watch

CHAPTERS = REPO_ROOT / "chapters"
VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def _h2(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


def essay_chapters() -> list[str]:
    return sorted(
        p.stem for p in CHAPTERS.glob("*.md") if _h2(p.read_text(encoding="utf-8"), "The section in brief")
    )


STEMS = essay_chapters()


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def source_prompts(stem: str) -> list[tuple[int, str]]:
    """(number, the words before any markup) of each prompt in the chapter's source."""
    body = _h2((CHAPTERS / f"{stem}.md").read_text(encoding="utf-8"), "Discussion")
    body = body.split(":::")[0]  # the instructor notes come after the prompts
    found = []
    for number, line in re.findall(r"^(\d+)\. (.+)$", body, re.M):
        lead = re.split(r"[{*`\[]", line)[0]
        found.append((int(number), _plain(lead)))
    return found


def deck_prompts(deck: str) -> list[tuple[int, str]]:
    return [
        (int(n), _plain(text))
        for n, text in re.findall(
            r'data-prompt="(\d+)">.*?<div class="course-prompt-text">(.*?)</div></section>', deck, re.S
        )
    ]


def test_the_essay_chapters_are_found():
    assert STEMS == [
        "02-thesis",
        "03-rapprochement",
        "04-shadow-diplomacy",
        "05-tariff-trouble",
        "06-zero-sum",
        "07-concluding-thoughts",
    ]


@pytest.mark.parametrize("stem", STEMS)
def test_each_deck_shows_the_chapters_prompts_and_no_instructor_note(built_book, stem):
    deck_path = built_book / "slides" / f"{stem}.html"
    assert deck_path.is_file(), f"no projector view for {stem}"
    deck = deck_path.read_text(encoding="utf-8")
    want, got = source_prompts(stem), deck_prompts(deck)
    assert len(want) >= 3, f"the test found too few prompts in chapters/{stem}.md: {want}"
    assert [n for n, _ in got] == [n for n, _ in want], f"{stem}: prompt numbers differ"
    for (n, lead), (_, text) in zip(want, got):
        assert text.startswith(lead), f"{stem} prompt {n}: deck says {text[:80]!r}, chapter {lead!r}"
    for leak in ("Instructor notes", "instructor-note", "What a strong answer", "Prompt 1:"):
        assert leak not in deck, f"{stem}: the deck carries instructor-only content ({leak!r})"
    brief = _h2((CHAPTERS / f"{stem}.md").read_text(encoding="utf-8"), "The section in brief")
    first_words = " ".join(_plain(re.split(r"[{*`\[]", brief.strip())[0]).split()[:6])
    assert first_words in _plain(deck), f"{stem}: the deck lacks the section in brief ({first_words!r})"
    assert '<html lang="en"' in deck
    sections = re.findall(r"<section\b.*?</section>", deck, re.S)
    assert sections and all(re.search(r"<h[12]>", s) for s in sections), f"{stem}: a slide without heading"


def test_each_chapter_links_its_deck_and_the_guide_lists_them(built_book):
    for stem in STEMS:
        page = (built_book / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        assert f'href="../slides/{stem}.html"' in page, f"chapters/{stem}.html does not link its deck"
    text = (built_book / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    # The student edition keeps only a notice on the guide's page (coursekit/sphinx/editions.py).
    if "part of the instructor’s edition" not in text:
        missing = [s for s in STEMS if f'href="../slides/{s}.html"' not in text]
        assert missing == [], f"the instructor's guide does not list the decks of {missing}"


def _first_control_changes_output(page) -> None:
    """Operate the widget on the current slide; what it shows must change."""
    shown = """() => Array.from(document.querySelectorAll('.reveal .present .widget-subarea .coursekit-state'))
      .filter(e => e.offsetParent !== null).map(e => e.outerHTML).join('')"""
    before = page.evaluate(shown)
    assert before, "the live widget shows nothing"
    slide = page.evaluate("() => Reveal.getIndices().h")
    select = page.locator(".reveal .present .widget-subarea select").first
    if select.count():
        select.focus()
        page.keyboard.press("ArrowDown")
    else:
        page.locator(
            ".reveal .present .widget-subarea :is(.widget-toggle-button:not(.mod-active), input[type=radio]:not(:checked))"
        ).first.click()
    page.wait_for_function(f"before => ({shown})() !== before", arg=before, timeout=5000)
    assert page.evaluate("() => Reveal.getIndices().h") == slide, "operating the widget turned the slide"


def _file_or_local(route, report) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:")) or urlparse(url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        report.foreign_requests.append(url)
        route.abort()


@pytest.mark.parametrize(("stem", "how"), [(stem, "file") for stem in STEMS] + [(STEMS[0], "http")])
def test_deck_opens_offline_and_its_widget_works(browser, built_book, http_root, stem, how):
    url = (
        (built_book / "slides" / f"{stem}.html").as_uri()
        if how == "file"
        else f"{http_root}slides/{stem}.html"
    )
    report = type("Report", (), {})()
    report.errors, report.foreign_requests, report.failed_requests = [], [], []
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        watch(page, report)
        if how == "file":  # watch() lets only local hosts through; a file has no host at all
            page.unroute("**/*")
            page.route("**/*", lambda r: _file_or_local(r, report))
        page.on("requestfailed", lambda r: report.failed_requests.append(f"failed: {r.url}"))
        page.goto(url, wait_until="load")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        kinds = page.eval_on_selector_all(".slides > section", "s => s.map(x => x.dataset.courseSlide)")
        assert kinds[0] == "title" and kinds[-1] == "end" and "prompt" in kinds, kinds
        page.locator("body").click(position={"x": 5, "y": 5})
        for _ in range(kinds.index("widget")):
            page.keyboard.press("ArrowRight")
        assert page.evaluate("() => Reveal.getCurrentSlide().dataset.courseSlide") == "widget"
        page.wait_for_function(
            f"() => Array.from(document.querySelectorAll('.reveal .present {VIEW}'))"
            ".every(s => s.previousElementSibling && s.previousElementSibling.querySelector('.lm-Widget'))",
            timeout=30_000,
        )
        fallback_hidden = page.evaluate(
            "() => Array.from(document.querySelectorAll('.reveal .present .coursekit-fallback'))"
            ".every(f => getComputedStyle(f).display === 'none')"
        )
        assert fallback_hidden, "the static copy still shows beside the live widget"
        _first_control_changes_output(page)
        page.keyboard.press("Escape")  # leave the control; then the deck moves on again
        page.locator(".reveal .present h2").click()
        page.keyboard.press("ArrowRight")
        assert page.evaluate("() => Reveal.getCurrentSlide().dataset.courseSlide") in ("widget", "prompt")
    finally:
        context.close()
    assert report.foreign_requests == [], f"requests to other hosts: {report.foreign_requests}"
    assert report.errors == [] and report.failed_requests == [], report.errors + report.failed_requests


def test_a_deck_without_javascript_shows_every_slide_and_the_widgets_default(browser, built_book):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto((built_book / "slides" / "03-rapprochement.html").as_uri(), wait_until="load")
        hidden = page.eval_on_selector_all(
            ".slides > section", "s => s.filter(x => getComputedStyle(x).display === 'none').length"
        )
        assert hidden == 0, f"{hidden} slides hidden without JavaScript"
        figures = page.eval_on_selector_all(
            ".coursekit-fallback img",
            "imgs => imgs.map(i => ({alt: i.alt, visible: i.offsetParent !== null}))",
        )
    finally:
        context.close()
    assert figures and all(f["alt"].strip() and f["visible"] for f in figures), figures


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080), (390, 844)])
def test_deck_slides_pass_axe(browser, http_root, width, height):
    """Title, widget and prompt slides at projector sizes, and the phone reading view."""
    context = browser.new_context(viewport={"width": width, "height": height})
    found = {}
    try:
        page = context.new_page()
        page.goto(f"{http_root}slides/02-thesis.html", wait_until="load")
        page.add_script_tag(path=str(AXE))
        reading = page.evaluate("() => document.documentElement.classList.contains('course-reading')")
        assert reading == (width < 700), "the phone reading view is on at the wrong width"
        kinds = page.eval_on_selector_all(".slides > section", "s => s.map(x => x.dataset.courseSlide)")
        for kind in ("title", "widget", "prompt") if not reading else ("reading",):
            if not reading:
                page.evaluate("n => Reveal.slide(n)", kinds.index(kind))
            if kind in ("widget", "reading"):
                page.evaluate("() => window.courseLoadWidgets()")
                page.wait_for_selector(".widget-subarea .lm-Widget", state="attached", timeout=30_000)
            found[kind] = page.evaluate(AXE_RUN, AXE_MODES["light"])
    finally:
        context.close()
    assert all(v == [] for v in found.values()), found


def test_every_deck_is_reachable_from_the_site_folder(built_book):
    """No page of a deck needs anything outside the site folder (vendored reveal.js)."""
    for stem in STEMS:
        deck = (built_book / "slides" / f"{stem}.html").read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', deck):
            assert not re.match(r"^(?:[a-z]+:)?//", url), f"{stem}: loads {url} from another host"
            assert (built_book / "slides" / url).resolve().is_file(), f"{stem}: {url} is missing"
    assert Path(built_book / "vendor" / "reveal" / "reveal.js").is_file()


def test_deck_helpers_on_small_fragments():
    """The HTML helpers of coursekit/sphinx/slides.py, on hand-made fragments."""
    from coursekit.sphinx import slides

    fragment = (
        '<p>a <b>b</b></p>\n<ol start="3"><li><p>x</p></li></ol><img src="i.png"><div><div>y</div></div>'
    )
    assert slides.children(fragment) == [
        "<p>a <b>b</b></p>",
        '<ol start="3"><li><p>x</p></li></ol>',
        '<img src="i.png">',
        "<div><div>y</div></div>",
    ]
    long, mid, short = "<p>" + "w " * 100 + "</p>", "<p>" + "w " * 60 + "</p>", "<p>w</p>"
    assert slides.paginate([long, mid, short]) == [[long], [mid, short]]
    assert slides.paginate([short, short]) == [[short, short]]
    assert slides.rebase('<a href="#x">', "02-thesis") == '<a href="../chapters/02-thesis.html#x">'
    assert slides.rebase('<a href="bibliography.html#id2">', "02-thesis") == (
        '<a href="../chapters/bibliography.html#id2">'
    )
    for unchanged in (
        '<img src="../_widgets/a.png">',
        '<a href="https://example.org/">',
        '<a href="mailto:x@y">',
    ):
        assert slides.rebase(unchanged, "02-thesis") == unchanged
