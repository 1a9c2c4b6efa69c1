"""Every essay section has its chapter, and every essay chapter has the course's anatomy."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from coursekit.course import ANATOMY, ESSAY_CHAPTERS, ESSAY_URL, SECTION_CHAPTERS, h2_sections
from tests.helpers import REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"
ESSAY = SHARED / "essay" / "korybko-2018-eurasian-pivot.md"
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def _chapter(stem: str) -> str:
    return (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")


def _bib_keys() -> set[str]:
    keys = set()
    for bib in (REPO_ROOT / "references").glob("*.bib"):
        keys |= set(re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), re.M))
    return keys


def test_every_essay_section_heading_maps_to_its_chapter():
    assert ESSAY.is_file(), f"the essay is expected at {ESSAY} (shared/ beside the repository)"
    headings = [
        m.group(1).strip() for m in re.finditer(r"^#{2,3} (.+)$", ESSAY.read_text(encoding="utf-8"), re.M)
    ]
    headings = [h for h in headings if not h.lower().startswith("about the author")]
    assert set(headings) == {h for h in SECTION_CHAPTERS if h}
    for heading, stem in SECTION_CHAPTERS.items():
        title = re.search(r"^# (.+)$", _chapter(stem), re.M).group(1)
        expected = "thesis" if heading is None else _norm(heading)
        assert expected in _norm(title), f"{stem}: title '{title}' does not name '{heading}'"


@pytest.mark.parametrize("stem", ESSAY_CHAPTERS)
def test_essay_chapter_has_the_anatomy_in_order(stem):
    titles = list(h2_sections(_chapter(stem)))
    assert titles == ANATOMY


@pytest.mark.parametrize("stem", ESSAY_CHAPTERS)
def test_essay_chapter_has_prompts_widget_citations_and_self_check(stem):
    text = _chapter(stem)
    parts = h2_sections(text)
    discussion = parts["Discussion"].split(":::{admonition}", 1)[0]
    prompts = re.findall(r"^\d+\. \S", discussion, re.M)
    assert len(prompts) >= 5, f"{stem}: {len(prompts)} discussion prompts"
    assert re.search(r":class: dropdown instructor-note", parts["Discussion"]), (
        f"{stem}: instructor notes must sit behind a toggle"
    )
    assert "explorers." in parts["Data and widget"], f"{stem}: no widget"
    keys = {k.strip() for group in CITE.findall(text) for k in group.split(",")}
    assert len(keys) >= 3, f"{stem}: only {len(keys)} distinct citations"
    unknown = keys - _bib_keys()
    assert not unknown, f"{stem}: citation keys missing from references/*.bib: {sorted(unknown)}"
    # The self-checks are data (chapters/quizzes/<stem>.yml); the cell only shows them.
    from coursekit import quiz

    checks = len(quiz.load(stem)) if f'quiz.show("{stem}")' in parts["Check yourself"] else 0
    assert 2 <= checks <= 4, f"{stem}: {checks} check-yourself questions"
    assert ESSAY_URL in parts["The section in brief"], f"{stem}: link the original essay"


def test_book_quotes_the_essay_only_briefly():
    tool = SHARED / "tools" / "essay_overlap.py"
    assert tool.is_file(), f"{tool} is missing (shared/ beside the repository)"
    result = subprocess.run(
        [sys.executable, str(tool), "--max-run", "40", "chapters", "exercises"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
