"""The student edition (COURSE_EDITION=student) leaves out solutions and instructor notes.

A tiny scratch book with every kind of hidden content is built in both editions, as HTML
and as LaTeX (the PDF's source), and searched for marker words placed in each kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from coursekit.sphinx import editions
from tests.helpers import NOTEBOOK_HEADER, build_book, make_scratch_book

# One marker word per kind of content; plain letters, so LaTeX escaping cannot split them.
VISIBLE = {"ExercisePromptMarker", "AfterSolutionsMarker"}
HIDDEN = {
    "GatedSolutionTextMarker",  # prose inside {solution-start} ... {solution-end}
    "GatedSolutionOutputMarker",  # output of a code cell inside a gated solution
    "PlainSolutionMarker",  # a non-gated {solution}
    "InstructorNoteMarker",  # :class: dropdown instructor-note admonition
    "InstructorPageMarker",  # body of a page marked course_edition: instructor
}

EXERCISES = (
    NOTEBOOK_HEADER
    + """
# Scratch exercises

````{exercise-start}
:label: ex-scratch-1
````

Write an answer. ExercisePromptMarker.

```{code-cell} ipython3
answer = None
```

````{exercise-end}
````

````{solution-start} ex-scratch-1
:class: dropdown
````

The answer is GatedSolutionTextMarker.

```{code-cell} ipython3
print("GatedSolution" + "OutputMarker")
```

````{solution-end}
````

```{exercise}
:label: ex-scratch-2

A second prompt.
```

```{solution} ex-scratch-2
:class: dropdown

PlainSolutionMarker.
```

:::{admonition} Instructor notes
:class: dropdown instructor-note
InstructorNoteMarker.
:::

AfterSolutionsMarker.
"""
)

GUIDE = """---
course_edition: instructor
---
# Guide for instructors

InstructorPageMarker.
"""


def _scratch_book(root: Path) -> Path:
    book = make_scratch_book(
        root, {"index": "# Scratch\n\nRoot page.\n", "exercises": EXERCISES, "guide": GUIDE}
    )
    return book


def _text_of(folder: Path, suffixes: tuple[str, ...]) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in suffixes
    )


@pytest.fixture(scope="module")
def editions_built(tmp_path_factory):
    """{(edition, builder): output folder} for both editions, HTML and LaTeX."""
    import os

    root = tmp_path_factory.mktemp("editions")
    book = _scratch_book(root / "book")
    out = {}
    saved = os.environ.get(editions.ENV_VAR)
    try:
        for edition in ("full", "student"):
            os.environ[editions.ENV_VAR] = edition
            for builder in ("html", "latex"):
                result = build_book(book, root / f"out-{edition}-{builder}", builder=builder, in_process=True)
                assert result.returncode == 0, f"{edition} {builder} build failed:\n{result.tail()}"
                assert result.warnings == [], result.warnings
                out[(edition, builder)] = result.html.parent / builder
    finally:
        if saved is None:
            os.environ.pop(editions.ENV_VAR, None)
        else:
            os.environ[editions.ENV_VAR] = saved
    return out


@pytest.mark.build
@pytest.mark.parametrize(
    "builder,suffixes", [("html", (".html", ".js", ".md", ".ipynb", ".txt")), ("latex", (".tex",))]
)
def test_full_edition_keeps_solutions_and_notes(editions_built, builder, suffixes):
    text = _text_of(editions_built[("full", builder)], suffixes)
    for marker in VISIBLE | HIDDEN:
        assert marker in text, f"the full edition ({builder}) lost {marker}"


@pytest.mark.build
@pytest.mark.parametrize(
    "builder,suffixes", [("html", (".html", ".js", ".md", ".ipynb", ".txt")), ("latex", (".tex",))]
)
def test_student_edition_has_no_solution_or_instructor_text(editions_built, builder, suffixes):
    # Every text file of the site counts: pages, the search index, copied sources.
    text = _text_of(editions_built[("student", builder)], suffixes)
    for marker in VISIBLE:
        assert marker in text, f"the student edition ({builder}) lost the exercise text {marker}"
    leaked = sorted(m for m in HIDDEN if m in text)
    assert leaked == [], f"the student edition ({builder}) shows {leaked}"


@pytest.mark.build
def test_only_the_full_edition_offers_the_page_sources_for_download(editions_built):
    """The student edition copies no sources (they hold the solutions), so no page may link to them."""
    full = _text_of(editions_built[("full", "html")], (".html",))
    student = _text_of(editions_built[("student", "html")], (".html",))
    assert "download-source-button" in full and "_sources/chapters/" in full, (
        "the full edition offers sources"
    )
    assert "download-pdf-button" in student, "the print-to-PDF entry should stay"
    assert "_sources/" not in student


def test_student_edition_keeps_instructor_page_title_with_a_notice(editions_built):
    page = (editions_built[("student", "html")] / "chapters" / "guide.html").read_text(encoding="utf-8")
    assert "Guide for instructors" in page
    assert "part of the instructor" in page


@pytest.mark.build
def test_unknown_edition_stops_the_build_and_names_the_variable(tmp_path, monkeypatch):
    book = _scratch_book(tmp_path / "book")
    monkeypatch.setenv(editions.ENV_VAR, "teachers")
    result = build_book(book, tmp_path / "out", in_process=True)
    assert result.returncode != 0
    assert "COURSE_EDITION='teachers' is not allowed" in result.log
    assert "'full'" in result.log and "'student'" in result.log


@pytest.mark.parametrize(
    "value,expected",
    [(None, "full"), ("", "full"), ("full", "full"), ("student", "student"), (" Student ", "student")],
)
def test_edition_from_env_accepts_the_allowed_values(value, expected):
    environ = {} if value is None else {editions.ENV_VAR: value}
    assert editions.edition_from_env(environ) == expected


@pytest.mark.parametrize("value", ["students", "instructor", "1", "true"])
def test_edition_from_env_rejects_other_values(value):
    with pytest.raises(ConfigError) as err:
        editions.edition_from_env({editions.ENV_VAR: value})
    message = str(err.value)
    assert editions.ENV_VAR in message and repr(value) in message
    assert "'full'" in message and "'student'" in message
