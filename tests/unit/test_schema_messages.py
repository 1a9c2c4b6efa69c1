"""How a frictionless error becomes the course's DataError, on hand-made error objects.

Each case feeds ``translate`` one error of a kind frictionless reports (type, constraint,
primary key, foreign key, other) and checks the message names file, line and field and
says what was expected, as ``coursekit/data/schema.py`` documents (found by mutation
testing: see bench/README.md).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coursekit.data.records import Records
from coursekit.data.schema import translate

FIELDS = [
    {"name": "id", "type": "string"},
    {"name": "year", "type": "integer"},
    {"name": "when", "type": "date", "format": "%Y-%m-%d"},
    {"name": "url", "type": "string", "format": "uri"},
    {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 100}},
    {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"], "pattern": "^[ab]$"}},
    {"name": "odd", "type": "geopoint", "format": "default"},
]
# physical lines 2, 3 and 7: the third record starts after a multi-line quoted cell
REC = Records("demo.csv", FIELDS, [["x"] * 7] * 3, [2, 3, 7], primary_key=("id", "year"))
SOURCES = Records("sources.csv", [{"name": "source_id"}], [["S1"]], [2])


def error(kind, *, row=None, field=None, cell=None, note="", message="something is off."):
    return SimpleNamespace(type=kind, row_number=row, field_name=field, cell=cell, note=note, message=message)


@pytest.mark.parametrize(
    "field, cell, words",
    [
        ("year", "20x9", "field 'year': expected an integer, found '20x9'."),
        ("when", "2018-13-01", "field 'when': expected a date YYYY-MM-DD, found '2018-13-01'."),
        ("url", "ftp://x", "field 'url': expected a web address starting with https: or http:"),
        ("odd", "here", "field 'odd': expected a value of type geopoint, found 'here'."),
    ],
)
def test_type_errors_say_what_type_was_expected(field, cell, words):
    # frictionless row 4 = the third record (row 1 is the header): it starts on line 7
    msg = str(translate(error("type-error", row=4, field=field, cell=cell), REC, {}))
    assert msg.startswith("demo.csv, line 7, ")
    assert words in msg


@pytest.mark.parametrize(
    "field, cell, note, words",
    [
        ("share", "", 'constraint "required" is "True"', "a value is required but the cell is empty"),
        ("kind", "c", 'constraint "enum" is "[a, b]"', "'c' is not an allowed value; expected one of: a, b."),
        ("share", "-1", 'constraint "minimum" is "0"', "-1 is out of range: below the minimum 0."),
        ("share", "101", 'constraint "maximum" is "100"', "101 is out of range: above the maximum 100."),
        (
            "kind",
            "ab",
            'constraint "pattern" is "^[ab]$"',
            "'ab' does not match the expected pattern ^[ab]$.",
        ),
        ("kind", "q", 'constraint "unique" is "True"', "'q' breaks the schema constraint unique."),
        ("kind", "q", "no constraint named", "'q' breaks the schema constraint no constraint named."),
    ],
)
def test_constraint_errors_name_the_rule_and_its_bounds(field, cell, note, words):
    msg = str(translate(error("constraint-error", row=2, field=field, cell=cell, note=note), REC, {}))
    assert msg.startswith(f"demo.csv, line 2, field {field!r}: {words}")


def test_duplicate_primary_key_names_the_key_fields_and_the_first_copy():
    err = error("primary-key", row=4, note='the same as in the row at position "3"')
    msg = str(translate(err, REC, {}))
    assert msg.startswith(
        "demo.csv, line 7, field 'id, year': duplicate primary key (id, year); first seen on line 3."
    )
    nokey = Records("demo.csv", FIELDS, REC.rows, REC.lines)
    msg = str(translate(error("primary-key", row=3, note="duplicate"), nokey, {}))
    assert msg.startswith("demo.csv, line 3, field 'primary key': duplicate primary key (primary key). ")


def test_unknown_source_id_names_the_field_from_the_note_and_the_sources_file():
    note = 'for "evidence_id": values "S9" not found in the lookup table "sources" as "source_id"'
    msg = str(translate(error("foreign-key", row=2, note=note, cell="S1 S9"), REC, {"sources": SOURCES}))
    assert msg.startswith(
        "demo.csv, line 2, field 'evidence_id': unknown source id 'S9': not found in sources.csv"
    )
    bare = str(translate(error("foreign-key", row=3, cell="S7"), REC, {}))
    assert bare.startswith(
        "demo.csv, line 3, field 'source_id': unknown source id 'S7': not found in sources.csv"
    )
    one = 'for "source_id": value "S8" not found'
    assert "unknown source id 'S8'" in str(translate(error("foreign-key", row=2, note=one), REC, {}))


def test_other_errors_keep_frictionless_message_and_say_where_to_fix():
    msg = str(translate(error("blank-row", row=3, message="Row is blank."), REC, {}))
    assert msg == "demo.csv, line 3: Row is blank. Fix the row or the schema in datapackage.json."
    msg = str(translate(error("extra-cell", field="kind", message="Extra cell."), REC, {}))
    assert msg == "demo.csv, line 1, field 'kind': Extra cell. Fix the row or the schema in datapackage.json."
