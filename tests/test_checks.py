"""The exercise checkers: reference answers pass, typical wrong answers get their own feedback.

Expected values here are computed from the CSV files with plain pandas.read_csv, not
through coursekit.data or the checkers' own helpers, so a slip in either shows up.
The exercise notebooks are also run in-process to check that every reference solution
passes its checker and that the notebooks follow the course's conventions.
"""

from __future__ import annotations

import ast
import re

import jupytext
import pandas as pd
import pytest
import yaml

from coursekit import checks
from coursekit.checks import Feedback, check
from coursekit.exercises import exercise
from tests.helpers import REPO_ROOT

DATA = REPO_ROOT / "data"
EXERCISES = REPO_ROOT / "exercises"
NOTEBOOKS = [
    "02-thesis",
    "03-rapprochement",
    "04-shadow-diplomacy",
    "05-tariff-trouble",
    "06-zero-sum",
    "07-concluding-thoughts",
]


# ---------------------------------------------------------------- independent expected values


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype={"date": str, "end_date": str})


def dots(pair: str, reporter: str, year: int, flows=("export", "import")) -> float:
    t = csv("trade")
    rows = t[
        (t.pair == pair)
        & (t.reporter == reporter)
        & (t.year == year)
        & (t.compiler == "IMF DOTS")
        & (t.period == "CY")
        & (t.unit == "USD million")
        & t.flow.isin(flows)
    ]
    assert len(rows) == len(flows), f"expected {len(flows)} DOTS rows for {pair}/{reporter}/{year}"
    return float(rows.value.sum())


def gac(year: int) -> float:
    t = csv("trade")
    rows = t[
        (t.pair == "russia_china")
        & (t.compiler == "China customs (GAC)")
        & (t.flow == "total")
        & (t.period == "CY")
        & (t.year == year)
    ]
    assert len(rows) == 1
    return float(rows.value.iloc[0])


def rate(tariff_id: str) -> float:
    t = csv("tariffs")
    return float(t.loc[t.tariff_id == tariff_id, "rate_percent"].iloc[0])


def route(row_id: str, column: str = "value_min") -> float:
    r = csv("routes")
    return float(r.loc[r.route_row_id == row_id, column].iloc[0])


def autos(year: int, measure: str) -> float:
    a = csv("autos")
    return float(a.loc[(a.year == year) & (a.measure == measure) & (a.period == "CY"), "value"].iloc[0])


def meeting_rows() -> pd.DataFrame:
    tl = csv("timeline")
    return tl[tl.kind == "abe_putin_meeting"]


def pct(old: float, new: float) -> float:
    return (new - old) / old * 100


# ---------------------------------------------------------------- reference and wrong answers


def ref_lead_verdicts():
    c = csv("claims")
    lead = c[(c.section == "lead") & (c.kind == "forecast")]
    return {int(i): v for i, v in zip(lead.claim_id, lead.verdict)}


def ref_claim_kinds():
    c = csv("claims").set_index("claim_id")["kind"]
    return {"a": c[4], "b": c[3], "c": c[10], "d": c[8]}


def ref_strides(reporter="Japan", flows=("export", "import")):
    t = {y: dots("japan_russia", reporter, y, flows) for y in (2013, 2016, 2018)}
    return {"2016-2018": pct(t[2016], t[2018]), "2013-2018": pct(t[2013], t[2018])}


def ref_meetings_per_year():
    m = meeting_rows()
    return m[m.date.notna()].date.str[:4].astype(int).value_counts().to_dict()


def ref_meeting_22():
    m = meeting_rows()
    dated = m[m.date.notna()]
    assert dated.date.str.len().eq(10).all(), "meeting dates are expected to be full days"
    by_then = dated[dated.date <= "2018-09-10"]
    december_2016 = by_then[by_then.date.str.startswith("2016-12")]
    return {
        "dated_rows": len(by_then),
        "visits": len(by_then) + int(m.date.isna().sum()) - (len(december_2016) - 1),
    }


def ref_tariff_change():
    return {
        "a": rate("section232_2025") - rate("baseline_mfn"),
        "b": rate("deal_2025") - rate("section232_2025"),
        "c": pct(rate("section232_2025"), rate("deal_2025")),
    }


