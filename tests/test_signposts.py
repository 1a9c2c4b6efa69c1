"""Signposts on every chapter (reading time, prerequisites, next step) and one numbering
scheme: the file prefix (01-08) in the sidebar, the page titles, the exercise pages and
the PDF (which gets no automatic numbers of its own)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from coursekit.sphinx import signposts
from tests.helpers import REPO_ROOT

CHAPTERS = sorted(p.stem for p in (REPO_ROOT / "chapters").glob("0[1-8]-*.md"))
EXERCISES = sorted(p.stem for p in (REPO_ROOT / "exercises").glob("0*.md"))


def _plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html).replace("&#8217;", "'").replace("&amp;", "&")
    return " ".join(text.split())


def _box(page: str, cls: str) -> str | None:
    match = re.search(rf'<div class="[^"]*\b{cls}\b[^"]*">(.*?)</div>', page, re.S)
    return match.group(1) if match else None


def _h1(page: str) -> str:
    match = re.search(r"<h1>(.*?)<a class=\"headerlink\"", page, re.S)
    assert match, "page has no h1"
    return _plain(match.group(1))


class _SidebarLinks(HTMLParser):
    """Text of each link in the left sidebar's navigation, by href."""

    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self._nav = 0
        self._href = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "bd-docs-nav" in (attrs.get("class") or "") or tag == "nav" and self._nav:
            self._nav += 1
        if self._nav and tag == "a":
            self._href, self._text = attrs.get("href"), []

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav:
            self._nav -= 1
        if tag == "a" and self._href is not None:
            self.links[self._href.split("#")[0]] = " ".join("".join(self._text).split())
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


def test_reading_time_arithmetic():
    # 1,373 words at 200 a minute is 6.9, so 7 minutes; plus 4 per widget and 1 per question.
    timing = signposts.ReadingTime(words=1373, widgets=1, questions=3)
    assert (timing.reading_minutes, timing.minutes) == (7, 14)
    assert timing.sentence().startswith("About 14 minutes: 7 to read (1,373 words")
    assert signposts.ReadingTime(words=200, widgets=0, questions=0).minutes == 1


@pytest.mark.parametrize("stem", CHAPTERS)
def test_chapter_front_matter_names_prerequisites_and_next_step(stem):
    front = yaml.safe_load(
        (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8").split("---\n")[1]
    )
    posts = front["signposts"]
    for key in ("prerequisites", "next"):
        assert posts[key], f"{stem}: no {key}"
        for target in posts[key]:
            if target != "none":
                assert (REPO_ROOT / f"{target}.md").is_file(), f"{stem}: {key} {target} does not exist"


@pytest.mark.parametrize("stem", CHAPTERS)
def test_every_chapter_page_shows_reading_time_prerequisites_and_next_step(built_book, stem):
    page = (built_book / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
    about, after = _box(page, "reading-time"), _box(page, "next-step")
    assert about is not None, f"{stem}: no reading-time box"
    text = _plain(about)
    minutes = re.search(r"Reading time\. About (\d+) minutes: (\d+) to read \(([\d,]+) words", text)
    assert minutes, f"{stem}: {text}"
    total, reading, words = int(minutes[1]), int(minutes[2]), int(minutes[3].replace(",", ""))
    assert words > 300 and reading == -(-words // 200) and total >= reading, text
    assert "Prerequisites." in text
    # every explorer the chapter calls counts as a figure or table; a quiz as questions
    source = (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    explorers = len(re.findall(r"^[^#\n]*\bexplorers\.\w+\(", source, re.M))
    if explorers:
        noun = "figure or table" if explorers == 1 else "figures and tables"
        assert f"to explore {explorers} {noun}" in text, f"{stem}: {explorers} explorers, box says {text!r}"
    if "## Check yourself" in source:
        assert re.search(r"for \d+ self-check questions?\.", text), f"{stem}: no self-check in {text!r}"
    assert after is not None and "<a " in after, f"{stem}: no next-step box with a link"
    # the reading-time box comes right under the title, the next step after the last section
    h1 = page.index("<h1>")
    assert h1 < page.index("reading-time") < page.index("<section id=", h1), (
        f"{stem}: box not under the title"
    )
    assert page.index("next-step") > page.rindex("<h2>"), f"{stem}: next step is not after the last section"


@pytest.mark.parametrize("stem", CHAPTERS)
def test_chapter_numbers_agree_in_file_title_and_sidebar(built_book, stem):
    number = int(stem[:2])
    page = (built_book / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
    assert _h1(page).startswith(f"{number}. "), f"{stem}: title {_h1(page)!r}"
    assert 'class="section-number"' not in page, f"{stem}: automatic section numbers would disagree"
    sidebar = _SidebarLinks()
    sidebar.feed((built_book / "chapters" / "index.html").read_text(encoding="utf-8"))
    label = sidebar.links.get(f"{stem}.html")
    assert label is not None, f"{stem}: not in the sidebar ({sorted(sidebar.links)[:5]}...)"
    assert label.startswith(f"{number}. ") and label.count(f"{number}.") == 1, (
        f"{stem}: sidebar says {label!r}"
    )


@pytest.mark.parametrize("stem", EXERCISES)
def test_exercise_pages_name_their_chapter_number(built_book, stem):
    page = (built_book / "exercises" / f"{stem}.html").read_text(encoding="utf-8")
    assert _h1(page).startswith(f"Exercises for chapter {int(stem[:2])}: "), _h1(page)
    ids = re.findall(r"Exercise \((\d\d)-\d+:", _plain(page))
    assert ids and set(ids) == {stem[:2]}, f"{stem}: exercise numbers {set(ids)}"


def test_no_automatic_numbering_anywhere():
    toc = (REPO_ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*numbered:", toc, re.M), "_toc.yml numbers pages itself"
