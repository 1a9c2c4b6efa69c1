"""Self-check questions whose feedback works in the static HTML book, with no kernel.

Same mechanism as :mod:`coursekit.widgets`: the feedback for every option is
written at build time into an ``ipywidgets.Stack``, and the answer control's
``index`` is linked to the Stack's ``selected_index`` in the browser with
``ipywidgets.jslink``. Before a student chooses, ``index`` is ``None`` and the
Stack shows nothing, so the page starts neutral.

In the PDF the question prints with its lettered options and without the
answer or feedback, so a printed student edition stays clean.
"""

from __future__ import annotations

import html
import string
from typing import Sequence

import ipywidgets
from IPython.display import display

from .widgets import _escape_md

# Openings that already state the verdict (by correctness of the option).
_VERDICT_WORDS = {True: ("correct",), False: ("not quite", "incorrect", "wrong")}


def _check_text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"multiple_choice: {what} must be a non-empty string, got {value!r}.")
    return value.strip()


class MultipleChoice:
    """A question, its options and per-option feedback; display it in a notebook cell."""

    def __init__(self, question: str, options: Sequence[str], answer: int, feedback: Sequence[str]):
        self.question = _check_text(question, "question")
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
        lead = "" if text.lower().startswith(_VERDICT_WORDS[correct]) else f"<strong>{verdict}</strong> "
        colour = "#009E73" if correct else "#D55E00"  # Okabe-Ito bluish green / vermillion
        return (
            f'<div class="coursekit-feedback" role="status" '
            f'data-coursekit-choice="{html.escape(self.options[i])}" '
            f'data-coursekit-verdict="{"correct" if correct else "incorrect"}" '
            f'style="border-left:4px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">'
            f"{lead}{html.escape(text)}</div>"
        )

    def _build(self) -> None:
        self.prompt = ipywidgets.HTML(
            value=(
                '<p class="coursekit-quiz-question"><strong>Self-check.</strong> '
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
        lines = [f"**Self-check.** {_escape_md(self.question)}", ""]
        lines += [f"- ({ltr}) {_escape_md(opt)}" for ltr, opt in zip(self.letters, self.options)]
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
    option ``i`` is chosen, so wrong answers can explain the misreading.
    """
    return MultipleChoice(question, options, answer, feedback)
