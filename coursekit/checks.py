"""Answer checkers for the exercises in ``exercises/``: specific feedback, not just right or wrong.

In a notebook (Jupyter, Binder)::

    from coursekit.checks import check
    answer = None          # replace None with your answer
    check("ex05_tariff_change", answer)

``check`` returns a :class:`Feedback` (``correct``, ``message``) that displays
itself in the notebook. Every checker computes its expected value from
``data/`` through :func:`coursekit.data.load`, so a corrected figure in the
data corrects the checker too; the answer keys of close-reading exercises are
letters or labels, not numbers. Typical wrong answers (exports instead of total
trade, percent instead of percentage points, the wrong reporter, ...) are
recomputed from the same data and get their own message.

An answer of ``None`` (the placeholder in every exercise cell) gets a friendly
reminder, so the exercise notebooks run cleanly at build time before anyone
has answered.
"""

from __future__ import annotations

import html
import math
import numbers
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable

import pandas as pd

from . import data as _data

__all__ = ["Feedback", "AnswerFormatError", "check", "exercise_ids", "describe_answer"]


# ---------------------------------------------------------------- feedback and registry


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``correct`` and a message saying why."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}: {self.message}"

    def __repr__(self) -> str:  # what a notebook shows when HTML is not available
        return str(self)

    def _repr_html_(self) -> str:
        # The verdict is spelled out in words, never carried by colour alone.
        state = "correct" if self.correct else "not-yet"
        label = "Correct." if self.correct else "Not yet."
        return (f'<div class="course-feedback course-feedback--{state}" role="status">'
                f"<strong>{label}</strong> {html.escape(self.message)}</div>")


class AnswerFormatError(ValueError):
    """The answer has the wrong shape (text for a number, a table for a value, ...)."""


@dataclass(frozen=True)
class _Checker:
    func: Callable[[Any], Feedback]
    form: str  # what a well-formed answer looks like, shown with the None reminder


_CHECKERS: dict[str, _Checker] = {}


def _register(exercise_id: str, form: str):
    def wrap(func: Callable[[Any], Feedback]) -> Callable[[Any], Feedback]:
        if exercise_id in _CHECKERS:
            raise ValueError(f"checks: exercise id {exercise_id!r} is registered twice.")
        _CHECKERS[exercise_id] = _Checker(func, form)
        return func
    return wrap


def exercise_ids() -> list[str]:
    """Every exercise id that :func:`check` knows, in registration order."""
    return list(_CHECKERS)


def describe_answer(exercise_id: str) -> str:
    """The expected form of an answer, e.g. 'a number: the share in percent'."""
    return _lookup(exercise_id).form


