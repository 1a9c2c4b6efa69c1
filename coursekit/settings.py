"""Every setting the course reads from the environment, in one place, validated once.

All settings share the prefix ``COURSE_``. A bad value stops with a message that names
the variable, the value and what is allowed. Code asks :func:`current` (or passes its
own mapping, as the tests do) and never reads ``os.environ`` for a course setting.

| variable | values | what it chooses |
| --- | --- | --- |
| ``COURSE_EDITION`` | ``full`` (default), ``student`` | the edition a build makes |
| ``COURSE_PDF_DIR`` | a folder | where built PDFs are found for the download list |
| ``COURSE_LIVE`` | ``auto`` (default), ``0``, ``1`` | live widgets (kernel callbacks) or static ones |
| ``COURSE_PRINT_TABLES`` | ``1`` (default), ``0`` | table widgets print their table text in PDFs |
| ``COURSE_REPOSITORY_URL`` | ``https://github.com/owner/name`` | launch/repository/issue buttons (unset: |
|  |  | a GitHub ``origin`` remote, else no buttons) |
| ``COURSE_PAPER`` | ``a4`` (default), ``letter`` | the PDF's paper size |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PREFIX = "COURSE_"
EDITIONS = ("full", "student")
LIVE_MODES = ("auto", "0", "1")
SWITCH = ("0", "1")
PAPERS = ("a4", "letter")


class SettingsError(ValueError):
    """An environment variable holds a value the course does not know."""


@dataclass(frozen=True)
class Settings:
    edition: str = "full"
    pdf_dir: Path | None = None
    live: str = "auto"
    print_tables: bool = True
    repository_url: str = ""
    paper: str = "a4"

    @property
    def student(self) -> bool:
        return self.edition == "student"


def _choice(environ: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    raw = environ.get(PREFIX + name, "")
    value = raw.strip().lower()
    if value == "":
        return default
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise SettingsError(
            f"{PREFIX}{name}={raw!r} is not allowed; use one of {choices} "
            f"(or leave it unset for {default!r}). Fix or unset {PREFIX}{name} and run again."
        )
    return value


def _repository_url(environ: Mapping[str, str]) -> str:
    raw = environ.get(PREFIX + "REPOSITORY_URL", "").strip()
    if raw and not raw.startswith("https://"):
        raise SettingsError(
            f"{PREFIX}REPOSITORY_URL={raw!r} must be an https:// URL such as "
            "https://github.com/OWNER/NAME; fix or unset it."
        )
    return raw.rstrip("/")


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings in ``environ`` (default: the process environment), validated."""
    environ = os.environ if environ is None else environ
    pdf_dir = environ.get(PREFIX + "PDF_DIR", "").strip()
    return Settings(
        edition=_choice(environ, "EDITION", EDITIONS, "full"),
        pdf_dir=Path(pdf_dir) if pdf_dir else None,
        live=_choice(environ, "LIVE", LIVE_MODES, "auto"),
        print_tables=_choice(environ, "PRINT_TABLES", SWITCH, "1") == "1",
        repository_url=_repository_url(environ),
        paper=_choice(environ, "PAPER", PAPERS, "a4"),
    )


def current() -> Settings:
    """The process's settings. Read afresh each call: builds and tests change them."""
    return load()