def share(flows=("export", "import"), partners=("japan_russia", "japan_us", "japan_china")):
    values = {p: dots(p, "Japan", 2017, flows) for p in partners}
    return values["japan_russia"] / sum(values.values()) * 100


def ref_saga_order():
    t = csv("tariffs").set_index("tariff_id")
    tl = csv("timeline").set_index("event_id")
    dates = {
        "A": t.loc["deal_2025", "effective_date"],
        "B": t.loc["threat_2018", "announced_date"],
        "C": t.loc["section232_2025", "effective_date"],
        "D": tl.loc["2019-10-07-washington-us_japan_trade", "date"],
    }
    return sorted(dates, key=lambda k: pd.Timestamp(dates[k]))


def ref_verdict_rates(denominator_all=False):
    c = csv("claims")
    out = {}
    for key, kind, verdict in (
        ("facts_supported", "fact", "supported"),
        ("forecasts_not_borne_out", "forecast", "not_borne_out"),
    ):
        of_kind = c[c.kind == kind]
        out[key] = (of_kind.verdict == verdict).sum() / (len(c) if denominator_all else len(of_kind)) * 100
    return out


# Two payoff tables for ex06_constant_sum (tests/unit/test_checker_ch06.py uses them).
CONSTANT = {("x", "p"): (1, -1), ("x", "q"): (2, -2), ("y", "p"): (0, 0), ("y", "q"): (-1, 1)}
POSITIVE = {("x", "p"): (1, -1), ("x", "q"): (3, 2), ("y", "p"): (0, 0), ("y", "q"): (0, 1)}

# Exercise id -> (reference answer, [(typical wrong answer, words the feedback must contain), ...]),
# recomputed here from the CSV files, so a change in the data and the checker are followed
# together. Every exercise also has hand-worked examples in its YAML file (EXAMPLES below);
# CASES falls back to them for the exercises that have nothing to recompute.
RECOMPUTED = {
    "ex02_lead_verdicts": (
        ref_lead_verdicts,
        [
            (
                lambda: dict(zip(ref_lead_verdicts(), reversed(list(ref_lead_verdicts().values())))),
                "wrong way round",
            ),
            (lambda: dict(list(ref_lead_verdicts().items())[:1]), "You found 1 of the 2"),
        ],
    ),
    "ex03_claim_kinds": (
        ref_claim_kinds,
        [
            (lambda: {**ref_claim_kinds(), "c": "interpretation"}, "normative"),
        ],
    ),
    "ex03_nsr_saving": (
        lambda: (route("R18") - route("R19")) / route("R18") * 100,
        [
            (lambda: (route("R18") - route("R19")) / route("R19") * 100, "divided by the Arctic distance"),
            (lambda: route("R18") - route("R19"), "saving in nautical miles"),
        ],
    ),
    "ex03_nsr_range": (
        lambda: {
            "low": (route("R29") - route("R28", "value_max")) / route("R29") * 100,
            "high": (route("R29", "value_max") - route("R28")) / route("R29", "value_max") * 100,
        },
        [
            (
                lambda: {
                    "low": (route("R29") - route("R28")) / route("R29") * 100,
                    "high": (route("R29", "value_max") - route("R28")) / route("R29", "value_max") * 100,
                },
                "paired the two minimums",
            ),
        ],
    ),
    "ex03_trade_strides": (
        ref_strides,
        [
            (lambda: ref_strides(flows=("export",)), "exports only; total trade is exports plus imports"),
            (lambda: ref_strides(reporter="Russia"), "Russia's figures"),
        ],
    ),
    "ex04_meetings_per_year": (
        ref_meetings_per_year,
        [
            (
                lambda: (
                    csv("timeline").dropna(subset=["date"]).date.str[:4].astype(int).value_counts().to_dict()
                ),
                "counted every event",
            ),
            (
                lambda: {**ref_meetings_per_year(), 2016: ref_meetings_per_year()[2016] - 1},
                "merged the two days",
            ),
        ],
    ),
    "ex04_meeting_22": (
        ref_meeting_22,
        [
            (lambda: {**ref_meeting_22(), "visits": ref_meeting_22()["visits"] + 1}, "two-day"),
        ],
    ),
    "ex05_tariff_change": (
        ref_tariff_change,
        [
            (
                lambda: {**ref_tariff_change(), "a": pct(rate("baseline_mfn"), rate("section232_2025"))},
                "percent change of the rate itself",
            ),
            (lambda: {**ref_tariff_change(), "c": ref_tariff_change()["b"]}, "percentage points again"),
        ],
    ),
    "ex05_static_duty": (
        lambda: autos(2017, "us_imports_from_japan_autos_and_parts") * rate("threat_2018") / 100,
        [
            (
                lambda: autos(2017, "us_imports_from_japan_autos_and_parts") * rate("threat_2018"),
                "multiplied by 25",
            ),
            (
                lambda: autos(2017, "us_exports_to_japan_autos_and_parts") * rate("threat_2018") / 100,
                "US exports",
            ),
        ],
    ),
    "ex05_trade_share": (
        share,
        [
            (lambda: share(flows=("export",)), "you summed exports only; total trade includes imports"),
            (lambda: share(partners=("japan_russia", "japan_us")), "left out China"),
        ],
    ),
    "ex05_saga_order": (
        ref_saga_order,
        [
            (lambda: list(reversed(ref_saga_order())), "comes after"),
        ],
    ),
    "ex06_russia_china_growth": (
        lambda: {
            "total": pct(gac(2018), gac(2023)),
            "per_year": ((gac(2023) / gac(2018)) ** (1 / 5) - 1) * 100,
        },
        [
            (
                lambda: {"total": pct(gac(2018), gac(2023)), "per_year": pct(gac(2018), gac(2023)) / 5},
                "compounds",
            ),
            (
                lambda: {
                    "total": pct(gac(2018), gac(2023)),
                    "per_year": ((gac(2023) / gac(2018)) ** (1 / 6) - 1) * 100,
                },
                "five yearly steps",
            ),
        ],
    ),
    "ex07_verdict_rates": (
        ref_verdict_rates,
        [
            (lambda: ref_verdict_rates(denominator_all=True), f"divided by all {len(csv('claims'))} claims"),
        ],
    ),
    "ex07_scale": (
        lambda: gac(2017) / dots("japan_russia", "Japan", 2017),
        [
            (lambda: gac(2017) / dots("japan_russia", "Japan", 2017, ("export",)), "summed exports only"),
            (lambda: gac(2017) / dots("japan_russia", "Russia", 2017), "Russia's report"),
        ],
    ),
}


