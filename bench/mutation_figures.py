"""Per-module figures of the last mutmut run, as a Markdown table for bench/README.md.

Reads mutmut's result files (``mutants/**/*.py.meta``) after ``mutmut run``:

    .venv/bin/python bench/mutation_figures.py            # every module in scope
    .venv/bin/python bench/mutation_figures.py --checked  # only modules with a checked mutant
    .venv/bin/python bench/mutation_figures.py coursekit/explorers coursekit/text.py  # only these

A timeout counts as killed (the mutant hung the tests). "reached" = killed + survived +
timeout (a fast test ran the mutated function); "all" also counts the mutants no fast test
reaches. Mutants not yet checked are shown apart and left out of both percentages.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", None: "not checked"}
STATUS.update({code: "timeout" for code in (36, -24, 24, 152, 255)})


def counts(meta: Path) -> Counter:
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
    return Counter(STATUS.get(code, "other") for code in codes)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def row(name: str, c: Counter) -> str:
    killed = c["killed"] + c["timeout"]
    reached = killed + c["survived"]
    checked = reached + c["no tests"]
    cells = [name, sum(c.values()), c["killed"], c["survived"], c["timeout"], c["no tests"], c["not checked"]]
    cells += [percent(killed, checked), percent(killed, reached)]
    return "| " + " | ".join(str(x) for x in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checked", action="store_true", help="leave out modules with no checked mutant")
    parser.add_argument("paths", nargs="*", help="only modules whose path starts with one of these")
    args = parser.parse_args()
    total = Counter()
    print("| module | mutants | killed | survived | timeout | no tests | not checked | of all | of reached |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for meta in sorted((ROOT / "mutants" / "coursekit").rglob("*.py.meta")):
        name = meta.relative_to(ROOT / "mutants").as_posix().removesuffix(".meta")
        if args.paths and not name.startswith(tuple(args.paths)):
            continue
        c = counts(meta)
        if not sum(c.values()) or (args.checked and c["not checked"] == sum(c.values())):
            continue
        total += c
        print(row(name, c))
    print(row("**total**", total))


if __name__ == "__main__":
    main()
