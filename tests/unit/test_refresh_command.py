"""``python -m coursekit.data.refresh``: what it prints, what it writes and its exit status.

The expected hashes are computed here with hashlib from the file bytes, and the exit
statuses and messages are those of the module's docstring (found by mutation testing:
see bench/README.md).
"""

from __future__ import annotations

import hashlib
import json

import pytest

from coursekit.data.refresh import main, refresh, stale
from tests.unit.bad_input_helpers import package_copy


def declared(pkg, name: str) -> dict:
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    return next(r for r in desc["resources"] if r["path"] == name)


def touch_tariffs(pkg) -> bytes:
    path = pkg / "tariffs.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last row: still valid data
    return path.read_bytes()


def test_check_reports_up_to_date_hashes_and_exits_0(tmp_path, capsys):
    pkg = package_copy(tmp_path)
    assert main([str(pkg), "--check"]) == 0
    assert capsys.readouterr().out.strip() == "all hashes up to date"
    assert stale(pkg) == []


def test_check_names_stale_files_exits_1_and_writes_nothing(tmp_path, capsys):
    pkg = package_copy(tmp_path)
    before = (pkg / "datapackage.json").read_text(encoding="utf-8")
    touch_tariffs(pkg)
    assert main([str(pkg), "--check"]) == 1
    assert capsys.readouterr().out.strip() == "stale: tariffs.csv"
    assert (pkg / "datapackage.json").read_text(encoding="utf-8") == before


def test_refresh_writes_sha256_and_size_right_after_the_path(tmp_path, capsys):
    pkg = package_copy(tmp_path)
    content = touch_tariffs(pkg)
    assert main([str(pkg)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["refreshed tariffs.csv", "the package validates"]
    res = declared(pkg, "tariffs.csv")
    assert res["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
    assert res["bytes"] == len(content)
    keys = list(res)
    assert keys[keys.index("path") + 1 : keys.index("path") + 3] == ["hash", "bytes"]
    text = (pkg / "datapackage.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and '\n  "resources": [' in text  # 2-space indent kept
    assert stale(pkg) == []
    assert refresh(pkg) == []  # a second run changes nothing


def test_refresh_of_an_unchanged_package_says_so(tmp_path, capsys):
    pkg = package_copy(tmp_path)
    assert main([str(pkg)]) == 0
    assert capsys.readouterr().out.splitlines() == ["all hashes were up to date", "the package validates"]


def test_refresh_still_validates_and_fails_on_bad_data(tmp_path, capsys):
    pkg = package_copy(tmp_path)
    path = pkg / "tariffs.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1] + lines[1] + "".join(lines[2:]), encoding="utf-8")  # a repeated key
    assert main([str(pkg)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "refreshed tariffs.csv"
    assert captured.err.startswith("the package still does not validate: ")
    assert "tariffs.csv" in captured.err


def test_help_shows_the_documented_command_an_optional_folder_and_the_check_flag(capsys):
    import coursekit.data.refresh as module

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m coursekit.data.refresh [-h] [--check] [package]")
    assert module.__doc__.splitlines()[0] in " ".join(out.split())
    lines = {
        line.split()[0]: line for line in out.splitlines() if line.strip().startswith(("package", "--check"))
    }
    assert len(lines["package"].split()) > 3 and len(lines["--check"].split()) > 3  # each has a help text