# ---------------------------------------------------------------- hand-worked examples in the YAML files

YAML_FILES = sorted((REPO_ROOT / "coursekit" / "exercises").glob("ch0*.yml"))
EXAMPLE_KEYS = {"answer", "python", "verdict", "says"}


def _examples() -> dict[str, tuple[str, list[dict]]]:
    """Exercise id -> (its YAML file, its ``examples``), read with plain YAML."""
    found = {}
    for path in YAML_FILES:
        for exercise_id, entry in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            found[exercise_id] = (path.relative_to(REPO_ROOT).as_posix(), entry.get("examples") or [])
    return found


EXAMPLES = _examples()


def example_answer(example: dict):
    """The example's answer: ``answer`` as YAML wrote it, or ``python``, a Python literal."""
    return ast.literal_eval(example["python"]) if "python" in example else example["answer"]


def _as_case(examples: list[dict]):
    right = [e for e in examples if e.get("verdict") == "correct"]
    wrong = [e for e in examples if e.get("verdict") == "wrong"]
    return (
        lambda: example_answer(right[0]),
        [(lambda e=e: example_answer(e), e.get("says", "")) for e in wrong],
    )


CASES = {eid: _as_case(examples) for eid, (_, examples) in EXAMPLES.items() if examples} | RECOMPUTED


def test_every_exercise_has_hand_worked_examples():
    # so a new exercise cannot skip its tests: a right answer, a wrong one and what it must be told
    for exercise_id in checks.exercise_ids():
        where, examples = EXAMPLES.get(exercise_id, ("its chapter's YAML file", []))
        verdicts = [e.get("verdict") for e in examples if isinstance(e, dict)]
        assert "correct" in verdicts and "wrong" in verdicts, (
            f"{where}: {exercise_id} needs 'examples:', answers worked out by hand from data/, at least "
            "one with 'verdict: correct' and one with 'verdict: wrong' and 'says:' (words its feedback "
            "must contain); see CONTRIBUTING.md, 'Adding an exercise checker'"
        )
        for number, example in enumerate(examples, start=1):
            keys = set(example)
            assert keys <= EXAMPLE_KEYS and len(keys & {"answer", "python"}) == 1, (
                f"{where}: {exercise_id} example {number}: keys {sorted(keys)}; give 'answer' or "
                f"'python' (not both), 'verdict' and, for a wrong answer, 'says' (allowed: {sorted(EXAMPLE_KEYS)})"
            )
            assert example["verdict"] in ("correct", "wrong") and (
                example["verdict"] == "correct" or example.get("says")
            ), f"{where}: {exercise_id} example {number}: verdict must be correct, or wrong with 'says:'"


