"""Answer boxes: practise the exercises in the static book, with the checker's own feedback, no kernel.

Every exercise cell of the form ``answer = None ... check("<id>", answer)`` gets a box right
after it, prepared at build time from the exercise's spec (:mod:`coursekit.exercises.boxes`):

- numbers: the spec (expected values from ``data/``, tolerances, typical wrong values with
  their feedback) is embedded as JSON and ``answer-box.js`` grades with the same rules;
- choices, orders and small dicts: every combination is graded here by ``check()``, and the
  box looks the verdict up, so its feedback is the checker's word for word;
- free text: a draft field and, in the full edition only, a model answer on request.

No markup is needed in ``exercises/*.md`` (the cells stay plain Jupyter code), nothing loads
from another host, and the JSON sits in the page, so the box works from ``file://``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import editions

STATIC_DIR = Path(__file__).parent / "static"
JS_FILE, CSS_FILE = "answer-box.js", "answer-box.css"
# An exercise cell (not a solution): the placeholder answer and a check call.
_CHECK_CELL = re.compile(
    r'^answer\s*=\s*None\b.*?^check\(\s*["\'](?P<id>\w+)["\']\s*,\s*answer\s*\)', re.M | re.S
)
logger = logging.getLogger(__name__)
STUDENT_MODEL_NOTE = "The model answer is in the instructor's edition: compare your draft with a partner's."


def _dom_id(exercise_id: str, *parts: str) -> str:
    return "-".join(["answer-box", exercise_id, *[re.sub(r"[^A-Za-z0-9_]+", "_", p) for p in parts]])


def _number_form(data: dict) -> str:
    rows = []
    for part in data["parts"]:
        key = part["key"]
        label = ("Your answer" if data["single"] else part["name"] or key) + (
            ", in percent" if part["percent"] else ""
        )
        fid = _dom_id(data["id"], key)
        rows.append(
            f'<div class="answer-box__part"><label for="{fid}">{html.escape(label)}</label>'
            f'<input id="{fid}" name="{html.escape(key)}" type="text" inputmode="decimal" '
            f'autocomplete="off" spellcheck="false"></div>'
        )
    return "".join(rows)


def _table_form(data: dict) -> str:
    rows = []
    for field in data["fields"]:
        fid = _dom_id(data["id"], field["name"])
        pairs = list(zip(field["options"], field["labels"]))
        if field["kind"] == "select":
            options = '<option value="">Choose…</option>' + "".join(
                f'<option value="{html.escape(v)}">{html.escape(lab)}</option>' for v, lab in pairs
            )
            rows.append(
                f'<div class="answer-box__part"><label for="{fid}">{html.escape(field["label"])}</label>'
                f'<select id="{fid}" name="{html.escape(field["name"])}">{options}</select></div>'
            )
            continue
        kind = "checkbox" if field["kind"] == "checkboxes" else "radio"
        inputs = "".join(
            f'<label class="answer-box__choice"><input type="{kind}" name="{html.escape(field["name"])}" '
            f'value="{html.escape(v)}"> {html.escape(lab)}</label>'
            for v, lab in pairs
        )
        rows.append(
            f'<fieldset class="answer-box__part" id="{fid}"><legend>{html.escape(field["label"])}</legend>'
            f"{inputs}</fieldset>"
        )
    return "".join(rows)


def _text_form(data: dict, model: str, student: bool) -> tuple[str, str]:
    fid = _dom_id(data["id"], "draft")
    form = (
        f'<div class="answer-box__part"><label for="{fid}">Your draft (it stays in this page; nothing is '
        f'sent or saved)</label><textarea id="{fid}" rows="4"></textarea></div>'
    )
    if student or not model:
        return form, f'<p class="answer-box__note">{html.escape(STUDENT_MODEL_NOTE)}</p>'
    reveal = (
        f'<details class="answer-box__model"><summary>Show a model answer</summary>'
        f"<p>{html.escape(model)}</p></details>"
    )
    return form, reveal


def box_html(data: dict, model: str = "", student: bool = False) -> str:
    """The box as HTML; a free-text box holds its model answer (full edition) or a note (student)."""
    title_id = _dom_id(data["id"], "title")
    extra = ""
    if data["kind"] == "text":
        form, extra = _text_form(data, model, student)
        button, title = "", "Practise here"
    else:
        form = _number_form(data) if data["kind"] == "number" else _table_form(data)
        button = '<button type="submit" class="answer-box__check">Check</button>'
        title = "Check your answer here (no code needed)"
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    box = (
        f'<div class="answer-box answer-box--{data["kind"]}" data-exercise="{data["id"]}" role="group" '
        f'aria-labelledby="{title_id}"><p class="answer-box__title" id="{title_id}">{title}</p>'
        f'<form class="answer-box__form" novalidate>{form}{button}</form>{extra}'
        f'<div class="answer-box__feedback" role="status" aria-live="polite"></div>'
        "<noscript><p>The answer box needs JavaScript; the check cell above does the same in Jupyter.</p>"
        "</noscript>"
        f'<script type="application/json" class="answer-box__data">{payload}</script></div>'
    )
    return box


class AddAnswerBoxes(SphinxTransform):
    """After each exercise cell, insert its answer box (after the student edition's removals)."""

    default_priority = editions.RemoveStudentHiddenContent.default_priority + 5

    def apply(self) -> None:
        from coursekit.exercises import EXERCISES
        from coursekit.exercises.boxes import box_data, model_answer

        student = getattr(self.config, "course_edition", editions.FULL) == editions.STUDENT
        for cell in list(self.document.findall(_is_cell)):
            match = _CHECK_CELL.search(_cell_source(cell))
            if match is None or cell.parent is None:
                continue
            exercise_id = match.group("id")
            if exercise_id not in EXERCISES:
                logger.warning(
                    f"answer box: no checker for exercise id {exercise_id!r}; declare it in "
                    "coursekit/exercises/ (see CONTRIBUTING.md) or correct the id.",
                    location=cell,
                )
                continue
            data = box_data(exercise_id)
            # The student edition gets no model answer at all (not hidden: absent from the page).
            box = box_html(data, model_answer(exercise_id), student)
            cell.parent.insert(cell.parent.index(cell) + 1, nodes.raw("", box, format="html"))
            # Re-read the page when the data or a checker changes (the box is built from both).
            for path in _DEPENDENCIES:
                self.env.note_dependency(str(path))


_REPO = Path(__file__).resolve().parents[2]
_DEPENDENCIES = [
    _REPO / "data" / "datapackage.json",
    *sorted((_REPO / "coursekit" / "exercises").glob("*.py")),
]


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "cell" in node.get("classes", [])


def _cell_source(cell: nodes.Element) -> str:
    block = next(iter(cell.findall(nodes.literal_block)), None)
    return block.astext() if block is not None else ""


def _static_path(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC_DIR / "answer-box"))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _static_path)
    app.add_transform(AddAnswerBoxes)
    app.add_js_file(JS_FILE)
    app.add_css_file(CSS_FILE)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
