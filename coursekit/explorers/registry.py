"""The registry of chapter widgets: which builder makes each, and which chapter calls it how.

A widget module registers its builder with :func:`chapter_widget`; the package imports
every module in ``coursekit/explorers/`` on import, so a new module is picked up by
itself. Chapters, tests and the benchmark read :data:`REGISTRY`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: name -> :class:`Entry`, in registration order (module name order).
REGISTRY: dict[str, Entry] = {}


@dataclass(frozen=True)
class Use:
    """One call of a widget in a chapter: ``explorers.<name>(**kwargs)`` in ``chapters/<chapter>.md``."""

    name: str
    chapter: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """A short, unique id for tests and reports: ``claims_explorer`` or ``claims_explorer[kind=forecast]``."""
        args = ",".join(f"{k}={v}" for k, v in self.kwargs.items())
        return f"{self.name}[{args}]" if args else self.name

    @property
    def source(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        return f"explorers.{self.name}({args})"


@dataclass(frozen=True)
class Entry:
    """A registered builder: its name, function, module, and the chapter calls that use it."""

    name: str
    build: Callable[..., Any]
    module: str
    uses: tuple[Use, ...]
    interactive: bool = True  # False: a static table, not a StaticWidget


def chapter_widget(*uses: tuple[str, dict] | str, interactive: bool = True) -> Callable:
    """Register the decorated builder under its function name.

    Each use is a chapter file stem (``"03-rapprochement"``) or ``(stem, kwargs)`` when
    the chapter passes arguments, e.g. ``("08-what-happened-next", {"kind": "forecast"})``.
    """

    def register(build: Callable) -> Callable:
        name = build.__name__
        if name in REGISTRY:
            raise ValueError(
                f"two chapter widgets are named {name!r} ({REGISTRY[name].module} and "
                f"{build.__module__}); rename one."
            )
        if not uses:
            raise ValueError(
                f"chapter widget {name!r} names no chapter; give the chapter file stem that calls it."
            )
        parsed = tuple(Use(name, u, {}) if isinstance(u, str) else Use(name, u[0], dict(u[1])) for u in uses)
        REGISTRY[name] = Entry(name, build, build.__module__, parsed, interactive)
        return build

    return register


def uses(*, interactive: bool | None = None) -> list[Use]:
    """Every chapter call of every registered widget (optionally only interactive ones)."""
    return [u for e in REGISTRY.values() if interactive in (None, e.interactive) for u in e.uses]


def build(use: Use) -> Any:
    """Make the widget a chapter call makes."""
    return REGISTRY[use.name].build(**use.kwargs)
