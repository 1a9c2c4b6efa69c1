"""The one way the course's books are built: Jupyter Book with the strict flags.

Every build (``scripts/build.sh``, the handouts, the tests, the benchmark) goes through
this module, so the strictness is written once: any Sphinx warning, broken reference or
notebook exception fails the build, and ``--keep-going`` reports all of them, not the first.

    python -m coursekit.sphinx.build BOOK [jupyter-book build options ...]

runs ``jupyter-book build BOOK ... -W -n --keep-going`` and exits with its status.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

#: -W: warnings are errors; -n: nitpicky (every reference must resolve); --keep-going: list them all.
STRICT_FLAGS = ("-W", "-n", "--keep-going")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TIMEOUT_S = 1800


@dataclass
class BuildResult:
    """What a build left: the HTML folder (if it is an HTML build), its status and its log."""

    html: Path
    returncode: int
    log: str
    #: False for a site that was given, not built (the tests' BOOK_HTML): nothing was verified.
    built: bool = True

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.splitlines()[-lines:])

    @property
    def warnings(self) -> list[str]:
        # Sphinx writes "WARNING:"; kernel chatter on stderr ("[IPKernelApp] WARNING |") is not one.
        return [line for line in self.log.splitlines() if "WARNING:" in line]


def arguments(book: Path | str, *, builder: str = "html", output: Path | str | None = None) -> list[str]:
    """The ``jupyter-book build`` arguments (after ``build``) for a strict build of ``book``."""
    args = [str(book), "--builder", builder]
    if output is not None:
        args += ["--path-output", str(output)]
    return [*args, *STRICT_FLAGS]


def command(book: Path | str, *, builder: str = "html", output: Path | str | None = None) -> list[str]:
    """The full command line, with the ``jupyter-book`` of the running Python's environment."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return [str(jupyter_book), "build", *arguments(book, builder=builder, output=output)]


def _html_dir(book: Path, output: Path | None) -> Path:
    return Path(output or book) / "_build" / "html"


def build(
    book: Path, output: Path | None = None, *, builder: str = "html", env: dict[str, str] | None = None
) -> BuildResult:
    """Build ``book`` strictly in a child process (its own interpreter, as the command line does)."""
    env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run(
        command(book, builder=builder, output=output),
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
    )
    return BuildResult(_html_dir(book, output), proc.returncode, ANSI.sub("", proc.stdout + proc.stderr))


def build_in_process(book: Path, output: Path | None = None, *, builder: str = "html") -> BuildResult:
    """The same strict build inside this interpreter: no second start of Python, Sphinx and
    Jupyter Book (seconds per build), for the small scratch books of the tests.

    Settings are read from ``os.environ`` as in a child process. Notebooks still run in
    their own kernels.
    """
    log = io.StringIO()
    # The libraries' deprecation notices stay as quiet as in a child process.
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        from jupyter_book.cli.main import build as jb_build

        try:
            jb_build.main(arguments(book, builder=builder, output=output), standalone_mode=False)
            code = 0
        except SystemExit as exc:  # jupyter-book exits with Sphinx's status on failure
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception as exc:  # it raises when Sphinx itself stopped (a ConfigError, say)
            print(f"{type(exc).__name__}: {exc}", file=log)
            if exc.__cause__ is not None:
                print(f"caused by {type(exc.__cause__).__name__}: {exc.__cause__}", file=log)
            code = 1
    return BuildResult(_html_dir(book, output), code, ANSI.sub("", log.getvalue()))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    return subprocess.call([str(jupyter_book), "build", *argv, *STRICT_FLAGS])


if __name__ == "__main__":
    sys.exit(main())
