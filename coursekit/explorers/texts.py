"""Teaching text kept out of Python: each widget module's YAML file beside it.

``coursekit/explorers/<module>.yml`` holds the module's captions, prose templates and
model parameters with their sources; :func:`texts` reads it once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


class TextsError(ValueError):
    """A widget's YAML text file is missing, unreadable or lacks a key the widget needs."""


@cache
def _read(stem: str) -> dict[str, Any]:
    path = HERE / f"{stem}.yml"
    if not path.is_file():
        raise TextsError(f"{path}: no text file for widget module {stem!r}; create it beside {stem}.py.")
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TextsError(f"{path}: not valid YAML ({exc}); fix the file.") from exc
    if not isinstance(loaded, dict):
        raise TextsError(
            f"{path}: expected a mapping of names to texts at the top level; write each text as 'name: text'."
        )
    return loaded


class Texts:
    """The texts of one widget module; a missing key is an error naming the file and the key."""

    def __init__(self, module: str) -> None:
        self.stem = module.rsplit(".", 1)[-1]
        self.data = _read(self.stem)

    def __getitem__(self, key: str) -> Any:
        if key not in self.data:
            raise TextsError(f"{HERE / (self.stem + '.yml')}: no key {key!r}; add it (the widget needs it).")
        return self.data[key]


def texts(module: str) -> Texts:
    """The texts of widget module ``module`` (pass ``__name__``)."""
    return Texts(module)
