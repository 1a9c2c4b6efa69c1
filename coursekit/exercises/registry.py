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

from functools import cache
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
from .spec import Exercise, Spec

# One module per essay chapter; each lists its exercises in EXERCISES.
CHAPTER_MODULES = (
    ch02_thesis,
    ch03_rapprochement,
    ch04_shadow_diplomacy,
    ch05_tariff_trouble,
    ch06_zero_sum,
    ch07_concluding_thoughts,
)


def _collect() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for module in CHAPTER_MODULES:
        for exercise in module.EXERCISES:
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
