"""Timed Jupyter Book builds in scratch folders, what they executed, and the weight of the pages.

Every build goes to a ``--path-output`` folder under a temporary directory, from a
temporary copy of the book, so the repository's own ``_build/`` and sources are never
touched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.sphinx import build as strict_build

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
#: The same strictness as scripts/build.sh, so the timings are those of the real build.
STRICT_FLAGS = list(strict_build.STRICT_FLAGS)
BUILD_TIMEOUT_S = 1800
ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: myst-nb 1.x logs one of these per notebook it reads ("<source path>: <message> [mystnb]").
EXEC_LINE = re.compile(
    r"^(?P<path>\S.*?): (?:Executed notebook in (?P<secs>[0-9.]+) seconds"
    r"|(?P<cached>Using cached notebook)).*\[mystnb\]\s*$",
    re.MULTILINE,
)
#: Not copied into the scratch copy of a book that is not a git checkout.
NOT_SOURCES = {
    "_build",
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ipynb_checkpoints",
    ".jupyter_cache",
}
#: Folders of a built site that hold assets, not pages.
NOT_PAGES = {"_static", "_sources", "vendor", "_images"}

MARKDOWN_EDIT = (
    "\n\nBenchmark edit: one harmless line of Markdown, appended to time an incremental rebuild.\n"
)
CODE_EDIT = (
    "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
    "# Benchmark edit: a comment-only cell, so this notebook's code changes and it re-executes.\n```\n"
)


class BenchmarkError(RuntimeError):
    """Something the benchmark cannot measure; the message says what to do."""


@dataclass
class BuildResult:
    label: str
    seconds: float
    log: str
    log_path: Path
    executed: dict[str, float] = field(default_factory=dict)  # docname -> execution seconds
    from_cache: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        """For the JSON; the log is named relative to the run's logs folder."""
        return {
            "seconds": round(self.seconds, 3),
            "executed": self.executed,
            "from_cache": self.from_cache,
            "log": self.log_path.name,
        }


def build_env(course: bool) -> dict[str, str]:
    """The environment of a book build: never the live-widget mode, and the full edition."""
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_LIVE", "JPY_SESSION_NAME")}
    env["PYTHONUNBUFFERED"] = "1"
    if course:
        env["COURSE_EDITION"] = "full"  # as scripts/build.sh does for the HTML book
    return env


def check_book(book: Path) -> Path:
    book = book.resolve()
    for name in ("_config.yml", "_toc.yml"):
        if not (book / name).is_file():
            raise BenchmarkError(f"--book {book}: no {name} there; point --book at a Jupyter Book folder.")
    return book


