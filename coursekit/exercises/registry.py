"""The exercise registry and ``check()``: look up an exercise's spec and grade an answer with it.

In a notebook (Jupyter, Binder)::

    from coursekit.checks import check     # or: from coursekit.exercises import check
    answer = None          # replace None with your answer
    check("ex05_tariff_change", answer)

``check`` returns a :class:`Feedback` (``correct``, ``message``) that displays itself in
the notebook. Expected values come from ``data/`` through the shared queries, so a
corrected figure in the data corrects the checker (and the book's answer box) too.
An answer of ``None`` (the placeholder in every exercise cell) gets a friendly reminder,
so the exercise notebooks run cleanly at build time before anyone has answered.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from . import (
    ch02_thesis,
    ch03_rapprochement,
    ch04_shadow_diplomacy,
    ch05_tariff_trouble,
    ch06_zero_sum,
    ch07_concluding_thoughts,
)
from .feedback import AnswerFormatError, Feedback
from .spec import Choice, Choices, Exercise, Spec
from .texts import Texts

# One module per essay chapter; each lists its exercises in EXERCISES, and its YAML file
# (``module.TEXT``) declares the option-letter exercises whole.
CHAPTER_MODULES = (
    ch02_thesis,
    ch03_rapprochement,
    ch04_shadow_diplomacy,
    ch05_tariff_trouble,
    ch06_zero_sum,
    ch07_concluding_thoughts,
)


def _choice(texts: Texts, exercise_id: str) -> Choice:
    options = texts(exercise_id, "choice", "options")
    return Choice(dict(options), correct=texts(exercise_id, "choice", "correct"))


def _choices(texts: Texts, exercise_id: str) -> Choices:
    entry = texts(exercise_id, "choices")
    return Choices(
        options=texts(exercise_id, "choices", "options"),
        correct=frozenset(texts(exercise_id, "choices", "correct")),
        refuse=dict(texts(exercise_id, "choices", "refuse")),
        success=texts(exercise_id, "choices", "success"),
        incomplete=texts(exercise_id, "choices", "incomplete"),
        missing=dict(entry.get("missing", {})),
    )


# Option-letter exercises need no Python: the chapter's YAML file declares them whole.
DECLARED = {"choice": _choice, "choices": _choices}


def declared(texts: Texts) -> list[Exercise]:
    """The exercises a chapter's YAML file declares whole (a ``choice`` or ``choices`` entry)."""
    found = []
    for exercise_id, entry in texts.data.items():
        for kind, build in DECLARED.items():
            if kind in entry:
                found.append(
                    Exercise(exercise_id, texts(exercise_id, "form"), partial(build, texts, exercise_id))
                )
    return found


def _collect() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for module in CHAPTER_MODULES:
        for exercise in module.EXERCISES + declared(module.TEXT):
            if exercise.id in found:
                raise ValueError(
                    f"{module.__name__}: exercise id {exercise.id!r} is declared twice; give each "
                    "exercise its own id."
                )
            found[exercise.id] = exercise
    return found


EXERCISES: dict[str, Exercise] = _collect()


def exercise_ids() -> list[str]:
    """Every exercise id that :func:`check` knows, in chapter order."""
    return list(EXERCISES)


def exercise(exercise_id: str) -> Exercise:
    if exercise_id not in EXERCISES:
        raise KeyError(
            f"check: unknown exercise id {exercise_id!r}. Copy the id from the exercise's code cell; "
            f"known ids: {', '.join(EXERCISES)}."
        )
    return EXERCISES[exercise_id]


@cache
def spec(exercise_id: str) -> Spec:
    """The exercise's spec, built once per process from the data."""
    return exercise(exercise_id).build()


def describe_answer(exercise_id: str) -> str:
    """The expected form of an answer, e.g. 'a number: the share in percent'."""
    return exercise(exercise_id).form


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check ``answer`` to exercise ``exercise_id`` and say specifically what is right or wrong."""
    form = describe_answer(exercise_id)
    if answer is None or answer is Ellipsis:
        return Feedback(False, f"Replace None with your answer, then run the cell again. Expected: {form}.")
    try:
        return spec(exercise_id).grade(answer)
    except AnswerFormatError as err:
        return Feedback(False, f"{err} Expected: {form}.")
