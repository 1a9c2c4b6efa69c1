"""The course's shape: which chapter studies which section of the essay."""

import csv
import datetime as _dt

ESSAY_URL = (
    "https://www.globalresearch.ca/trumps-tariffs-might-jumpstart-japans-eurasian-pivot"
    "-russia-japan-rapprochement/5653341"
)

#: Essay section heading -> chapter stem (in chapters/). The untitled lead is the thesis.
SECTION_CHAPTERS = {
    None: "02-thesis",
    "The Russian-Japanese Rapprochement": "03-rapprochement",
    "Shadow Diplomacy": "04-shadow-diplomacy",
    "Tariff Trouble": "05-tariff-trouble",
    'The Double-Edged Sword Of "Zero-Sum" Strategies': "06-zero-sum",
    "Concluding Thoughts": "07-concluding-thoughts",
}
ESSAY_CHAPTERS = list(SECTION_CHAPTERS.values())

#: The headings every essay chapter has, in this order.
ANATOMY = [
    "Learning objectives",
    "The section in brief",
    "Context",
    "Data and widget",
    "Other perspectives",
    "Discussion",
    "Check yourself",
]
#: The sections a seminar handout and a projector deck take from a chapter, in this order.
KEPT_SECTIONS = ("The section in brief", "Data and widget", "Discussion")


def h2_sections(text: str) -> dict[str, str]:
    """A MyST page's H2 title -> body, ignoring headings inside code fences."""
    sections: dict[str, str] = {}
    current, fence = None, False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("## "):
            current = line[3:].strip()
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return sections


#: The course's "today" (year-month): the date against which this edition's scorecard and the
#: prose around it speak of "now". Update it when the record is re-checked for a new edition.
AS_OF = "2026-11"


def month_label(year_month: str) -> str:
    """'2026-11' -> 'November 2026'."""
    return _dt.datetime.strptime(year_month, "%Y-%m").strftime("%B %Y")


def record_as_of() -> str:
    """The latest verdict date in the claims ledger (year-month): where the scorecard's record ends."""
    from .paths import DATA_DIR

    with open(DATA_DIR / "claims.csv", encoding="utf-8", newline="") as f:
        dates = {row["verdict_date"] for row in csv.DictReader(f)}
    return max(dates)


def substitutions() -> dict[str, str]:
    """Text the pages (MyST ``{{ name }}``) and the quiz files use instead of writing dates in."""
    return {"course_as_of": month_label(AS_OF), "record_as_of": month_label(record_as_of())}
