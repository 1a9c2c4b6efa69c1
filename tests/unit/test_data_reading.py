"""The data layer's reading steps, edge by edge: the descriptor, each file's integrity check, strict
CSV records, typed frames and the remembered validation (coursekit/data package, loader,
records, frames).

Fast, on tiny files in ``tmp_path`` or a copy of ``data/``. Expected messages and values are
worked out by hand from the docstrings (what each error must name) and from the files read
with ``json``, ``csv`` and ``hashlib``.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pytest

from coursekit import paths
from coursekit.data import DataError, loader, package, records
from coursekit.data.frames import to_frame
from coursekit.data.records import Records
from coursekit.paths import DATA_DIR, DATAPACKAGE

from .bad_input_helpers import edit, package_copy

DESCRIPTOR = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
REFRESH = "python -m coursekit.data.refresh"


# ---------------------------------------------------------------- the descriptor


def test_package_path_accepts_the_folder_the_file_or_nothing(tmp_path):
    assert package.package_path(None) == DATAPACKAGE
    assert package.package_path(str(DATA_DIR)) == DATAPACKAGE
    assert package.package_path(DATAPACKAGE) == DATAPACKAGE
    assert package.package_path(tmp_path / "other.json") == tmp_path / "other.json"


def test_a_broken_descriptor_names_the_line_and_column(tmp_path):
    path = tmp_path / "datapackage.json"
    path.write_text('{\n  "name": "x",\n  oops\n}', encoding="utf-8")
    with pytest.raises(DataError) as err:
        package.package_metadata(tmp_path)
    assert str(err.value) == (
        f"{path}: not valid JSON (line 3, column 3): Expecting property name enclosed in double quotes. "
        "Fix the syntax (a missing comma or quote) and try again."
    )


def test_a_missing_descriptor(tmp_path):
    with pytest.raises(DataError) as err:
        package.package_metadata(tmp_path / "nowhere.json")
    assert str(err.value) == (
        f"{tmp_path / 'nowhere.json'}: data package descriptor not found; expected data/datapackage.json in the "
        "repository."
    )


def test_an_edited_descriptor_is_read_again(tmp_path):
    path = tmp_path / "datapackage.json"
    path.write_text('{"resources": []}', encoding="utf-8")
    assert package.package_metadata(path) == {"resources": []}
    path.write_text('{"resources": [], "name": "y"}', encoding="utf-8")
    import os

    os.utime(path, ns=(1, 10**18))  # a different mtime, whatever the clock's resolution
    assert package.package_metadata(path)["name"] == "y"


def test_resources_and_names_follow_the_descriptor():
    names = [r["name"] for r in DESCRIPTOR["resources"]]
    assert package.dataset_names() == names
    res, base = package.resource("routes")
    assert res == next(r for r in DESCRIPTOR["resources"] if r["name"] == "routes")
    assert base == DATA_DIR
    with pytest.raises(DataError) as err:
        package.resource("ships")
    assert (
        str(err.value) == f"datapackage.json: no dataset named 'ships'; expected one of: {', '.join(names)}."
    )


def test_file_digest(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes(b"a,b\n1,2\n")
    assert package.file_digest(f) == ("sha256:" + hashlib.sha256(b"a,b\n1,2\n").hexdigest(), 8)


# ---------------------------------------------------------------- integrity


def resource(tmp_path: Path, body: bytes = b"a\n1\n", **keys) -> dict:
    (tmp_path / "t.csv").write_bytes(body)
    res = {
        "name": "t",
        "path": "t.csv",
        "hash": "sha256:" + hashlib.sha256(body).hexdigest(),
        "bytes": len(body),
    }
    res.update(keys)
    return {k: v for k, v in res.items() if v is not None}


def integrity_error(res: dict, base: Path) -> str:
    with pytest.raises(DataError) as err:
        package.verify_integrity(res, base)
    return str(err.value)


def test_a_matching_file_passes_and_zero_bytes_is_a_size(tmp_path):
    package.verify_integrity(resource(tmp_path), tmp_path)
    package.verify_integrity(resource(tmp_path, b""), tmp_path)  # an empty file declares bytes 0


def test_a_missing_file_names_the_dataset(tmp_path):
    res = {"name": "t", "path": "sub/t.csv", "hash": "sha256:00", "bytes": 1}
    assert integrity_error(res, tmp_path) == (
        f"t.csv: file not found at {tmp_path / 'sub/t.csv'} (needed for dataset 't' in datapackage.json); "
        "restore it from git."
    )


@pytest.mark.parametrize("keys", [dict(hash=None), dict(bytes=None), dict(hash="")])
def test_hash_and_bytes_are_both_required(tmp_path, keys):
    assert integrity_error(resource(tmp_path, **keys), tmp_path) == (
        "datapackage.json, resource 't': no 'hash' and 'bytes' for t.csv; every resource must carry both. "
        f"Run `{REFRESH}` to add them."
    )


def test_a_hash_that_is_not_sha256(tmp_path):
    assert integrity_error(resource(tmp_path, hash="md5:abc"), tmp_path) == (
        "datapackage.json, resource 't': hash 'md5:abc' is not a sha256 hash ('sha256:...'). "
        f"Run `{REFRESH}` to rewrite it."
    )


@pytest.mark.parametrize("declared, word", [(5, "shorter"), (3, "longer")])
def test_a_file_of_another_size(tmp_path, declared, word):
    path = tmp_path / "t.csv"
    assert integrity_error(resource(tmp_path, bytes=declared), tmp_path) == (
        f"t.csv: the file has 4 bytes but datapackage.json records {declared} ({word} than when it was last "
        f"checked): it was changed or cut short. Restore it from git (`git checkout -- {path}`), or after an "
        f"intentional edit run `{REFRESH}`."
    )


def test_a_file_of_the_same_size_but_another_hash(tmp_path):
    res = resource(tmp_path)
    (tmp_path / "t.csv").write_bytes(b"a\n2\n")
    assert integrity_error(res, tmp_path) == (
        "t.csv: the file's sha256 does not match the hash in datapackage.json: it was changed since the hashes "
        f"were last refreshed. Restore it from git (`git checkout -- {tmp_path / 't.csv'}`), or after an "
        f"intentional edit run `{REFRESH}`."
    )


# ---------------------------------------------------------------- strict CSV records


def csv_resource(tmp_path: Path, text: str, key=None) -> dict:
    (tmp_path / "r.csv").write_text(text, encoding="utf-8", newline="")
    schema = {"fields": [{"name": "id"}, {"name": "note"}]}
    if key is not None:
        schema["primaryKey"] = key
    return {"name": "r", "path": "r.csv", "schema": schema}


def test_records_keep_cells_and_the_line_each_record_starts_on(tmp_path):
    rec = records.read_records(
        csv_resource(tmp_path, 'id,note\n1,"two\nlines"\n2,\n3,x\n', key="id"), tmp_path
    )
    assert rec.label == "r.csv"
    assert rec.rows == [["1", "two\nlines"], ["2", ""], ["3", "x"]]
    assert rec.lines == [2, 4, 5]
    assert rec.primary_key == ("id",)
    assert rec.column("note") == ["two\nlines", "", "x"]
    assert rec.column("id") == ["1", "2", "3"]
    assert rec.fields == [{"name": "id"}, {"name": "note"}]


def test_primary_keys_as_list_or_absent(tmp_path):
    assert records.read_records(
        csv_resource(tmp_path, "id,note\n", key=["id", "note"]), tmp_path
    ).primary_key == (
        "id",
        "note",
    )
    none = records.read_records(csv_resource(tmp_path, "id,note\n"), tmp_path)
    assert none.primary_key == () and none.rows == [] and none.lines == []


def records_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as err:
        records.read_records(csv_resource(tmp_path, text), tmp_path)
    return str(err.value)


def test_an_empty_file_names_the_expected_header(tmp_path):
    assert records_error(tmp_path, "") == "r.csv, line 1: the file is empty; expected the header id, note."


def test_a_header_that_is_not_csv(tmp_path):
    message = records_error(tmp_path, 'id,"no\nte\n')
    assert message.startswith("r.csv, line 1: the header is not valid CSV (")
    assert message.endswith("); expected id, note.")


def test_a_quote_left_open_names_the_line_the_record_starts_on(tmp_path):
    message = records_error(tmp_path, 'id,note\n1,a\n2,"cut\nshort\n')
    assert message.startswith("r.csv, line 3: the record starting here is not valid CSV (")
    assert message.endswith(
        "). A quoted cell that never closes usually means the file was cut short: restore it from git "
        f"(`git checkout -- {tmp_path / 'r.csv'}`) or close the quote."
    )


def test_a_record_with_too_few_or_too_many_cells(tmp_path):
    assert records_error(tmp_path, 'id,note\n1,"a\nb"\n2\n') == (
        "r.csv, line 4: expected 2 cells, found 1; check quoting and commas."
    )
    assert (
        records_error(tmp_path, "id,note\n1,a,b\n")
        == "r.csv, line 2: expected 2 cells, found 3; check quoting and commas."
    )


@pytest.mark.parametrize(
    "header, column, found, want",
    [
        ("id,notes", 2, "'notes'", "'note'"),
        ("note,id", 1, "'note'", "'id'"),
        ("id", 2, "'(nothing)'", "'note'"),
        ("id,note,extra", 3, "'extra'", "'(no more columns)'"),
    ],
)
def test_a_wrong_header_names_the_first_column_that_differs(tmp_path, header, column, found, want):
    assert records_error(tmp_path, header + "\n") == (
        f"r.csv, line 1, field {want}: wrong header: column {column} is {found}, expected {want}. "
        "Expected columns: id, note; correct the header or the schema in datapackage.json."
    )


def test_line_of_uses_the_record_lines():
    rec = Records("x.csv", [{"name": "a"}], [["1"]], [7])
    assert rec.line_of(2) == 7 and rec.line_of(3) == 3 and rec.line_of(0) == 0


# ---------------------------------------------------------------- typed frames


def test_frames_follow_the_schema_and_partial_dates_gain_bounds():
    fields = [
        {"name": "when", "type": "string", "constraints": {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}},
        {"name": "month", "type": "yearmonth"},
        {"name": "day", "type": "date"},
        {"name": "level", "type": "string", "constraints": {"enum": ["low", "high", "unused"]}},
        {"name": "x", "type": "number"},
        {"name": "n", "type": "integer"},
    ]
    rows = [["2018-02", "2026-02", "2020-01-31", "high", "1.5", "7"], ["", "2025-12", "", "low", "", ""]]
    frame = to_frame(Records("f.csv", fields, rows, [2, 3]))
    assert list(frame.columns) == ["when", "when_first", "when_last", "month", "day", "level", "x", "n"]
    assert frame["when"][0] == "2018-02" and pd.isna(frame["when"][1])
    assert frame["when_first"][0] == pd.Timestamp("2018-02-01") and frame["when_last"][0] == pd.Timestamp(
        "2018-02-28"
    )
    assert pd.isna(frame["when_first"][1]) and pd.isna(frame["when_last"][1])
    assert str(frame["month"][0]) == "2026-02" and frame["month"].dtype == "period[M]"
    assert frame["day"][0] == pd.Timestamp("2020-01-31") and pd.isna(frame["day"][1])
    assert list(frame["level"].cat.categories) == ["low", "high", "unused"]
    assert frame["level"].tolist() == ["high", "low"]
    assert frame["x"][0] == 1.5 and pd.isna(frame["x"][1]) and frame["x"].dtype == "float64"
    assert frame["n"][0] == 7 and frame["n"][1] is pd.NA and str(frame["n"].dtype) == "Int64"


# ---------------------------------------------------------------- loader


def test_load_sets_title_and_source_file(tmp_path):
    frame = loader.load("tariffs")
    res = next(r for r in DESCRIPTOR["resources"] if r["name"] == "tariffs")
    assert frame.attrs == {"title": res["title"], "source_file": "tariffs.csv"}
    assert len(frame) == len((DATA_DIR / "tariffs.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert loader.sources()["source_id"].iloc[0] == "korybko-2018"


def test_the_stamp_changes_with_any_listed_file(tmp_path):
    pkg = package_copy(tmp_path)
    path = pkg / "datapackage.json"
    stamp = loader._stamp(path)
    files = [path] + [pkg / r["path"] for r in DESCRIPTOR["resources"]]
    assert stamp == tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    (pkg / "tariffs.csv").unlink()
    assert (str(pkg / "tariffs.csv"), None) in loader._stamp(path)


def test_the_validation_stamp_keys_on_descriptor_code_and_frictionless(tmp_path):
    pkg = package_copy(tmp_path)
    digest = hashlib.sha256((pkg / "datapackage.json").read_bytes())
    for module in sorted(Path(loader.__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    digest.update(version("frictionless").encode())
    assert loader._validation_stamp(pkg / "datapackage.json") == loader.STAMP_DIR / digest.hexdigest()


def test_validation_stamps_live_in_the_users_cache_not_in_the_checkout(tmp_path, monkeypatch):
    # (in the checkout, Binder's file browser would show the students a _build/ folder)
    assert not loader.STAMP_DIR.is_relative_to(paths.REPO_ROOT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert paths._user_cache_dir() == tmp_path / "eurasian-course"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths._user_cache_dir() == tmp_path / "home" / ".cache" / "eurasian-course"

    def no_home(cls):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    assert paths._user_cache_dir() == paths.REPO_ROOT / "_build" / "cache"


def test_a_remembered_validation_is_skipped_and_a_new_one_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "STAMP_DIR", tmp_path / "stamps")
    pkg = package_copy(tmp_path)
    path = pkg / "datapackage.json"
    calls = []
    real = loader.validate_package
    monkeypatch.setattr(loader, "validate_package", lambda p, recs: calls.append(p) or real(p, recs))
    recs = loader.validated_records(pkg)
    assert calls == [path]
    assert sorted(recs) == sorted(r["name"] for r in DESCRIPTOR["resources"])
    assert recs["tariffs"].label == "tariffs.csv"
    stamp = loader._validation_stamp(path)
    assert stamp.read_text(encoding="utf-8") == f"{path}\n"
    assert loader.validated_records(pkg) is recs  # same files: the cached result
    loader._validated.cache_clear()
    loader.validated_records(pkg)
    assert calls == [path]  # a new process would skip the schema and the rules too


def test_a_read_only_stamp_folder_just_validates_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(loader, "STAMP_DIR", blocker / "stamps")  # mkdir fails: a file is in the way
    pkg = package_copy(tmp_path)
    assert "tariffs" in loader.validated_records(pkg)
    assert not (blocker / "stamps").exists()


def test_the_rules_run_on_a_new_package(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "STAMP_DIR", tmp_path / "stamps")
    pkg = package_copy(tmp_path)
    seen = []
    monkeypatch.setattr(
        loader, "rules_for", lambda name: [lambda rec, get: seen.append((name, get("sources").label))]
    )
    loader.validated_records(pkg)
    assert sorted(seen) == sorted((r["name"], "sources.csv") for r in DESCRIPTOR["resources"])


def test_names_come_from_the_package_given(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"name": "a"}, {"name": "b"}]}', encoding="utf-8"
    )
    assert package.dataset_names(tmp_path) == ["a", "b"]
    with pytest.raises(DataError, match=r"no dataset named 'c'; expected one of: a, b\.$"):
        package.resource("c", tmp_path)


def test_refresh_lists_every_stale_and_refreshed_file(tmp_path, capsys):
    from coursekit.data.refresh import main

    pkg = package_copy(tmp_path)
    for name in ("tariffs", "autos"):
        edit(pkg, name, 2, "note", "An edited note.", rehash=False)  # valid data, stale hashes
    assert main([str(pkg), "--check"]) == 1
    assert capsys.readouterr().out.strip() == "stale: autos.csv, tariffs.csv"
    assert main([str(pkg)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "refreshed autos.csv, tariffs.csv"


def test_refresh_moves_hash_and_bytes_right_after_the_path():
    from coursekit.data.refresh import _after_path

    res = {"name": "t", "bytes": 3, "path": "t.csv", "schema": {}, "hash": "sha256:x"}
    assert list(_after_path(res)) == ["name", "path", "hash", "bytes", "schema"]
    assert _after_path(res) == res
