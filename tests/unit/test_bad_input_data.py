"""Bad input, one row per ``raise`` in the data and exercise modules (coursekit/data, coursekit/exercises).

``BAD_INPUT_CASES`` lists, for each raise statement, where it is (``file:function``), how to
trigger it, the error type and words the message must contain (the file, line, field or
setting it names, and what to do). ``where`` is ``file:function``, with methods as
``Class.method`` and nested functions as ``outer.inner``. The number of rows per ``where``
equals the number of raise statements there (checked below for these two packages; the
repository-wide guard generalises it to all of ``coursekit``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from coursekit import data
from coursekit.data import DataError
from coursekit.data.refresh import refresh
from coursekit.exercises import AnswerFormatError, check
from coursekit.paths import DATA_DIR


@dataclass(frozen=True)
class BadInput:
    where: str  # "coursekit/<path>.py:<function>"
    trigger: Callable[[Path], object]  # receives a fresh copy of data/ (a folder)
    error: type[BaseException]
    fragments: tuple[str, ...]


# ---------------------------------------------------------------- helpers on a copy of data/


def _edit(pkg: Path, name: str, line: int, field: str, value: str, rehash: bool = True) -> None:
    path = pkg / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    record = next(csv.reader([lines[line - 1]]))
    record[header.index(field)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(record)
    lines[line - 1] = buf.getvalue()
    path.write_text("".join(lines), encoding="utf-8")
    if rehash:
        refresh(pkg)


def _write(pkg: Path, name: str, text: str, rehash: bool = True) -> None:
    (pkg / name).write_text(text, encoding="utf-8")
    if rehash:
        refresh(pkg)


def _descriptor(pkg: Path, change: Callable[[dict], None]) -> None:
    path = pkg / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


def _text(pkg: Path, name: str) -> str:
    return (pkg / f"{name}.csv").read_text(encoding="utf-8")


def _load(name: str):
    return lambda pkg: data.load(name, package=pkg)


def _then(*steps):
    def run(pkg):
        result = None
        for step in steps:
            result = step(pkg)
        return result
    return run


def _resource(desc: dict, name: str) -> dict:
    return next(r for r in desc["resources"] if r["name"] == name)


def _check_raises(exercise_id: str, answer):
    """check() turns an AnswerFormatError into feedback; surface it so the table can match it."""
    result = check(exercise_id, answer)
    assert not result.correct
    raise AnswerFormatError(result.message)


def _cut_in_quotes(pkg: Path):
    text = _text(pkg, "sources")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if i > 1 and '"' in row)
    start = sum(len(x) for x in text.splitlines(keepends=True)[: line - 1])
    _write(pkg, "sources.csv", text[: start + text.splitlines()[line - 1].index('"') + 3])
    return data.load("sources", package=pkg)


def _duplicate_id(pkg: Path):
    from coursekit.exercises import ch07_concluding_thoughts, registry

    original = registry.CHAPTER_MODULES
    registry.CHAPTER_MODULES = original + (ch07_concluding_thoughts,)
    try:
        return registry._collect()
    finally:
        registry.CHAPTER_MODULES = original


def _huge_box():
    from dataclasses import replace

    from coursekit.exercises import boxes, registry

    built = registry.spec("ex02_hedges")
    words = tuple(f"word{i}" for i in range(20))
    big = replace(built, fields=(replace(built.fields[0], options=words),))
    original = boxes.spec
    boxes.spec = lambda exercise_id: big
    try:
        return boxes.box_data("ex02_hedges")
    finally:
        boxes.spec = original


def _wrong_route(pkg: Path):
    from coursekit.exercises.ch03_rapprochement import _distance

    return _distance("R18", "northern_sea_route")  # R18 is the Suez distance


PKG, EX, FB = "coursekit/data/", "coursekit/exercises/", "coursekit/exercises/feedback.py:"

BAD_INPUT_CASES = [
    # ---- package.py
    BadInput(PKG + "package.py:_read_descriptor",
             _then(lambda p: (p / "datapackage.json").write_text("{,", encoding="utf-8"), _load("trade")),
             DataError, ("datapackage.json", "not valid JSON", "line 1")),
    BadInput(PKG + "package.py:package_metadata",
             _then(lambda p: (p / "datapackage.json").unlink(), _load("trade")),
             DataError, ("descriptor not found", "data/datapackage.json")),
    BadInput(PKG + "package.py:resource", _load("treaties"), DataError, ("no dataset named 'treaties'", "trade")),
    BadInput(PKG + "package.py:verify_integrity",
             _then(lambda p: (p / "routes.csv").unlink(), _load("routes")),
             DataError, ("routes.csv", "not found", "restore it from git")),
    BadInput(PKG + "package.py:verify_integrity",
             _then(lambda p: _descriptor(p, lambda d: _resource(d, "autos").pop("hash")), _load("autos")),
             DataError, ("resource 'autos'", "no 'hash' and 'bytes'", "python -m coursekit.data.refresh")),
    BadInput(PKG + "package.py:verify_integrity",
             _then(lambda p: _descriptor(p, lambda d: _resource(d, "autos").update(hash="md5:abc")), _load("autos")),
             DataError, ("resource 'autos'", "not a sha256 hash", "python -m coursekit.data.refresh")),
    BadInput(PKG + "package.py:verify_integrity",
             _then(lambda p: _write(p, "trade.csv", _text(p, "trade")[:5000], rehash=False), _load("trade")),
             DataError, ("trade.csv", "5000 bytes", "cut short", "python -m coursekit.data.refresh")),
    BadInput(PKG + "package.py:verify_integrity",
             _then(lambda p: _write(p, "tariffs.csv", _text(p, "tariffs").replace("27.5", "26.5", 1), rehash=False),
                   _load("tariffs")),
             DataError, ("tariffs.csv", "sha256 does not match", "git checkout --",
                         "python -m coursekit.data.refresh")),
    # ---- queries.py
    BadInput(PKG + "queries.py:one", lambda p: __import__("coursekit.data.queries").data.queries.one(
        "timeline", event_id="no-such-event"), DataError, ("timeline.csv", "event_id='no-such-event'", "found 0")),
    # ---- records.py
    BadInput(PKG + "records.py:read_records", _then(lambda p: _write(p, "autos.csv", ""), _load("autos")),
             DataError, ("autos.csv", "line 1", "the file is empty", "year, period")),
    BadInput(PKG + "records.py:read_records",
             _then(lambda p: _write(p, "autos.csv", '"year"x,period\n'), _load("autos")),
             DataError, ("autos.csv", "line 1", "header is not valid CSV")),
    BadInput(PKG + "records.py:read_records", _cut_in_quotes, DataError,
             ("sources.csv", "quoted cell", "cut short", "git checkout --")),
    BadInput(PKG + "records.py:read_records",
             _then(lambda p: _write(p, "autos.csv", _text(p, "autos") + "2020,CY\n"), _load("autos")),
             DataError, ("autos.csv", "expected 10 cells, found 2", "check quoting")),
    BadInput(PKG + "records.py:_check_header",
             _then(lambda p: _write(p, "trade.csv", _text(p, "trade").replace(",value,", ",amount,", 1)),
                   _load("trade")),
             DataError, ("trade.csv", "line 1", "field 'value'", "'amount'", "correct the header")),
    # ---- refresh.py
    BadInput(PKG + "refresh.py:refresh", lambda p: (p / "claims.csv").unlink() or refresh(p),
             DataError, ("claims.csv", "not found", "restore it before refreshing")),
    # ---- rules.py
    BadInput(PKG + "rules.py:partial_dates_are_real",
             _then(lambda p: _edit(p, "timeline", 5, "date", "2013-02-30"), _load("timeline")),
             DataError, ("timeline.csv", "line 5", "field 'date'", "not a real calendar date")),
    BadInput(PKG + "rules.py:urls_are_web_links",
             _then(lambda p: _edit(p, "sources", 4, "url", "javascript:alert(1)"), _load("sources")),
             DataError, ("sources.csv", "line 4", "field 'url'", "only https: and http:")),
    BadInput(PKG + "rules.py:numbers_are_finite",
             _then(lambda p: _edit(p, "trade", 7, "value", "NaN"), _load("trade")),
             DataError, ("trade.csv", "line 7", "field 'value'", "expected a finite number", "leave the cell empty")),
    BadInput(PKG + "rules.py:only_balances_negative",
             _then(lambda p: _edit(p, "trade", 340, "value", "-5"), _load("trade")),
             DataError, ("trade.csv", "line 340", "field 'value'", "must be >= 0")),
    BadInput(PKG + "rules.py:min_not_above_max",
             _then(lambda p: _edit(p, "routes", 30, "value_max", "1"), _load("routes")),
             DataError, ("routes.csv", "line 30", "field 'value_max'", "below value_min")),
    BadInput(PKG + "rules.py:precision_matches_date",
             _then(lambda p: _edit(p, "timeline", 8, "date_precision", "month"), _load("timeline")),
             DataError, ("timeline.csv", "line 8", "field 'date_precision'", "does not match date")),
    BadInput(PKG + "rules.py:id_list.ids_resolve",
             _then(lambda p: _edit(p, "claims", 3, "evidence", "S1 S999"), _load("claims")),
             DataError, ("claims.csv", "line 3", "field 'evidence'", "unknown source id 'S999'", "sources.csv")),
    # ---- schema.py (frictionless)
    BadInput(PKG + "schema.py:validate_package",
             _then(lambda p: _edit(p, "trade", 9, "year", "2O18"), _load("trade")),
             DataError, ("trade.csv", "line 9", "field 'year'", "expected an integer")),
    BadInput(PKG + "schema.py:validate_package",
             _then(lambda p: _descriptor(p, lambda d: _resource(d, "tariffs")["schema"]["fields"][1].update(
                 type="nonsense")), _load("tariffs")),
             DataError, ("datapackage.json", "nonsense", "valid data package")),
    # ---- exercises: answers of the wrong shape (check() reports them as feedback)
    BadInput(EX + "ch02_thesis.py:_hedges", lambda p: _check_raises("ex02_hedges", "probably might"),
             AnswerFormatError, ("give a list of words", "Expected: a list")),
    BadInput(EX + "ch02_thesis.py:_hedges", lambda p: _check_raises("ex02_hedges", 3),
             AnswerFormatError, ("expected a list of words, got int",)),
    BadInput(EX + "ch02_thesis.py:_lead_verdicts", lambda p: _check_raises("ex02_lead_verdicts", ["supported"]),
             AnswerFormatError, ("expected a dict such as {1: 'supported'}", "got list")),
    BadInput(EX + "ch03_rapprochement.py:_distance", _wrong_route, DataError,
             ("routes.csv", "row R18", "northern_sea_route", "ch03_rapprochement.py")),
    BadInput(EX + "ch04_shadow_diplomacy.py:_meetings_per_year",
             lambda p: _check_raises("ex04_meetings_per_year", [4, 5]), AnswerFormatError,
             ("expected a dict such as {2013: 4}", "got list")),
    BadInput(EX + "ch04_shadow_diplomacy.py:_meetings_per_year",
             lambda p: _check_raises("ex04_meetings_per_year", {"twenty": 4}), AnswerFormatError,
             ("years must be whole numbers", "'twenty'")),
    BadInput(EX + "spec.py:Label.grade",
             lambda p: _check_raises("ex06_triangle", {"essay_2018": "love", "pivot": "Russia",
                                                       "sources_2022_2024": "none"}),
             AnswerFormatError, ("essay_2018", "'love' is not one of Dittmer's patterns")),
    BadInput(EX + "ch06_zero_sum.py:_payoff_table",
             lambda p: _check_raises("ex06_constant_sum", {"constant_sum": {}, "positive_sum": {}}),
             AnswerFormatError, ("constant_sum", "four cells")),
    BadInput(EX + "ch06_zero_sum.py:_payoff_table",
             lambda p: _check_raises("ex06_constant_sum", {"constant_sum": {1: (0, 0), 2: (0, 0), 3: (0, 0),
                                                                            4: (0, 0)}, "positive_sum": {}}),
             AnswerFormatError, ("each key must be a (row, column) pair", "got 1")),
    BadInput(EX + "ch06_zero_sum.py:_payoff_table",
             lambda p: _check_raises("ex06_constant_sum", {"constant_sum": {("a", "x"): 1, ("a", "y"): 1,
                                                                            ("b", "x"): 1, ("b", "y"): 1},
                                                           "positive_sum": {}}),
             AnswerFormatError, ("must hold two payoffs",)),
    BadInput(EX + "ch06_zero_sum.py:_payoff_table",
             lambda p: _check_raises("ex06_constant_sum", {"constant_sum": {("a", "x"): (1, 1), ("b", "x"): (1, 1),
                                                                            ("c", "x"): (1, 1), ("d", "x"): (1, 1)},
                                                           "positive_sum": {}}),
             AnswerFormatError, ("a 2x2 game needs two row choices and two column choices",)),
    BadInput(EX + "ch07_concluding_thoughts.py:_neutral_rewrite",
             lambda p: _check_raises("ex07_neutral_rewrite", "   "), AnswerFormatError,
             ("expected your rewrite as a string",)),
    BadInput(FB + "number", lambda p: _check_raises("ex07_scale", pd.Series([1.0])), AnswerFormatError,
             ("pandas Series", ".item()")),
    BadInput(FB + "number", lambda p: _check_raises("ex07_scale", "12.3"), AnswerFormatError,
             ("expected a number, got '12.3'", "not '39.6%'")),
    BadInput(FB + "number", lambda p: _check_raises("ex07_scale", float("inf")), AnswerFormatError,
             ("not a finite number", "division by zero")),
    BadInput(FB + "mapping", lambda p: _check_raises("ex05_tariff_change", 12.5), AnswerFormatError,
             ("expected a dict with the keys ['a', 'b', 'c']", "got float")),
    BadInput(FB + "mapping", lambda p: _check_raises("ex05_tariff_change", {"a": 1}), AnswerFormatError,
             ("the key(s) ['b', 'c'] are missing",)),
    BadInput(FB + "label", lambda p: _check_raises("ex03_claim_kinds", {"a": 1, "b": "fact", "c": "fact",
                                                                        "d": "fact"}),
             AnswerFormatError, ("(a): expected a text label, got 1",)),
    BadInput(FB + "letters", lambda p: _check_raises("ex04_precedent", 7), AnswerFormatError,
             ("expected option letters such as ['A', 'C']", "got 7")),
    BadInput(FB + "letters", lambda p: _check_raises("ex04_precedent", ["A", "Z"]), AnswerFormatError,
             ("['Z'] are not options here", "choose from")),
    BadInput(FB + "one_letter", lambda p: _check_raises("ex06_absence", "AB"), AnswerFormatError,
             ("choose exactly one option letter", "['A', 'B']")),
    BadInput(FB + "order", lambda p: _check_raises("ex05_saga_order", ["A", "A", "B", "C"]), AnswerFormatError,
             ("list each of A, B, C, D exactly once",)),
    BadInput(EX + "boxes.py:box_data", lambda p: _huge_box(), ValueError,
             ("answer box for ex02_hedges", "1048576 combinations", "fewer options")),
    BadInput(EX + "registry.py:_collect", _duplicate_id, ValueError, ("ex07_verdict_rates", "declared twice")),
    BadInput(EX + "registry.py:exercise", lambda p: check("ex99_nothing", 1), KeyError,
             ("unknown exercise id 'ex99_nothing'", "known ids")),
]


@pytest.fixture
def package_copy(tmp_path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest, ignore=shutil.ignore_patterns("*.md"))
    return dest


@pytest.mark.parametrize("case", BAD_INPUT_CASES, ids=[f"{c.where}#{i}" for i, c in enumerate(BAD_INPUT_CASES)])
def test_bad_input_raises_a_clear_error(case, package_copy):
    with pytest.raises(case.error) as err:
        case.trigger(package_copy)
    message = str(err.value.args[0]) if isinstance(err.value, KeyError) else str(err.value)
    for fragment in case.fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def _functions(tree, prefix=""):
    """(qualified name, node) of every function, methods as Class.method."""
    import ast

    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield f"{prefix}{node.name}", node
            yield from _functions(node, f"{prefix}{node.name}.")


def _own_nodes(fn):
    """The nodes of a function, without those of the functions defined inside it."""
    import ast

    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def test_the_table_covers_every_raise_in_these_modules():
    """Rows per file:function equal raise statements there (the repo-wide guard generalises this)."""
    import ast
    from collections import Counter

    root = Path(data.__file__).parents[2]
    found: Counter = Counter()
    for folder in ("coursekit/data", "coursekit/exercises"):
        for path in sorted((root / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for qualname, fn in _functions(tree):
                count = sum(isinstance(n, ast.Raise) for n in _own_nodes(fn))
                if count:
                    found[f"{path.relative_to(root)}:{qualname}"] += count
    assert Counter(c.where for c in BAD_INPUT_CASES) == found
