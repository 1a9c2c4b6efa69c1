"""List the dated or numeric sentences in the course prose: the rows the review log must cover.

Run ``python references/review_candidates.py`` to print them (file<TAB>sentence), or import
:func:`candidates`. ``tests/test_review.py`` uses the same function, so the log and the test
agree on what counts.

What counts as prose: every text the book renders. That is the Markdown of every page in
``chapters/`` and ``exercises/`` (:data:`MARKDOWN`: the essay chapters, index, glossary, data notes,
how-to-use, instructor guide, widget appendix, answer key, bibliography and the exercises), and
the string values of the YAML files whose texts the build renders into pages (:data:`YAML`: the
self-check questions and their feedback, shown in the chapters and in the answer key; the lesson
plans and role cards of the instructor guide; the captions, notes and labels of the widgets).
New files in those folders are in scope without a change here.

In the Markdown: the text without the YAML front
matter, fenced blocks (code cells, directives' code, ``{glossary}`` is kept: it is prose),
headings, directive option lines (``:tags:``, ``:class:``) and HTML comments. Inside a
sentence we drop what is not a statement: cross-reference and citation roles (their keys
carry the source's own year), link targets, inline code, and figure/widget labels.

What counts as dated or numeric: a year (1800-2099), a day-month date, a percentage, a
money amount, or a number with a unit or an ordinal (``22nd``, ``3.8 million``, ``45 days``,
``9,300 km``). Bare small counts in words ("two", "four") do not count; counts in digits do. Questions
(sentences ending in "?") are prompts, not statements, and are skipped.
Names that contain digits but state nothing (``Section 232``, ``Proclamation 10908``,
``Article 9``, ``G20``, ``H1``, an issue number ``#1991``, a statistic's name ``95th-percentile``,
a source id such as ``imf-dots-2022``) are ignored, as are numbered list markers.

In the YAML: every string value is prose except those under :data:`YAML_SKIP_KEYS`, which hold
identifiers and references (question ids, chapter stems, bibliography keys, widget and exercise
names), never rendered as sentences. Wrong options of a self-check question are prose too: they
are printed, and a distractor with a wrong date would teach the wrong date, so their rows say what
the record shows and why the option is rightly marked wrong.

Not dated statements, so not counted:

- The course's own dates. The edition date and the record's end date are written as
  ``{{ course_as_of }}`` and ``{{ record_as_of }}`` and filled in at build time by
  ``coursekit/course.py`` (``AS_OF``, a setting of the edition, and the latest verdict date in
  ``data/claims.csv``); the placeholders carry no digits, so no sentence is flagged for them, and
  ``tests/test_release.py`` checks their values. An edition's date is a fact about the course,
  which no outside source could confirm. A sentence that also states a date of its own (``'As
  of 2026' means as of {{ record_as_of }}``) is still counted for that date.
- A marking rubric's weights, e.g. ``**Evidence and sources** (25%)`` in the instructor guide:
  the share of a grade is course design, not a claim about the world. Only the bracketed weight
  after a bold criterion is dropped; any date in the rest of the row still counts.

One kind of line inside a chapter is skipped whole: a line that starts with ``Timing:`` inside
an instructor-notes admonition (``:class: ... instructor-note``). It states how long an activity
takes in class (minutes, sessions, which prompts to pair), which is course design, not a claim
about the world; no source could confirm or correct it, for the same reason that the rubric
weights are skipped. Any date or number in such a line that is also a claim (a prompt's 1971
analogy, say) is stated, and logged, where the prompt or its answer notes make it. Everything
else in the instructor notes (the answer notes, with their dates and figures) is checked as prose.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every page of the book (glob patterns, relative to the repository root).
MARKDOWN = ["chapters/*.md", "exercises/*.md"]
# Every YAML file whose strings the build renders: self-check questions (chapters and answer
# key), lesson plans and role cards (instructor guide), widget texts (captions, notes, labels).
YAML = ["chapters/quizzes/**/*.yml", "chapters/plans/*.yml", "coursekit/explorers/*.yml"]
# YAML keys whose values are identifiers or references, never shown as sentences.
YAML_SKIP_KEYS = frozenset({
    "id", "chapter", "chapters", "cite", "track", "widget", "exercise", "handout", "role_cards",
    "role_play", "page", "correct", "exit_ticket", "claims_log",
})

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_NAMES = re.compile(r"#\d+\b|\b\d+(?:st|nd|rd|th)[- ]percentile\b|\b[a-z]+-[a-z]+-\d{4}\b"
                    r"|\b(?:Section|Proclamation|Article|Policy Brief|Working Paper|G|H|FY|Q|No\.|item|row|rows|forecast|forecasts|claim|claims|prompt|Prompt|exercise|chapter|step|Step|Table|Figure|number)\s?\d+(?:[-–]\d+)?\b")
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
_RUBRIC_WEIGHT = re.compile(r"(\*\*[^*]+\*\*)\s*\(\d+\s?%\)")  # a rubric criterion's weight


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
    s = _RUBRIC_WEIGHT.sub(r"\1", sentence)
    s = _ROLE.sub("", s)
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


def yaml_sentences(text: str):
    """Yield (line number, sentence) for every prose sentence in a YAML file's string values.

    The line is where the sentence's first words appear in the file (0 if a folded or escaped
    string hides them); it is for the reader of a failure message only.
    """
    import yaml  # only needed here; PyYAML is in the course environment

    lines = text.splitlines()

    def walk(node, key=None):
        if isinstance(node, str):
            if key not in YAML_SKIP_KEYS:
                yield node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, key)

    for value in walk(yaml.safe_load(text)):
        for sent in _SPLIT.split(value.strip()):
            sent = sent.strip()
            if sent:
                head = sent[:30]
                n = next((i + 1 for i, line in enumerate(lines) if head in line), 0)
                yield n, sent


def scope(root: Path = ROOT) -> list[str]:
    """The files in scope, as paths relative to ``root`` (POSIX), sorted within each pattern."""
    out: list[str] = []
    for pattern in MARKDOWN + YAML:
        out += [p.relative_to(root).as_posix() for p in sorted(root.glob(pattern)) if p.is_file()]
    return out


def candidates(root: Path = ROOT):
    """(file, line, sentence) for every dated or numeric prose sentence in scope."""
    out = []
    for rel in scope(root):
        text = (root / rel).read_text(encoding="utf-8")
        found = yaml_sentences(text) if rel.endswith((".yml", ".yaml")) else sentences(text)
        for n, sent in found:
            if is_numeric(sent):
                out.append((rel, n, sent))
    return out


if __name__ == "__main__":
    rows = candidates()
    for rel, n, sent in rows:
        print(f"{rel}:{n}\t{sent}")
    print(f"{len(rows)} sentences", file=sys.stderr)
