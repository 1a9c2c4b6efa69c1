"""In-process Sphinx builds of tiny MyST projects, for testing one extension at a time."""

from __future__ import annotations

import io
from pathlib import Path


def build_tiny_project(src: Path, extension: str, pages: dict[str, str]) -> tuple[Path, str]:
    """Write ``pages`` (path without .md -> MyST text) and a conf.py loading myst_nb (execution
    off) and ``extension`` into ``src``; build HTML there; return (html folder, warnings).

    myst_nb as in the book: after an in-process Jupyter Book build in the same worker, a
    project with myst_parser alone finds no parser for .md files."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        f"extensions = ['myst_nb', {extension!r}]\nnb_execution_mode = 'off'\nexclude_patterns = ['_build']\n",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (src / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    out, warnings = src / "_build", io.StringIO()
    # docutils keeps roles and directives in globals: without the namespace this app's would
    # leak into later in-process builds ("... is already registered").
    with docutils_namespace():
        app = Sphinx(
            str(src),
            str(src),
            str(out / "html"),
            str(out / "doctrees"),
            "html",
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    return out / "html", warnings.getvalue()
