"""The build, CI and Binder install one fully pinned, hash-checked environment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

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
    return {
        re.split(r"[<>=!~\[ ;]", line, maxsplit=1)[0].lower().replace("_", "-")
        for line in _requirement_lines(path)
    }


def test_lock_pins_every_direct_requirement_and_jupyter_book_1():
    pins = _pins(REPO_ROOT / "requirements.lock")
    assert pins["jupyter-book"] == "1.0.4.post1"
    missing = _names(REPO_ROOT / "requirements.in") - set(pins)
    assert not missing, f"requirements.lock lacks {sorted(missing)}: re-run pip-compile"
    assert "jupytext" in pins, "Binder needs jupytext to open the .md chapters as notebooks"


def test_test_lock_is_pinned_and_agrees_with_the_book_lock():
    book = _pins(REPO_ROOT / "requirements.lock")
    test = _pins(REPO_ROOT / "requirements-test.lock")
    assert {"pytest", "playwright", "frictionless", "ruff", "mutmut"} <= set(test)
    clashes = {n: (book[n], v) for n, v in test.items() if n in book and book[n] != v}
    assert clashes == {}


LOCKS = ("requirements.lock", "requirements-test.lock")


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_carries_sha256_hashes_and_no_machine_specific_index(lock):
    text = (REPO_ROOT / lock).read_text()
    # A requirement is a pin line plus its "\\"-continued --hash lines.
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pins = [b for b in blocks if PIN.match(b)]
    assert len(pins) >= 10
    unhashed = [b.split()[0] for b in pins if not re.search(r"--hash=sha256:[0-9a-f]{64}", b)]
    assert unhashed == [], f"{lock}: pins without hashes {unhashed}; regenerate with 'bash scripts/lock.sh'"
    # A CI runner or Binder has none of this machine's folders: the locks name no index.
    assert not re.search(r"^--(extra-)?index-url|^--find-links|^-f ", text, re.M)
    assert "pip-compile" in text and "--generate-hashes" in text


def test_env_script_installs_with_hashes_and_syncs_exactly():
    env = (REPO_ROOT / "scripts/env.sh").read_text()
    assert "--require-hashes" in env and "sync_env" in env
    assert "-e ." in env.split('sync_env "$@"', 1)[1], "coursekit is installed after the sync"


def test_sync_removes_what_no_lock_pins(tmp_path):
    # A real venv (Python 3.11's ensurepip puts pip and setuptools in it) and a lock that pins
    # only pip: the sync must take setuptools out, as pip-sync would.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    version = subprocess.run(
        [str(python), "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    lock = tmp_path / "only-pip.lock"
    lock.write_text(f"pip=={version} \\\n    --hash=sha256:{'0' * 64}\n")
    had = subprocess.run([str(python), "-c", "import setuptools"], capture_output=True)
    assert had.returncode == 0, "the new venv should start with setuptools"
    subprocess.run(
        ["bash", "-c", f'source scripts/env.sh && sync_env "{lock}"'],
        cwd=REPO_ROOT,
        env={**os.environ, "VENV_DIR": str(venv)},
        check=True,
        capture_output=True,
    )
    gone = subprocess.run([str(python), "-c", "import setuptools"], capture_output=True)
    assert gone.returncode != 0, "setuptools is not in the lock, so the sync must remove it"


def test_lock_script_regenerates_both_locks_with_hashes():
    script = (REPO_ROOT / "scripts/lock.sh").read_text()
    assert "--generate-hashes" in script and "--no-emit-index-url" in script
    assert "requirements.in requirements.lock" in script
    assert "requirements-test.in requirements-test.lock" in script
    for source in ("requirements.in", "requirements-test.in"):
        assert "bash scripts/lock.sh" in (REPO_ROOT / source).read_text()


def test_binder_installs_the_same_lock_on_python_3_11():
    lines = [
        line.strip()
        for line in (REPO_ROOT / "binder/requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["-r ../requirements.lock"]
    assert (REPO_ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"


def test_binder_post_build_installs_coursekit_and_writes_the_student_notebooks():
    post_build = (REPO_ROOT / "binder/postBuild").read_text()
    assert "pip install --no-deps --no-build-isolation -e ." in post_build
    # --no-build-isolation builds with the environment's own setuptools: the lock must pin it
    assert re.search(r"^setuptools==", (REPO_ROOT / "requirements.lock").read_text(), re.M)
    assert "coursekit.sphinx.student_notebooks . --replace" in post_build


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
    # Without it a runner that does not set CI itself would turn a missing Chromium or TeX into a skip.
    assert re.search(r"^export CI=true$", ci, re.M)
