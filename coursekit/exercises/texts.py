"""Teaching text kept out of Python: each chapter checker's YAML file beside it.

``coursekit/exercises/<module>.yml`` holds, under each exercise id, the form of an answer,
the feedback sentences, hints and model answers (``str.format`` templates where a figure
computed from the data is filled in). The logic stays in the module: expected values,
tolerances, the typical wrong values and the grading rules. Same pattern as the widgets'
texts (:mod:`coursekit.explorers.texts`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


class TextsError(ValueError):
    """A checker's YAML text file is missing, unreadable or lacks a text the checker needs."""


@cache
def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise TextsError(
            f"{path}: no text file for checker module {path.stem!r}; create it beside {path.stem}.py."
        )
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TextsError(f"{path}: not valid YAML ({exc}); fix the file.") from exc
    if not isinstance(loaded, dict):
        raise TextsError(f"{path}: expected a mapping of exercise ids to their texts at the top level.")
    return loaded


class Texts:
    """The texts of one checker module; a missing text is an error naming the file and its path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = _read(path)

    def __call__(self, *keys: str) -> Any:
        """The text at ``keys``, e.g. ``TEXT("ex04_claim_ladder", "weakest")``."""
        node: Any = self.data
        for depth, key in enumerate(keys, start=1):
            if not isinstance(node, dict) or key not in node:
                raise TextsError(
                    f"{self.path}: no text at {'.'.join(keys[:depth])}; add it (the checker needs it)."
                )
            node = node[key]
        return node

    def say(self, *keys: str, **figures: Any) -> str:
        """The template at ``keys`` with ``figures`` filled in."""
        return self(*keys).format(**figures)


def texts(module: str) -> Texts:
    """The texts of checker module ``module`` (pass ``__name__``)."""
    return Texts(HERE / f"{module.rsplit('.', 1)[-1]}.yml")
