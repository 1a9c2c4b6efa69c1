"""List the dated or numeric sentences in the course prose: the rows the review log must cover.

Run ``python references/review_candidates.py`` to print them (file<TAB>sentence), or import
:func:`candidates`. ``tests/test_review.py`` uses the same function, so the log and the test
agree on what counts.

What counts as prose: the Markdown of the files in :data:`SCOPE`, without the YAML front
matter, fenced blocks (code cells, directives' code, ``{glossary}`` is kept: it is prose),
headings, directive option lines (``:tags:``, ``:class:``) and HTML comments. Inside a
sentence we drop what is not a statement: cross-reference and citation roles (their keys
carry the source's own year), link targets, inline code, and figure/widget labels.

What counts as dated or numeric: a year (1800-2099), a day-month date, a percentage, a
money amount, or a number with a unit or an ordinal (``22nd``, ``3.8 million``, ``45 days``,
``9,300 km``). Bare small counts in words ("two", "four") do not count; counts in digits do. Questions
(sentences ending in "?") are prompts, not statements, and are skipped.
Names that contain digits but state nothing (``Section 232``, ``Proclamation 10908``,
``Article 9``, ``G20``, ``H1``) are ignored, as are numbered list markers.

One kind of line inside a chapter is skipped whole: a line that starts with ``Timing:`` inside
an instructor-notes admonition (``:class: ... instructor-note``). It states how long an activity
takes in class (minutes, sessions, which prompts to pair), which is course design, not a claim
about the world; no source could confirm or correct it, for the same reason that the instructor
guide is out of scope. Any date or number in such a line that is also a claim (a prompt's 1971
analogy, say) is stated, and logged, where the prompt or its answer notes make it. Everything
else in the instructor notes (the answer notes, with their dates and figures) is checked as prose.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The essay chapters, the glossary and the data notes (chapters), and the exercises.
# Not in scope: how-to-use, instructor-guide and appendix-widgets (course logistics, owned
# by other maintainers), and bibliography (a directive only).
SCOPE = [
    *[f"chapters/0{i}-{name}.md" for i, name in [
        (1, "reading-the-source"), (2, "thesis"), (3, "rapprochement"), (4, "shadow-diplomacy"),
        (5, "tariff-trouble"), (6, "zero-sum"), (7, "concluding-thoughts"), (8, "what-happened-next")]],
    "chapters/index.md", "chapters/glossary.md", "chapters/about-the-data.md",
    *[f"exercises/{name}.md" for name in [
        "index", "02-thesis", "03-rapprochement", "04-shadow-diplomacy", "05-tariff-trouble",
        "06-zero-sum", "07-concluding-thoughts"]],
]

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_NAMES = re.compile(r"\b(?:Section|Proclamation|Article|Policy Brief|Working Paper|G|H|FY|Q|No\.|item|row|rows|forecast|forecasts|claim|claims|prompt|Prompt|exercise|chapter|step|Step|Table|Figure|number)\s?\d+(?:[-–]\d+)?\b")
NUMERIC = re.compile(
    r"\b(?:18|19|20)\d\d(?:s)?\b"                                  # a year or decade
    r"|\b\d{1,2}\s(?:" + _MONTHS + r")\b|\b(?:" + _MONTHS + r")\s\d{1,2}\b"  # a date
    r"|\d(?:[\d,.]*\d)?\s?(?:%|percent|per cent)"                  # a percentage
    r"|(?:USD|US\$|\$|¥|€|JPY|yen)\s?\d"                           # money
    r"|\b\d(?:[\d,.]*\d)?(?:–\d(?:[\d,.]*\d)?)?\s?(?:trillion|billion|million|bn|trn|m\b|km|kilometres|nautical miles|nm\b|miles|days|weeks|months|years|hours|vehicles|cars|plants|states|articles|links|rows|meetings|sites|countries|islands|percentage points)"
    r"|\b\d+(?:st|nd|rd|th)\b"                                      # an ordinal
)

_ROLE = re.compile(r"\{(?:cite(?::[pt])?|doc|ref|numref|eq|download)\}`[^`]*`")
_TERM = re.compile(r"\{term\}`([^`<]*?)(?:\s*<[^>]*>)?`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`[^`]*`")


def prose_lines(text: str):
    """Yield (line number, text) of the prose lines of a MyST file."""
    lines = text.splitlines()
    i = 0
    if lines and lines[0].strip() == "---":  # front matter
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        i += 1
    fence = None
    colon: list[list] = []  # open ::: directives: [marker, is an instructor note]
    for n in range(i, len(lines)):
        line = lines[n]
        s = line.strip()
        m = re.match(r"^(`{3,}|~{3,}|:{3,})(.*)$", s)
        if fence is None and m:
            marker, rest = m.groups()
            if marker.startswith(":"):
                if rest.strip():
                    colon.append([marker, False])
                elif colon and colon[-1][0] == marker:
                    colon.pop()
            # prose-bearing directives stay prose: glossary, admonitions, notes
            if marker.startswith("`") and not re.match(r"\{(glossary|admonition|note|tip|important|warning)\}", rest):
                fence = marker
            continue
        if fence is not None:
            if s.startswith(fence) and s.strip("`~") == "":
                fence = None
            continue
        if colon and re.match(r"^:class:.*\binstructor-note\b", s):
            colon[-1][1] = True
        if not s or s.startswith("#") or s.startswith("<!--") or re.match(r"^:[\w-]+:", s) or s.startswith(":::"):
            continue
        if s.startswith("Timing:") and any(note for _, note in colon):
            continue  # class logistics in an instructor note (see the module docstring)
        yield n + 1, line


def clean(sentence: str) -> str:
    s = _ROLE.sub("", sentence)
    s = _TERM.sub(r"\1", s)
    s = _LINK.sub(r"\1", s)
    s = _CODE.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


_SPLIT = re.compile(r"(?<=[.!?])[\"”’)*]*\s+(?=[A-Z0-9\"“(*])")


def sentences(text: str):
    """Yield (line number, sentence as written) for every prose sentence."""
    for n, line in prose_lines(text):
        body = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)  # list markers
        for sent in _SPLIT.split(body):
            if sent.strip():
                yield n, sent.strip()


def is_numeric(sentence: str) -> bool:
    if clean(sentence).rstrip("*_\"”’) ").endswith("?"):
        return False
    return bool(NUMERIC.search(_NAMES.sub("", clean(sentence))))


def candidates(root: Path = ROOT):
    """(file, line, sentence) for every dated or numeric prose sentence in scope."""
    out = []
    for rel in SCOPE:
        path = root / rel
        if not path.exists():
            continue
        for n, sent in sentences(path.read_text(encoding="utf-8")):
            if is_numeric(sent):
                out.append((rel, n, sent))
    return out


if __name__ == "__main__":
    rows = candidates()
    for rel, n, sent in rows:
        print(f"{rel}:{n}\t{sent}")
    print(f"{len(rows)} sentences", file=sys.stderr)
