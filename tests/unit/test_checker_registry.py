"""check() and the exercise registry (coursekit/exercises/registry.py).

The list of exercises is read independently from the exercise pages (the ids their cells
pass to ``check``), the forms from the chapters' YAML files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coursekit.exercises import registry
from coursekit.exercises.feedback import Feedback
from coursekit.exercises.spec import Choice, Choices
from coursekit.exercises.texts import Texts, TextsError
from tests.helpers import REPO_ROOT

YAML_DIR = Path(registry.__file__).resolve().parent


def ids_in_the_pages() -> list[str]:
    ids: list[str] = []
    for page in sorted((REPO_ROOT / "exercises").glob("0*.md")):
        for found in re.findall(r'check\("(\w+)"', page.read_text(encoding="utf-8")):
            if found not in ids:
                ids.append(found)
    return ids


def forms() -> dict[str, str]:
    out = {}
    for path in sorted(YAML_DIR.glob("ch0*.yml")):
        out |= {eid: texts["form"] for eid, texts in yaml.safe_load(path.read_text(encoding="utf-8")).items()}
    return out


def test_every_exercise_of_the_pages_is_known_in_chapter_order():
    known = registry.exercise_ids()
    assert sorted(known) == sorted(ids_in_the_pages()) and len(known) == len(set(known))
    assert [eid[:4] for eid in known] == sorted(eid[:4] for eid in known)
    assert list(registry.EXERCISES) == known


def test_describe_answer_is_the_form_in_the_yaml():
    assert {eid: registry.describe_answer(eid) for eid in registry.exercise_ids()} == forms()


@pytest.mark.parametrize("placeholder", [None, Ellipsis])
def test_the_placeholder_gets_a_reminder_naming_the_form(placeholder):
    form = forms()["ex05_trade_share"]
    assert registry.check("ex05_trade_share", placeholder) == Feedback(
        False, f"Replace None with your answer, then run the cell again. Expected: {form}."
    )


def test_a_malformed_answer_becomes_feedback_naming_the_form():
    form = forms()["ex06_absence"]
    assert registry.check("ex06_absence", "Z") == Feedback(
        False, f"answer: ['Z'] are not options here; choose from ['A', 'B', 'C', 'D']. Expected: {form}."
    )


def test_check_grades_with_the_exercise_spec():
    options = yaml.safe_load((YAML_DIR / "ch06_zero_sum.yml").read_text(encoding="utf-8"))["ex06_absence"][
        "choice"
    ]["options"]
    assert registry.check("ex06_absence", "b") == Feedback(True, options["B"])


def test_a_spec_is_built_once_per_process():
    registry.spec.cache_clear()
    assert registry.spec("ex05_saga_order") is registry.spec("ex05_saga_order")


def test_an_unknown_id_lists_the_known_ones():
    with pytest.raises(KeyError) as err:
        registry.exercise("ex99_nothing")
    lead = "check: unknown exercise id 'ex99_nothing'. Copy the id from the exercise's code cell; known ids: "
    message = err.value.args[0]
    assert message.startswith(lead) and message.endswith(".")
    assert sorted(message[len(lead) : -1].split(", ")) == sorted(ids_in_the_pages())


def test_collecting_again_finds_the_same_exercises():
    again = registry._collect()
    assert {k: (v.id, v.form) for k, v in again.items()} == {
        k: (v.id, v.form) for k, v in registry.EXERCISES.items()
    }


def test_an_id_declared_twice_is_refused_with_its_module(monkeypatch):
    module = registry.CHAPTER_MODULES[1]
    monkeypatch.setattr(registry, "CHAPTER_MODULES", registry.CHAPTER_MODULES + (module,))
    with pytest.raises(ValueError) as err:
        registry._collect()
    first = module.EXERCISES[0].id
    assert str(err.value) == (
        f"coursekit.exercises.ch03_rapprochement: exercise id {first!r} is declared twice; give each exercise its "
        "own id."
    )


# ---------------------------------------------------------------- exercises declared in YAML alone

DECLARED = """\
ex99_code:
  form: a number
ex99_one:
  form: one option letter
  choice:
    correct: B
    options: {A: "Not A.", B: "B it is."}
ex99_many:
  form: option letters
  choices:
    options: ABC
    correct: AC
    refuse: {B: "Not B."}
    success: A and C.
    incomplete: "{n_chosen} of 2."
ex99_missing:
  form: option letters
  choices:
    options: AB
    correct: A
    refuse: {}
    success: A.
    incomplete: Add A.
    missing: {A: "A is missing."}
"""


def test_option_letter_exercises_are_declared_whole_in_the_yaml(tmp_path):
    (tmp_path / "ch99_sample.yml").write_text(DECLARED, encoding="utf-8")
    found = registry.declared(Texts(tmp_path / "ch99_sample.yml"))
    assert [(e.id, e.form, e.model_answer) for e in found] == [
        ("ex99_one", "one option letter", ""),
        ("ex99_many", "option letters", ""),
        ("ex99_missing", "option letters", ""),
    ]
    one, many, missing = (e.build() for e in found)
    assert one == Choice({"A": "Not A.", "B": "B it is."}, correct="B")
    assert many == Choices("ABC", frozenset("AC"), {"B": "Not B."}, "A and C.", "{n_chosen} of 2.")
    assert missing.missing == {"A": "A is missing."} and missing.correct == frozenset("A")
    assert many.grade(["A", "B"]) == Feedback(False, "Not B.")
    assert one.grade("b") == Feedback(True, "B it is.")


def test_a_declared_exercise_missing_a_text_names_it(tmp_path):
    (tmp_path / "ch99_sample.yml").write_text(
        DECLARED.replace("    success: A and C.\n", ""), encoding="utf-8"
    )
    (_, many, _) = registry.declared(Texts(tmp_path / "ch99_sample.yml"))
    with pytest.raises(TextsError, match=r"ch99_sample\.yml: no text at ex99_many\.choices\.success; add it"):
        many.build()