def _listed_files(book: Path) -> list[str] | None:
    """Files git would hand a fresh checkout (tracked plus new, not ignored); None outside git."""
    try:
        top = subprocess.run(
            ["git", "-C", str(book), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    if not top:
        return None
    out = subprocess.run(
        ["git", "-C", str(book), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [p for p in out.split("\0") if p]


def copy_book(book: Path, dest: Path) -> Path:
    """Copy ``book``'s sources to ``dest``; ``node_modules`` is linked, not copied."""
    files = _listed_files(book)
    if files is None:
        files = [
            p.relative_to(book).as_posix()
            for p in book.rglob("*")
            if p.is_file() and not NOT_SOURCES & set(p.relative_to(book).parts)
        ]
    dest.mkdir(parents=True)
    for rel in files:
        src = book / rel
        if not src.is_file():  # tracked but deleted in the working tree
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    if (book / "node_modules").is_dir():
        (dest / "node_modules").symlink_to((book / "node_modules").resolve(), target_is_directory=True)
    return dest


def parse_execution_log(log: str, srcdir: Path) -> tuple[dict[str, float], list[str]]:
    """(executed docname -> seconds, docnames taken from the cache) from myst-nb's log lines."""
    executed: dict[str, float] = {}
    cached: list[str] = []
    for m in EXEC_LINE.finditer(ANSI.sub("", log)):
        path = Path(m["path"])
        try:
            doc = path.relative_to(srcdir).with_suffix("").as_posix()
        except ValueError:  # a relative path, as some Sphinx versions print
            doc = path.with_suffix("").as_posix()
        if m["cached"]:
            cached.append(doc)
        else:
            executed[doc] = float(m["secs"])
    return executed, sorted(set(cached))


def run_build(
    label: str,
    book: Path,
    output: Path,
    *,
    builder: str = "html",
    strict: bool = True,
    course: bool = True,
    logs: Path,
) -> BuildResult:
    """Build ``book`` into ``output`` and time it (wall clock); a failed build is an error."""
    if not JUPYTER_BOOK.exists():
        raise BenchmarkError(
            f"{JUPYTER_BOOK} not found: run the benchmark with the project's Python "
            "(.venv/bin/python bench/benchmark.py)."
        )
    cmd = [str(JUPYTER_BOOK), "build", str(book), "--path-output", str(output), "--builder", builder]
    if strict:
        cmd += STRICT_FLAGS
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=build_env(course), timeout=BUILD_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"{label}: no result after {BUILD_TIMEOUT_S} s ({' '.join(cmd)}).") from exc
    seconds = time.perf_counter() - t0
    log = ANSI.sub("", proc.stdout + proc.stderr)
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / (re.sub(r"\W+", "-", label).strip("-") + ".log")
    log_path.write_text(log, encoding="utf-8")
    if proc.returncode != 0:
        tail = "\n".join(log.splitlines()[-40:])
        raise BenchmarkError(
            f"{label} failed (exit {proc.returncode}); full log: {log_path.name} in the logs "
            f"folder named below\n{tail}"
        )
    executed, cached = parse_execution_log(log, book)
    return BuildResult(label, seconds, log, log_path, executed, cached)


def cached_execution_seconds(output: Path, notebook: Path) -> float | None:
    """Execution time jupyter-cache stored for ``notebook`` in ``output``'s cache (myst-nb records it)."""
    from jupyter_cache import get_cache

    cache_dir = output / "_build" / ".jupyter_cache"
    if not cache_dir.is_dir():
        return None
    records = [r for r in get_cache(str(cache_dir)).list_cache_records() if Path(r.uri) == notebook]
    if not records:
        return None
    latest = max(records, key=lambda r: r.created)
    secs = (latest.data or {}).get("execution_seconds")
    return float(secs) if secs is not None else None


def is_notebook(text: str) -> bool:
    return "```{code-cell}" in text and "kernelspec:" in text


def pick_notebook(book: Path, wanted: str | None, default: str) -> str:
    """The page to edit for the incremental rebuilds (relative path); it must be a notebook."""
    if wanted:
        path = book / wanted
        if not path.is_file():
            raise BenchmarkError(f"--edit {wanted}: no such file in {book}.")
        if not is_notebook(path.read_text(encoding="utf-8")):
            raise BenchmarkError(
                f"--edit {wanted}: not a MyST notebook (needs a kernelspec and a code-cell); "
                "pick a page that executes."
            )
        return wanted
    if (book / default).is_file():
        return default
    for path in sorted(book.rglob("*.md")):
        rel = path.relative_to(book)
        if not NOT_SOURCES & set(rel.parts) and is_notebook(path.read_text(encoding="utf-8")):
            return rel.as_posix()
    raise BenchmarkError(
        f"{book} has no MyST notebook page to edit; the incremental rebuild needs one (or pass --edit PATH)."
    )


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def page_weights(site: Path) -> dict:
    """Bytes of every reader-facing HTML page, and of the whole site."""
    if not (site / "index.html").is_file() and not any(site.glob("*.html")):
        raise BenchmarkError(f"{site} holds no HTML pages; the build wrote nothing to weigh.")
    pages = {
        p.relative_to(site).as_posix(): p.stat().st_size
        for p in sorted(site.rglob("*.html"))
        if not NOT_PAGES & set(p.relative_to(site).parts)
    }
    files = [p for p in site.rglob("*") if p.is_file()]
    largest = max(pages, key=pages.get)
    return {
        "pages": pages,
        "n_pages": len(pages),
        "largest_page": {"path": largest, "bytes": pages[largest]},
        "total_pages_bytes": sum(pages.values()),
        "total_site_bytes": sum(p.stat().st_size for p in files),
        "n_site_files": len(files),
    }


def toc_root_page(book: Path) -> str:
    """Site path of the book's front page (the _toc.yml root)."""
    import yaml

    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    root = str(toc.get("root", "")).strip()
    if not root:
        raise BenchmarkError(f"{book / '_toc.yml'}: no 'root' entry; cannot tell the front page.")
    return str(Path(root).with_suffix("").as_posix()) + ".html"
