"""Self-check questions whose feedback works in the static HTML book, with no kernel.

The questions are data: one YAML file per chapter in ``chapters/quizzes/<chapter>.yml``,
so a chapter's cell is only ``quiz.show("<chapter>")`` and no answer can be read from
visible code (in the HTML book, in Binder, in a downloaded notebook). The same files
feed the answer key and the LMS export (``coursekit/sphinx/answerkey.py``, ``lms.py``).

A quiz file::

    chapter: 02-thesis                 # must equal the file's stem
    questions:
      - id: thesis-conditional         # unique in the file: lowercase, digits, hyphens
        question: "Which best states ...?"
        options:                       # 2 to 26; exactly one has correct: true
          - text: "..."
            correct: false
            feedback: "..."            # shown when this option is chosen
        explanation: "..."             # why the correct option is right (answer key)

Texts may use ``{{ course_as_of }}`` and ``{{ record_as_of }}`` (see
:func:`coursekit.course.substitutions`), as the pages do, instead of writing those dates in.

Display works as in :mod:`coursekit.widgets`: the feedback for every option is written
at build time into an ``ipywidgets.Stack``, and the answer control's ``index`` is linked
to the Stack's ``selected_index`` in the browser with ``ipywidgets.jslink``. Before a
student chooses, ``index`` is ``None`` and the Stack shows nothing.

In the PDF the question prints with its lettered options and without the answer or
feedback, so a printed student edition stays clean.

CSS hooks (stable class names): ``coursekit-quiz`` (one question's box),
``coursekit-quiz-question`` (its text), ``coursekit-quiz-options`` (the radio group),
``coursekit-quiz-hint``, ``coursekit-stack`` (the feedback area), ``coursekit-feedback``
(one option's feedback, with ``data-coursekit-choice`` and ``data-coursekit-verdict``).
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets
import yaml
from IPython.display import display

from . import course
from .paths import REPO_ROOT
from .text import escape_markdown

#: Where the chapters' quiz files live.
QUIZ_DIR = REPO_ROOT / "chapters" / "quizzes"

# Openings that already state the verdict (by correctness of the option): "No. ..." is a
# verdict, "No treaty was signed" is not.
_VERDICT_OPENINGS = {
    True: re.compile(r"correct\b", re.I),
    False: re.compile(r"(not quite|incorrect|wrong|no[.,;:!])", re.I),
}


class QuizError(ValueError):
    """A quiz file is missing, unreadable or breaks a rule; the message says where and what to do."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """One self-check question as written in its chapter's quiz file."""

    chapter: str
    id: str
    question: str
    options: tuple[Option, ...]
    explanation: str

    @property
    def answer(self) -> int:
        """Index of the correct option."""
        return next(i for i, o in enumerate(self.options) if o.correct)

    @property
    def correct_option(self) -> Option:
        return self.options[self.answer]

    @property
    def letters(self) -> list[str]:
        return list(string.ascii_lowercase[: len(self.options)])

    @property
    def uid(self) -> str:
        """Identifier unique across the course, e.g. ``02-thesis-thesis-conditional``."""
        return f"{self.chapter}-{self.id}"

    def widget(self) -> MultipleChoice:
        return MultipleChoice(
            self.question,
            [o.text for o in self.options],
            self.answer,
            [o.feedback for o in self.options],
            question_id=self.uid,
        )


def _check_text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"multiple_choice: {what} must be a non-empty string, got {value!r}.")
    return value.strip()


