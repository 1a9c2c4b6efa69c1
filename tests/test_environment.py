"""The build, CI and Binder install one fully pinned environment."""

from __future__ import annotations

import json
import re

from tests.helpers import REPO_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)")


def _requirement_lines(path):
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            yield line


def _pins(path) -> dict[str, str]:
    pins = {}
    for line in _requirement_lines(path):
        match = PIN.match(line)
        assert match, f"{path.name}: '{line}' is not pinned with =="
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def _names(path) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", line, 1)[0].lower().replace("_", "-")
            for line in _requirement_lines(path)}


def test_lock_pins_every_direct_requirement_and_jupyter_book_1():
    pins = _pins(REPO_ROOT / "requirements.lock")
    assert pins["jupyter-book"] == "1.0.4.post1"
    missing = _names(REPO_ROOT / "requirements.in") - set(pins)
    assert not missing, f"requirements.lock lacks {sorted(missing)}: re-run pip-compile"
    assert "jupytext" in pins, "Binder needs jupytext to open the .md chapters as notebooks"


def test_test_lock_is_pinned_and_agrees_with_the_book_lock():
    book = _pins(REPO_ROOT / "requirements.lock")
    test = _pins(REPO_ROOT / "requirements-test.lock")
    assert {"pytest", "playwright", "frictionless"} <= set(test)
    clashes = {n: (book[n], v) for n, v in test.items() if n in book and book[n] != v}
    assert clashes == {}


def test_binder_installs_the_same_lock_on_python_3_11():
    lines = [l.strip() for l in (REPO_ROOT / "binder/requirements.txt").read_text().splitlines()
             if l.strip() and not l.startswith("#")]
    assert lines == ["-r ../requirements.lock"]
    assert (REPO_ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"


def test_binder_opens_markdown_chapters_with_jupytext():
    post_build = (REPO_ROOT / "binder/postBuild").read_text()
    assert "pip install --no-deps -e ." in post_build
    settings = json.loads(post_build.split("<<'JSON'\n", 1)[1].split("\nJSON", 1)[0])
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Jupytext Notebook"


def test_front_end_assets_are_pinned_by_the_npm_lock():
    manifest = json.loads((REPO_ROOT / "package.json").read_text())
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text())
    pinned = {**manifest["dependencies"], **manifest.get("devDependencies", {})}
    for name, version in pinned.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO_ROOT / "README.md").read_text()
    ci = (REPO_ROOT / ".ci/run").read_text()
    command = "bash scripts/test.sh"
    assert f"```bash\n{command}\n```" in readme
    assert re.search(rf"^{re.escape(command)}$", ci, re.M)
