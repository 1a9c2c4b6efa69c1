"""The student notebooks Binder opens (coursekit.sphinx.student_notebooks): fast, no kernel.

What must hold is read from the MyST sources here, independently of the generator: the
prose of every solution and instructor note, and which code cells are tagged to hide.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from coursekit.sphinx import student_notebooks as sn
from tests.helpers import NOTEBOOK_HEADER, REPO_ROOT, toc_files

RAW_MYST = re.compile(r"\{[a-z][\w:.-]*\}`|^\s*(?:`{3,}|:{3,})\{|^\([\w.:-]+\)=\s*$", re.M)
HIDE_TAGS = {"remove-input", "hide-input"}


def _pages() -> list[str]:
    return [
        f.removesuffix(".md")
        for f in toc_files(REPO_ROOT / "_toc.yml")
        if f.split("/")[0] in ("chapters", "exercises")
    ]


def _instructor_only(page: str) -> bool:
    head = (REPO_ROOT / f"{page}.md").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return re.search(r"^course_edition:\s*instructor\s*$", head, re.M) is not None


def _hidden_prose(text: str) -> list[str]:
    """Sentences of the solutions and instructor notes in one MyST source."""
    found, inside, depth_fence = [], False, None
    for line in text.splitlines():
        if re.match(r"^`{3,}\{solution-start\}", line):
            inside = "solution"
        elif inside == "solution" and re.match(r"^`{3,}\{solution-end\}", line):
            inside = False
        elif re.match(r"^(:{3,})\{admonition\}", line):
            depth_fence = line.split("{")[0]
            inside = "admonition?"
        elif inside == "admonition?" and line.startswith(":class:"):
            inside = "note" if "instructor-note" in line else False
        elif inside == "note" and line.strip() == depth_fence:
            inside = False
        elif (
            inside in ("solution", "note")
            and len(line.strip()) > 40
            and not line.startswith(("`", ":", "#", "answer", "check("))
            and "=" not in line
        ):
            found.append(line.strip()[:60])
    return found


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student-notebooks")
    written = sn.write_all(out)
    assert written, "no student notebook was written"
    return out


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_student_page_has_a_notebook_and_instructor_pages_none(notebooks):
    for page in _pages():
        exists = (notebooks / f"{page}.ipynb").is_file()
        assert exists != _instructor_only(page), f"{page}: notebook written={exists}"
    assert any(_instructor_only(p) for p in _pages()), "expected the instructor's guide to be instructor-only"


def test_no_raw_myst_in_any_student_notebook(notebooks):
    for path in sorted(notebooks.rglob("*.ipynb")):
        text = _markdown(nbformat.read(path, 4))
        raw = RAW_MYST.findall(text)
        assert not raw, f"{path.relative_to(notebooks)}: raw MyST {raw[:3]}"


def test_no_solution_or_instructor_note_text(notebooks):
    checked = 0
    for page in _pages():
        hidden = _hidden_prose((REPO_ROOT / f"{page}.md").read_text(encoding="utf-8"))
        path = notebooks / f"{page}.ipynb"
        if not path.is_file():
            continue
        nb = nbformat.read(path, 4)
        everything = "\n".join(c.source for c in nb.cells)
        for sentence in hidden:
            checked += 1
            assert sentence not in everything, f"{page}: hidden text shown: {sentence!r}"
    assert checked > 30, f"only {checked} hidden sentences found in the sources; the test lost its grip"


def test_hidden_code_cells_open_collapsed(notebooks):
    for page in _pages():
        if _instructor_only(page):
            continue
        source = jupytext.read(REPO_ROOT / f"{page}.md", fmt="myst")
        tagged = [
            c.source
            for c in source.cells
            if c.cell_type == "code" and HIDE_TAGS & set(c.metadata.get("tags", []))
        ]
        nb = nbformat.read(notebooks / f"{page}.ipynb", 4)
        collapsed = [
            c.source
            for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden") is True
        ]
        for code in tagged:
            assert code in collapsed, f"{page}: hidden-input cell opens expanded: {code[:60]!r}"


def test_citations_become_author_year_text(notebooks):
    nb = nbformat.read(notebooks / "chapters" / "03-rapprochement.ipynb", 4)
    text = _markdown(nb)
    assert "korybko2018tariffs" not in text
    assert re.search(r"\(Korybko, 2018[a-z]?\)", text), "the essay's citation is not shown as (Korybko, 2018)"


def test_page_links_point_at_notebooks_that_exist(notebooks):
    links = 0
    for path in sorted(notebooks.rglob("*.ipynb")):
        for target in re.findall(r"\]\(([^)#\s]+\.ipynb)\)", _markdown(nbformat.read(path, 4))):
            links += 1
            assert (path.parent / target).resolve().is_file(), f"{path.name}: link to missing {target}"
    assert links > 10


def test_unknown_role_is_a_clear_error(tmp_path):
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "references", book / "references")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/a\n")
    (book / "chapters" / "a.md").write_text(NOTEBOOK_HEADER + "# A\n\nSee {numberedthing}`x`.\n")
    with pytest.raises(sn.StudentNotebookError, match=r"chapters/a\.md.*\{numberedthing\}"):
        sn.write_all(tmp_path / "out", book)


def test_replace_deletes_sources_and_instructor_pages(tmp_path):
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "references", book / "references")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/a\nchapters:\n  - file: chapters/b\n")
    (book / "chapters" / "a.md").write_text(NOTEBOOK_HEADER + "# A\n\nSee {doc}`b`.\n")
    (book / "chapters" / "b.md").write_text(
        NOTEBOOK_HEADER.replace("---\n", "---\ncourse_edition: instructor\n", 1) + "# B\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "coursekit.sphinx.student_notebooks",
            str(book),
            "--root",
            str(book),
            "--replace",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (book / "chapters").iterdir()) == ["a.ipynb"]
    text = _markdown(nbformat.read(book / "chapters" / "a.ipynb", 4))
    assert "*B*" in text and "b.ipynb" not in text  # no link to a page students do not get


def test_course_substitutions_are_filled_as_the_book_fills_them(tmp_path):
    from coursekit import course
    from coursekit.sphinx import student_notebooks as sn

    text = sn._substitute("This edition dates from {{ course_as_of }}.", "x.md")
    assert text == f"This edition dates from {course.substitutions()['course_as_of']}."
    with pytest.raises(sn.StudentNotebookError, match=r"x.md: \{\{ nope \}\} is not a course substitution"):
        sn._substitute("{{ nope }}", "x.md")
