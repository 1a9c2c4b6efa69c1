"""Exercises for chapter 7, concluding thoughts: verdict rates, scale, a neutral rewrite, unfalsifiability.

The feedback sentences, hints and model answer are in ``ch07_concluding_thoughts.yml`` beside this module.
"""

from __future__ import annotations

import re

from ..data.queries import dots, dots_total, gac_total, table
from .feedback import AnswerFormatError, Feedback
from .spec import PERCENT_TOL, Custom, Exercise, Number, Numbers, single
from .texts import texts

TEXT = texts(__name__)


def _verdict_rates() -> Numbers:
    say = "ex07_verdict_rates"
    claims = table("claims")
    parts = {}
    for key, kind, verdict in (
        ("facts_supported", "fact", "supported"),
        ("forecasts_not_borne_out", "forecast", "not_borne_out"),
    ):
        of_kind = claims[claims["kind"] == kind]
        hits = int((of_kind["verdict"] == verdict).sum())
        parts[key] = Number(
            hits / len(of_kind) * 100,
            PERCENT_TOL,
            percent=True,
            wrongs=(
                (hits / len(claims) * 100, TEXT.say(say, "all_claims", n_claims=len(claims), kind=kind)),
                (float(hits), TEXT(say, "count")),
                (
                    int((claims["verdict"] == verdict).sum()) / len(of_kind) * 100,
                    TEXT.say(say, "every_kind", verdict=verdict, kind=kind),
                ),
            ),
            hint=TEXT.say(say, "hint", kind=kind, verdict=verdict),
        )
    return Numbers(parts, TEXT(say, "success"))


def _scale() -> Numbers:
    say = "ex07_scale"
    china, japan = gac_total(2017), dots_total("japan_russia", "Japan", 2017)
    expected = china / japan
    return single(
        Number(
            expected,
            0.01,
            wrongs=(
                (china / dots("japan_russia", "Japan", 2017, "export"), TEXT(say, "exports")),
                (china / dots_total("japan_russia", "Russia", 2017), TEXT(say, "russia_report")),
                (japan / china, TEXT(say, "inverted")),
                ((china - japan) / japan * 100, TEXT(say, "percent")),
            ),
            hint=TEXT(say, "hint"),
        ),
        TEXT.say(say, "success", expected=expected),
    )


LOADED = {
    "overlord": r"\boverlords?\b",
    "hegemon": r"\bhegemon(s|ic|y)?\b",
    "behind ... back": r"\bbehind\b[^.]{0,40}\bbacks?\b",
    "clinch": r"\bclinch(es|ed|ing)?\b",
}
REWRITE_WORDS = (50, 110)  # accepted length; the task asks for about 80 words


def _neutral_rewrite(answer):
    say = "ex07_neutral_rewrite"
    if not isinstance(answer, str) or not answer.strip():
        raise AnswerFormatError("expected your rewrite as a string of text.")
    found = [word for word, pattern in LOADED.items() if re.search(pattern, answer, re.IGNORECASE)]
    if found:
        return Feedback(False, TEXT.say(say, "loaded", found=", ".join(found)))
    words = len(answer.split())
    if words < REWRITE_WORDS[0]:
        return Feedback(False, TEXT.say(say, "too_short", words=words))
    if words > REWRITE_WORDS[1]:
        return Feedback(False, TEXT.say(say, "too_long", words=words))
    return Feedback(True, TEXT.say(say, "correct", words=words))


EXERCISES = [
    Exercise("ex07_verdict_rates", TEXT("ex07_verdict_rates", "form"), _verdict_rates),
    Exercise("ex07_scale", TEXT("ex07_scale", "form"), _scale),
    Exercise(
        "ex07_neutral_rewrite",
        TEXT("ex07_neutral_rewrite", "form"),
        lambda: Custom(_neutral_rewrite),
        model_answer=TEXT("ex07_neutral_rewrite", "model"),
    ),
]
