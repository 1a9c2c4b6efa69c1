"""The answer-box transform in-process on a tiny book (no notebook execution, no Jupyter Book).

Checks that an exercise cell gets its box right after it, that a solution cell (a real
answer) does not, that an unknown exercise id is a warning with its location, and that
the JS and CSS are shipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import NOTEBOOK_HEADER
from tests.sphinx import build_tiny_project

PAGE = (
    NOTEBOOK_HEADER
    + """
# Scratch exercises

```{code-cell} ipython3
answer = None  # one letter
check("ex06_absence", answer)
```

```{code-cell} ipython3
answer = "B"
check("ex06_absence", answer)
```

```{code-cell} ipython3
answer = None
check("ex99_missing", answer)
```
"""
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    return build_tiny_project(
        tmp_path_factory.mktemp("src"), "coursekit.sphinx.answer_boxes", {"index": PAGE}
    )


def test_an_exercise_cell_gets_its_box_and_a_solution_cell_does_not(built):
    html_dir, _ = built
    page = (html_dir / "index.html").read_text(encoding="utf-8")
    assert page.count('class="answer-box ') == 1
    assert 'data-exercise="ex06_absence"' in page
    # the box follows the exercise cell, before the solution cell
    cells = [i for i in range(len(page)) if page.startswith('<div class="cell docutils container">', i)]
    assert len(cells) == 3
    assert (
        cells[0] < page.index('data-exercise="ex06_absence"') < cells[1]
    )  # after the exercise, before the solution


def test_an_unknown_exercise_id_is_a_warning_with_its_location(built):
    _, warnings = built
    assert "ex99_missing" in warnings and "index" in warnings and "coursekit/exercises" in warnings


def test_the_script_and_style_are_shipped_and_linked(built):
    html_dir, _ = built
    page = (html_dir / "index.html").read_text(encoding="utf-8")
    for name in ("answer-box.js", "answer-box.css"):
        assert (html_dir / "_static" / name).is_file()
        assert f"_static/{name}" in page
