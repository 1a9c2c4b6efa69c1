"""Declarative checker specs: one spec drives ``check()`` in a kernel and the answer box in the book.

- :class:`Number` is one numeric answer (or one part of a dict of numbers): the expected
  value computed from ``data/``, a tolerance, the typical wrong values with their own
  feedback, and a hint. :class:`Numbers` combines parts. The answer box evaluates the same
  spec in JavaScript (``coursekit/sphinx/static/answer-box.js``), so the rules below are
  mirrored there: keep the two in step.
- :class:`Choice` (one letter) and :class:`Choices` (several letters) declare each option's
  feedback; :class:`Labels` a small dict of labels (expected label from the data, feedback per
  wrong label); :class:`Order` items ordered by their dates in the data. :class:`Custom` wraps a
  grading function for answers these cannot express.
- Every non-numeric spec declares the ``fields`` a reader fills in; the answer box is the
  table of every combination of those fields, graded at build time by this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .feedback import AnswerFormatError, Feedback, label, letters, mapping, number, one_letter, order

# ---------------------------------------------------------------- numbers


def close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


PERCENT_TOL = 0.1  # a percentage may be rounded to one decimal place


def money_tol(expected: float) -> float:
    """Half a percent of the amount: rounding to the cent of a billion is not the point."""
    return max(abs(expected) * 0.005, 1e-9)


@dataclass(frozen=True)
class Number:
    """One numeric answer: expected value, tolerance, known wrong values and their feedback."""

    expected: float
    tol: float
    hint: str
    wrongs: tuple[tuple[float, str], ...] = ()
    percent: bool = False  # a fraction (0.396 for 39.6) gets its own message
    name: str = ""  # how the part is named in combined feedback, e.g. "(a)"

    def grade(self, value: float) -> tuple[bool, str]:
        """(correct, message); wrong answers we can explain come first."""
        if close(value, self.expected, self.tol):
            return True, ""
        for candidate, message in self.wrongs:
            if candidate is not None and math.isfinite(candidate) and close(value, candidate, self.tol):
                return False, message
        if self.percent and self.expected != 0 and close(value * 100, self.expected, self.tol):
            return False, (
                f"{value:g} looks like a fraction; the question asks for a percentage, so multiply by 100."
            )
        if self.expected != 0 and close(-value, self.expected, self.tol):
            return False, f"{value:g} has the wrong sign: is this a rise or a fall?"
        return False, f"{value:g} does not match what the data give. {self.hint}"

    def as_json(self) -> dict:
        wrongs = [{"value": v, "message": m} for v, m in self.wrongs if v is not None and math.isfinite(v)]
        return {
            "expected": self.expected,
            "tol": self.tol,
            "hint": self.hint,
            "wrongs": wrongs,
            "percent": self.percent,
            "name": self.name,
        }


def combine(results: list[tuple[str, bool, str]], success: str) -> Feedback:
    """Combine per-part grades: name every right part, explain the first wrong one."""
    wrong = [(name, msg) for name, ok, msg in results if not ok]
    if not wrong:
        return Feedback(True, success)
    right = [name for name, ok, _ in results if ok]
    name, msg = wrong[0]
    lead = f"{', '.join(right)} right; " if right else ""
    more = f" ({len(wrong) - 1} more part(s) to fix after this one.)" if len(wrong) > 1 else ""
    return Feedback(False, f"{lead}{name}: {msg}{more}")


@dataclass(frozen=True)
class Numbers:
    """A number, or a dict of numbers keyed by part (``parts`` keeps the order shown)."""

    parts: dict[str, Number]
    success: str
    single: bool = False  # the answer is one number, not a dict

    def grade(self, answer: Any) -> Feedback:
        if self.single:
            ok, msg = next(iter(self.parts.values())).grade(number(answer, "answer"))
            return Feedback(True, self.success) if ok else Feedback(False, msg)
        given = mapping(answer, list(self.parts))
        results = []
        for key, part in self.parts.items():
            ok, msg = part.grade(number(given[key], key))
            results.append((part.name or key, ok, msg))
        return combine(results, self.success)

    def as_json(self) -> dict:
        return {
            "kind": "number",
            "single": self.single,
            "success": self.success,
            "parts": [{"key": k, **p.as_json()} for k, p in self.parts.items()],
        }


def single(part: Number, success: str) -> Numbers:
    return Numbers({"answer": part}, success, single=True)


# ---------------------------------------------------------------- fields of a table box


@dataclass(frozen=True)
class Field:
    """One control of a table answer box: a select, a radio group or a group of checkboxes."""

    name: str
    label: str
    kind: str  # "select", "radio" or "checkboxes"
    options: tuple[str, ...]
    labels: tuple[str, ...] = ()  # shown instead of the option values, same order


def _letters_field(options: str, many: bool) -> tuple[Field, ...]:
    kind = "checkboxes" if many else "radio"
    return (
        Field(
            "answer", "Your answer" if not many else "Choose every option that applies", kind, tuple(options)
        ),
    )


@dataclass(frozen=True)
class Choice:
    """One option letter; each option's feedback is declared."""

    options: dict[str, str]  # letter -> feedback
    correct: str

    def grade(self, answer: Any) -> Feedback:
        chosen = one_letter(answer, "".join(self.options), "answer")
        return Feedback(chosen == self.correct, self.options[chosen])

    @property
    def fields(self) -> tuple[Field, ...]:
        return _letters_field("".join(sorted(self.options)), many=False)

    def compose(self, values: dict) -> Any:
        return values["answer"]


