"""The student edition switch: a small Sphinx extension.

Build with ``COURSE_EDITION=student`` to get a book without solutions or
instructor notes (HTML and PDF alike, since both come from the same doctree);
leave it unset, or set ``full``, for the complete book. Any other value stops
the build with an error naming the variable and the allowed values.

In the student edition the extension

- sets sphinx-exercise's ``hide_solutions = True`` (non-gated ``{solution}``
  directives then produce nothing);
- replaces the ``{solution-start}`` directive so that gated solutions are
  hidden too. sphinx-exercise drops only the start marker when
  ``hide_solutions`` is on, which leaves the solution's content (and its code
  cells) on the page and an end marker no writer can handle
  (executablebooks/sphinx-exercise#89). Here the start marker is kept, the
  gated content is merged into it as usual, and the whole solution is removed;
- removes every node whose classes include ``instructor-note`` or
  ``solution`` (the chapters' ``:::{admonition} Instructor notes`` blocks use
  ``:class: dropdown instructor-note``);
- turns off ``html_copy_source``, because the copied ``.md`` sources (offered
  by the download button) still contain every solution;
- empties pages whose front matter says ``course_edition: instructor``
  (the instructor's guide), keeping the title and a one-line notice so links
  to the page still resolve.

Loaded through ``sphinx.extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .. import settings

ENV_VAR = "COURSE_EDITION"
FULL, STUDENT = "full", "student"
ALLOWED = (FULL, STUDENT)
# Classes that mark content students must not see in their edition.
HIDDEN_CLASSES = frozenset({"instructor-note", "solution", "solution-start"})
# Front-matter key and value that mark a whole page as instructors-only.
PAGE_KEY, PAGE_VALUE = "course_edition", "instructor"
PAGE_NOTICE = "This page is part of the instructor's edition of the course."

logger = logging.getLogger(__name__)


def edition_from_env(environ: dict | None = None) -> str:
    """The edition requested by ``COURSE_EDITION``: 'full' (unset or empty) or 'student'."""
    try:
        return settings.load(environ).edition
    except settings.SettingsError as err:
        raise ConfigError(
            f"{err} ('{FULL}' is the complete book; '{STUDENT}' has no solutions or instructor notes.)"
        ) from err


def _configure(app: Sphinx, config: Config) -> None:
    edition = edition_from_env()
    config.course_edition = edition
    if edition == STUDENT:
        config.hide_solutions = True
        config.html_copy_source = False
        logger.info(
            f"[coursekit.sphinx.editions] {ENV_VAR}=student: solutions and instructor notes are left out."
        )


#: The theme's download entries that point into ``_sources/``, which a build without
#: ``html_copy_source`` (the student edition) does not write.
SOURCE_DOWNLOADS = {"download-source-button", "download-notebook-button"}


def _drop_source_downloads(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # sphinx-book-theme offers the page's source whether or not it was copied; in the student
    # edition that link would be broken (and the sources hold the solutions), so it goes.
    if app.config.html_copy_source:
        return
    for button in context.get("header_buttons", []):
        if button.get("type") == "group":
            button["buttons"] = [b for b in button["buttons"] if b.get("label") not in SOURCE_DOWNLOADS]


def _is_hidden(node: nodes.Node) -> bool:
    from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

    if isinstance(node, (solution_node, solution_start_node, solution_end_node)):
        return True
    return isinstance(node, nodes.Element) and bool(HIDDEN_CLASSES.intersection(node.get("classes", [])))


class RemoveStudentHiddenContent(SphinxTransform):
    """Drop solutions and instructor notes from the doctree of the student edition.

    Priority 20: after sphinx-exercise has merged gated solutions (priority 10),
    before anything resolves references or titles in them.
    """

    default_priority = 20

    def apply(self) -> None:
        if self.config.course_edition != STUDENT:
            return
        for node in list(self.document.findall(_is_hidden)):
            if node.parent is not None:  # a hidden node inside another was already removed
                node.parent.remove(node)
        if _instructor_only(self.document):
            _empty_page(self.document)


def _instructor_only(document: nodes.document) -> bool:
    # MyST puts front-matter keys in a docinfo field list at the top of the document.
    for field in document.findall(nodes.field):
        name = field[0].astext().strip().lower()
        if name == PAGE_KEY and field[1].astext().strip().lower() == PAGE_VALUE:
            return True
    return False


def _empty_page(document: nodes.document) -> None:
    section = next(iter(document.findall(nodes.section)), None)
    if section is None:
        return
    keep = [child for child in section.children if isinstance(child, nodes.title)]
    section.children = []
    for child in keep:
        section += child
    section += nodes.paragraph(text=PAGE_NOTICE)


def _solution_start_directive():
    from sphinx_exercise.directive import SolutionStartDirective
    from sphinx_exercise.nodes import solution_start_node

    class StudentAwareSolutionStart(SolutionStartDirective):
        """``{solution-start}`` that leaves a marker even when solutions are hidden."""

        def run(self):
            result = super().run()  # records the gated structure; returns [] when hidden
            if not self.config.hide_solutions:
                return result
            marker = solution_start_node()
            # A unique label, so sphinx-exercise merges each marker with its own end.
            marker["label"] = f"{self.env.docname}-hidden-solution-{self.env.new_serialno()}"
            marker["classes"] = ["solution-start", "course-hidden-solution"]
            marker["type"] = "solution-start"
            return [marker]

    return StudentAwareSolutionStart


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_exercise")  # its directives and nodes must exist before ours
    app.add_config_value("course_edition", FULL, "env")
    # Before sphinx-exercise reads hide_solutions, and before html_copy_source is used.
    app.connect("config-inited", _configure, priority=100)
    app.add_directive("solution-start", _solution_start_directive(), override=True)
    app.add_transform(RemoveStudentHiddenContent)
    # After sphinx-book-theme has put its header buttons into the context (default priority).
    app.connect("html-page-context", _drop_source_downloads, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
