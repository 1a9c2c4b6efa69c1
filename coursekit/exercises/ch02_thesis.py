"""Exercises for chapter 2, the thesis: hedges, the if-then structure, the lead's verdicts, evidence.

The feedback sentences are in ``ch02_thesis.yml`` beside this module; the rules are here.
"""

from __future__ import annotations

from ..data.queries import table
from .feedback import AnswerFormatError, Feedback, label, mapping, norm_key, one_letter
from .spec import Custom, Exercise, Field
from .texts import texts

TEXT = texts(__name__)

# ---------------------------------------------------------------- the words that count

HEDGES_REQUIRED = {"probably", "might"}
HEDGES_ACCEPTED = {"any serious", "serious", "only accelerate", "may", "could"}
# Words a reader may flag by mistake, checked in this order (why each is not a hedge: the YAML).
NOT_HEDGES = ("will", "remarkable", "remain", "accelerate")
# The words of the quoted phrases, offered as checkboxes in the book's answer box.
LEAD_WORDS = (
    "will",
    "probably",
    "remain",
    "unsinkable",
    "any serious",
    "might",
    "only",
    "accelerate",
    "remarkable",
    "progress",
)

# ---------------------------------------------------------------- graders


def _hedges(answer):
    say = "ex02_hedges"
    if isinstance(answer, str):
        raise AnswerFormatError("give a list of words, e.g. ['word1', 'word2'], not one string.")
    if not isinstance(answer, (list, tuple, set)):
        raise AnswerFormatError(f"expected a list of words, got {type(answer).__name__}.")
    words = {label(w, "each word") for w in answer}
    for confident in NOT_HEDGES:
        if confident in words:
            return Feedback(False, TEXT.say(say, "not_a_hedge", why=TEXT(say, "not_hedges", confident)))
    missing = HEDGES_REQUIRED - words
    if missing:
        where = TEXT(say, "missing_alliance" if "probably" in missing else "missing_tariffs")
        return Feedback(False, TEXT.say(say, "missing", found=len(words & HEDGES_REQUIRED), where=where))
    extra = words - HEDGES_REQUIRED - HEDGES_ACCEPTED
    if extra:
        return Feedback(False, TEXT.say(say, "extra", extra=sorted(extra)))
    note = TEXT(say, "note_flagged" if words & {"any serious", "serious"} else "note_missed")
    return Feedback(True, TEXT(say, "correct") + note)


def _if_then(answer):
    parts = mapping(answer, ["if", "then"])
    cond = one_letter(parts["if"], "ABCDE", "'if'")
    then = one_letter(parts["then"], "ABCDE", "'then'")
    if (cond, then) == ("A", "B"):
        return Feedback(True, TEXT("ex02_if_then", "correct"))
    if (cond, then) == ("B", "A"):
        return Feedback(False, TEXT("ex02_if_then", "reversed"))
    if cond != "A":
        return Feedback(False, TEXT("ex02_if_then", "wrong_if"))
    return Feedback(False, TEXT("ex02_if_then", "then", then))


def _lead_forecasts() -> dict[int, str]:
    claims = table("claims")
    lead = claims[(claims["section"] == "lead") & (claims["kind"] == "forecast")]
    return {int(c): str(v) for c, v in zip(lead["claim_id"], lead["verdict"])}


def _lead_verdicts(answer):
    say = "ex02_lead_verdicts"
    expected = {k: label(v, "verdict") for k, v in _lead_forecasts().items()}
    if hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise AnswerFormatError(f"expected a dict such as {{1: 'borne_out'}}, got {type(answer).__name__}.")
    given = {norm_key(k): label(v, f"verdict of claim {k}") for k, v in answer.items()}
    shown = {norm_key(k): v for k, v in answer.items()}
    extra = sorted(set(given) - set(expected), key=str)
    if extra:
        return Feedback(False, TEXT.say(say, "extra", extra=extra))
    if set(expected) - set(given):
        return Feedback(False, TEXT.say(say, "missing", found=len(given), total=len(expected)))
    wrong = [k for k in expected if given[k] != expected[k]]
    if not wrong:
        return Feedback(True, TEXT(say, "correct"))
    if len(wrong) == 2 and {given[k] for k in wrong} == {expected[k] for k in wrong}:
        return Feedback(False, TEXT(say, "swapped"))
    return Feedback(False, TEXT.say(say, "wrong", claim=wrong[0], given=shown[wrong[0]]))


def _lead_verdict_fields() -> tuple[Field, ...]:
    claims = table("claims")
    lead_ids = [int(c) for c in claims.loc[claims["section"] == "lead", "claim_id"]]
    verdicts = tuple(str(v) for v in claims["verdict"].cat.categories)
    leave_out = TEXT("ex02_lead_verdicts", "leave_out")
    return tuple(
        Field(
            str(cid),
            TEXT.say("ex02_lead_verdicts", "box_label", claim_id=cid),
            "select",
            (leave_out,) + verdicts,
        )
        for cid in lead_ids
    )


def _compose_verdicts(values: dict) -> dict:
    return {int(k): v for k, v in values.items() if v != TEXT("ex02_lead_verdicts", "leave_out")}


# ---------------------------------------------------------------- exercises

EXERCISES = [
    Exercise(
        "ex02_hedges",
        TEXT("ex02_hedges", "form"),
        lambda: Custom(
            _hedges,
            (Field("words", TEXT("ex02_hedges", "box_label"), "checkboxes", LEAD_WORDS),),
            lambda v: list(v["words"]),
        ),
    ),
    Exercise(
        "ex02_if_then",
        TEXT("ex02_if_then", "form"),
        lambda: Custom(
            _if_then,
            (
                Field("if", TEXT("ex02_if_then", "box_if"), "radio", tuple("ABCDE")),
                Field("then", TEXT("ex02_if_then", "box_then"), "radio", tuple("ABCDE")),
            ),
            lambda v: {"if": v["if"], "then": v["then"]},
        ),
    ),
    Exercise(
        "ex02_lead_verdicts",
        TEXT("ex02_lead_verdicts", "form"),
        lambda: Custom(_lead_verdicts, _lead_verdict_fields(), _compose_verdicts),
    ),
]
