"""The verdict on an answer (:class:`Feedback`) and the parsing of answers into plain values.

Parsing raises :class:`AnswerFormatError` with a message that says what form was
expected; :func:`coursekit.exercises.check` turns it into feedback, never a traceback.
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``correct`` and a message saying why."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}: {self.message}"

    def __repr__(self) -> str:  # what a notebook shows when HTML is not available
        return str(self)

    def _repr_html_(self) -> str:
        # The verdict is spelled out in words, never carried by colour alone.
        state = "correct" if self.correct else "not-yet"
        label = "Correct." if self.correct else "Not yet."
        return (
            f'<div class="course-feedback course-feedback--{state}" role="status">'
            f"<strong>{label}</strong> {html.escape(self.message)}</div>"
        )


class AnswerFormatError(ValueError):
    """The answer has the wrong shape (text for a number, a table for a value, ...)."""


def number(value: Any, what: str) -> float:
    if isinstance(value, (pd.Series, pd.DataFrame)):
        raise AnswerFormatError(
            f"{what}: you passed a pandas {type(value).__name__}, not a single number; "
            "pick one value, e.g. with .item() or .iloc[0]."
        )
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise AnswerFormatError(
            f"{what}: expected a number, got {value!r}. Give the number itself (39.6, not '39.6%')."
        )
    result = float(value)
    if not math.isfinite(result):
        raise AnswerFormatError(
            f"{what}: got {result}, which is not a finite number; check for a "
            "division by zero or a missing value (NaN) in your selection."
        )
    return result


def norm_key(key: Any) -> Any:
    if isinstance(key, numbers.Integral) and not isinstance(key, bool):
        return int(key)
    if isinstance(key, str):
        stripped = key.strip()
        return int(stripped) if stripped.isdigit() else stripped.lower()
    return key


def mapping(value: Any, keys: Iterable, what: str = "answer") -> dict:
    keys = list(keys)
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, dict):
        raise AnswerFormatError(f"{what}: expected a dict with the keys {keys}, got {type(value).__name__}.")
    normalised = {norm_key(k): v for k, v in value.items()}
    missing = [k for k in keys if norm_key(k) not in normalised]
    if missing:
        raise AnswerFormatError(f"{what}: the key(s) {missing} are missing.")
    return {k: normalised[norm_key(k)] for k in keys}


def label(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AnswerFormatError(f"{what}: expected a text label, got {value!r}.")
    return re.sub(r"[\s_\-]+", " ", value.strip().lower())


def letters(value: Any, options: Iterable[str], what: str) -> set[str]:
    """A set of option letters from 'AC', ['A', 'C'], {'a', 'c'} ..."""
    options = [o.upper() for o in options]
    if isinstance(value, str):
        items = [c for c in value.upper() if c.isalpha()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = [str(v).strip().upper() for v in value]
    else:
        raise AnswerFormatError(f"{what}: expected option letters such as ['A', 'C'], got {value!r}.")
    unknown = sorted(set(items) - set(options))
    if unknown:
        raise AnswerFormatError(f"{what}: {unknown} are not options here; choose from {options}.")
    return set(items)


def one_letter(value: Any, options: Iterable[str], what: str) -> str:
    chosen = letters(value, options, what)
    if len(chosen) != 1:
        raise AnswerFormatError(f"{what}: choose exactly one option letter, got {sorted(chosen)}.")
    return chosen.pop()


def order(value: Any, items: str, what: str) -> list[str]:
    """A list naming each of ``items`` (e.g. 'ABCD') exactly once, from a list or a string."""
    if isinstance(value, str):
        value = [c for c in value.upper() if c.isalpha()]
    if not isinstance(value, (list, tuple)) or sorted(str(v).strip().upper() for v in value) != sorted(items):
        raise AnswerFormatError(f"{what}: list each of {', '.join(items)} exactly once.")
    return [str(v).strip().upper() for v in value]
