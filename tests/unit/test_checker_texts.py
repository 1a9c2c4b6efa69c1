"""The checkers' teaching text: one YAML file beside each chapter module (coursekit/exercises/texts.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coursekit.exercises import registry, texts
from coursekit.exercises.texts import Texts, TextsError

HERE = Path(texts.__file__).resolve().parent


def _texts(tmp_path: Path, body: str) -> Texts:
    path = tmp_path / "ch99_sample.yml"
    path.write_text(body, encoding="utf-8")
    return Texts(path)


def test_a_text_is_found_by_its_path_of_keys(tmp_path):
    sample = _texts(
        tmp_path, "ex99_a:\n  hint: Use the 2017 rows.\n  wrongs:\n    doubled: 'you doubled {x:g}.'\n"
    )
    assert sample("ex99_a", "hint") == "Use the 2017 rows."
    assert sample("ex99_a", "wrongs") == {"doubled": "you doubled {x:g}."}
    assert sample.say("ex99_a", "wrongs", "doubled", x=2.50) == "you doubled 2.5."
    assert sample.path == tmp_path / "ch99_sample.yml"


@pytest.mark.parametrize(
    "keys,shown",
    [
        (("ex99_b",), "ex99_b"),
        (("ex99_b", "hint"), "ex99_b"),
        (("ex99_a", "hnt"), "ex99_a.hnt"),
        (("ex99_a", "hnt", "deeper"), "ex99_a.hnt"),
        (("ex99_a", "hint", "deeper"), "ex99_a.hint.deeper"),
    ],
)
def test_a_missing_text_names_the_file_and_the_path(tmp_path, keys, shown):
    sample = _texts(tmp_path, "ex99_a:\n  hint: Use the 2017 rows.\n")
    with pytest.raises(TextsError) as err:
        sample(*keys)
    assert (
        str(err.value)
        == f"{tmp_path / 'ch99_sample.yml'}: no text at {shown}; add it (the checker needs it)."
    )


def test_a_file_that_is_missing_unreadable_or_not_a_mapping_is_refused(tmp_path):
    with pytest.raises(TextsError) as err:
        Texts(tmp_path / "ch98_none.yml")
    assert str(err.value) == (
        f"{tmp_path / 'ch98_none.yml'}: no text file for checker module 'ch98_none'; create it beside ch98_none.py."
    )
    with pytest.raises(
        TextsError, match=r"(?s)ch99_sample\.yml: not valid YAML \(.*line 1.*\); fix the file\.$"
    ):
        _texts(tmp_path, "a: [unclosed")
    (tmp_path / "ch97_list.yml").write_text("- a\n", encoding="utf-8")
    with pytest.raises(TextsError) as err:
        Texts(tmp_path / "ch97_list.yml")
    assert str(err.value) == (
        f"{tmp_path / 'ch97_list.yml'}: expected a mapping of exercise ids to their texts at the top level."
    )


def test_texts_of_a_module_are_the_yaml_file_beside_it():
    ch02 = texts.texts("coursekit.exercises.ch02_thesis")
    assert ch02.path == HERE / "ch02_thesis.yml"
    on_disk = yaml.safe_load((HERE / "ch02_thesis.yml").read_text(encoding="utf-8"))
    assert ch02.data == on_disk


@pytest.mark.parametrize("module", registry.CHAPTER_MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_chapter_has_a_text_file_with_a_form_for_each_of_its_exercises(module):
    path = HERE / (module.__name__.rsplit(".", 1)[-1] + ".yml")
    on_disk = yaml.safe_load(path.read_text(encoding="utf-8"))
    in_python = [e.id for e in module.EXERCISES]
    in_yaml = [eid for eid, entry in on_disk.items() if "choice" in entry or "choices" in entry]
    assert sorted(on_disk) == sorted(in_python + in_yaml), f"{path.name}: one top-level entry per exercise"
    for exercise in module.EXERCISES:
        assert exercise.form == on_disk[exercise.id]["form"]
        assert registry.EXERCISES[exercise.id] is exercise
    for exercise_id in in_yaml:
        assert registry.describe_answer(exercise_id) == on_disk[exercise_id]["form"]


def test_the_yaml_files_hold_no_tolerances_or_expected_values():
    """Expected values, tolerances and typical wrong values stay in Python, computed from data/."""
    for path in sorted(HERE.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(tol|tolerance|expected|wrong_values?)\s*:", text, flags=re.M), path.name
