"""Exercises for chapter 2, the thesis: hedges, the if-then structure, the lead's verdicts, evidence."""

from __future__ import annotations

from ..data.queries import table
from .feedback import AnswerFormatError, Feedback, label, mapping, norm_key, one_letter
from .spec import Choices, Custom, Exercise, Field

# ---------------------------------------------------------------- teaching text

HEDGES_REQUIRED = {"probably", "might"}
HEDGES_ACCEPTED = {"any serious", "serious", "only accelerate", "may", "could"}
# Words a reader may flag by mistake, with why they are not hedges (checked in this order).
NOT_HEDGES = {
    "will": "'will' on its own is certain; the hedge is the word next to it",
    "remarkable": "'remarkable' is an evaluation that adds confidence, not doubt",
    "remain": "'remain' describes continuity; it does not signal doubt",
    "accelerate": "'accelerate' names the predicted effect, not the uncertainty",
}
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

IF_THEN = {
    "correct": "If the US imposes serious tariffs on Japan, then Japan speeds up its rapprochement with Russia. "
    "Now you can ask what would count against it.",
    "reversed": "You reversed the condition and the outcome: in the lead the tariffs come first and cause the "
    "faster turn to Russia.",
    "wrong_if": "The condition of the thesis is the US action the essay's title names; look at what 'might' set "
    "things in motion.",
    "then": {
        "C": "C is the concession the lead makes (Japan stays a US ally), which the essay expects with or without "
        "tariffs; it is not what the tariffs are predicted to cause.",
        "D": "D is stronger than the thesis: the lead predicts a faster rapprochement, not a treaty.",
        "E": "E is what actually happened in 2018-2019: evidence against the thesis, not its prediction.",
        "A": "The outcome cannot be the same as the condition.",
    },
}

LEAD_VERDICTS = {
    "correct": "The safe forecast (the alliance holds) was supported; the thesis itself was not borne out. "
    "Predicting the status quo earns less credit than predicting change.",
    "extra": "Claim(s) {extra} are not forecasts in the lead; filter on section == 'lead' and kind == 'forecast'.",
    "missing": "You found {found} of the {total} forecasts in the lead; filter on section == 'lead' and "
    "kind == 'forecast'.",
    "swapped": "You have the two verdicts the wrong way round: check which claim_id is the alliance forecast and "
    "which is the tariff thesis.",
    "wrong": "The verdict for claim {claim} is not {given!r}; copy it from the verdict column of claims.csv.",
}
LEAVE_OUT = "(not a lead forecast)"

# ---------------------------------------------------------------- graders


def _hedges(answer):
    if isinstance(answer, str):
        raise AnswerFormatError("give a list of words, e.g. ['word1', 'word2'], not one string.")
    if not isinstance(answer, (list, tuple, set)):
        raise AnswerFormatError(f"expected a list of words, got {type(answer).__name__}.")
    words = {label(w, "each word") for w in answer}
    for confident, why in NOT_HEDGES.items():
        if confident in words:
            return Feedback(False, f"{why}. Remove it and look again for the words that soften each claim.")
    missing = HEDGES_REQUIRED - words
    if missing:
        which = (
            "the first clause (about the alliance)"
            if "probably" in missing
            else "the last clause (about tariffs)"
        )
        return Feedback(
            False, f"You found {len(words & HEDGES_REQUIRED)} of the two core hedges; look again at {which}."
        )
    extra = words - HEDGES_REQUIRED - HEDGES_ACCEPTED
    if extra:
        return Feedback(
            False, f"{sorted(extra)} do not soften a claim; keep only the words that signal uncertainty."
        )
    note = (
        " You also flagged 'any serious', a vague threshold: good, since it leaves open what would count."
        if words & {"any serious", "serious"}
        else " Also notice 'any serious': a vague threshold that leaves open which tariffs would count."
    )
    return Feedback(True, "'probably' hedges the alliance forecast and 'might' the tariff forecast." + note)


def _if_then(answer):
    parts = mapping(answer, ["if", "then"])
    cond = one_letter(parts["if"], "ABCDE", "'if'")
    then = one_letter(parts["then"], "ABCDE", "'then'")
    if (cond, then) == ("A", "B"):
        return Feedback(True, IF_THEN["correct"])
    if (cond, then) == ("B", "A"):
        return Feedback(False, IF_THEN["reversed"])
    if cond != "A":
        return Feedback(False, IF_THEN["wrong_if"])
    return Feedback(False, IF_THEN["then"][then])


