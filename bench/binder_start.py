"""Binder start-up benchmark: from starting JupyterLab to the first chapter's widgets responding.

    .venv/bin/python -m bench.binder_start [--rounds N]

In the Binder-equivalent environment of tests/test_binder.py (a Python 3.11 virtual
environment with binder/requirements.txt, cached by the lock's hash; binder/postBuild in a
copy of the repository, HOME in a temporary folder). Each round starts a new JupyterLab,
opens the first essay chapter's student notebook in Chromium, runs all cells and changes
a control of its first widget. It prints, per round and as a median:

- server ready: JupyterLab answers /api/status;
- notebook open: the chapter is open with its kernel ready;
- cells run: every cell has run;
- widget responds: a control change has redrawn the first widget's output (the total).

The install and postBuild are not timed (Binder does them once, when it builds the image).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests import binderlab
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS

FIRST_CHAPTER = "chapters/02-thesis.ipynb"


def one_round(repo: Path, venv: Path, home: Path, browser) -> dict[str, float]:
    marks: dict[str, float] = {}
    with binderlab.jupyterlab(repo, venv, home) as lab:
        marks["server ready"] = time.monotonic() - lab.started
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        binderlab.open_lab(page, lab.url)
        binderlab.open_notebook(page, FIRST_CHAPTER)
        marks["notebook open"] = time.monotonic() - lab.started
        binderlab.run_all(page)
        marks["cells run"] = time.monotonic() - lab.started
        roots = page.locator(binderlab.WIDGET_ROOTS)
        if roots.count() == 0:
            raise SystemExit(f"{FIRST_CHAPTER} shows no widget in JupyterLab")
        problem = binderlab.widget_responds(page, roots.first)
        if problem:
            raise SystemExit(f"{FIRST_CHAPTER}: first widget: {problem}")
        marks["widget responds"] = time.monotonic() - lab.started
        page.evaluate(binderlab.SHUTDOWN_ALL)
        page.close()
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    t0 = time.monotonic()
    venv = binderlab.binder_venv()
    print(f"Binder-equivalent environment: {venv} (ready in {time.monotonic() - t0:.0f} s)")
    with tempfile.TemporaryDirectory(prefix="binder-bench-") as tmp:
        repo = binderlab.repository_copy(Path(tmp) / "repo")
        home = Path(tmp) / "home"
        binderlab.post_build(repo, venv, home)
        rounds = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            for i in range(args.rounds):
                marks = one_round(repo, venv, home, browser)
                rounds.append(marks)
                print(f"round {i + 1}: " + ", ".join(f"{k} {v:.1f} s" for k, v in marks.items()))
            browser.close()
    print(f"\nJupyterLab start to {FIRST_CHAPTER}'s first widget responding (median of {len(rounds)}):")
    for key in rounds[0]:
        print(f"  {key:<16} {statistics.median(r[key] for r in rounds):6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
