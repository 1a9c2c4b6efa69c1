"""Exercise checkers: ``check()``, declarative specs, one module per essay chapter.

- :mod:`.feedback`: the :class:`Feedback` verdict and answer parsing;
- :mod:`.spec`: the declarative specs (numbers with tolerances and known wrong values,
  choices with per-option feedback) that drive both ``check()`` and the book's answer boxes;
- :mod:`.registry`: ``check()``, the list of exercises;
- ``ch02_thesis`` ... ``ch07_concluding_thoughts``: each chapter's exercises (``EXERCISES``);
  their teaching text (forms, feedback, hints, model answers) is in the YAML file beside
  each module, read through :mod:`.texts`, which also declares the option-letter exercises whole;
- :mod:`.boxes`: what the static book's answer box needs for one exercise (used at build time).
"""

from .feedback import AnswerFormatError, Feedback
from .registry import EXERCISES, check, describe_answer, exercise, exercise_ids, spec

__all__ = [
    "Feedback",
    "AnswerFormatError",
    "check",
    "exercise_ids",
    "describe_answer",
    "exercise",
    "spec",
    "EXERCISES",
]
