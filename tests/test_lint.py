"""The code is lint-clean and formatted: ruff, configured in pyproject.toml, as in pre-commit.

To fix what this reports: ``.venv/bin/ruff format coursekit tests bench scripts`` and
``.venv/bin/ruff check --fix coursekit tests bench scripts``, then edit what remains.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT

RUFF = Path(sys.executable).parent / "ruff"
PATHS = ["coursekit", "tests", "bench", "scripts"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    assert RUFF.is_file(), (
        f"{RUFF} is missing: it is pinned in requirements-test.lock (bash scripts/test.sh installs it)"
    )
    return subprocess.run([str(RUFF), *args, *PATHS], cwd=REPO_ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "args, fix",
    [
        (("check", "--no-fix", "--output-format", "concise"), "ruff check --fix"),
        (("format", "--check"), "ruff format"),
    ],
    ids=["lint", "format"],
)
def test_ruff_is_clean(args, fix):
    result = _ruff(*args)
    if result.returncode != 0:
        pytest.fail(
            f"ruff {' '.join(args)} found problems (fix: .venv/bin/{fix} {' '.join(PATHS)}):\n"
            f"{result.stdout}{result.stderr}",
            pytrace=False,
        )


def test_pre_commit_runs_the_same_pinned_ruff():
    config = (REPO_ROOT / ".pre-commit-config.yaml").read_text()
    assert "repo: local" in config and "language: system" in config
    assert ".venv/bin/ruff check" in config and ".venv/bin/ruff format" in config
