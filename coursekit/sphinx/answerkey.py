"""The ``{course-answer-key}`` directive: every self-check's correct option and explanation.

Generated at build time from the quiz files (``chapters/quizzes/*.yml``, read by
:mod:`coursekit.quiz`), so the key cannot drift from the questions students see. The page
that holds it (``chapters/answer-key.md``) has the front matter ``course_edition:
instructor``, so :mod:`coursekit.sphinx.editions` empties it in the student edition.

It also serves the self-check widgets' stylesheet and script (``quiz_static/``).

One section per chapter (title, link to the chapter), then a numbered list: the question,
its lettered options with the correct one marked in words (not only in bold), and why.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import quiz
from ..paths import REPO_ROOT


def chapter_title(stem: str) -> str:
    """The H1 of ``chapters/<stem>.md``."""
    text = (REPO_ROOT / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, re.M)
    return match.group(1).strip() if match else stem


def _doc_link(env, stem: str, text: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget=f"/chapters/{stem}",
        refexplicit=True,
        refwarn=True,
        refdoc=env.docname,
    )
    ref += nodes.inline(text, text)
    return ref


def _question_item(q: quiz.Question) -> nodes.list_item:
    item = nodes.list_item(ids=[f"answer-key-{q.uid}"])
    item += nodes.paragraph(text=q.question)
    options = nodes.bullet_list(classes=["course-answer-key-options"])
    for letter, opt in zip(q.letters, q.options):
        para = nodes.paragraph()
        if opt.correct:
            para += nodes.strong(text=f"({letter}) {opt.text}")
            para += nodes.Text(" (correct)")
        else:
            para += nodes.Text(f"({letter}) {opt.text}")
        options += nodes.list_item("", para)
    item += options
    why = nodes.paragraph(classes=["course-answer-key-explanation"])
    why += nodes.strong(text=f"Answer: ({q.letters[q.answer]}). ")
    why += nodes.Text(q.explanation)
    item += why
    return item


class AnswerKey(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        try:
            quizzes = quiz.load_all()
        except quiz.QuizError as err:
            raise self.error(f"course-answer-key: cannot read the quizzes: {err}") from err
        if not quizzes:
            raise self.error(
                f"course-answer-key: no quiz files in {quiz.QUIZ_DIR}; add one per chapter "
                "(<chapter>.yml, the format is in coursekit/quiz.py)."
            )
        out: list[nodes.Node] = []
        for stem, questions in quizzes.items():
            self.env.note_dependency(str(quiz.quiz_path(stem)))
            title = chapter_title(stem)
            section = nodes.section(
                ids=[f"answer-key-{stem}"], names=[f"answer key {stem}"], classes=["course-answer-key"]
            )
            section += nodes.title(text=title)
            intro = nodes.paragraph(text="Self-check of ")
            intro += _doc_link(self.env, stem, title)
            intro += nodes.Text(f": {len(questions)} questions.")
            section += intro
            items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for q in questions:
                items += _question_item(q)
            section += items
            out.append(section)
        return out


#: CSS and JS of the self-check widgets (see their headers); served from ``_static/``.
QUIZ_STATIC = Path(__file__).parent / "quiz_static"


def _quiz_static(app: Sphinx, config) -> None:
    config.html_static_path.append(str(QUIZ_STATIC))


def setup(app: Sphinx) -> None:
    app.add_directive("course-answer-key", AnswerKey)
    app.connect("config-inited", _quiz_static)
    app.add_css_file("coursekit-quiz.css")
    app.add_js_file("coursekit-quiz.js", defer="defer")
