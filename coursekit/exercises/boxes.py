"""The data an answer box in the static book needs, prepared at build time from an exercise's spec.

- number: the spec itself (expected values, tolerances, wrong values and their feedback);
  the browser grades with the same rules as :class:`~coursekit.exercises.spec.Number`;
- table: every combination of the box's fields, graded here by ``check()``, so the box's
  feedback is the checker's, word for word;
- text: no grading; a model answer on request (full edition only).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from .registry import check, exercise, spec
from .spec import Field, Numbers

# A table key joins the fields' states with "|"; a checkbox group's state is the bitmask of
# its ticked options (bit i = option i), which keeps the keys short.
FIELD_SEP = "|"
# Every combination is graded at build time and shipped in the page: keep the table small.
MAX_COMBINATIONS = 5000


def _field_values(field: Field) -> list[tuple[str, Any]]:
    """(key fragment, value) for every state of one field."""
    if field.kind == "checkboxes":
        states = []
        for mask in range(2 ** len(field.options)):
            ticked = [o for i, o in enumerate(field.options) if mask >> i & 1]
            states.append((str(mask), ticked))
        return states
    return [(option, option) for option in field.options]


def _combinations(fields: tuple[Field, ...]) -> Iterator[tuple[str, dict]]:
    for states in itertools.product(*(_field_values(f) for f in fields)):
        yield (
            FIELD_SEP.join(key for key, _ in states),
            {f.name: value for f, (_, value) in zip(fields, states)},
        )


def model_answer(exercise_id: str) -> str:
    text = exercise(exercise_id).model_answer
    return text() if callable(text) else text


def box_data(exercise_id: str) -> dict:
    """JSON-ready description of the answer box for one exercise."""
    ex = exercise(exercise_id)
    built = spec(exercise_id)
    if isinstance(built, Numbers):
        return {"id": ex.id, "form": ex.form, **built.as_json()}
    fields = getattr(built, "fields", ())
    if not fields:
        return {"id": ex.id, "form": ex.form, "kind": "text"}
    size = 1
    for f in fields:
        size *= 2 ** len(f.options) if f.kind == "checkboxes" else len(f.options)
    if size > MAX_COMBINATIONS:
        raise ValueError(
            f"answer box for {exercise_id}: {size} combinations of its fields, more than "
            f"{MAX_COMBINATIONS}; offer fewer options, or declare the exercise without fields (a "
            "free-text box with a model answer)."
        )
    messages: list[list] = []
    index: dict[tuple, int] = {}
    table: dict[str, int] = {}
    for key, values in _combinations(fields):
        verdict = check(exercise_id, built.compose(values))
        slot = (verdict.correct, verdict.message)
        if slot not in index:
            index[slot] = len(messages)
            messages.append([verdict.correct, verdict.message])
        table[key] = index[slot]
    return {
        "id": ex.id,
        "form": ex.form,
        "kind": "table",
        "messages": messages,
        "table": table,
        "fields": [
            {
                "name": f.name,
                "label": f.label,
                "kind": f.kind,
                "options": list(f.options),
                "labels": list(f.labels or f.options),
            }
            for f in fields
        ],
    }