class MultipleChoice:
    """A question, its options and per-option feedback; display it in a notebook cell."""

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: int,
        feedback: Sequence[str],
        question_id: str | None = None,
    ):
        self.question = _check_text(question, "question")
        self.question_id = question_id
        options = list(options)
        feedback = list(feedback)
        if len(options) < 2:
            raise ValueError(f"multiple_choice: give at least two options, got {len(options)}.")
        if len(options) > len(string.ascii_lowercase):
            raise ValueError(f"multiple_choice: at most 26 options, got {len(options)}.")
        self.options = [_check_text(o, f"option {i}") for i, o in enumerate(options)]
        dupes = sorted({o for o in self.options if self.options.count(o) > 1})
        if dupes:
            raise ValueError(f"multiple_choice: options repeat {dupes}; each option must be distinct.")
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(options):
            raise ValueError(
                f"multiple_choice: answer must be the index (0 to {len(options) - 1}) of the "
                f"correct option, got {answer!r}."
            )
        self.answer = answer
        if len(feedback) != len(options):
            raise ValueError(
                f"multiple_choice: {len(options)} options but {len(feedback)} feedback texts; "
                "give one feedback text per option, in the same order."
            )
        self.feedback = [_check_text(f, f"feedback {i}") for i, f in enumerate(feedback)]
        self.letters = list(string.ascii_lowercase[: len(options)])
        self._build()

    def _feedback_html(self, i: int) -> str:
        correct = i == self.answer
        text = self.feedback[i]
        # The verdict is spelled out, not only coloured; skip it if the author already wrote it.
        verdict = "Correct." if correct else "Not quite."
        lead = "" if _VERDICT_OPENINGS[correct].match(text) else f"<strong>{verdict}</strong> "
        colour = "#009E73" if correct else "#D55E00"  # Okabe-Ito bluish green / vermillion
        return (
            f'<div class="coursekit-feedback" role="status" '
            f'data-coursekit-choice="{html.escape(self.options[i])}" '
            f'data-coursekit-verdict="{"correct" if correct else "incorrect"}" '
            f'style="border-left:4px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">'
            f"{lead}{html.escape(text)}</div>"
        )

    def _build(self) -> None:
        qid = f' id="coursekit-quiz-{html.escape(self.question_id)}"' if self.question_id else ""
        self.prompt = ipywidgets.HTML(
            value=(
                f'<p class="coursekit-quiz-question"{qid}><strong>Self-check.</strong> '
                f"{html.escape(self.question)}</p>"
            )
        )
        # RadioButtons: native radio inputs, arrow keys move between options.
        self.control = ipywidgets.RadioButtons(
            options=self.options,
            index=None,
            description="Your answer",
            style={"description_width": "initial"},
            layout=ipywidgets.Layout(width="auto"),
        )
        self.control.add_class("coursekit-quiz-options")
        self.hint = ipywidgets.HTML(
            value='<p class="coursekit-quiz-hint"><em>Choose an option to see feedback.</em></p>'
        )
        self.stack = ipywidgets.Stack(
            children=[ipywidgets.HTML(value=self._feedback_html(i)) for i in range(len(self.options))],
            selected_index=None,
        )
        self.stack.add_class("coursekit-stack")
        self.link = ipywidgets.jslink((self.control, "index"), (self.stack, "selected_index"))
        self.widget = ipywidgets.VBox([self.prompt, self.control, self.hint, self.stack])
        self.widget.add_class("coursekit-quiz")

    def markdown(self) -> str:
        """Question and lettered options, no answer: what the PDF prints."""
        lines = [f"**Self-check.** {escape_markdown(self.question)}", ""]
        lines += [f"- ({ltr}) {escape_markdown(opt)}" for ltr, opt in zip(self.letters, self.options)]
        return "\n".join(lines)

    def plain(self) -> str:
        return "\n".join(
            [f"Self-check. {self.question}"]
            + [f"({ltr}) {opt}" for ltr, opt in zip(self.letters, self.options)]
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        """Widget view for HTML/Jupyter; Markdown (no answer) for the PDF; no widget repr."""
        data = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude))
        data["text/plain"] = self.plain()
        data["text/markdown"] = self.markdown()
        return data, {}

    def _ipython_display_(self) -> None:
        data, meta = self._repr_mimebundle_()
        display(data, metadata=meta, raw=True)


def multiple_choice(question: str, options: list[str], answer: int, feedback: list[str]) -> MultipleChoice:
    """A self-check question with specific feedback for each option.

    ``answer`` is the index of the correct option; ``feedback[i]`` is shown when
    option ``i`` is chosen. Chapters use :func:`show` with a quiz file instead, so that
    the answer is not in the cell; this stays for one-off examples.
    """
    return MultipleChoice(question, options, answer, feedback)


# -- quiz files ----------------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE_KEYS = {"chapter", "questions"}
_QUESTION_KEYS = {"id", "question", "options", "explanation"}
_OPTION_KEYS = {"text", "correct", "feedback"}


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


class _Where:
    """Builds error messages that name the file, the question and the field."""

    def __init__(self, path: Path):
        self.file = _rel(path)

    def error(self, qid: str | None, field: str | None, problem: str, fix: str) -> QuizError:
        where = [self.file]
        if qid is not None:
            where.append(f"question {qid!r}")
        if field is not None:
            where.append(f"field {field!r}")
        return QuizError(f"{', '.join(where)}: {problem}; {fix}.")


_SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _text(where: _Where, qid, field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(
            qid, field, f"must be a non-empty text, got {value!r}", f"write the {field.split('.')[-1]}"
        )
    # Dates that change with each edition come from one setting, as in the pages' MyST.
    subs = course.substitutions() if "{{" in value else {}

    def fill(match: re.Match) -> str:
        if match.group(1) not in subs:
            raise where.error(
                qid,
                field,
                f"unknown substitution {match.group(0)!r}",
                f"use one of {sorted(subs)} (coursekit.course.substitutions)",
            )
        return subs[match.group(1)]

    return _SUBSTITUTION.sub(fill, value.strip())


def _mapping(where: _Where, qid, field, value, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(value, dict):
        raise where.error(
            qid,
            field,
            f"must be a mapping of {sorted(required)}, got {type(value).__name__}",
            "check the indentation",
        )
    unknown = sorted(set(map(str, value)) - allowed)
    if unknown:
        raise where.error(qid, field, f"unknown key(s) {unknown}", f"use only {sorted(allowed)}")
    missing = sorted(required - set(value))
    if missing:
        raise where.error(qid, field, f"missing key(s) {missing}", "add them")
    return value


def _parse_question(where: _Where, chapter: str, n: int, raw: object) -> Question:
    label = f"#{n}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        label = raw["id"]
    q = _mapping(where, label, None, raw, _QUESTION_KEYS, _QUESTION_KEYS)
    qid = q["id"]
    if not isinstance(qid, str) or not _ID.match(qid):
        raise where.error(
            label,
            "id",
            f"{qid!r} is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. 'thesis-conditional'",
        )
    question = _text(where, qid, "question", q["question"])
    raw_options = q["options"]
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        got = len(raw_options) if isinstance(raw_options, list) else repr(raw_options)
        raise where.error(
            qid,
            "options",
            f"needs a list of at least two options, got {got}",
            "add the options, one '- text: ...' item each",
        )
    if len(raw_options) > len(string.ascii_lowercase):
        raise where.error(qid, "options", f"has {len(raw_options)} options", "use at most 26")
    options = []
    for i, raw_option in enumerate(raw_options, start=1):
        field = f"options[{i}]"
        o = _mapping(where, qid, field, raw_option, _OPTION_KEYS, _OPTION_KEYS)
        if not isinstance(o["correct"], bool):
            raise where.error(
                qid,
                f"{field}.correct",
                f"must be true or false, got {o['correct']!r}",
                "write correct: true or correct: false",
            )
        options.append(
            Option(
                _text(where, qid, f"{field}.text", o["text"]),
                o["correct"],
                _text(where, qid, f"{field}.feedback", o["feedback"]),
            )
        )
    texts = [o.text for o in options]
    dupes = sorted({t for t in texts if texts.count(t) > 1})
    if dupes:
        raise where.error(qid, "options", f"option texts repeat {dupes}", "make each option distinct")
    n_correct = sum(o.correct for o in options)
    if n_correct != 1:
        marked = [i for i, o in enumerate(options, start=1) if o.correct]
        problem = "no option is marked correct" if not marked else f"options {marked} are all marked correct"
        raise where.error(qid, "options", problem, "mark exactly one option with correct: true")
    return Question(
        chapter, qid, question, tuple(options), _text(where, qid, "explanation", q["explanation"])
    )


def read_file(path: str | Path) -> list[Question]:
    """The questions of one quiz file, validated; :class:`QuizError` says what is wrong and where."""
    path = Path(path)
    where = _Where(path)
    if not path.is_file():
        raise where.error(
            None,
            None,
            "no such quiz file",
            "create it (see coursekit/quiz.py for the format) or fix the chapter name",
        )
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise where.error(
            None,
            None,
            f"is not valid YAML{at} ({getattr(err, 'problem', err)})",
            "fix the syntax (quote texts that contain ': ' or start with a quote)",
        ) from err
    data = _mapping(where, None, None, raw, _FILE_KEYS, _FILE_KEYS)
    if data["chapter"] != path.stem:
        raise where.error(
            None,
            "chapter",
            f"says {data['chapter']!r} but the file is {path.name}",
            f"write chapter: {path.stem}",
        )
    if not isinstance(data["questions"], list) or not data["questions"]:
        raise where.error(None, "questions", "must be a non-empty list", "add at least one question")
    questions = [_parse_question(where, path.stem, n, q) for n, q in enumerate(data["questions"], start=1)]
    ids = [q.id for q in questions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise where.error(
            dupes[0], "id", f"id(s) {dupes} used more than once", "give each question its own id"
        )
    return questions


def quiz_path(chapter: str, folder: str | Path | None = None) -> Path:
    return Path(folder or QUIZ_DIR) / f"{chapter}.yml"


def load(chapter: str, folder: str | Path | None = None) -> list[Question]:
    """The questions of one chapter (``chapter`` is its file stem, e.g. ``"02-thesis"``)."""
    return read_file(quiz_path(chapter, folder))


def load_all(folder: str | Path | None = None) -> dict[str, list[Question]]:
    """Every quiz file in ``folder`` (default: ``chapters/quizzes``), by chapter, in file order."""
    folder = Path(folder or QUIZ_DIR)
    return {p.stem: read_file(p) for p in sorted(folder.glob("*.yml"))}


def show(chapter: str, question_id: str | None = None, folder: str | Path | None = None) -> None:
    """Display a chapter's self-check questions (or just one, by id), each as its own widget."""
    questions = load(chapter, folder)
    if question_id is not None:
        chosen = [q for q in questions if q.id == question_id]
        if not chosen:
            raise QuizError(
                f"{_rel(quiz_path(chapter, folder))}: no question with id {question_id!r}; "
                f"the ids are {[q.id for q in questions]}."
            )
        questions = chosen
    for q in questions:
        display(q.widget())
