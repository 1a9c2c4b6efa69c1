"""Exercise tracks: every exercise is tagged "code" or "no code".

On an exercise page the line under each exercise's title starts with the role
``{track}`code``` or ``{track}`no code```. It renders as a visible label ("Track: code")
that carries the class ``course-track-code`` / ``course-track-no-code`` in the HTML, so
both readers and tests can see it. A "code" exercise that works with ``data/`` is followed
by a no-code version under the label ``(ex-NN-N-no-code)=``, which prints the rows it
needs as a static table (``coursekit.tables``), so it can be done with pencil and
calculator.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

TRACKS = ("code", "no code")
TRACK_ROLE = re.compile(r"\{track\}`([^`]*)`")
EXERCISE_START = re.compile(r"^````\{exercise-start\} (\d\d-\d+):", re.M)
NO_CODE_LABEL = re.compile(r"^\(ex-(\d\d-\d+)-no-code\)=\s*$", re.M)


def track_class(track: str) -> str:
    return "course-track-" + track.replace(" ", "-")


def exercise_tracks(root: Path) -> tuple[dict[str, str | None], set[str]]:
    """(exercise id -> its track tag, None if untagged; ids that have a no-code version)."""
    tags: dict[str, str | None] = {}
    versions: set[str] = set()
    for path in sorted((Path(root) / "exercises").glob("0*.md")):
        text = path.read_text(encoding="utf-8")
        starts = list(EXERCISE_START.finditer(text))
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            tag = TRACK_ROLE.search(text[match.end() : end])
            tags[match.group(1)] = tag.group(1) if tag else None
        versions |= set(NO_CODE_LABEL.findall(text))
    return tags, versions


def track_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    track = " ".join(text.split()).lower()
    if track not in TRACKS:
        msg = inliner.reporter.error(
            f"{{track}} role: '{text}' is not a track; use one of {', '.join(TRACKS)}.", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    node = nodes.inline(rawtext, "", classes=["course-track", track_class(track)])
    node += nodes.strong("", "Track: ")
    node += nodes.Text(track)
    return [node], []


def _printed_tables_break_across_pages(app: Sphinx, doctree: nodes.document) -> None:
    # The no-code tables reach the PDF as Markdown tables (the HTML uses their HTML repr).
    # Sphinx sets tables of up to 30 rows as tabulary, which cannot break across pages, so
    # a 28-row timeline with wrapped cells would run over the footer: ask for longtable.
    if not app.env.docname.startswith("exercises/"):
        return
    for table in doctree.findall(nodes.table):
        parent = table.parent
        while parent is not None and not (isinstance(parent, nodes.Element) and parent.get("mime_type")):
            parent = parent.parent
        if parent is not None and parent.get("mime_type") == "text/markdown":
            table["classes"] += ["longtable", "colwidths-given"]
            _proportional_widths(table)


def _proportional_widths(table: nodes.table) -> None:
    # longtable columns do not wrap unless widths are given: share the width by the longest
    # cell of each column (within bounds), so long text wraps and short codes stay narrow.
    group = next(iter(table.findall(nodes.tgroup)))
    specs = [c for c in group.children if isinstance(c, nodes.colspec)]
    longest = [4] * len(specs)
    for row in group.findall(nodes.row):
        for i, entry in enumerate(row.children[: len(specs)]):
            longest[i] = max(longest[i], len(entry.astext()))
    for spec, width in zip(specs, longest):
        spec["colwidth"] = min(width, 30) + 4  # the +4 keeps short codes and dates on one line


def setup(app: Sphinx) -> None:
    app.add_role("track", track_role)
    app.connect("doctree-read", _printed_tables_break_across_pages)
