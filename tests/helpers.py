"""Helpers for tests that build books: the repository's, or small scratch books."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from coursekit.sphinx import build as strict_build
from coursekit.sphinx.build import STRICT_FLAGS, BuildResult  # noqa: F401  (re-exported for tests)

REPO_ROOT = Path(__file__).resolve().parent.parent
BookBuild = BuildResult  # the name the tests use


def build_book(book: Path, output: Path, builder: str = "html", *, in_process: bool = False) -> BookBuild:
    """Build ``book`` strictly into ``output`` (fresh execution cache there).

    ``in_process=True`` builds inside the test process (small scratch books: it saves the
    start-up of a second Python with Sphinx and Jupyter Book); the book itself is built in a
    child process, exactly as ``scripts/build.sh`` does.
    """
    if in_process:
        return strict_build.build_in_process(book, output, builder=builder)
    return strict_build.build(book, output, builder=builder)


def toc_files(toc_path: Path) -> list[str]:
    """Every file named in a jb-book _toc.yml (root, chapters, sections), in order.

    A ``glob:`` entry stands for the Markdown pages it matches, sorted by name as Sphinx
    sorts them (the book then shows the data pages in the package's order:
    coursekit/sphinx/datasets.py); a glob that matches nothing is an error, not an empty list.
    """
    toc = yaml.safe_load(toc_path.read_text())
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            if "glob" in entry:
                book = toc_path.parent
                matches = sorted(
                    p.relative_to(book).as_posix()[:-3] for p in book.glob(f"{entry['glob']}.md")
                )
                assert matches, f"{toc_path}: 'glob: {entry['glob']}' matches no page"
                found.extend(matches)
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
    toc = {
        "format": "jb-book",
        "root": f"chapters/{stems[0]}",
        "chapters": [{"file": f"chapters/{s}"} for s in stems[1:]],
    }
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
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not NOT_PAGES & set(p.relative_to(site).parts)
    )
