"""Build-time code: the Sphinx extension of the course book. Never imported by a notebook.

Loaded through ``sphinx.extra_extensions`` in ``_config.yml``. Modules: ``offline_assets``
(vendored front-end files), ``editions`` (full and student editions), ``answer_boxes`` (the
exercises' answer boxes, from the checker specs), ``downloads`` (PDF download list),
``bibstyle`` (author-year citations), ``handouts`` and ``pdfreview`` (PDF command-line helpers),
``lessonplans`` (the guide's plans and role cards from YAML), ``signposts`` (reading time,
prerequisites, next step; chapter numbering), ``tracks`` (the exercises' code / no-code tags),
``answerkey`` (the answer key page; the self-checks' CSS and JS), ``lms`` (Moodle XML and QTI
2.1 export), ``quizcache`` (re-run a chapter whose quiz file changed), ``release`` (version and
date, "as of" substitutions, PDF paper and metadata),
``repository`` (launch/repository/issue buttons only with a real repository),
``student_notebooks`` (the student ``.ipynb`` files Binder opens),
``pagefix`` and ``progressive`` (lighter, accessible pages; widgets that work without
JavaScript and load their manager on demand), ``slides`` (the projector view: a reveal.js
deck per essay chapter).
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from . import (
    answer_boxes,
    answerkey,
    bibstyle,
    datasets,
    downloads,
    editions,
    lessonplans,
    lms,
    offline_assets,
    pagefix,
    quizcache,
    release,
    repository,
    signposts,
    slides,
    tracks,
)


def _vendor_dir(app: Sphinx) -> Path:
    return Path(app.srcdir) / offline_assets.EXTRA_DIR.name / offline_assets.VENDOR_DIR.name


def _vendor_assets(app: Sphinx, config=None) -> None:
    # The npm packages normally sit beside the book; a scratch book (as in the tests) may
    # borrow the repository's.
    local = Path(app.srcdir) / "node_modules"
    node_modules = local if local.is_dir() else offline_assets.NODE_MODULES
    try:
        offline_assets.vendor(node_modules, _vendor_dir(app))
    except offline_assets.MissingAssetsError as err:
        raise ExtensionError(str(err)) from err


def _drop_thebe_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # sphinx-thebe (always loaded by Jupyter Book 1) writes `const THEBE_JS_URL` once per
    # read pass, so pages can carry it twice and raise "already declared". The course
    # does not use thebe (widgets run without a kernel), so drop its scripts entirely.
    scripts = context.get("script_files")
    if not scripts:
        return
    context["script_files"] = [
        s
        for s in scripts
        if "THEBE_JS_URL" not in (s.attributes.get("body") or "")
        and not (getattr(s, "filename", None) or "").endswith("sphinx-thebe.js")
    ]


_TOGGLE_AFTER_LINK = re.compile(r"(<a [^>]*>([^<]+)</a><details[^>]*>)<summary>")


def _label_toctree_toggles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # The theme's sidebar puts an icon-only <summary> before each page's sub-pages, which
    # screen readers announce as an unnamed control (axe: summary-name, WCAG 4.1.2).
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def labelled(*args, **kwargs):
        html = str(generate(*args, **kwargs))
        html = _TOGGLE_AFTER_LINK.sub(
            lambda m: f'{m.group(1)}<summary aria-label="Show or hide the pages under {m.group(2).strip()}">',
            html,
        )
        html = html.replace("<summary><span", '<summary aria-label="Show or hide sub-pages"><span')
        return Markup(html)

    context["generate_toctree_html"] = labelled


def _accessible_citation_lists(app: Sphinx) -> None:
    # docutils wraps bibliography entries in role="list" but gives each entry the DPUB
    # role doc-biblioentry, which ARIA 1.2 no longer accepts as a list item (axe:
    # aria-required-children, critical). Give the entries role="listitem" instead.
    if app.builder.format != "html":
        return
    base = app.registry.get_translator_class(app.builder) or app.builder.default_translator_class
    if base is None or getattr(base, "_course_citations", False):
        return

    class CourseTranslator(base):
        _course_citations = True

        def visit_citation(self, node):
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

    app.set_translator(app.builder.name, CourseTranslator, override=True)


def _sync_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        offline_assets.sync_into_site(Path(app.outdir), _vendor_dir(app))


def setup(app: Sphinx) -> dict:
    bibstyle.register()  # before sphinxcontrib-bibtex reads bibtex_default_style
    # Before Sphinx checks that html_extra_path exists (config-inited, priority 800).
    app.connect("config-inited", _vendor_assets, priority=100)
    app.connect("html-page-context", _drop_thebe_scripts)
    # After pydata-sphinx-theme has chosen its translator (builder-inited, default priority).
    app.connect("builder-inited", _accessible_citation_lists, priority=900)
    # After pydata-sphinx-theme has put its toctree function into the context.
    app.connect("html-page-context", _label_toctree_toggles, priority=900)
    app.connect("build-finished", _sync_site)
    downloads.setup(app)
    editions.setup(app)
    answer_boxes.setup(app)  # after editions: its transform runs after the student removals
    lessonplans.setup(app)
    signposts.setup(app)
    tracks.setup(app)
    datasets.setup(app)  # the list of datasets on the About page, from the data package
    answerkey.setup(app)  # the answer key page, from chapters/quizzes/*.yml
    lms.setup(app)  # Moodle XML and QTI 2.1 files of the self-checks, in downloads/
    quizcache.setup(app)  # a changed quiz file re-runs its chapter
    release.setup(app)  # version and date, dates in prose, PDF paper size and metadata
    repository.setup(app)
    pagefix.setup(app)  # lighter pages, static widget fallbacks, lazy widget manager
    slides.setup(app)  # projector view: a reveal.js deck per essay chapter, after pagefix
    return {"parallel_read_safe": True, "parallel_write_safe": True}
