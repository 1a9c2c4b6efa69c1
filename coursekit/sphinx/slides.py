"""Projector view: a reveal.js slide deck per essay chapter, written after the HTML build.

Each deck (``slides/<chapter>.html``) has a title slide (the chapter, the essay it reads, with
a link), the chapter's "The section in brief" over one or more slides, one slide per widget of
"Data and widget", one slide per discussion prompt and a last slide back to the chapter. The
sections are the ones the seminar handouts keep (:data:`coursekit.course.KEPT_SECTIONS`), taken from
the chapter page this build wrote, so a deck never repeats text by hand and its widgets are the
chapter's own: the same static default state (:mod:`.progressive`), the same state file in
``_widgets/`` and the same lazy loader, so they work from a folder with no kernel. Only the
discussion's numbered prompts and their group labels are taken, never an admonition, so no
instructor note reaches a deck in either edition.

reveal.js comes from its npm package (``package.json``), copied into ``vendor/reveal/``
like the widget manager. The chapters link to their deck (a line under the title, HTML only)
and the ``{projector-decks}`` directive lists every deck (the instructor's guide).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ..course import ESSAY_CHAPTERS, ESSAY_URL, KEPT_SECTIONS, SECTION_CHAPTERS
from . import offline_assets
from .progressive import LOADER, WIDGETS_DIR

BRIEF, WIDGETS, DISCUSSION = KEPT_SECTIONS
SLIDES_DIR = "slides"
REVEAL_DIR = "vendor/reveal"
#: reveal.js files the decks load (from node_modules/reveal.js/), and the course's own two.
REVEAL_FILES = ("dist/reveal.js", "dist/reveal.css", "dist/theme/white-contrast.css")
STATIC = Path(__file__).parent / "static" / "slides"
OWN_FILES = ("course-slides.css", "course-slides.js")
ESSAY = (
    "Andrew Korybko, “Trump’s Tariffs Might Jumpstart Japan’s ‘Eurasian Pivot’. "
    "Russia-Japan Rapprochement?”, Global Research, 8 September 2018"
)
# Without JavaScript the deck is one page; on a phone too (reading view, course-slides.css).
READING_VIEW = (
    'document.documentElement.classList.remove("course-nojs");'
    'if (window.innerWidth < 700) document.documentElement.classList.add("course-reading");'
)
#: About this many words of "The section in brief" fit a 1280×720 slide at projector size.
WORDS_PER_SLIDE = 150

TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
VIEW = 'type="application/vnd.jupyter.widget-view+json"'
GROUP_LABEL = re.compile(r"^<p><strong>([^<]+)</strong></p>$")


class SlidesError(ExtensionError):
    """A chapter or the npm packages lack what a deck needs."""


@dataclass
class Deck:
    stem: str
    title: str  # HTML
    brief: list[list[str]]  # slides of top-level blocks
    widgets: list[str]
    prompts: list[tuple[str, int, str]]  # (group label, number, HTML)


def _element_at(text: str, start: int) -> str:
    """The element that opens at ``start``, up to its matching end tag."""
    depth = 0
    for m in TAG.finditer(text, start):
        closing, name, self_closing = m.groups()
        if name.lower() in VOID or self_closing:
            if depth == 0:
                return m.group(0)
            continue
        depth += -1 if closing else 1
        if depth == 0:
            return text[start : m.end()]
    return text[start:]


def children(inner: str) -> list[str]:
    """The top-level elements of an HTML fragment, in order (text between them dropped)."""
    found, pos = [], 0
    while (m := TAG.search(inner, pos)) is not None:
        if m.group(1):  # a stray end tag
            pos = m.end()
            continue
        element = _element_at(inner, m.start())
        found.append(element)
        pos = m.start() + len(element)
    return found


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def section(page: str, title: str, stem: str) -> list[str]:
    """The top-level blocks of the chapter page's H2 section ``title`` (its heading left out)."""
    m = re.search(rf'<section id="{slug(title)}">', page)
    if m is None:
        raise SlidesError(
            f"chapters/{stem}.md: no '## {title}' section, which its projector view (slide deck) "
            f"shows; add it as in the other essay chapters"
        )
    whole = _element_at(page, m.start())
    return [b for b in children(whole[m.end() - m.start() : -len("</section>")]) if not b.startswith("<h2")]


def rebase(fragment: str, stem: str) -> str:
    """Links of a chapter page fragment, made to work from ``slides/`` (the same depth)."""

    def fix(m: re.Match) -> str:
        attr, url = m.groups()
        if url.startswith("#"):
            url = f"../chapters/{stem}.html{url}"
        elif url and not (url.startswith(("../", "/")) or SCHEME.match(url)):
            url = f"../chapters/{url}"
        return f'{attr}="{url}"'

    return URL_ATTR.sub(fix, fragment)


