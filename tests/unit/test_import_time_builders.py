"""Code that runs once, when a module is imported, called again here so its slips show.

The data rule factory (``id_list``), the chapter-widget registration decorator and the
widget texts run at import time; the rest of the suite only sees what they built then.
These tests call them directly on small hand-made inputs (found by mutation testing:
see bench/README.md, "Mutation testing").
"""

from __future__ import annotations

import pytest

from coursekit.data import DataError
from coursekit.data.records import Records
from coursekit.data.rules import id_list, id_list_fields
from coursekit.explorers import registry
from coursekit.explorers.texts import Texts, TextsError, texts


def records(label: str, name: str, values: list[str], first_line: int = 2) -> Records:
    return Records(
        label, [{"name": name}], [[v] for v in values], list(range(first_line, first_line + len(values)))
    )


SOURCES = records("sources.csv", "source_id", ["S1", "S2", "S3"])


# ---------------------------------------------------------------- id_list: space-separated source ids


def test_id_list_accepts_known_ids_separated_by_any_whitespace():
    asked = []

    def lookup(name):
        asked.append(name)
        return SOURCES

    rule = id_list("evidence")
    rule(records("claims.csv", "evidence", ["S1", "S2  S3", "", "S3\tS1"]), lookup)
    assert asked == ["sources"]  # the default target is the sources table


def test_id_list_names_file_line_field_and_the_unknown_id():
    rule = id_list("evidence")
    rec = records("claims.csv", "evidence", ["S1", "S2 S9"], first_line=5)
    with pytest.raises(DataError) as err:
        rule(rec, lambda name: SOURCES)
    message = str(err.value)
    assert message.startswith("claims.csv, line 6, field 'evidence': unknown source id 'S9'")
    assert "sources.csv" in message and "(source_id)" in message


def test_id_list_reads_the_target_table_and_field_it_is_given():
    people = Records("people.csv", [{"name": "who"}, {"name": "pid"}], [["Ann", "P1"], ["Bo", "P2"]], [2, 3])
    rule = id_list("authors", target="people", target_field="pid")
    rule(records("books.csv", "authors", ["P1 P2"]), lambda name: {"people": people}[name])
    with pytest.raises(DataError, match=r"unknown source id 'Ann'.*people\.csv \(pid\)"):
        rule(records("books.csv", "authors", ["Ann"]), lambda name: {"people": people}[name])


def test_id_list_rule_is_named_after_its_field_for_the_about_page():
    rule = id_list("evidence")
    assert rule.__name__ == "evidence_ids_resolve"
    assert rule.field == "evidence"


def test_only_the_claims_evidence_field_holds_id_lists():
    # data/datapackage.json: claims.evidence is the one space-separated list of source ids
    assert id_list_fields("claims") == ["evidence"]
    assert id_list_fields("trade") == []
    assert id_list_fields("no-such-dataset") == []


# ---------------------------------------------------------------- the chapter-widget registry


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", {})
    return registry


def test_chapter_widget_registers_each_use_with_its_arguments(empty_registry):
    @empty_registry.chapter_widget("03-x", ("08-y", {"kind": "forecast", "n": 2}))
    def demo_widget(kind=None, n=0):
        return (kind, n)

    entry = empty_registry.REGISTRY["demo_widget"]
    assert entry.name == "demo_widget" and entry.build is demo_widget
    assert entry.module == __name__ and entry.interactive is True
    assert [(u.name, u.chapter, u.kwargs) for u in entry.uses] == [
        ("demo_widget", "03-x", {}),
        ("demo_widget", "08-y", {"kind": "forecast", "n": 2}),
    ]
    assert [u.id for u in entry.uses] == ["demo_widget", "demo_widget[kind=forecast,n=2]"]
    assert entry.uses[1].source == "explorers.demo_widget(kind='forecast', n=2)"
    assert empty_registry.build(entry.uses[1]) == ("forecast", 2)


def test_chapter_widget_keeps_the_static_flag_and_filters_uses_by_it(empty_registry):
    @empty_registry.chapter_widget("02-a")
    def live_one():
        return 1

    @empty_registry.chapter_widget("02-b", interactive=False)
    def table_one():
        return 2

    assert empty_registry.REGISTRY["table_one"].interactive is False
    assert [u.name for u in empty_registry.uses()] == ["live_one", "table_one"]
    assert [u.name for u in empty_registry.uses(interactive=True)] == ["live_one"]
    assert [u.name for u in empty_registry.uses(interactive=False)] == ["table_one"]


def test_chapter_widget_refuses_a_second_builder_of_the_same_name(empty_registry):
    @empty_registry.chapter_widget("02-a")
    def twin():
        return 1

    with pytest.raises(ValueError, match=r"two chapter widgets are named 'twin'.*rename one"):
        empty_registry.chapter_widget("02-b")(twin)


def test_chapter_widget_needs_a_chapter(empty_registry):
    def lonely():
        return 1

    with pytest.raises(ValueError, match="names no chapter"):
        empty_registry.chapter_widget()(lonely)
    assert "lonely" not in empty_registry.REGISTRY


# ---------------------------------------------------------------- widget texts


def test_texts_are_read_from_the_module_stem():
    t = texts("coursekit.explorers.claims")
    assert isinstance(t, Texts) and t.stem == "claims"
    assert Texts("claims").data is t.data  # the same file, read once


def test_a_missing_text_key_names_the_file_and_the_key():
    with pytest.raises(TextsError, match=r"claims\.yml: no key 'no_such_text'"):
        texts("coursekit.explorers.claims")["no_such_text"]
