"""Signposts for self-study, and one chapter-numbering scheme.

**Signposts.** Every numbered chapter (``chapters/NN-*.md``) gets two boxes, in the HTML and
the PDF alike (they are added to the doctree both builders share):

- under the title, *About this chapter*: the reading time and the prerequisites;
- at the end, *Next step*: where to go from here.

The reading time is computed at build time from what the reader meets on the page:

    minutes = words / WORDS_PER_MINUTE + widgets * MINUTES_PER_WIDGET + questions * MINUTES_PER_QUESTION

rounded up to whole minutes. *Words* are the page's prose (titles, paragraphs, lists,
tables), not code, cell outputs or instructor notes. A *widget* is a code cell with output
(an interactive figure, a figure or a table) outside "Check yourself"; a *question* is a
self-check widget inside it. The box states the parts of the sum,
so a reader can see how it was reached.

Prerequisites and next step come from the chapter's front matter::

    signposts:
      prerequisites: [chapters/01-reading-the-source]   # docnames, or short text
      next: [exercises/02-thesis, chapters/03-rapprochement]

A chapter without them stops the build (a warning under ``-W``) naming the file and key.

**Numbering.** Chapters are numbered by their file prefix (01-08), written into their
titles ("2. The thesis: ..."); exercise pages say "Exercises for chapter 2". Nothing is
numbered automatically, so the sidebar, the page titles and the PDF show the same numbers:
``_toc.yml`` has no ``numbered`` and the PDF turns off LaTeX's own chapter and section
numbers (``secnumdepth`` -2: no part, chapter or section numbers), which would
otherwise count every page from 1 and number the sidebar's captions as parts I-V.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

WORDS_PER_MINUTE = 200
MINUTES_PER_WIDGET = 4
MINUTES_PER_QUESTION = 1
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
QUIZ_SECTION = "Check yourself"
CHAPTER_DOC = re.compile(r"^chapters/(\d\d)-[\w-]+$")
FRONT_KEY = "signposts"
LATEX_NO_AUTO_NUMBERS = (
    "\n% Chapter numbers are part of the titles (coursekit/sphinx/signposts.py): no LaTeX numbering.\n"
    "\\setcounter{secnumdepth}{-2}\n"
)
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadingTime:
    words: int
    widgets: int
    questions: int

    @property
    def reading_minutes(self) -> int:
        return math.ceil(self.words / WORDS_PER_MINUTE)

    @property
    def minutes(self) -> int:
        return (
            self.reading_minutes + self.widgets * MINUTES_PER_WIDGET + self.questions * MINUTES_PER_QUESTION
        )

    def sentence(self) -> str:
        parts = [f"{self.reading_minutes} to read ({self.words:,} words at {WORDS_PER_MINUTE} a minute)"]
        if self.widgets:
            noun = "figure or table" if self.widgets == 1 else "figures and tables"
            parts.append(f"{self.widgets * MINUTES_PER_WIDGET} to explore {self.widgets} {noun}")
        if self.questions:
            noun = "self-check question" if self.questions == 1 else "self-check questions"
            parts.append(f"{self.questions * MINUTES_PER_QUESTION} for {self.questions} {noun}")
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"About {self.minutes} minutes: {joined}."


def chapter_number(docname: str) -> int | None:
    match = CHAPTER_DOC.match(docname)
    return int(match.group(1)) if match else None


def _skip(node: nodes.Node) -> bool:
    if isinstance(
        node, (nodes.literal_block, nodes.raw, nodes.comment, nodes.citation, nodes.system_message)
    ):
        return True
    if isinstance(node, nodes.Element):
        classes = node.get("classes", [])
        if "cell" in classes or "instructor-note" in classes or "signpost" in classes:
            return True
        if node.get("nb_element") or node.get("mime_type"):
            return True
    return False


def count_words(node: nodes.Node) -> int:
    if isinstance(node, nodes.Text):
        return len(WORD.findall(str(node)))
    if _skip(node):
        return 0
    return sum(count_words(child) for child in node.children)


def _in_quiz_section(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if (
            isinstance(parent, nodes.section)
            and parent.children
            and isinstance(parent[0], nodes.title)
            and parent[0].astext().strip() == QUIZ_SECTION
        ):
            return True
        parent = parent.parent
    return False


def _is_bundle(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle"


def measure(doctree: nodes.document) -> ReadingTime:
    """Words, figures (code cells with output: a widget, a figure or a table) and questions."""
    figures = questions = 0
    for cell in doctree.findall(lambda n: isinstance(n, nodes.container) and "cell" in n.get("classes", [])):
        bundles = list(cell.findall(_is_bundle))
        if not bundles:
            continue
        if _in_quiz_section(cell):
            questions += (
                sum(
                    1
                    for b in bundles
                    if any(
                        isinstance(c, nodes.Element) and c.get("mime_type") == WIDGET_MIME for c in b.children
                    )
                )
                or 1
            )
        else:
            figures += 1
    return ReadingTime(count_words(doctree), figures, questions)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {} if end > 0 else {}


def _doc_link(docname: str, target: str) -> nodes.Node:
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + target.strip("/"),
        refexplicit=False,
        refwarn=True,
        refdoc=docname,
    )
    ref += nodes.inline("", target, classes=["xref", "std", "std-doc"])
    return ref


def _items(docname: str, entries: list, last: str = " and ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, entry in enumerate(entries):
        if i:
            out.append(nodes.Text(", " if i < len(entries) - 1 else last))
        entry = str(entry)
        out.append(_doc_link(docname, entry) if "/" in entry and " " not in entry else nodes.Text(entry))
    return out


def _box(title: str, classes: list[str], paragraphs: list[list[nodes.Node]]) -> nodes.admonition:
    box = nodes.admonition("", classes=["signpost", *classes])
    box += nodes.title("", title)
    for content in paragraphs:
        para = nodes.paragraph()
        para.extend(content)
        box += para
    return box


def _signposts(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    if chapter_number(docname) is None:
        return
    path = Path(app.env.doc2path(docname))
    posts = front_matter(path).get(FRONT_KEY) or {}
    missing = [key for key in ("prerequisites", "next") if not posts.get(key)]
    if missing:
        logger.warning(
            f"{path}: front matter '{FRONT_KEY}' lacks {', '.join(missing)}: "
            f"add e.g. '{FRONT_KEY}: {{prerequisites: [none], next: [chapters/...]}}'",
            location=docname,
        )
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    timing = measure(doctree)
    app.env.course_reading_minutes = getattr(app.env, "course_reading_minutes", {})
    app.env.course_reading_minutes[docname] = timing.minutes
    prereqs = [str(p) for p in posts["prerequisites"]]
    prereq_nodes = (
        [nodes.Text("none: this chapter starts from the essay itself.")]
        if prereqs == ["none"]
        else [*_items(docname, prereqs), nodes.Text(".")]
    )
    about = _box(
        "About this chapter",
        ["reading-time"],
        [
            [nodes.strong("", "Reading time. "), nodes.Text(timing.sentence())],
            [nodes.strong("", "Prerequisites. "), *prereq_nodes],
        ],
    )
    about["reading_minutes"] = timing.minutes
    # Under the title (and before the first section's content).
    section.insert(1, about)
    section += _box(
        "Next step",
        ["next-step"],
        [
            [
                nodes.Text("Continue with "),
                *_items(docname, [str(p) for p in posts["next"]], "; then "),
                nodes.Text("."),
            ]
        ],
    )


def _merge(app, env, docnames, other) -> None:
    env.course_reading_minutes = {
        **getattr(env, "course_reading_minutes", {}),
        **getattr(other, "course_reading_minutes", {}),
    }


def _latex_numbering(app: Sphinx, config: Config) -> None:
    elements = dict(config.latex_elements or {})
    preamble = elements.get("preamble", "")
    if LATEX_NO_AUTO_NUMBERS not in preamble:
        elements["preamble"] = preamble + LATEX_NO_AUTO_NUMBERS
    config.latex_elements = elements
    # Figures and tables numbered through the book ("Figure 12"), not per (unnumbered) chapter.
    config.numfig_secnum_depth = 0


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _latex_numbering)
    app.connect("doctree-read", _signposts)
    app.connect("env-merge-info", _merge)
