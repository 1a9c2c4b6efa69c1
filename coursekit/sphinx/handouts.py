"""Seminar handouts: one short PDF per essay chapter, built from the chapter's own source.

A handout keeps the chapter's title, "The section in brief", "Data and widget" (so the
widget prints as its default-state figure) and "Discussion", plus the references those
sections cite. Cross-references to pages that are not in the handout become plain text.

    COURSE_EDITION=student python -m coursekit.sphinx.handouts WORK_DIR PDF_DIR

Build it through ``bash scripts/build.sh handouts``, which sets the student edition so no
instructor note reaches a handout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..course import ESSAY_CHAPTERS, KEPT_SECTIONS, h2_sections
from ..paths import REPO_ROOT
from . import build as strict_build

BOOK_FILES = ("_static", "references", "latex")
# {term}`text <Target>` / {term}`Target`, and the same for doc and ref roles.
ROLE = re.compile(r"\{(term|doc|ref|numref)\}`([^`]*?)(?:\s*<([^>`]*)>)?`")


class HandoutError(RuntimeError):
    pass


def _front_matter_and_body(text: str, stem: str) -> tuple[str, str]:
    if not text.startswith("---\n"):
        raise HandoutError(
            f"{stem}: chapter has no jupytext front matter (a '---' block at the top of "
            f"chapters/{stem}.md); add it as in the other chapters"
        )
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def _page_title(stem: str) -> str:
    text = (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, re.M)
    return match.group(1).strip() if match else stem


def _plain_roles(text: str) -> str:
    def replace(match: re.Match) -> str:
        role, label, target = match.groups()
        if label:
            return label
        if role == "doc":
            return _page_title(Path(target or "").name)
        return target or ""

    return ROLE.sub(replace, text)


def handout_source(chapter_text: str, stem: str) -> str:
    """The MyST text of one handout, from the chapter's text."""
    front, body = _front_matter_and_body(chapter_text, stem)
    title = re.search(r"^# (.+)$", body, re.M)
    if not title:
        raise HandoutError(
            f"{stem}: chapter has no '# Title' line; add one after the front matter of chapters/{stem}.md"
        )
    sections = h2_sections(body)
    missing = [s for s in KEPT_SECTIONS if s not in sections]
    if missing:
        raise HandoutError(
            f"{stem}: chapter lacks the section(s) {missing} a handout needs; add them to "
            f"chapters/{stem}.md as '## ' headings, as in the other essay chapters"
        )
    parts = [front, f"# Seminar handout: {title.group(1).strip()}\n"]
    parts += [f"## {name}\n{sections[name]}" for name in KEPT_SECTIONS]
    parts.append("## References\n\n```{bibliography}\n:filter: docname in docnames\n```\n")
    return _plain_roles("\n".join(parts))


def write_handout_book(stem: str, dest: Path) -> Path:
    """A one-page book for the handout of chapter ``stem``, in ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    chapter = (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    (dest / "handout.md").write_text(handout_source(chapter, stem), encoding="utf-8")
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"Seminar handout: {_page_title(stem)}"
    config["latex"]["latex_documents"] = {"targetname": f"handout-{stem}.tex"}
    # A handout is a few pages: no title page, no table of contents, no blank pages.
    latex = config["sphinx"]["config"].setdefault("latex_elements", {})
    latex.update(
        {
            "maketitle": r"\makeatletter\begin{center}{\LARGE\sffamily\bfseries\@title\par}"
            r"\medskip{\small The Eurasian Pivot course}\end{center}\makeatother",
            "tableofcontents": "",
            "extraclassoptions": "openany,oneside",
        }
    )
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    (dest / "_toc.yml").write_text("format: jb-book\nroot: handout\n")
    for name in BOOK_FILES:
        shutil.copytree(REPO_ROOT / name, dest / name)
    return dest


def build_handout(stem: str, work_dir: Path, pdf_dir: Path) -> Path:
    book = write_handout_book(stem, work_dir / stem)
    cmd = strict_build.command(book, builder="pdflatex")
    # The widget's figure and caption, not the table text behind it (pages long for the timeline).
    env = {**os.environ, "COURSE_PRINT_TABLES": "0"}
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    pdf = book / "_build" / "latex" / f"handout-{stem}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise HandoutError(f"handout for {stem} failed to build (sources in {book}):\n{tail}")
    pdf_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(pdf, pdf_dir / pdf.name))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m coursekit.sphinx.handouts WORK_DIR PDF_DIR", file=sys.stderr)
        return 2
    work_dir, pdf_dir = Path(argv[0]), Path(argv[1])
    for stem in ESSAY_CHAPTERS:
        try:
            pdf = build_handout(stem, work_dir, pdf_dir)
        except HandoutError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"handout: {pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