@pytest.mark.parametrize(
    "exercise_id,number",
    [(eid, n) for eid, (_, examples) in EXAMPLES.items() for n in range(1, len(examples) + 1)],
)
def test_example_gets_its_verdict_and_feedback(exercise_id, number):
    where, examples = EXAMPLES[exercise_id]
    example = examples[number - 1]
    result = check(exercise_id, example_answer(example))
    assert isinstance(result, Feedback)
    wanted = example["verdict"] == "correct"
    assert result.correct == wanted, (
        f"{where}: {exercise_id} example {number} should be {example['verdict']}; check() said: "
        f"{result.message} (if data/ changed, work the example out again)"
    )
    assert example.get("says", "") in result.message, result.message


# ---------------------------------------------------------------- recomputed from the CSV files


def test_every_checker_has_test_cases():
    assert set(CASES) == set(checks.exercise_ids())
    assert set(RECOMPUTED) <= set(CASES)


@pytest.mark.parametrize("exercise_id", sorted(RECOMPUTED))
def test_reference_answer_passes(exercise_id):
    reference, _ = RECOMPUTED[exercise_id]
    result = check(exercise_id, reference())
    assert isinstance(result, Feedback)
    assert result.correct, result.message


@pytest.mark.parametrize(
    "exercise_id,index", [(k, i) for k, (_, wrongs) in sorted(RECOMPUTED.items()) for i in range(len(wrongs))]
)
def test_typical_wrong_answer_gets_its_own_feedback(exercise_id, index):
    wrong, words = RECOMPUTED[exercise_id][1][index]
    result = check(exercise_id, wrong())
    assert not result.correct
    assert words in result.message, result.message


def test_each_checker_rejects_at_least_one_wrong_answer():
    assert all(len(wrongs) >= 1 for _, wrongs in CASES.values())


# ---------------------------------------------------------------- the check() contract


@pytest.mark.parametrize("exercise_id", sorted(CASES))
def test_placeholder_none_gets_a_reminder_not_an_error(exercise_id):
    result = check(exercise_id, None)
    assert not result.correct
    assert result.message.startswith("Replace None with your answer")
    assert checks.describe_answer(exercise_id) in result.message


def test_unknown_exercise_id_names_the_id():
    with pytest.raises(KeyError, match="ex99_nothing"):
        check("ex99_nothing", 1)


@pytest.mark.parametrize(
    "answer,words",
    [
        ("3.8%", "expected a number"),
        (True, "expected a number"),
        (pd.Series([3.8, 1.0]), "pandas Series"),
        (float("nan"), "not a finite number"),
    ],
)
def test_malformed_number_answers_say_what_form_is_expected(answer, words):
    result = check("ex05_trade_share", answer)
    assert not result.correct
    assert words in result.message
    assert "Expected: a number" in result.message


def test_missing_dict_key_is_named():
    result = check("ex05_tariff_change", {"a": 25, "b": -12.5})
    assert not result.correct and "['c']" in result.message


def test_feedback_html_states_the_verdict_in_words():
    html = Feedback(False, "you <summed> exports").__repr__(), Feedback(False, "x <y>")._repr_html_()
    assert html[0].startswith("Not yet:")
    assert "Not yet." in html[1] and "&lt;y&gt;" in html[1] and 'role="status"' in html[1]


def test_close_but_wrong_number_is_not_accepted():
    result = check("ex05_trade_share", share() + 0.5)
    assert not result.correct and "does not match" in result.message


# ---------------------------------------------------------------- pinned edges (tolerances, figures in feedback, verdicts)


def duty() -> float:
    return autos(2017, "us_imports_from_japan_autos_and_parts") * rate("threat_2018") / 100