def _lead_forecasts() -> dict[int, str]:
    claims = table("claims")
    lead = claims[(claims["section"] == "lead") & (claims["kind"] == "forecast")]
    return {int(c): str(v) for c, v in zip(lead["claim_id"], lead["verdict"])}


def _lead_verdicts(answer):
    expected = {k: label(v, "verdict") for k, v in _lead_forecasts().items()}
    if hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise AnswerFormatError(f"expected a dict such as {{1: 'borne_out'}}, got {type(answer).__name__}.")
    given = {norm_key(k): label(v, f"verdict of claim {k}") for k, v in answer.items()}
    shown = {norm_key(k): v for k, v in answer.items()}
    extra = sorted(set(given) - set(expected), key=str)
    if extra:
        return Feedback(False, LEAD_VERDICTS["extra"].format(extra=extra))
    if set(expected) - set(given):
        return Feedback(False, LEAD_VERDICTS["missing"].format(found=len(given), total=len(expected)))
    wrong = [k for k in expected if given[k] != expected[k]]
    if not wrong:
        return Feedback(True, LEAD_VERDICTS["correct"])
    if len(wrong) == 2 and {given[k] for k in wrong} == {expected[k] for k in wrong}:
        return Feedback(False, LEAD_VERDICTS["swapped"])
    return Feedback(False, LEAD_VERDICTS["wrong"].format(claim=wrong[0], given=shown[wrong[0]]))


def _lead_verdict_fields() -> tuple[Field, ...]:
    claims = table("claims")
    lead_ids = [int(c) for c in claims.loc[claims["section"] == "lead", "claim_id"]]
    verdicts = tuple(str(v) for v in claims["verdict"].cat.categories)
    return tuple(Field(str(cid), f"Claim {cid}", "select", (LEAVE_OUT,) + verdicts) for cid in lead_ids)


def _compose_verdicts(values: dict) -> dict:
    return {int(k): v for k, v in values.items() if v != LEAVE_OUT}


# ---------------------------------------------------------------- exercises

EXERCISES = [
    Exercise(
        "ex02_hedges",
        "a list of the words in the lead that signal uncertainty, e.g. ['word1', 'word2']",
        lambda: Custom(
            _hedges,
            (Field("words", "Words that signal uncertainty", "checkboxes", LEAD_WORDS),),
            lambda v: list(v["words"]),
        ),
    ),
    Exercise(
        "ex02_if_then",
        "a dict {'if': letter, 'then': letter} using the options A to E",
        lambda: Custom(
            _if_then,
            (
                Field("if", "If (the condition)", "radio", tuple("ABCDE")),
                Field("then", "Then (the predicted outcome)", "radio", tuple("ABCDE")),
            ),
            lambda v: {"if": v["if"], "then": v["then"]},
        ),
    ),
    Exercise(
        "ex02_lead_verdicts",
        "a dict {claim_id: verdict}, e.g. {1: 'borne_out'}, for the lead's forecasts",
        lambda: Custom(_lead_verdicts, _lead_verdict_fields(), _compose_verdicts),
    ),
    Exercise(
        "ex02_evidence_against",
        "a list of option letters, e.g. ['A', 'C']",
        lambda: Choices(
            options="ABCDE",
            correct=frozenset("AC"),
            refuse={
                "B": "B (Abe at the Eastern Economic Forum, 10 Sept 2018) shows the rapprochement continuing before "
                "any tariff was imposed; it cannot test the 'if' part.",
                "D": "D (the May 2019 deferral) means the condition, serious tariffs, was not met; it removes the test "
                "rather than deciding it.",
                "E": "E (Russia's 2020 ban on ceding territory) is a Russian decision about the islands, not Japan's "
                "response to US tariffs.",
            },
            success="Both show Tokyo answering US trade pressure by negotiating with Washington, the opposite of the "
            "predicted turn to Moscow.",
            incomplete="Something is missing: which other event shows Tokyo answering US pressure by dealing with "
            "Washington? ({n_missing} to add.)",
        ),
    ),
]
