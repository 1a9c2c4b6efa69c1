"""The ``{course-downloads}`` directive: links to the PDF editions that were built.

The PDFs come from ``bash scripts/build.sh pdf`` / ``handouts`` (in ``_build/pdf``, or the
folder named by ``COURSE_PDF_DIR``). An HTML build then copies them into ``site/pdf/`` and
this directive lists them; when none were built it says how to build them, so no link
ever points at a missing file. The full edition lists every PDF (the student PDF
included); the student edition never lists or copies the full PDF.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import settings
from ..course import ESSAY_CHAPTERS
from ..paths import REPO_ROOT

SITE_FOLDER = "pdf"


def pdf_dir(srcdir: str | Path) -> Path:
    configured = settings.current().pdf_dir
    return configured if configured else Path(srcdir) / "_build" / "pdf"


def _title(stem: str) -> str:
    text = (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, re.M)
    return match.group(1).strip() if match else stem


def describe(pdf_name: str) -> str | None:
    """What a PDF of ours holds, from its file name; None for files that aren't ours."""
    if pdf_name == "course.pdf":
        return "The whole course (full edition, with instructor notes and solutions)"
    if pdf_name == "course-student.pdf":
        return "The whole course, student edition (no solutions or instructor notes)"
    stem = pdf_name.removeprefix("handout-").removesuffix(".pdf")
    if pdf_name.startswith("handout-") and stem in ESSAY_CHAPTERS:
        return f"Seminar handout: {_title(stem)}"
    return None


# The full PDF holds every solution and instructor note: never part of a student site.
FULL_ONLY = frozenset({"course.pdf"})


def available(srcdir: str | Path) -> list[tuple[str, str]]:
    """The PDFs of ours that were built and belong in this edition, as (file, description)."""
    folder = pdf_dir(srcdir)
    found = sorted(p.name for p in folder.glob("*.pdf")) if folder.is_dir() else []
    if settings.current().student:
        found = [name for name in found if name not in FULL_ONLY]
    return [(name, describe(name)) for name in found if describe(name)]


class CourseDownloads(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.course_download_docs = getattr(self.env, "course_download_docs", set())
        self.env.course_download_docs.add(self.env.docname)
        pdfs = available(self.env.srcdir)
        if not pdfs:
            para = nodes.paragraph(
                text="The PDF editions are not part of this copy of the book. Build them with "
            )
            para += nodes.literal(text="bash scripts/build.sh all")
            para += nodes.Text(" (see the README).")
            return [para]
        depth = self.env.docname.count("/")
        items = nodes.bullet_list()
        for name, text in pdfs:
            uri = "../" * depth + f"{SITE_FOLDER}/{name}"
            para = nodes.paragraph()
            para += nodes.reference("", text, refuri=uri, internal=False)
            para += nodes.Text(f" ({name})")
            items += nodes.list_item("", para)
        return [items]


def _always_reread(app, env, added, changed, removed) -> list[str]:
    # The list depends on files outside the sources, so re-read those pages every build.
    return sorted(getattr(env, "course_download_docs", set()) - set(removed))


def _merge(app, env, docnames, other) -> None:
    env.course_download_docs = getattr(env, "course_download_docs", set()) | getattr(
        other, "course_download_docs", set()
    )


def copy_into_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pdfs = available(app.srcdir)
    if pdfs:
        target = Path(app.outdir) / SITE_FOLDER
        target.mkdir(exist_ok=True)
        for name, _ in pdfs:
            shutil.copy2(pdf_dir(app.srcdir) / name, target / name)


def setup(app: Sphinx) -> None:
    app.add_directive("course-downloads", CourseDownloads)
    app.connect("env-get-outdated", _always_reread)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", copy_into_site)
