"""Helpers for tests that build books: the repository's, or small scratch books."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
STRICT_FLAGS = ["-W", "-n", "--keep-going"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class BookBuild:
    html: Path
    returncode: int
    log: str

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.splitlines()[-lines:])

    @property
    def warnings(self) -> list[str]:
        # Sphinx writes "WARNING:"; kernel chatter on stderr ("[IPKernelApp] WARNING |") is not one.
        return [line for line in self.log.splitlines() if "WARNING:" in line]


def build_book(book: Path, output: Path, builder: str = "html") -> BookBuild:
    """Build ``book`` strictly into ``output`` (fresh execution cache there)."""
    cmd = [str(JUPYTER_BOOK), "build", str(book), "--path-output", str(output),
           "--builder", builder, *STRICT_FLAGS]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    log = ANSI.sub("", proc.stdout + proc.stderr)
    return BookBuild(html=output / "_build" / "html", returncode=proc.returncode, log=log)


def toc_files(toc_path: Path) -> list[str]:
    """Every file named in a jb-book _toc.yml (root, chapters, sections), in order."""
    toc = yaml.safe_load(toc_path.read_text())
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return found


def make_scratch_book(root: Path, pages: dict[str, str]) -> Path:
    """A small book with the course's own configuration and the given pages.

    ``pages`` maps a file stem (under chapters/) to its MyST text; the first is the root.
    """
    root.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "_config.yml", root / "_config.yml")
    for folder in ("_static", "references"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    (root / "chapters").mkdir()
    stems = list(pages)
    for stem, text in pages.items():
        (root / "chapters" / f"{stem}.md").write_text(text)
    toc = {"format": "jb-book", "root": f"chapters/{stems[0]}",
           "chapters": [{"file": f"chapters/{s}"} for s in stems[1:]]}
    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    return root


NOTEBOOK_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


NOT_PAGES = {"_static", "_sources", "vendor", "_images"}


def site_pages(site: Path) -> list[str]:
    """Relative paths of the reader-facing HTML pages of a built book."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not NOT_PAGES & set(p.relative_to(site).parts))
