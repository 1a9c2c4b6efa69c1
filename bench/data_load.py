"""Benchmark: what the data package's checks cost a notebook kernel, and the answer boxes a build.

    .venv/bin/python -m bench.data_load [--rounds 3]

Prints, as the median of fresh Python processes:
- a first ``load("trade")`` that validates the package through frictionless (no stamp);
- a first ``load("trade")`` when this exact package was validated before (the stamp in
  ``~/.cache/eurasian-course/data-validated/``: integrity is still checked, frictionless is skipped);
- building every exercise's answer-box data (what the Sphinx build adds).
Figures only; no budget is asserted here.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FIRST_LOAD = """
import time, sys
t = time.perf_counter()
import coursekit.data as d
d.load("trade")
print(time.perf_counter() - t)
"""

BOXES = """
import time
from coursekit.exercises import exercise_ids
from coursekit.exercises.boxes import box_data
import coursekit.data as d
d.load("trade")
t = time.perf_counter()
for e in exercise_ids():
    box_data(e)
print(time.perf_counter() - t)
"""


def _run(code: str, env_stamp_dir: str | None = None) -> float:
    prefix = ""
    if env_stamp_dir:  # validate as if no stamp existed: point the stamp folder somewhere empty
        prefix = (
            f"import coursekit.data.loader as L, pathlib; L.STAMP_DIR = pathlib.Path({env_stamp_dir!r})\n"
        )
    out = subprocess.run(
        [sys.executable, "-c", prefix + code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    cold, warm, boxes = [], [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as empty:
            cold.append(_run(FIRST_LOAD, env_stamp_dir=empty))
        warm.append(_run(FIRST_LOAD))
        boxes.append(_run(BOXES))
    print(f"first load, validating (frictionless):  {statistics.median(cold):.2f} s")
    print(f"first load, package validated before:   {statistics.median(warm):.2f} s")
    print(f"answer-box data for every exercise:      {statistics.median(boxes):.2f} s")


if __name__ == "__main__":
    main()