@dataclass(frozen=True)
class Choices:
    """Several option letters.

    Grading order: a refused letter gets its message (in ``refuse`` order); the exact
    ``correct`` set succeeds; otherwise the first missing letter that ``missing`` names
    gets its message, else ``incomplete`` (a template with ``{n_chosen}``, ``{n_missing}``
    and ``{n_correct}``).
    """

    options: str
    correct: frozenset[str]
    refuse: dict[str, str]
    success: str
    incomplete: str
    missing: dict[str, str] = field(default_factory=dict)

    def grade(self, answer: Any) -> Feedback:
        chosen = letters(answer, self.options, "answer")
        for letter, message in self.refuse.items():
            if letter in chosen:
                return Feedback(False, message)
        if chosen == set(self.correct):
            return Feedback(True, self.success)
        for letter, message in self.missing.items():
            if letter not in chosen:
                return Feedback(False, message)
        return Feedback(
            False,
            self.incomplete.format(
                n_chosen=len(chosen), n_correct=len(self.correct), n_missing=len(set(self.correct) - chosen)
            ),
        )

    @property
    def fields(self) -> tuple[Field, ...]:
        return _letters_field(self.options, many=True)

    def compose(self, values: dict) -> Any:
        return list(values["answer"])


@dataclass(frozen=True)
class Label:
    """One labelled part of a dict answer: the expected label (from the data) and its feedback.

    ``wrongs`` maps a given label to its own feedback; any other wrong label gets ``other``.
    With ``invalid`` set, a label outside ``options`` is a format error (a template with
    ``{name}`` and ``{value}``). Labels compare case- and spacing-insensitively.
    """

    expected: str
    options: tuple[str, ...]
    other: str
    wrongs: dict[str, str] = field(default_factory=dict)
    title: str = ""  # the box's label for this part
    invalid: str = ""
    aliases: dict[str, str] = field(default_factory=dict)  # e.g. "ménage à trois" -> "menage a trois"

    def normal(self, value: Any, name: str) -> str:
        given = label(value, name)
        return self.aliases.get(given, given)

    def grade(self, value: Any, name: str) -> tuple[bool, str]:
        given = self.normal(value, name)
        if self.invalid and given not in {label(o, name) for o in self.options}:
            raise AnswerFormatError(self.invalid.format(name=name, value=given))
        if given == label(self.expected, name):
            return True, ""
        return False, self.wrongs.get(given, self.other)


@dataclass(frozen=True)
class Labels:
    """A small dict of labels, one :class:`Label` per key; combined like :class:`Numbers`."""

    parts: dict[str, Label]
    success: str
    names: dict[str, str] = field(default_factory=dict)  # how a key is named in feedback, e.g. "(a)"

    def grade(self, answer: Any) -> Feedback:
        given = mapping(answer, list(self.parts))
        results = []
        for key, part in self.parts.items():
            ok, msg = part.grade(given[key], self.names.get(key, key))
            results.append((self.names.get(key, key), ok, msg))
        return combine(results, self.success)

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(Field(k, p.title or k, "select", p.options) for k, p in self.parts.items())

    def compose(self, values: dict) -> Any:
        return dict(values)


@dataclass(frozen=True)
class Order:
    """Items to put in order by a date each (from the data); the first pair out of order is named."""

    dates: dict[str, Any]  # item letter -> date (anything comparable with a strftime)
    success: str
    titles: tuple[str, ...] = ("First", "Second", "Third", "Fourth", "Fifth")
    out_of_order: str = (
        "{first} ({first_date:%d %b %Y}) comes after {second} ({second_date:%d %b %Y}); swap them "
        "and check the rest."
    )
    otherwise: str = "The order does not match the dates in the data."

    def grade(self, answer: Any) -> Feedback:
        given = order(answer, "".join(self.dates), "answer")
        if given == sorted(self.dates, key=lambda k: self.dates[k]):
            return Feedback(True, self.success)
        for first, second in zip(given, given[1:]):
            if self.dates[first] > self.dates[second]:
                return Feedback(
                    False,
                    self.out_of_order.format(
                        first=first,
                        second=second,
                        first_date=self.dates[first],
                        second_date=self.dates[second],
                    ),
                )
        return Feedback(False, self.otherwise)

    @property
    def fields(self) -> tuple[Field, ...]:
        items = tuple(self.dates)
        return tuple(
            Field(f"pos{i}", f"{self.titles[i - 1]} event", "select", items) for i in range(1, len(items) + 1)
        )

    def compose(self, values: dict) -> Any:
        return [values[f"pos{i}"] for i in range(1, len(self.dates) + 1)]


@dataclass(frozen=True)
class Custom:
    """A grading function, with the fields and composition an answer box needs (none: free text)."""

    func: Callable[[Any], Feedback]
    fields: tuple[Field, ...] = ()
    compose: Callable[[dict], Any] | None = None

    def grade(self, answer: Any) -> Feedback:
        return self.func(answer)


Spec = Numbers | Choice | Choices | Labels | Order | Custom


@dataclass(frozen=True)
class Exercise:
    """A checkable exercise: its id, the form of an answer, and a builder for its spec.

    ``build`` runs on first use, so the expected values come from the data as loaded then.
    ``model_answer`` (free-text exercises) is shown on request in the full edition only.
    """

    id: str
    form: str
    build: Callable[[], Spec]
    model_answer: str | Callable[[], str] = ""


__all__ = [
    "AnswerFormatError",
    "Number",
    "Numbers",
    "single",
    "Choice",
    "Choices",
    "Label",
    "Labels",
    "Order",
    "Custom",
    "Field",
    "Exercise",
    "combine",
    "close",
    "PERCENT_TOL",
    "money_tol",
    "Spec",
]
