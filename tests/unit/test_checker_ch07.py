"""Chapter 7 checkers: every feedback branch reached by a crafted answer.

Expected messages come from ``coursekit/exercises/ch07_concluding_thoughts.yml`` (plain YAML),
the figures from the CSV files through the plain-pandas helpers of ``tests/test_checks.py``.
"""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from coursekit.exercises import check
from coursekit.exercises.boxes import model_answer
from coursekit.exercises.feedback import Feedback
from tests.helpers import REPO_ROOT
from tests.test_checks import csv, dots, gac

TEXTS = yaml.safe_load(
    (REPO_ROOT / "coursekit/exercises/ch07_concluding_thoughts.yml").read_text(encoding="utf-8")
)


def no(message: str) -> Feedback:
    return Feedback(False, message)


# ---------------------------------------------------------------- verdict rates

V = TEXTS["ex07_verdict_rates"]
PARTS = {"facts_supported": ("fact", "supported"), "forecasts_not_borne_out": ("forecast", "not_borne_out")}


@cache
def counts() -> dict[str, tuple[int, int, int, int]]:
    """key -> (hits within the kind, claims of the kind, that verdict across every kind, all claims)."""
    c = csv("claims")
    out = {}
    for key, (kind, verdict) in PARTS.items():
        of_kind = c[c.kind == kind]
        out[key] = (
            int((of_kind.verdict == verdict).sum()),
            len(of_kind),
            int((c.verdict == verdict).sum()),
            len(c),
        )
    return out


def rates() -> dict[str, float]:
    return {key: hits / n * 100 for key, (hits, n, _, _) in counts().items()}


def test_the_verdict_rates_pass():
    assert check("ex07_verdict_rates", rates()) == Feedback(True, V["success"])


@pytest.mark.parametrize("key", list(PARTS))
def test_each_rate_mistake_gets_its_feedback(key):
    kind, verdict = PARTS[key]
    hits, n, any_kind, total = counts()[key]
    other = next(k for k in PARTS if k != key)

    def wrong(value):
        return check("ex07_verdict_rates", {**rates(), key: value})

    lead = f"{other} right; {key}: "
    assert wrong(hits / total * 100) == no(lead + V["all_claims"].format(n_claims=total, kind=kind))
    assert wrong(hits) == no(lead + V["count"])
    if any_kind != hits:  # in the current data only claims of that kind have that verdict
        assert wrong(any_kind / n * 100) == no(lead + V["every_kind"].format(verdict=verdict, kind=kind))
    fraction = hits / n
    assert wrong(fraction) == no(
        lead + f"{fraction:g} looks like a fraction; the question asks for a percentage, so multiply by 100."
    )
    assert wrong(99.5) == no(
        lead + "99.5 does not match what the data give. " + V["hint"].format(kind=kind, verdict=verdict)
    )


# ---------------------------------------------------------------- scale

S = TEXTS["ex07_scale"]


@cache
def scale_inputs() -> tuple[float, float, float, float]:
    return (
        gac(2017),
        dots("japan_russia", "Japan", 2017),
        dots("japan_russia", "Japan", 2017, ("export",)),
        dots("japan_russia", "Russia", 2017),
    )


def test_the_scale_passes_quoting_it_within_a_hundredth():
    china, japan, _, _ = scale_inputs()
    expected = china / japan
    assert check("ex07_scale", expected) == Feedback(True, S["success"].format(expected=expected))
    assert check("ex07_scale", expected + 0.009).correct is True
    assert check("ex07_scale", expected - 0.011).correct is False


def test_each_scale_mistake_gets_its_feedback():
    china, japan, exports, mirror = scale_inputs()
    assert check("ex07_scale", china / exports) == no(S["exports"])
    assert check("ex07_scale", china / mirror) == no(S["russia_report"])
    assert check("ex07_scale", japan / china) == no(S["inverted"])
    assert check("ex07_scale", (china - japan) / japan * 100) == no(S["percent"])
    assert check("ex07_scale", 1.0) == no(f"1 does not match what the data give. {S['hint']}")


# ---------------------------------------------------------------- the neutral rewrite

N = TEXTS["ex07_neutral_rewrite"]


def words(n: int, extra: str = "") -> str:
    return " ".join(["calm"] * n) + extra


@pytest.mark.parametrize(
    "n,feedback",
    [
        (49, no(N["too_short"].format(words=49))),
        (50, Feedback(True, N["correct"].format(words=50))),
        (110, Feedback(True, N["correct"].format(words=110))),
        (111, no(N["too_long"].format(words=111))),
    ],
)
def test_the_rewrite_is_about_eighty_words(n, feedback):
    assert check("ex07_neutral_rewrite", words(n)) == feedback


@pytest.mark.parametrize(
    "phrase,found",
    [
        (" the Overlords", "overlord"),
        (" a hegemonic power", "hegemon"),
        (" hegemony", "hegemon"),
        (" behind the ally's back", "behind ... back"),
        (" clinched a deal", "clinch"),
        (" overlord and hegemon", "overlord, hegemon"),
        (" hegemon, then clinching it behind their backs", "hegemon, behind ... back, clinch"),
    ],
)
def test_loaded_words_are_named_in_a_fixed_order(phrase, found):
    assert check("ex07_neutral_rewrite", words(80, phrase)) == no(N["loaded"].format(found=found))


@pytest.mark.parametrize(
    "phrase", [" overlordship", " behind. the back", " a clincher", " behind" + " x" * 25 + " back"]
)
def test_words_that_only_look_loaded_pass(phrase):
    text = words(80, phrase)
    assert check("ex07_neutral_rewrite", text).correct is True


@pytest.mark.parametrize("answer", ["", "   ", 80])
def test_the_rewrite_must_be_text(answer):
    assert check("ex07_neutral_rewrite", answer) == no(
        f"expected your rewrite as a string of text. Expected: {N['form']}."
    )


def test_the_rewrite_model_answer_is_the_yaml_text_and_passes():
    assert model_answer("ex07_neutral_rewrite") == N["model"]
    assert check("ex07_neutral_rewrite", N["model"]).correct is True


# ---------------------------------------------------------------- unfalsifiable

U = TEXTS["ex07_unfalsifiable"]


@pytest.mark.parametrize("letter", "ABCD")
def test_each_unfalsifiable_option_gets_its_own_feedback(letter):
    assert check("ex07_unfalsifiable", letter) == Feedback(letter == "D", U["choice"]["options"][letter])
