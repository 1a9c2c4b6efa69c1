"""Compatibility: ``from coursekit.checks import check`` (the exercises use it). The code is in
:mod:`coursekit.exercises`."""

from .exercises import AnswerFormatError, Feedback, check, describe_answer, exercise_ids

__all__ = ["Feedback", "AnswerFormatError", "check", "exercise_ids", "describe_answer"]
