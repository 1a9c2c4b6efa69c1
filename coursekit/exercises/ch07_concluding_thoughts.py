"""Exercises for chapter 7, concluding thoughts: verdict rates, scale, a neutral rewrite, unfalsifiability."""

from __future__ import annotations

import re

from ..data.queries import dots, dots_total, gac_total, table
from .feedback import AnswerFormatError, Feedback
from .spec import PERCENT_TOL, Choice, Custom, Exercise, Number, Numbers, single


def _verdict_rates() -> Numbers:
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
                (
                    hits / len(claims) * 100,
                    f"you divided by all {len(claims)} claims; the share is within the {kind} claims only.",
                ),
                (float(hits), "that is a count; turn it into a percentage of the claims of that kind."),
                (
                    int((claims["verdict"] == verdict).sum()) / len(of_kind) * 100,
                    f"you counted '{verdict}' verdicts across every kind; filter on kind == '{kind}' first.",
                ),
            ),
            hint=f"Filter claims to kind == '{kind}', then the share with verdict == '{verdict}'.",
        )
    return Numbers(
        parts,
        "Most checkable facts hold; more than half of the forecasts do not. The essay can be "
        "accurate about 2018 and still wrong about what came next.",
    )


def _scale() -> Numbers:
    china, japan = gac_total(2017), dots_total("japan_russia", "Japan", 2017)
    expected = china / japan
    return single(
        Number(
            expected,
            0.01,
            wrongs=(
                (
                    china / dots("japan_russia", "Japan", 2017, "export"),
                    "you summed exports only; total trade includes imports.",
                ),
                (
                    china / dots_total("japan_russia", "Russia", 2017),
                    "you used Russia's report of its trade with Japan; the exercise asks for Japan's. The two sides' figures "
                    "differ (mirror statistics), which is why the reporter must be named.",
                ),
                (japan / china, "you divided the other way round: Russia-China over Japan-Russia."),
                (
                    (china - japan) / japan * 100,
                    "that is how much larger in percent; the question asks 'how many times'.",
                ),
            ),
            hint="Divide China customs' 2017 Russia-China total by Japan's 2017 exports plus imports with Russia "
            "(IMF DOTS, reporter 'Japan').",
        ),
        f"About {expected:.1f} times, with different compilers on each side (China customs, IMF DOTS), so read it "
        "as an order of magnitude.",
    )


LOADED = {
    "overlord": r"\boverlords?\b",
    "hegemon": r"\bhegemon(s|ic|y)?\b",
    "behind ... back": r"\bbehind\b[^.]{0,40}\bbacks?\b",
    "clinch": r"\bclinch(es|ed|ing)?\b",
}
REWRITE_WORDS = (50, 110)  # accepted length; the task asks for about 80 words


def _neutral_rewrite(answer):
    if not isinstance(answer, str) or not answer.strip():
        raise AnswerFormatError("expected your rewrite as a string of text.")
    found = [word for word, pattern in LOADED.items() if re.search(pattern, answer, re.IGNORECASE)]
    if found:
        return Feedback(
            False,
            f"Your rewrite still uses loaded wording: {', '.join(found)}. Replace it with words "
            "that describe without judging (for example 'ally', 'without consulting').",
        )
    words = len(answer.split())
    if words < REWRITE_WORDS[0]:
        return Feedback(
            False, f"{words} words: too short to keep the conclusion's testable content; aim for about 80."
        )
    if words > REWRITE_WORDS[1]:
        return Feedback(False, f"{words} words: aim for about 80; cut repetition, keep the testable claims.")
    return Feedback(
        True,
        f"{words} words and none of the loaded terms we look for. A checker cannot judge fairness "
        "or accuracy: compare your text with the sample and ask what testable content survived.",
    )


REWRITE_MODEL = (
    "By 2018 Japan and Russia had held many summits, but the territorial question and the lack of a peace treaty "
    "remained. It is unclear whether Tokyo's outreach had Washington's approval. If Tokyo acted without consulting "
    "the United States, it might seek a treaty on its own; if it acted with US approval, the aim might include "
    "limiting China's influence. Either path could have consequences Washington did not intend, including closer "
    "ties between Japan and China."
)

EXERCISES = [
    Exercise(
        "ex07_verdict_rates",
        "a dict {'facts_supported': percent, 'forecasts_not_borne_out': percent}",
        _verdict_rates,
    ),
    Exercise(
        "ex07_scale",
        "a number: how many times larger Russia-China trade was than Japan-Russia trade in 2017",
        _scale,
    ),
    Exercise(
        "ex07_neutral_rewrite",
        "a string: your rewrite of the conclusion, about 80 words",
        lambda: Custom(_neutral_rewrite),
        model_answer=REWRITE_MODEL,
    ),
    Exercise(
        "ex07_unfalsifiable",
        "one option letter",
        lambda: Choice(
            {
                "A": "In the conclusion, a treaty with US approval serves an anti-China plan that can still backfire on "
                "Washington: a US loss.",
                "B": "A treaty behind Washington's back is the conclusion's first branch, which it also counts as a US loss.",
                "C": "Japan and China growing closer is the conclusion's final warning, again a loss for Washington.",
                "D": "Every outcome the argument considers ends in a US loss, so none counts against it. The forecasts inside "
                "the branches (a treaty, a partnership) can still be tested, and were not borne out.",
            },
            correct="D",
        ),
    ),
]