def _lookup(exercise_id: str) -> _Checker:
    if exercise_id not in _CHECKERS:
        known = ", ".join(_CHECKERS)
        raise KeyError(f"check: unknown exercise id {exercise_id!r}. Copy the id from the exercise's "
                       f"code cell; known ids: {known}.")
    return _CHECKERS[exercise_id]


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check ``answer`` to exercise ``exercise_id`` and say specifically what is right or wrong."""
    checker = _lookup(exercise_id)
    if answer is None or answer is Ellipsis:
        return Feedback(False, f"Replace None with your answer, then run the cell again. "
                               f"Expected: {checker.form}.")
    try:
        return checker.func(answer)
    except AnswerFormatError as err:
        return Feedback(False, f"{err} Expected: {checker.form}.")


# ---------------------------------------------------------------- answer parsing


def _number(value: Any, what: str) -> float:
    if isinstance(value, (pd.Series, pd.DataFrame)):
        raise AnswerFormatError(f"{what}: you passed a pandas {type(value).__name__}, not a single number; "
                                "pick one value, e.g. with .item() or .iloc[0].")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise AnswerFormatError(f"{what}: expected a number, got {value!r}. Give the number itself "
                                "(39.6, not '39.6%').")
    number = float(value)
    if not math.isfinite(number):
        raise AnswerFormatError(f"{what}: got {number}, which is not a finite number; check for a "
                                "division by zero or a missing value (NaN) in your selection.")
    return number


def _mapping(value: Any, keys: Iterable, what: str = "answer") -> dict:
    keys = list(keys)
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, dict):
        raise AnswerFormatError(f"{what}: expected a dict with the keys {keys}, got {type(value).__name__}.")
    normalised = {_norm_key(k): v for k, v in value.items()}
    missing = [k for k in keys if _norm_key(k) not in normalised]
    if missing:
        raise AnswerFormatError(f"{what}: the key(s) {missing} are missing.")
    return {k: normalised[_norm_key(k)] for k in keys}


def _norm_key(key: Any) -> Any:
    if isinstance(key, numbers.Integral) and not isinstance(key, bool):
        return int(key)
    if isinstance(key, str):
        stripped = key.strip()
        return int(stripped) if stripped.isdigit() else stripped.lower()
    return key


def _label(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AnswerFormatError(f"{what}: expected a text label, got {value!r}.")
    return re.sub(r"[\s_\-]+", " ", value.strip().lower())


def _letters(value: Any, options: Iterable[str], what: str) -> set[str]:
    """A set of option letters from 'AC', ['A', 'C'], {'a', 'c'} ..."""
    options = [o.upper() for o in options]
    if isinstance(value, str):
        items = [c for c in value.upper() if c.isalpha()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = [str(v).strip().upper() for v in value]
    else:
        raise AnswerFormatError(f"{what}: expected option letters such as ['A', 'C'], got {value!r}.")
    unknown = sorted(set(items) - set(options))
    if unknown:
        raise AnswerFormatError(f"{what}: {unknown} are not options here; choose from {options}.")
    return set(items)


def _one_letter(value: Any, options: Iterable[str], what: str) -> str:
    chosen = _letters(value, options, what)
    if len(chosen) != 1:
        raise AnswerFormatError(f"{what}: choose exactly one option letter, got {sorted(chosen)}.")
    return chosen.pop()


# ---------------------------------------------------------------- grading helpers


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def _percent_tol(expected: float) -> float:
    # Students may round a percentage to one decimal place.
    return 0.1


def _money_tol(expected: float) -> float:
    return max(abs(expected) * 0.005, 1e-9)


def _grade_number(value: float, expected: float, *, tol: float, wrongs: Iterable[tuple[float, str]] = (),
                  hint: str, percent: bool = False) -> tuple[bool, str]:
    """(correct, message) for one numeric part; wrong answers we can explain come first."""
    if _close(value, expected, tol):
        return True, ""
    for candidate, message in wrongs:
        if candidate is not None and math.isfinite(candidate) and _close(value, candidate, tol):
            return False, message
    if percent and expected != 0 and _close(value * 100, expected, tol):
        return False, (f"{value:g} looks like a fraction; the question asks for a percentage, "
                       "so multiply by 100.")
    if expected != 0 and _close(-value, expected, tol):
        return False, f"{value:g} has the wrong sign: is this a rise or a fall?"
    return False, f"{value:g} does not match what the data give. {hint}"


def _parts(results: list[tuple[str, bool, str]], success: str) -> Feedback:
    """Combine per-part grades: name every right part, explain the first wrong one."""
    wrong = [(name, msg) for name, ok, msg in results if not ok]
    if not wrong:
        return Feedback(True, success)
    right = [name for name, ok, _ in results if ok]
    name, msg = wrong[0]
    lead = f"{', '.join(right)} right; " if right else ""
    more = f" ({len(wrong) - 1} more part(s) to fix after this one.)" if len(wrong) > 1 else ""
    return Feedback(False, f"{lead}{name}: {msg}{more}")


def _pct_change(old: float, new: float) -> float:
    return (new - old) / old * 100


# ---------------------------------------------------------------- data access


@lru_cache(maxsize=None)
def _table(name: str) -> pd.DataFrame:
    return _data.load(name)


def _dots(pair: str, reporter: str, year: int, flow: str) -> float:
    """One IMF DOTS calendar-year figure (USD million) as published in data/trade.csv."""
    trade = _table("trade")
    rows = trade[(trade["pair"] == pair) & (trade["reporter"] == reporter) & (trade["year"] == year)
                 & (trade["flow"] == flow) & (trade["compiler"] == "IMF DOTS") & (trade["period"] == "CY")
                 & (trade["unit"] == "USD million")]
    if len(rows) != 1:
        raise LookupError(f"trade.csv: expected one IMF DOTS row for pair={pair}, reporter={reporter}, "
                          f"year={year}, flow={flow} (CY, USD million), found {len(rows)}. "
                          "The exercise needs this figure; restore the row or update the exercise.")
    return float(rows["value"].iloc[0])


def _dots_total(pair: str, reporter: str, year: int) -> float:
    return _dots(pair, reporter, year, "export") + _dots(pair, reporter, year, "import")


def _one(frame: pd.DataFrame, file: str, **where) -> pd.Series:
    rows = frame
    for field, value in where.items():
        rows = rows[rows[field] == value]
    if len(rows) != 1:
        shown = ", ".join(f"{k}={v!r}" for k, v in where.items())
        raise LookupError(f"{file}: expected one row with {shown}, found {len(rows)}. "
                          "The exercise needs it; restore the row or update the exercise.")
    return rows.iloc[0]


def _claim(claim_id: int) -> pd.Series:
    return _one(_table("claims"), "claims.csv", claim_id=claim_id)


def _tariff(tariff_id: str) -> pd.Series:
    return _one(_table("tariffs"), "tariffs.csv", tariff_id=tariff_id)


def _autos(year: int, measure: str) -> float:
    return float(_one(_table("autos"), "autos.csv", year=year, measure=measure, period="CY")["value"])


def _route(row_id: str) -> pd.Series:
    return _one(_table("routes"), "routes.csv", route_row_id=row_id)


def _gac_total(year: int) -> float:
    trade = _table("trade")
    row = _one(trade[trade["period"] == "CY"], "trade.csv", pair="russia_china", reporter="China",
               compiler="China customs (GAC)", flow="total", year=year)
    return float(row["value"])


def _meetings() -> pd.DataFrame:
    timeline = _table("timeline")
    return timeline[timeline["kind"] == "abe_putin_meeting"]


# ================================================================ chapter 2: the thesis


_HEDGES_REQUIRED = {"probably", "might"}
_HEDGES_ACCEPTED = {"any serious", "serious", "only accelerate", "may", "could"}


@_register("ex02_hedges", "a list of the words in the lead that signal uncertainty, e.g. ['word1', 'word2']")
def _ex02_hedges(answer):
    if isinstance(answer, str):
        raise AnswerFormatError("give a list of words, e.g. ['word1', 'word2'], not one string.")
    if not isinstance(answer, (list, tuple, set)):
        raise AnswerFormatError(f"expected a list of words, got {type(answer).__name__}.")
    words = {_label(w, "each word") for w in answer}
    for confident, why in (("will", "'will' on its own is certain; the hedge is the word next to it"),
                           ("remarkable", "'remarkable' is an evaluation that adds confidence, not doubt"),
                           ("remain", "'remain' describes continuity; it does not signal doubt"),
                           ("accelerate", "'accelerate' names the predicted effect, not the uncertainty")):
        if confident in words:
            return Feedback(False, f"{why}. Remove it and look again for the words that soften each claim.")
    missing = _HEDGES_REQUIRED - words
    if missing:
        which = "the first clause (about the alliance)" if "probably" in missing else "the last clause (about tariffs)"
        return Feedback(False, f"You found {len(words & _HEDGES_REQUIRED)} of the two core hedges; "
                               f"look again at {which}.")
    extra = words - _HEDGES_REQUIRED - _HEDGES_ACCEPTED
    if extra:
        return Feedback(False, f"{sorted(extra)} do not soften a claim; keep only the words that signal "
                               "uncertainty.")
    note = (" You also flagged 'any serious', a vague threshold: good, since it leaves open what would count."
            if words & {"any serious", "serious"} else
            " Also notice 'any serious': a vague threshold that leaves open which tariffs would count.")
    return Feedback(True, "'probably' hedges the alliance forecast and 'might' the tariff forecast." + note)


_IF_THEN_OPTIONS = "ABCDE"


@_register("ex02_if_then", "a dict {'if': letter, 'then': letter} using the options A to E")
def _ex02_if_then(answer):
    parts = _mapping(answer, ["if", "then"])
    cond = _one_letter(parts["if"], _IF_THEN_OPTIONS, "'if'")
    then = _one_letter(parts["then"], _IF_THEN_OPTIONS, "'then'")
    if (cond, then) == ("A", "B"):
        return Feedback(True, "If the US imposes serious tariffs on Japan, then Japan speeds up its "
                              "rapprochement with Russia. Now you can ask what would count against it.")
    if (cond, then) == ("B", "A"):
        return Feedback(False, "You reversed the condition and the outcome: in the lead the tariffs come "
                               "first and cause the faster turn to Russia.")
    if cond != "A":
        return Feedback(False, "The condition of the thesis is the US action the essay's title names; "
                               "look at what 'might' set things in motion.")
    messages = {
        "C": "C is the concession the lead makes (Japan stays a US ally), which the essay expects with or "
             "without tariffs; it is not what the tariffs are predicted to cause.",
        "D": "D is stronger than the thesis: the lead predicts a faster rapprochement, not a treaty.",
        "E": "E is what actually happened in 2018-2019: evidence against the thesis, not its prediction.",
        "A": "The outcome cannot be the same as the condition.",
    }
    return Feedback(False, messages[then])


@_register("ex02_lead_verdicts", "a dict {claim_id: verdict}, e.g. {1: 'supported'}, for the lead's forecasts")
def _ex02_lead_verdicts(answer):
    claims = _table("claims")
    lead = claims[(claims["section"] == "lead") & (claims["kind"] == "forecast")]
    expected = {int(c): str(v) for c, v in zip(lead["claim_id"], lead["verdict"])}
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise AnswerFormatError(f"expected a dict such as {{1: 'supported'}}, got {type(answer).__name__}.")
    given = {_norm_key(k): _label(v, f"verdict of claim {k}") for k, v in answer.items()}
    extra = sorted(set(given) - set(expected), key=str)
    if extra:
        return Feedback(False, f"Claim(s) {extra} are not forecasts in the lead; filter on section == 'lead' "
                               "and kind == 'forecast'.")
    missing = sorted(set(expected) - set(given))
    if missing:
        return Feedback(False, f"You found {len(given)} of the {len(expected)} forecasts in the lead; "
                               "filter on section == 'lead' and kind == 'forecast'.")
    want = {k: _label(v, "verdict") for k, v in expected.items()}
    wrong = [k for k in want if given[k] != want[k]]
    if not wrong:
        return Feedback(True, "The safe forecast (the alliance holds) was supported; the thesis itself was "
                              "not borne out. Predicting the status quo earns less credit than predicting change.")
    if len(wrong) == 2 and {given[k] for k in wrong} == {want[k] for k in wrong}:
        return Feedback(False, "You have the two verdicts the wrong way round: check which claim_id is the "
                               "alliance forecast and which is the tariff thesis.")
    return Feedback(False, f"The verdict for claim {wrong[0]} is not {_answer_value(answer, wrong[0])!r}; copy it "
                           "from the verdict column of claims.csv.")


def _answer_value(answer: dict, key: Any) -> Any:
    for k, v in answer.items():
        if _norm_key(k) == key:
            return v
    return None


@_register("ex02_evidence_against", "a list of option letters, e.g. ['A', 'C']")
def _ex02_evidence_against(answer):
    chosen = _letters(answer, "ABCDE", "answer")
    why = {
        "B": "B (Abe at the Eastern Economic Forum, 10 Sept 2018) shows the rapprochement continuing before "
             "any tariff was imposed; it cannot test the 'if' part.",
        "D": "D (the May 2019 deferral) means the condition, serious tariffs, was not met; it removes the test "
             "rather than deciding it.",
        "E": "E (Russia's 2020 ban on ceding territory) is a Russian decision about the islands, not Japan's "
             "response to US tariffs.",
    }
    for letter in "BDE":
        if letter in chosen:
            return Feedback(False, why[letter])
    if chosen == {"A", "C"}:
        return Feedback(True, "Both show Tokyo answering US trade pressure by negotiating with Washington, the "
                              "opposite of the predicted turn to Moscow.")
    missing = sorted({"A", "C"} - chosen)
    return Feedback(False, f"Something is missing: which other event shows Tokyo answering US pressure by "
                           f"dealing with Washington? ({len(missing)} to add.)")


# ================================================================ chapter 3: rapprochement


_KINDS_STATEMENTS = {"a": 4, "b": 3, "c": 10, "d": 8}


@_register("ex03_claim_kinds", "a dict {'a': kind, 'b': kind, 'c': kind, 'd': kind} with kinds fact, "
                                "interpretation, forecast or normative")
def _ex03_claim_kinds(answer):
    parts = _mapping(answer, list(_KINDS_STATEMENTS))
    results = []
    for key, claim_id in _KINDS_STATEMENTS.items():
        row = _claim(claim_id)
        want = _label(str(row["kind"]), "kind")
        got = _label(parts[key], f"({key})")
        if got == want:
            results.append((f"({key})", True, ""))
            continue
        if want == "normative":
            msg = ("it says what would be good to do, so it is normative; the ledger also flags it as the "
                   "author's own proposal (self_citation).")
        elif want == "interpretation":
            msg = ("it offers a causal reading of events that no single record can confirm: an interpretation.")
        elif want == "fact":
            msg = "it can be checked against the record (documents, contracts, treaties): a fact claim."
        else:
            msg = f"look up claim {claim_id} in claims.csv and compare with its kind column."
        results.append((f"({key})", False, msg))
    return _parts(results, "Two facts, one interpretation and one normative, self-cited proposal. The ledger's "
                           "verdicts differ by kind: check them with the claims table.")


def _nsr_pair() -> tuple[float, float]:
    suez, nsr = _route("R18"), _route("R19")
    for row, route in ((suez, "suez"), (nsr, "northern_sea_route")):
        if row["route"] != route or row["metric"] != "distance" or row["unit"] != "nautical miles":
            raise LookupError(f"routes.csv: row {row['route_row_id']} is no longer the Murmansk-Yokohama "
                              f"{route} distance in nautical miles; update exercise ex03_nsr_saving.")
    return float(suez["value_min"]), float(nsr["value_min"])


@_register("ex03_nsr_saving", "a number: the distance saving of the Arctic route, in percent of the Suez distance")
def _ex03_nsr_saving(answer):
    value = _number(answer, "answer")
    suez, nsr = _nsr_pair()
    expected = (suez - nsr) / suez * 100
    ok, msg = _grade_number(value, expected, tol=_percent_tol(expected), percent=True, wrongs=[
        ((suez - nsr) / nsr * 100, "you divided by the Arctic distance; a saving is measured against the "
                                   "route you would otherwise take (Suez)."),
        (suez - nsr, "that is the saving in nautical miles; express it as a percentage of the Suez distance."),
        (nsr / suez * 100, "that is the Arctic distance as a share of Suez; the saving is 100 minus this."),
    ], hint="Use rows R18 (Suez) and R19 (Northern Sea Route): (Suez - NSR) / Suez x 100.")
    if ok:
        return Feedback(True, f"About {expected:.1f}% shorter by distance (Valdai Club figures). Distance is "
                              "not time: ice, season and speed decide how much of it a ship can use.")
    return Feedback(False, msg)


def _study_ranges() -> tuple[tuple[float, float], tuple[float, float]]:
    nsr, suez = _route("R28"), _route("R29")
    return ((float(nsr["value_min"]), float(nsr["value_max"])),
            (float(suez["value_min"]), float(suez["value_max"])))


@_register("ex03_nsr_range", "a dict {'low': percent, 'high': percent}: the smallest and largest distance "
                             "saving the ranges allow")
def _ex03_nsr_range(answer):
    parts = _mapping(answer, ["low", "high"])
    (n_lo, n_hi), (s_lo, s_hi) = _study_ranges()
    low = (s_lo - n_hi) / s_lo * 100    # shortest Suez against longest Arctic voyage
    high = (s_hi - n_lo) / s_hi * 100   # longest Suez against shortest Arctic voyage
    paired_lo, paired_hi = (s_lo - n_lo) / s_lo * 100, (s_hi - n_hi) / s_hi * 100
    mispaired = ("you paired the two minimums (or the two maximums); the smallest saving pairs the shortest "
                 "Suez voyage with the longest Arctic one, and the largest saving the reverse.")
    results = []
    for name, value, want in (("low", parts["low"], low), ("high", parts["high"], high)):
        ok, msg = _grade_number(_number(value, name), want, tol=_percent_tol(want), percent=True,
                                wrongs=[(paired_lo, mispaired), (paired_hi, mispaired)],
                                hint="Use rows R28 (Northern Sea Route) and R29 (Suez) of routes.csv.")
        results.append((name, ok, msg))
    return _parts(results, f"From about {low:.0f}% to {high:.0f}%: a wide range, and below the 37-40% quoted "
                           "for other port pairs in routes.csv. The same study finds the time and fuel differences modest.")


@_register("ex03_trade_strides", "a dict {'2016-2018': percent, '2013-2018': percent} of Japan-reported "
                                 "total trade with Russia")
def _ex03_trade_strides(answer):
    parts = _mapping(answer, ["2016-2018", "2013-2018"])
    total = {y: _dots_total("japan_russia", "Japan", y) for y in (2013, 2016, 2018)}
    exports = {y: _dots("japan_russia", "Japan", y, "export") for y in (2013, 2016, 2018)}
    imports = {y: _dots("japan_russia", "Japan", y, "import") for y in (2013, 2016, 2018)}
    mirror = {y: _dots_total("japan_russia", "Russia", y) for y in (2013, 2016, 2018)}
    both = {y: total[y] + mirror[y] for y in total}
    results = []
    for key, start in (("2016-2018", 2016), ("2013-2018", 2013)):
        want = _pct_change(total[start], total[2018])
        ok, msg = _grade_number(_number(parts[key], key), want, tol=_percent_tol(want), percent=True, wrongs=[
            (_pct_change(exports[start], exports[2018]),
             "you used exports only; total trade is exports plus imports."),
            (_pct_change(imports[start], imports[2018]),
             "you used imports only; total trade is exports plus imports."),
            (_pct_change(mirror[start], mirror[2018]),
             "those are Russia's figures for the same trade; the exercise asks for Japan's (reporter == 'Japan')."),
            (_pct_change(both[start], both[2018]),
             "you added both reporters' figures, counting the same trade twice; keep reporter == 'Japan'."),
            ((total[2018] - total[start]) / total[2018] * 100,
             f"you divided by the 2018 value; growth is measured against the start year ({start})."),
        ], hint="Filter trade to compiler 'IMF DOTS', pair 'japan_russia', reporter 'Japan', period 'CY'; "
                "add exports and imports per year; then (new - old) / old x 100.")
        results.append((key, ok, msg))
    up = _pct_change(total[2016], total[2018])
    down = _pct_change(total[2013], total[2018])
    return _parts(results, f"Up about {up:.0f}% from the 2016 low, yet still about {abs(down):.0f}% below 2013. "
                           "'Great strides' depends on the base year you choose.")


# ================================================================ chapter 4: shadow diplomacy


@_register("ex04_claim_ladder", "a dict {'order': [three letters, weakest first], 'supported': letter}")
def _ex04_claim_ladder(answer):
    parts = _mapping(answer, ["order", "supported"])
    order = parts["order"]
    if isinstance(order, str):
        order = [c for c in order.upper() if c.isalpha()]
    if not isinstance(order, (list, tuple)) or sorted(str(o).upper() for o in order) != ["A", "B", "C"]:
        raise AnswerFormatError("'order' must list each of A, B and C once, weakest claim first.")
    order = [str(o).upper() for o in order]
    supported = _one_letter(parts["supported"], "ABC", "'supported'")
    if order != ["A", "B", "C"]:
        if order[0] != "A":
            return Feedback(False, "The weakest wording only reports what happened (who was told what); it adds "
                                   "neither intent nor consequence.")
        return Feedback(False, "B adds an intention (to deceive); C adds a serious cost as well. Which claims more?")
    if supported != "A":
        return Feedback(False, "The reports support only the least loaded wording: the US was not told in advance. "
                               "The reported reaction was irritation, and Tokyo later briefed Washington on further "
                               "contacts.")
    return Feedback(True, "Each step up the ladder adds something the sources do not show: first intent, then "
                          "a heavy cost.")


@_register("ex04_meetings_per_year", "a dict {year: number of Abe-Putin meeting rows}, for the dated rows")
def _ex04_meetings_per_year(answer):
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise AnswerFormatError(f"expected a dict such as {{2013: 4}}, got {type(answer).__name__}.")
    given = {}
    for key, value in answer.items():
        if isinstance(key, float) and math.isnan(key):
            return Feedback(False, "Your counts include a NaN year: those are the undated meetings. Count dated "
                                   "rows only (drop rows whose date is missing) and mention the undated ones in words.")
        year = _norm_key(key if not isinstance(key, str) else key.strip())
        if not isinstance(year, int):
            raise AnswerFormatError(f"years must be whole numbers such as 2016, got {key!r}.")
        given[year] = _number(value, f"count for {year}")
    meetings = _meetings()
    dated = meetings[meetings["date"].notna()]
    expected = dated["date"].str[:4].astype(int).value_counts().to_dict()
    timeline = _table("timeline")
    every_kind = timeline[timeline["date"].notna()]["date"].str[:4].astype(int).value_counts().to_dict()
    if given == expected:
        quiet = [y for y in range(min(expected), max(expected) + 2) if y not in expected]
        after = f" and none in {quiet[0]} or later" if quiet else ""
        return Feedback(True, f"Peak in {max(expected, key=expected.get)}{after} in this table. Note that "
                              "15 and 16 December 2016 are two rows of one visit.")
    if given == {y: every_kind.get(y, 0) for y in given} and set(given) == set(every_kind):
        return Feedback(False, "You counted every event in the timeline; keep only kind == 'abe_putin_meeting'.")
    if set(given) != set(expected):
        extra, missing = sorted(set(given) - set(expected)), sorted(set(expected) - set(given))
        detail = f"extra years {extra}" if extra else f"missing years {missing}"
        return Feedback(False, f"Your years do not match the meeting rows ({detail}). Take the year from the "
                               "first four characters of the date column.")
    wrong = sorted(y for y in expected if given[y] != expected[y])
    if wrong == [2016] and given[2016] == expected[2016] - 1:
        return Feedback(False, "You merged the two days of the December 2016 visit. That is a fair way to count "
                               "visits, and the next exercise asks for it; here, count rows.")
    return Feedback(False, f"The count for {wrong[0]} does not match the meeting rows; check your filter on kind.")


_ESSAY_EVE = "2018-09-10"


@_register("ex04_meeting_22", "a dict {'dated_rows': number, 'visits': number}")
def _ex04_meeting_22(answer):
    parts = _mapping(answer, ["dated_rows", "visits"])
    meetings = _meetings()
    cutoff = pd.Timestamp(_ESSAY_EVE)
    dated = meetings[meetings["date_last"] <= cutoff]
    undated = meetings[meetings["date"].isna()]
    # Rows a note marks as days of one visit (15-16 December 2016).
    same_visit = meetings["note"].fillna("").str.contains("same visit|as one visit", case=False)
    merged = int(same_visit[meetings["date_last"] <= cutoff].sum()) // 2
    rows = len(dated)
    visits = rows + len(undated) - merged
    results = []
    ok, msg = _grade_number(_number(parts["dated_rows"], "dated_rows"), rows, tol=0, wrongs=[
        (len(meetings[meetings["date"].notna()]), "you counted every dated meeting; stop at 10 September 2018."),
        (rows - 1, "you left out the meeting of 10 September 2018 itself; 'on or before' includes it."),
    ], hint="Filter kind == 'abe_putin_meeting' and date_last <= 2018-09-10.")
    results.append(("dated_rows", ok, msg))
    ok, msg = _grade_number(_number(parts["visits"], "visits"), visits, tol=0, wrongs=[
        (rows + len(undated), "you added the undated first-term meetings but still count the two-day "
                              "December 2016 visit twice."),
        (rows - merged, "you merged the December 2016 visit but left out the undated meetings from Abe's "
                        "first term (2006-2007)."),
    ], hint="Add the undated meetings and merge rows that the note marks as one visit.")
    results.append(("visits", ok, msg))
    return _parts(results, f"{visits} visits, matching the '22nd' meeting reported for 10 September 2018 if the "
                           "reporters counted this way. The table cannot prove they did; it only shows the numbers "
                           "can agree.")


@_register("ex04_precedent", "a list of option letters, e.g. ['A', 'C']")
def _ex04_precedent(answer):
    chosen = _letters(answer, "ABCDE", "answer")
    why = {
        "B": "B is a detail of the North Korea case (where the meeting happened), not something the analogy needs.",
        "C": "C is not needed: the analogy is about Tokyo's willingness to act alone, not about which official acts.",
        "D": "D is not needed, and the essay does not claim it; Russia's ties to North Korea play no part in the "
             "argument.",
    }
    for letter in "BCD":
        if letter in chosen:
            return Feedback(False, why[letter])
    if chosen == {"A", "E"}:
        return Feedback(True, "Both premises are unstated. The sources cut against A: Kyodo reported that Trump "
                              "understood Abe's Russia policy, so there was little to go around.")
    if "A" not in chosen:
        return Feedback(False, "Add the premise about Washington: going 'around' the US only makes sense if the US "
                               "objects.")
    return Feedback(False, "Add the premise about Tokyo's priorities: the gain from Russia has to outweigh the cost "
                           "of US displeasure.")


# ================================================================ chapter 5: tariff trouble


@_register("ex05_tariff_change", "a dict {'a': points, 'b': points, 'c': percent}")
def _ex05_tariff_change(answer):
    parts = _mapping(answer, ["a", "b", "c"])
    base = float(_tariff("baseline_mfn")["rate_percent"])
    peak = float(_tariff("section232_2025")["rate_percent"])
    deal = float(_tariff("deal_2025")["rate_percent"])
    a, b, c = peak - base, deal - peak, _pct_change(peak, deal)
    results = []
    ok, msg = _grade_number(_number(parts["a"], "a"), a, tol=0.05, wrongs=[
        (_pct_change(base, peak), "that is the percent change of the rate itself; the question asks for "
                                  "percentage points (the difference between the two rates)."),
        (peak, "that is the new rate, not the change; subtract the old rate."),
    ], hint="Use rate_percent of baseline_mfn and section232_2025 in tariffs.csv.")
    results.append(("(a)", ok, msg))
    ok, msg = _grade_number(_number(parts["b"], "b"), b, tol=0.05, wrongs=[
        (c, "that is the percent change; for (b) give the difference in percentage points."),
        (deal - base, "you measured from the 2.5% baseline; (b) starts from the 27.5% rate."),
    ], hint="Subtract the 27.5% rate from the deal rate (deal_2025).")
    results.append(("(b)", ok, msg))
    ok, msg = _grade_number(_number(parts["c"], "c"), c, tol=_percent_tol(c), percent=True, wrongs=[
        (b, "that is the change in percentage points again; (c) asks by what percent the rate itself fell."),
        ((deal - peak) / deal * 100, "you divided by the new rate; a percent change is relative to the old rate."),
    ], hint="(new - old) / old x 100, with old = 27.5.")
    results.append(("(c)", ok, msg))
    return _parts(results, f"A rise of {a:g} percentage points, then a cut of {abs(b):g} points, which is a fall "
                           f"of about {abs(c):.1f}% in the rate. Saying 'tariffs fell 12.5%' would be wrong.")


@_register("ex05_static_duty", "a number: the duty in USD billion")
def _ex05_static_duty(answer):
    value = _number(answer, "answer")
    imports = _autos(2017, "us_imports_from_japan_autos_and_parts")
    rate = float(_tariff("threat_2018")["rate_percent"])
    expected = imports * rate / 100
    ok, msg = _grade_number(value, expected, tol=_money_tol(expected), wrongs=[
        (imports * rate, "you multiplied by 25 instead of 25%; divide the rate by 100."),
        (imports * float(_tariff("section232_2025")["rate_percent"]) / 100,
         "27.5% is the 2025 total on passenger cars, including the 2.5% MFN rate; the 2018 threat was an extra 25%."),
        (_autos(2017, "us_exports_to_japan_autos_and_parts") * rate / 100,
         "you used US exports to Japan; the tariff falls on US imports from Japan."),
        (_autos(2016, "us_imports_from_japan_passenger_cars") * rate / 100,
         "you used the 2016 passenger-car figure, a narrower measure; use 2017 autos and parts."),
        (imports * (1 + rate / 100), "that is the imports plus the duty; give the duty alone."),
    ], hint="Multiply the 2017 US imports of Japanese autos and parts (autos.csv) by the threatened rate "
            "(tariffs.csv, threat_2018).")
    if ok:
        return Feedback(True, f"About USD {expected:.2f} billion a year, if imports did not change at all. They "
                              "would: buyers switch, firms absorb part of the tariff or build more in the US. "
                              "This is an upper bound on a first-round bill, not a forecast.")
    return Feedback(False, msg)


@_register("ex05_trade_share", "a number: Japan-Russia trade as a percent of Japan's trade with Russia, the US "
                               "and China combined")
def _ex05_trade_share(answer):
    value = _number(answer, "answer")
    partners = ("japan_russia", "japan_us", "japan_china")
    total = {p: _dots_total(p, "Japan", 2017) for p in partners}
    exports = {p: _dots(p, "Japan", 2017, "export") for p in partners}
    imports = {p: _dots(p, "Japan", 2017, "import") for p in partners}
    expected = total["japan_russia"] / sum(total.values()) * 100
    ok, msg = _grade_number(value, expected, tol=_percent_tol(expected), percent=True, wrongs=[
        (exports["japan_russia"] / sum(exports.values()) * 100,
         "you summed exports only; total trade includes imports."),
        (imports["japan_russia"] / sum(imports.values()) * 100,
         "you summed imports only; total trade includes exports."),
        (total["japan_russia"] / (total["japan_russia"] + total["japan_us"]) * 100,
         "you left out China; the denominator is Japan's trade with all three partners."),
        (total["japan_russia"] / (total["japan_us"] + total["japan_china"]) * 100,
         "you left Russia out of the denominator; a share's denominator includes the part."),
        ((total["japan_us"] + total["japan_china"]) / total["japan_russia"],
         "that is a ratio of the others to Russia, not a share in percent."),
    ], hint="Use IMF DOTS, reporter 'Japan', 2017, exports plus imports, for the three pairs.")
    if ok:
        return Feedback(True, f"About {expected:.1f}% of Japan's trade with these three partners. data/ has no figure "
                              "for Japan's trade with the whole world, so this is not Russia's share of Japan's total "
                              "trade, which would be smaller still.")
    return Feedback(False, msg)


def _saga_dates() -> dict[str, pd.Timestamp]:
    signed = _one(_table("timeline"), "timeline.csv", event_id="2019-10-07-washington-us_japan_trade")
    return {
        "A": _tariff("deal_2025")["effective_date_first"],
        "B": _tariff("threat_2018")["announced_date_first"],
        "C": _tariff("section232_2025")["effective_date_first"],
        "D": signed["date_first"],
    }


@_register("ex05_saga_order", "a list of the letters A to D, earliest event first")
def _ex05_saga_order(answer):
    if isinstance(answer, str):
        answer = [c for c in answer.upper() if c.isalpha()]
    if not isinstance(answer, (list, tuple)) or sorted(str(a).upper() for a in answer) != list("ABCD"):
        raise AnswerFormatError("list each of A, B, C and D exactly once.")
    order = [str(a).upper() for a in answer]
    dates = _saga_dates()
    expected = sorted(dates, key=lambda k: dates[k])
    if order == expected:
        return Feedback(True, "Seven years separate the threat and the tariffs; in both rounds Tokyo answered by "
                              "negotiating with Washington.")
    for first, second in zip(order, order[1:]):
        if dates[first] > dates[second]:
            return Feedback(False, f"{first} ({dates[first]:%d %b %Y}) comes after {second} "
                                   f"({dates[second]:%d %b %Y}); swap them and check the rest.")
    return Feedback(False, "The order does not match the dates in tariffs.csv and timeline.csv.")


@_register("ex05_pride_evidence", "a list of option letters, e.g. ['A', 'C']")
def _ex05_pride_evidence(answer):
    chosen = _letters(answer, "ABCDE", "answer")
    if "D" in chosen:
        return Feedback(False, "D repeats the claim from the same author; an argument cannot confirm itself.")
    if "E" in chosen:
        return Feedback(False, "E is another generalisation about national character; it restates the claim "
                               "instead of testing it.")
    if chosen == {"A", "B", "C"}:
        return Feedback(True, "All three are observable and could have come out either way, which is what makes "
                              "them tests.")
    return Feedback(False, f"Each of A, B and C can be observed and could have come out either way; you have "
                           f"{len(chosen)} of the 3.")


# ================================================================ chapter 6: zero-sum


_PATTERNS = {"menage a trois", "ménage à trois", "stable marriage", "romantic triangle", "none"}


@_register("ex06_triangle", "a dict {'essay_2018': pattern, 'pivot': country, 'sources_2022_2024': pattern}")
def _ex06_triangle(answer):
    parts = _mapping(answer, ["essay_2018", "pivot", "sources_2022_2024"])
    essay = _label(parts["essay_2018"], "essay_2018").replace("ménage à trois", "menage a trois")
    later = _label(parts["sources_2022_2024"], "sources_2022_2024").replace("ménage à trois", "menage a trois")
    pivot = _label(parts["pivot"], "pivot")
    for name, value in (("essay_2018", essay), ("sources_2022_2024", later)):
        if value not in _PATTERNS:
            raise AnswerFormatError(f"{name}: {value!r} is not one of Dittmer's patterns "
                                    "('menage a trois', 'stable marriage', 'romantic triangle').")
    results = []
    if essay == "romantic triangle":
        results.append(("essay_2018", True, ""))
    elif essay == "menage a trois":
        results.append(("essay_2018", False, "a ménage à trois needs all three pairs friendly, but in the picture "
                                             "the essay's strategists hope for, China and Japan distrust each other."))
    else:
        results.append(("essay_2018", False, "one party is friendly with two others who are hostile to each other: "
                                             "which of Dittmer's patterns is that?"))
    if pivot == "russia":
        results.append(("pivot", True, ""))
    else:
        results.append(("pivot", False, "the pivot is the party on good terms with both of the others; in the "
                                        "imagined 2018 setting, which country is that?"))
    if later == "stable marriage":
        results.append(("sources_2022_2024", True, ""))
    elif later == "romantic triangle":
        results.append(("sources_2022_2024", False, "by 2022 Russia was hostile to Japan (the 'unfriendly' list), so "
                                                    "no one is friendly with both others."))
    else:
        results.append(("sources_2022_2024", False, "two friendly parties (Russia and China) facing a third "
                                                    "(Japan) they are both at odds with: which pattern is that?"))
    return _parts(results, "From Russia as a courted pivot to a Russia-China pairing facing Japan. The friend/foe "
                           "coding is crude: China-Japan relations were cool, not hostile, in parts of this period.")


def _payoff_table(table: Any, name: str) -> dict[tuple[str, str], tuple[float, float]]:
    if not isinstance(table, dict) or len(table) != 4:
        raise AnswerFormatError(f"{name}: expected a dict of four cells {{(row, column): (payoff_1, payoff_2)}}.")
    cells = {}
    for key, value in table.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise AnswerFormatError(f"{name}: each key must be a (row, column) pair, got {key!r}.")
        if not (isinstance(value, (tuple, list)) and len(value) == 2):
            raise AnswerFormatError(f"{name}: cell {key!r} must hold two payoffs (player 1, player 2), got {value!r}.")
        cells[key] = (_number(value[0], f"{name} {key} payoff 1"), _number(value[1], f"{name} {key} payoff 2"))
    rows, cols = {k[0] for k in cells}, {k[1] for k in cells}
    if len(rows) != 2 or len(cols) != 2:
        raise AnswerFormatError(f"{name}: a 2x2 game needs two row choices and two column choices, "
                                f"got rows {sorted(map(str, rows))} and columns {sorted(map(str, cols))}.")
    return cells


@_register("ex06_constant_sum", "a dict {'constant_sum': table, 'positive_sum': table}; each table maps "
                                "(row, column) to (payoff_1, payoff_2)")
def _ex06_constant_sum(answer):
    parts = _mapping(answer, ["constant_sum", "positive_sum"])
    const = _payoff_table(parts["constant_sum"], "constant_sum")
    pos = _payoff_table(parts["positive_sum"], "positive_sum")
    sums = {k: a + b for k, (a, b) in const.items()}
    if len(set(round(s, 9) for s in sums.values())) != 1:
        shown = ", ".join(f"{k}: {s:g}" for k, s in sums.items())
        return Feedback(False, f"constant_sum: the payoffs in each cell must add to the same total; yours add to "
                               f"{shown}.")
    pos_sums = {k: a + b for k, (a, b) in pos.items()}
    if len(set(round(s, 9) for s in pos_sums.values())) == 1:
        return Feedback(False, f"positive_sum: every cell adds to {next(iter(pos_sums.values())):g}, so this is "
                               "still constant-sum; make one outcome better for both players.")
    better_for_both = any(a2 > a1 and b2 > b1 for (a1, b1) in pos.values() for (a2, b2) in pos.values())
    if not better_for_both:
        return Feedback(False, "positive_sum: the totals differ, but no outcome leaves both players better off than "
                               "another; in a positive-sum game, cooperation can make both gain.")
    return Feedback(True, "In the first table any gain for one player is a loss for the other; in the second, "
                          "some outcome is better for both. Which table did the essay assume Washington would use?")


@_register("ex06_russia_china_growth", "a dict {'total': percent, 'per_year': percent}")
def _ex06_russia_china_growth(answer):
    parts = _mapping(answer, ["total", "per_year"])
    start, end = _gac_total(2018), _gac_total(2023)
    total = _pct_change(start, end)
    years = 2023 - 2018
    cagr = ((end / start) ** (1 / years) - 1) * 100
    results = []
    ok, msg = _grade_number(_number(parts["total"], "total"), total, tol=_percent_tol(total), percent=True, wrongs=[
        ((end - start) / end * 100, "you divided by the 2023 value; growth is measured against 2018."),
        (end / start * 100, "that is 2023 as a percent of 2018; the growth is this minus 100."),
    ], hint="Use the China customs (GAC) totals for 2018 and 2023 in trade.csv.")
    results.append(("total", ok, msg))
    ok, msg = _grade_number(_number(parts["per_year"], "per_year"), cagr, tol=_percent_tol(cagr), percent=True,
                            wrongs=[
        (total / years, "you divided the total growth by the number of years; growth compounds, so take the "
                        "fifth root of end / start, then subtract 1."),
        (((end / start) ** (1 / (years + 1)) - 1) * 100, "2018 to 2023 is five yearly steps, not six."),
        (((end / start) ** (1 / (years - 1)) - 1) * 100, "2018 to 2023 is five yearly steps, not four."),
    ], hint="Compound annual growth: (end / start) ** (1 / 5) - 1, times 100.")
    results.append(("per_year", ok, msg))
    return _parts(results, f"More than doubled (+{total:.0f}%), about {cagr:.1f}% a year compounded, by China's "
                           "customs figures. data/ has no full-year "
                           "Japan-Russia series in dollars after 2020, so do not set these beside the yen figures.")


@_register("ex06_absence", "one option letter")
def _ex06_absence(answer):
    chosen = _one_letter(answer, "ABCD", "answer")
    messages = {
        "A": "A turns an absence of evidence into a positive claim ('clearly') that nothing in the sources supports.",
        "B": "It reports what was searched for and found, and no more.",
        "C": "C swaps one unsupported claim for its opposite; no source shows secret opposition either.",
        "D": "D treats silence as consent, a different and stronger claim.",
    }
    return Feedback(chosen == "B", messages[chosen])


# ================================================================ chapter 7: concluding thoughts


@_register("ex07_verdict_rates", "a dict {'facts_supported': percent, 'forecasts_not_borne_out': percent}")
def _ex07_verdict_rates(answer):
    parts = _mapping(answer, ["facts_supported", "forecasts_not_borne_out"])
    claims = _table("claims")
    results = []
    for key, kind, verdict in (("facts_supported", "fact", "supported"),
                               ("forecasts_not_borne_out", "forecast", "not_borne_out")):
        of_kind = claims[claims["kind"] == kind]
        hits = int((of_kind["verdict"] == verdict).sum())
        want = hits / len(of_kind) * 100
        ok, msg = _grade_number(_number(parts[key], key), want, tol=_percent_tol(want), percent=True, wrongs=[
            (hits / len(claims) * 100, f"you divided by all {len(claims)} claims; the share is within the "
                                       f"{kind} claims only."),
            (float(hits), "that is a count; turn it into a percentage of the claims of that kind."),
            (int((claims["verdict"] == verdict).sum()) / len(of_kind) * 100,
             f"you counted '{verdict}' verdicts across every kind; filter on kind == '{kind}' first."),
        ], hint=f"Filter claims to kind == '{kind}', then the share with verdict == '{verdict}'.")
        results.append((key, ok, msg))
    return _parts(results, "Most checkable facts hold; more than half of the forecasts do not. The essay can be accurate about 2018 "
                           "and still wrong about what came next.")


@_register("ex07_scale", "a number: how many times larger Russia-China trade was than Japan-Russia trade in 2017")
def _ex07_scale(answer):
    value = _number(answer, "answer")
    china = _gac_total(2017)
    japan = _dots_total("japan_russia", "Japan", 2017)
    expected = china / japan
    ok, msg = _grade_number(value, expected, tol=0.01, wrongs=[
        (china / _dots("japan_russia", "Japan", 2017, "export"),
         "you summed exports only; total trade includes imports."),
        (china / _dots_total("japan_russia", "Russia", 2017),
         "you used Russia's report of its trade with Japan; the exercise asks for Japan's. The two sides' figures "
         "differ (mirror statistics), which is why the reporter must be named."),
        (japan / china, "you divided the other way round: Russia-China over Japan-Russia."),
        ((china - japan) / japan * 100, "that is how much larger in percent; the question asks 'how many times'."),
    ], hint="Divide China customs' 2017 Russia-China total by Japan's 2017 exports plus imports with Russia "
            "(IMF DOTS, reporter 'Japan').")
    if ok:
        return Feedback(True, f"About {expected:.1f} times, with different compilers on each side (China customs, "
                              "IMF DOTS), so read it as an order of magnitude.")
    return Feedback(False, msg)


_LOADED = {
    "overlord": r"\boverlords?\b",
    "hegemon": r"\bhegemon(s|ic|y)?\b",
    "behind ... back": r"\bbehind\b[^.]{0,40}\bbacks?\b",
    "clinch": r"\bclinch(es|ed|ing)?\b",
}


@_register("ex07_neutral_rewrite", "a string: your rewrite of the conclusion, about 80 words")
def _ex07_neutral_rewrite(answer):
    if not isinstance(answer, str) or not answer.strip():
        raise AnswerFormatError("expected your rewrite as a string of text.")
    found = [word for word, pattern in _LOADED.items() if re.search(pattern, answer, re.IGNORECASE)]
    if found:
        return Feedback(False, f"Your rewrite still uses loaded wording: {', '.join(found)}. Replace it with words "
                               "that describe without judging (for example 'ally', 'without consulting').")
    words = len(answer.split())
    if words < 50:
        return Feedback(False, f"{words} words: too short to keep the conclusion's testable content; aim for about 80.")
    if words > 110:
        return Feedback(False, f"{words} words: aim for about 80; cut repetition, keep the testable claims.")
    return Feedback(True, f"{words} words and none of the loaded terms we look for. A checker cannot judge fairness "
                          "or accuracy: compare your text with the sample and ask what testable content survived.")


@_register("ex07_unfalsifiable", "one option letter")
def _ex07_unfalsifiable(answer):
    chosen = _one_letter(answer, "ABCD", "answer")
    messages = {
        "A": "In the conclusion, a treaty with US approval serves an anti-China plan that can still backfire on "
             "Washington: a US loss.",
        "B": "A treaty behind Washington's back is the conclusion's first branch, which it also counts as a US loss.",
        "C": "Japan and China growing closer is the conclusion's final warning, again a loss for Washington.",
        "D": "Every outcome the argument considers ends in a US loss, so none counts against it. The forecasts inside "
             "the branches (a treaty, a partnership) can still be tested, and were not borne out.",
    }
    return Feedback(chosen == "D", messages[chosen])