def _words(block: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", block).split())


def paginate(blocks: list[str], limit: int = WORDS_PER_SLIDE) -> list[list[str]]:
    """Blocks grouped into slides of about ``limit`` words (a long block keeps a slide to itself)."""
    slides: list[list[str]] = []
    count = 0
    for block in blocks:
        n = _words(block)
        if slides and count + n <= limit:
            slides[-1].append(block)
            count += n
        else:
            slides.append([block])
            count = n
    return slides


def _widgets(blocks: list[str], stem: str) -> list[str]:
    outputs = []
    for block in blocks:
        for m in re.finditer(r'<div class="cell_output[^"]*">', block):
            output = _element_at(block, m.start())
            if VIEW in output:
                outputs.append(output)
    if not outputs:
        raise SlidesError(
            f"chapters/{stem}.md: its '## {WIDGETS}' section shows no widget, which its projector "
            "view needs; add the chapter's explorer there (a remove-input code cell)"
        )
    return outputs


def _prompts(blocks: list[str], stem: str) -> list[tuple[str, int, str]]:
    prompts, group = [], ""
    for block in blocks:
        label = GROUP_LABEL.match(block)
        if label:
            group = html.unescape(label.group(1)).strip()
        elif block.startswith("<ol"):
            start = re.match(r'<ol[^>]*\bstart="(\d+)"', block)
            first = int(start.group(1)) if start else 1
            items = [i for i in children(block[block.index(">") + 1 : -len("</ol>")]) if i.startswith("<li")]
            prompts += [
                (group, first + n, item[item.index(">") + 1 : -len("</li>")]) for n, item in enumerate(items)
            ]
    if not prompts:
        raise SlidesError(
            f"chapters/{stem}.md: its '## {DISCUSSION}' section has no numbered prompts "
            "(a '1. ...' list), which its projector view shows one per slide"
        )
    return prompts


def read_deck(page: str, stem: str) -> Deck:
    """What the deck of chapter ``stem`` shows, from the chapter's built page ``page``."""
    title = re.search(r"<h1>(.*?)</h1>", page, re.S)
    if title is None:
        raise SlidesError(f"chapters/{stem}.md: the built page has no title (a '# Title' line)")
    return Deck(
        stem=stem,
        title=HEADERLINK.sub("", title.group(1)).strip(),
        brief=paginate([rebase(b, stem) for b in section(page, BRIEF, stem)]),
        widgets=[rebase(w, stem) for w in _widgets(section(page, WIDGETS, stem), stem)],
        prompts=[(g, n, rebase(p, stem)) for g, n, p in _prompts(section(page, DISCUSSION, stem), stem)],
    )


def _essay_part(stem: str) -> str:
    heading = next((h for h, s in SECTION_CHAPTERS.items() if s == stem), None)
    return "its lead paragraph" if heading is None else f"its section “{html.escape(heading)}”"


def _title_slide(deck: Deck) -> str:
    return (
        f'<section class="course-title" data-course-slide="title"><h1>{deck.title}</h1>'
        f'<p class="course-kicker">Projector view of the chapter, for the seminar room</p>'
        f'<p>Reading {_essay_part(deck.stem)}: <a href="{ESSAY_URL}">{html.escape(ESSAY)}</a>.</p>'
        f'<p class="course-hint">Next slide: → or Space. Previous: ←. Overview: Esc. Full screen: F. '
        f'<a href="../chapters/{deck.stem}.html">Open the chapter</a>.</p></section>'
    )


def _numbered(heading: str, i: int, total: int) -> str:
    return heading if total == 1 else f"{heading} ({i} of {total})"


def slides_html(deck: Deck) -> str:
    """The ``<section>`` slides of ``deck``, in order."""
    parts = [_title_slide(deck)]
    for i, blocks in enumerate(deck.brief, 1):
        parts.append(
            f'<section data-course-slide="brief"><h2>{_numbered(BRIEF, i, len(deck.brief))}</h2>'
            f"{''.join(blocks)}</section>"
        )
    for i, widget in enumerate(deck.widgets, 1):
        parts.append(
            f'<section class="course-widget-slide" data-course-slide="widget" tabindex="0">'
            f"<h2>{_numbered(WIDGETS, i, len(deck.widgets))}</h2>{widget}</section>"
        )
    for group, number, text in deck.prompts:
        kind = f"{html.escape(group)}, " if group else ""
        parts.append(
            f'<section class="course-prompt" data-course-slide="prompt" data-prompt="{number}">'
            f'<h2>{DISCUSSION}</h2><p class="course-kicker">{kind}prompt {number} of '
            f'{deck.prompts[-1][1]}</p><div class="course-prompt-text">{text}</div></section>'
        )
    chapter = f"../chapters/{deck.stem}.html"
    parts.append(
        f'<section data-course-slide="end"><h2>Back to the chapter</h2><ul>'
        f'<li><a href="{chapter}">{deck.title}</a>: context, other perspectives and sources</li>'
        f'<li><a href="{chapter}#{slug("Check yourself")}">Check yourself</a>: the self-check questions</li>'
        f"</ul></section>"
    )
    return "\n".join(parts)


def deck_page(deck: Deck) -> str:
    """The whole HTML file of ``deck`` (in ``slides/``)."""
    plain_title = re.sub(r"<[^>]+>", "", deck.title)
    reveal = f"../{REVEAL_DIR}"
    return f"""<!DOCTYPE html>
<html lang="en" class="course-nojs">
<head>
<meta charset="utf-8">
<script>{READING_VIEW}</script>
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Projector view: {plain_title}</title>
<link rel="icon" href="../_static/favicon.svg">
<link rel="stylesheet" href="{reveal}/reveal.css">
<link rel="stylesheet" href="{reveal}/white-contrast.css">
<link rel="stylesheet" href="{reveal}/course-slides.css">
</head>
<body>
<main class="reveal"><div class="slides">
{slides_html(deck)}
</div></main>
<script src="{reveal}/reveal.js"></script>
<script src="{reveal}/course-slides.js"></script>
<script defer src="../{LOADER}" data-widget-state="../{WIDGETS_DIR}/chapters/{deck.stem}.js"></script>
</body>
</html>
"""


def copy_reveal(node_modules: Path, site: Path) -> None:
    """reveal.js's files and the course's deck style and set-up, into ``site/vendor/reveal``."""
    package = node_modules / "reveal.js"
    missing = [name for name in REVEAL_FILES if not (package / name).is_file()]
    if missing:
        raise SlidesError(
            f"reveal.js is missing from {node_modules} ({', '.join(missing)}): the projector view "
            "needs it. Run `npm ci` in the repository root (scripts/build.sh does this for you)."
        )
    target = site / REVEAL_DIR
    for name in REVEAL_FILES:
        offline_assets._sync_file(package / name, target / Path(name).name)
    for name in OWN_FILES:
        offline_assets._sync_file(STATIC / name, target / name)


def deck_stems(found_docs) -> list[str]:
    """The essay chapters this book has (a scratch book may have none)."""
    return [stem for stem in ESSAY_CHAPTERS if f"chapters/{stem}" in found_docs]


def write_decks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    stems = deck_stems(app.env.found_docs)
    if not stems:
        return
    site = Path(app.outdir)
    local = Path(app.srcdir) / "node_modules"
    copy_reveal(local if local.is_dir() else offline_assets.NODE_MODULES, site)
    (site / SLIDES_DIR).mkdir(exist_ok=True)
    for stem in stems:
        page = (site / "chapters" / f"{stem}.html").read_text(encoding="utf-8")
        deck = read_deck(page, stem)
        (site / SLIDES_DIR / f"{stem}.html").write_text(deck_page(deck), encoding="utf-8")


def deck_uri(docname: str, stem: str) -> str:
    return "../" * docname.count("/") + f"{SLIDES_DIR}/{stem}.html"


def _link_chapter(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # HTML only: the PDF has no decks. Under the title, before "About this chapter".
    stem = docname.removeprefix("chapters/")
    if app.builder.format != "html" or f"chapters/{stem}" != docname or stem not in ESSAY_CHAPTERS:
        return
    first = next(iter(doctree.findall(nodes.section)), None)
    if first is None:
        return
    para = nodes.paragraph(classes=["course-projector-link"])
    para += nodes.strong("", "Projector view: ")
    para += nodes.reference("", "this chapter as slides", refuri=deck_uri(docname, stem), internal=False)
    para += nodes.Text(" (the section in brief, the widget and the discussion prompts, for a seminar room).")
    first.insert(1, para)


class ProjectorDecks(SphinxDirective):
    """A list of links to every essay chapter's deck."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        if self.env.app.builder.format != "html":  # a PDF link to a deck would lead nowhere
            para = nodes.paragraph(text="The decks are part of the HTML edition: each essay chapter links ")
            para += nodes.Text("to its projector view, and the folder ")
            para += nodes.literal(text=f"{SLIDES_DIR}/")
            para += nodes.Text(" of the built site holds them all.")
            return [para]
        items = nodes.bullet_list()
        for stem in deck_stems(self.env.found_docs):
            para = nodes.paragraph()
            para += _chapter_xref(self.env.docname, stem)
            para += nodes.Text(": ")
            para += nodes.reference(
                "", "projector view", refuri=deck_uri(self.env.docname, stem), internal=False
            )
            items += nodes.list_item("", para)
        return [items]


def _chapter_xref(docname: str, stem: str) -> nodes.Node:
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/chapters/{stem}", refexplicit=False, refdoc=docname
    )
    ref += nodes.inline("", f"chapters/{stem}", classes=["xref", "std", "std-doc"])
    return ref


def setup(app: Sphinx) -> None:
    app.add_directive("projector-decks", ProjectorDecks)
    app.connect("doctree-resolved", _link_chapter)
    # After pagefix (priority 900): the chapter pages must already carry their widgets' static
    # copies and lazy loader, which the decks reuse. The decks link reveal.js's style sheets and
    # their own, not the purged book.css, so they need not exist when the site's CSS is bundled.
    app.connect("build-finished", write_decks, priority=950)