@pytest.mark.parametrize(
    "factor,correct", [(1.0, True), (1.004, True), (0.996, True), (1.006, False), (0.994, False)]
)
def test_money_tolerance_is_half_a_percent_of_the_amount(factor, correct):
    assert check("ex05_static_duty", duty() * factor).correct is correct


@pytest.mark.parametrize("delta,correct", [(0.09, True), (-0.09, True), (0.11, False), (-0.11, False)])
def test_percent_tolerance_is_a_tenth_of_a_point(delta, correct):
    assert check("ex05_trade_share", share() + delta).correct is correct
    assert (
        check("ex03_nsr_saving", (route("R18") - route("R19")) / route("R18") * 100 + delta).correct
        is correct
    )


@pytest.mark.parametrize("delta,correct", [(0.04, True), (0.06, False)])
def test_percentage_point_tolerance(delta, correct):
    ref = ref_tariff_change()
    assert check("ex05_tariff_change", {**ref, "a": ref["a"] + delta}).correct is correct


def test_counts_must_be_exact():
    ref = ref_meeting_22()
    assert check("ex04_meeting_22", ref).correct
    assert not check("ex04_meeting_22", {**ref, "visits": ref["visits"] + 0.5}).correct


def test_figures_quoted_in_feedback_are_computed_from_the_data():
    """Each success message that quotes a figure quotes the one computed here from the CSV."""
    ref = ref_tariff_change()
    msg = check("ex05_tariff_change", ref).message
    assert f"rise of {ref['a']:g} percentage points" in msg and f"cut of {abs(ref['b']):g} points" in msg
    assert f"about {abs(ref['c']):.1f}% in the rate" in msg
    assert f"USD {duty():.2f} billion" in check("ex05_static_duty", duty()).message
    assert f"About {share():.1f}%" in check("ex05_trade_share", share()).message
    strides = ref_strides()
    msg = check("ex03_trade_strides", strides).message
    assert (
        f"Up about {strides['2016-2018']:.0f}%" in msg
        and f"about {abs(strides['2013-2018']):.0f}% below" in msg
    )
    saving = (route("R18") - route("R19")) / route("R18") * 100
    assert f"About {saving:.1f}% shorter" in check("ex03_nsr_saving", saving).message
    total = pct(gac(2018), gac(2023))
    cagr = ((gac(2023) / gac(2018)) ** (1 / 5) - 1) * 100
    msg = check("ex06_russia_china_growth", {"total": total, "per_year": cagr}).message
    assert f"(+{total:.0f}%)" in msg and f"about {cagr:.1f}% a year" in msg
    scale = gac(2017) / dots("japan_russia", "Japan", 2017)
    assert f"About {scale:.1f} times" in check("ex07_scale", scale).message
    assert f"{ref_meeting_22()['visits']} visits" in check("ex04_meeting_22", ref_meeting_22()).message


def test_hints_name_the_rates_in_the_data():
    ref = ref_tariff_change()
    msg = check("ex05_tariff_change", {**ref, "b": 999.0}).message
    assert f"Subtract the {rate('section232_2025'):g}% rate" in msg
    msg = check("ex05_tariff_change", {**ref, "b": rate("deal_2025") - rate("baseline_mfn")}).message
    assert f"from the {rate('baseline_mfn'):g}% baseline" in msg


def test_a_fraction_and_a_wrong_sign_get_their_own_feedback():
    msg = check("ex05_trade_share", share() / 100).message
    assert "looks like a fraction" in msg and "multiply by 100" in msg
    ref = ref_tariff_change()
    msg = check("ex05_tariff_change", {**ref, "c": -ref["c"]}).message
    assert msg == f"(a), (b) right; (c): {-ref['c']:g} has the wrong sign: is this a rise or a fall?"


def test_combined_feedback_names_the_right_parts_and_counts_the_rest():
    ref = ref_tariff_change()
    msg = check("ex05_tariff_change", {"a": 999.0, "b": 999.0, "c": ref["c"]}).message
    assert msg.startswith("(c) right; (a): 999 does not match what the data give.")
    assert msg.endswith("(1 more part(s) to fix after this one.)")
    msg = check("ex05_tariff_change", {"a": 999.0, "b": 999.0, "c": 999.0}).message
    assert msg.startswith("(a): 999 does not match") and msg.endswith(
        "(2 more part(s) to fix after this one.)"
    )


def _reference_letters(exercise_id: str) -> set[str]:
    answer = CASES[exercise_id][0]()
    return set(answer) if not isinstance(answer, str) else {answer}


