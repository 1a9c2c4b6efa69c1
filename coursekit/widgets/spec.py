"""What a widget is, before anything is drawn: its controls, their options and the grid of states.

Everything here is checked when the widget is created, so a mistake in a chapter
stops the build with a message naming the control and what to do.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets

#: More pre-rendered states than this would bloat a page (each is an image).
MAX_STATES = 40
#: Number of controls a static widget supports (nesting depth of the Stacks).
MAX_CONTROLS = 3

CONTROL_KINDS = ("auto", "toggle", "dropdown", "radio")


@dataclass(frozen=True)
class Choice:
    """A discrete control: a visible ``label`` and ``(display_label, value)`` options.

    ``kind`` picks the ipywidgets control: ``"dropdown"`` (the default, also
    ``"auto"``), ``"radio"`` or ``"toggle"`` (ToggleButtons). All work from the
    keyboard. The dropdown is a native ``<select>`` whose label is attached
    with ``for=``, so screen readers announce it best; the radio group and
    toggle buttons do not expose their group label, so use them only for a
    few short options whose text says enough on its own.
    """

    label: str
    options: Sequence[tuple[str, Any]]
    kind: str = "auto"

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValueError(f"Choice label must be a non-empty string, got {self.label!r}.")
        opts = tuple(self.options)
        if not opts:
            raise ValueError(
                f"Choice {self.label!r} has an empty option set; give at least one "
                "(display_label, value) pair."
            )
        for i, opt in enumerate(opts):
            if not (isinstance(opt, (tuple, list)) and len(opt) == 2):
                raise ValueError(
                    f"Choice {self.label!r} option {i} is {opt!r}; each option must be a "
                    "(display_label, value) pair."
                )
            if not isinstance(opt[0], str) or not opt[0].strip():
                raise ValueError(
                    f"Choice {self.label!r} option {i} needs a non-empty display label, got {opt[0]!r}."
                )
        labels = [o[0] for o in opts]
        dupes = sorted({lab for lab in labels if labels.count(lab) > 1})
        if dupes:
            raise ValueError(f"Choice {self.label!r} repeats display labels {dupes}; labels must be unique.")
        if self.kind not in CONTROL_KINDS:
            raise ValueError(f"Choice {self.label!r}: kind={self.kind!r} is not one of {CONTROL_KINDS}.")
        object.__setattr__(self, "options", tuple((str(o[0]), o[1]) for o in opts))

    @property
    def labels(self) -> list[str]:
        return [o[0] for o in self.options]

    @property
    def values(self) -> list[Any]:
        return [o[1] for o in self.options]

    def index_of(self, value: Any, *, name: str) -> int:
        """Index of ``value``; a clear error names the control and the valid values."""
        for i, v in enumerate(self.values):
            if v == value:
                return i
        raise ValueError(
            f"default for control {name!r} is {value!r}, which is not one of its values "
            f"{self.values!r} (labels {self.labels!r})."
        )

    def make_control(self, index: int) -> ipywidgets.ValueWidget:
        """A fresh keyboard-operable ipywidgets control showing option ``index``."""
        kind = "dropdown" if self.kind == "auto" else self.kind
        common = dict(
            options=self.labels,
            index=index,
            description=self.label,
            style={"description_width": "initial"},
            layout=ipywidgets.Layout(width="auto"),
        )
        if kind == "toggle":
            # tooltips become each button's title: a label screen readers announce
            return ipywidgets.ToggleButtons(
                tooltips=[f"{self.label}: {lab}" for lab in self.labels], **common
            )
        if kind == "radio":
            return ipywidgets.RadioButtons(**common)
        common["layout"] = ipywidgets.Layout(width="auto", max_width="40em")  # not page-wide
        return ipywidgets.Dropdown(**common)


@dataclass
class State:
    """One pre-rendered combination of control values."""

    values: dict[str, Any]
    labels: dict[str, str]  # control label -> option display label (shown in the page)
    alt: str
    html: str = ""
    nbytes: int = 0  # size of the embedded image/table as it lands in the page


@dataclass(frozen=True)
class View:
    """What a chapter widget's ``view(**state)`` returns: the chart's inputs and the alt text.

    ``chart`` holds the keyword arguments of the widget's chart function (and of its
    ``update``); ``alt`` describes exactly that state. Both come from one selection of
    the data, so they cannot disagree.
    """

    chart: Mapping[str, Any]
    alt: str


def check_controls(controls: Mapping[str, Choice], live: Mapping[str, Any], max_states: int) -> None:
    """Refuse control sets the static page cannot hold (count, types, names, number of states)."""
    if not controls:
        raise ValueError("static_widget needs at least one control in `controls`.")
    if len(controls) > MAX_CONTROLS:
        raise ValueError(
            f"static_widget supports at most {MAX_CONTROLS} controls, got {len(controls)}: {list(controls)}."
        )
    for name, ch in controls.items():
        if not isinstance(ch, Choice):
            raise TypeError(f"control {name!r} must be a coursekit.widgets.Choice, got {type(ch).__name__}.")
    clash = sorted(set(controls) & set(live))
    if clash:
        raise ValueError(f"{clash} named both as a discrete control and a live control; use distinct names.")
    for name, w in live.items():
        if not isinstance(w, ipywidgets.ValueWidget):
            raise TypeError(
                f"live control {name!r} must be an ipywidgets slider or other ValueWidget, "
                f"got {type(w).__name__}."
            )
    sizes = [len(ch.options) for ch in controls.values()]
    total = math.prod(sizes)
    if total > max_states:
        detail = " × ".join(f"{n} ({s})" for n, s in zip(controls, sizes))
        raise ValueError(
            f"{detail} = {total} states to pre-render, more than max_states={max_states}. "
            "Each state is an image embedded in the page, which must stay under 1.5 MB. "
            "Offer fewer options, split the widget, or make a dimension a live= slider "
            "(live kernel only)."
        )


def default_indices(controls: Mapping[str, Choice], default: Mapping[str, Any] | None) -> dict[str, int]:
    """Option index shown first per control: the ``default`` value's, else the first option."""
    default = dict(default or {})
    unknown = sorted(set(default) - set(controls))
    if unknown:
        raise ValueError(f"default names unknown control(s) {unknown}; the controls are {list(controls)}.")
    return {
        name: (ch.index_of(default[name], name=name) if name in default else 0)
        for name, ch in controls.items()
    }


def flat_index(controls: Mapping[str, Choice], indices: Mapping[str, int]) -> int:
    """Position of a combination of option indices in the row-major state grid (last control fastest)."""
    i = 0
    for name, ch in controls.items():
        i = i * len(ch.options) + indices[name]
    return i


def state_grid(controls: Mapping[str, Choice], alt: Callable[[Mapping[str, Any]], str]) -> list[State]:
    """Every combination of options, row-major (the last control varies fastest), with its alt text."""
    states = []
    sizes = [len(ch.options) for ch in controls.values()]
    for combo in itertools.product(*(range(s) for s in sizes)):
        values = {n: controls[n].values[i] for n, i in zip(controls, combo)}
        labels = {controls[n].label: controls[n].labels[i] for n, i in zip(controls, combo)}
        text = alt(values)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"alt(**{dict(values)!r}) returned {text!r}; every state needs alt text.")
        states.append(State(values=values, labels=labels, alt=text.strip()))
    return states