@pytest.mark.parametrize("exercise_id", ["ex06_absence", "ex07_unfalsifiable"])
def test_single_choice_verdict_is_right_for_exactly_the_reference_letter(exercise_id):
    (reference,) = _reference_letters(exercise_id)
    verdicts = {letter: check(exercise_id, letter).correct for letter in "ABCD"}
    assert verdicts == {letter: letter == reference for letter in "ABCD"}


@pytest.mark.parametrize("exercise_id", ["ex02_evidence_against", "ex04_precedent", "ex05_pride_evidence"])
def test_multiple_choice_verdict_is_right_for_exactly_the_reference_set(exercise_id):
    import itertools

    reference = _reference_letters(exercise_id)
    for n in range(6):
        for chosen in itertools.combinations("ABCDE", n):
            assert check(exercise_id, list(chosen)).correct is (set(chosen) == reference), chosen


def test_saga_order_verdict_is_right_for_exactly_the_date_order():
    import itertools

    reference = ref_saga_order()
    for order in itertools.permutations("ABCD"):
        assert check("ex05_saga_order", list(order)).correct is (list(order) == reference), order


# ---------------------------------------------------------------- the exercise notebooks


def notebook(name: str):
    return jupytext.read(EXERCISES / f"{name}.md")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_format(name):
    text = (EXERCISES / f"{name}.md").read_text(encoding="utf-8")
    nb = notebook(name)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["jupytext"]["text_representation"]["format_name"] == "myst"
    body = text.split("---", 2)[2]
    assert len(re.findall(r"^# ", body, flags=re.M)) == 1, "one H1 per notebook"
    starts = re.findall(r"\{exercise-start\}[^\n]*\n:label: (\S+)", text)
    assert 3 <= len(starts) <= 6, f"{name}: {len(starts)} exercises"
    solutions = re.findall(r"\{solution-start\} (\S+)\n:class: dropdown", text)
    assert solutions == starts, f"{name}: every exercise needs one collapsed (dropdown) solution, in order"
    assert text.count("{exercise-end}") == len(starts) and text.count("{solution-end}") == len(starts)


def test_exercise_labels_are_unique_across_notebooks():
    labels = [
        label
        for name in NOTEBOOKS
        for label in re.findall(r":label: (\S+)", (EXERCISES / f"{name}.md").read_text())
    ]
    assert len(labels) == len(set(labels))


def _split_cells(name: str) -> list[tuple[bool, str]]:
    """(inside a solution?, source) for each code cell, in order."""
    cells, inside = [], False
    for cell in notebook(name).cells:
        if cell.cell_type == "markdown":
            for marker in re.findall(r"\{(solution-start|solution-end)\}", cell.source):
                inside = marker == "solution-start"
        else:
            cells.append((inside, cell.source))
    return cells


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_reference_solutions_pass_their_checkers(name, monkeypatch):
    calls: list[tuple[bool, str, Feedback]] = []
    inside_solution = [False]

    def recording_check(exercise_id, answer):
        result = exercise(exercise_id) and check(exercise_id, answer)
        calls.append((inside_solution[0], exercise_id, result))
        return result

    monkeypatch.setattr(checks, "check", recording_check)
    namespace: dict = {"__name__": f"exercise_{name}"}
    for inside, source in _split_cells(name):
        inside_solution[0] = inside
        exec(compile(source, f"{name}.md", "exec"), namespace)  # raises if any cell fails

    student = [(eid, r) for inside, eid, r in calls if not inside]
    solved = [(eid, r) for inside, eid, r in calls if inside]
    assert student, f"{name}: no student-facing check(...) cell"
    assert all(r.message.startswith("Replace None") for _, r in student), (
        f"{name}: a student cell should start with answer = None"
    )
    assert [eid for eid, _ in student] == [eid for eid, _ in solved], (
        f"{name}: each exercise's check cell needs a matching reference solution"
    )
    failing = [(eid, r.message) for eid, r in solved if not r.correct]
    assert failing == [], failing


def test_every_checker_is_used_by_a_notebook():
    used = set()
    for name in NOTEBOOKS:
        used |= set(re.findall(r'check\("(\w+)"', (EXERCISES / f"{name}.md").read_text()))
    assert used == set(checks.exercise_ids())
