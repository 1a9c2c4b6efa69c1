"""Live callback latency of every explorer widget the book's chapters call.

The widgets and the chapters' calls come from the registry
(``coursekit.explorers.REGISTRY``); ``--from-chapters`` instead replays the
``explorers.<name>(...)`` calls found in ``BOOK/chapters/*.md`` (for another book).
bench/benchmark.py runs this in its own process, because live mode is forced
through the environment (``COURSE_LIVE=1``) and must not leak into the book
builds. Run on its own it prints the JSON it writes:

    python -m bench.live_widgets --book . [--widgets strategic_triangle] [--rounds 3] [--from-chapters]

The timing is bench/widget_latency.py's: the wall-clock (and CPU) time from
setting a control to the end of the live view's redraw (Python callback, figure
update, PNG encoding, setting the output widget), with a check that each change
triggers exactly one redraw. Each round steps every control through all its
options once, so every option of every widget is drawn live.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CALL = re.compile(r"explorers\.(\w+)\(")
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
#: Steps a live slider makes per round (sliders have no option list to cycle through).
SLIDER_STEPS = 5


class WidgetDiscoveryError(ValueError):
    pass


@dataclass
class WidgetCall:
    name: str
    args: tuple
    kwargs: dict
    chapters: list[str]

    @property
    def source(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"explorers.{self.name}({', '.join(parts)})"


def _cell_code(cell: str) -> str:
    """A code cell's Python: without its ``:key: value`` / ``---`` option header or magics."""
    lines = cell.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        lines = lines[end + 1 :]
    while lines and lines[0].startswith(":"):
        lines = lines[1:]
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines)


def discover_calls(book: Path) -> list[WidgetCall]:
    """Every distinct ``explorers.<name>(...)`` call in the code cells of ``book/chapters/*.md``."""
    found: dict[tuple, WidgetCall] = {}
    for path in sorted((book / "chapters").glob("*.md")):
        rel = path.relative_to(book).as_posix()
        for cell in CODE_CELL.findall(path.read_text(encoding="utf-8")):
            code = _cell_code(cell)
            expected = CALL.findall(code)
            if not expected:
                continue
            try:
                tree = ast.parse(code)
            except SyntaxError as exc:
                raise WidgetDiscoveryError(
                    f"{rel}: a code cell calling explorers does not parse ({exc})."
                ) from exc
            seen = []
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "explorers"
                ):
                    try:
                        args = tuple(ast.literal_eval(a) for a in node.args)
                        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                    except ValueError as exc:
                        raise WidgetDiscoveryError(
                            f"{rel}: explorers.{node.func.attr}(...) has a non-literal argument; the benchmark "
                            "can only replay calls with literal arguments."
                        ) from exc
                    key = (node.func.attr, args, tuple(sorted(kwargs.items())))
                    call = found.setdefault(key, WidgetCall(node.func.attr, args, kwargs, []))
                    if rel not in call.chapters:
                        call.chapters.append(rel)
                    seen.append(node.func.attr)
            if sorted(seen) != sorted(expected):  # never drop a call silently
                raise WidgetDiscoveryError(
                    f"{rel}: found explorers calls {expected} but could read only {seen}."
                )
    return list(found.values())


def registry_calls() -> list[WidgetCall]:
    """Every chapter call of every registered widget, as the registry records it."""
    from coursekit.explorers import registry

    found: dict[tuple, WidgetCall] = {}
    for use in registry.uses():
        key = (use.name, tuple(sorted(use.kwargs.items())))
        call = found.setdefault(key, WidgetCall(use.name, (), dict(use.kwargs), []))
        call.chapters.append(f"chapters/{use.chapter}.md")
    return list(found.values())


def named_calls(names: list[str]) -> list[WidgetCall]:
    """Calls without arguments of the named registered widgets (``--widgets``)."""
    from coursekit.explorers import REGISTRY

    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise WidgetDiscoveryError(
            f"--widgets: {unknown} not in coursekit.explorers.REGISTRY (choose from {sorted(REGISTRY)})."
        )
    return [WidgetCall(n, (), {}, ["(--widgets)"]) for n in names]


def _changes(view, rounds: int):
    """(control name, kind, function making one change) for every change of the run."""
    for _ in range(rounds):
        for name, w in view.controls.items():
            n = len(w.options)
            for _ in range(n if n > 1 else 0):
                yield name, "option", lambda w=w, n=n: setattr(w, "index", (w.index + 1) % n)
        for name, s in view.owner.live_controls.items():
            lo, hi, step = s.min, s.max, getattr(s, "step", 1) or 1
            for _ in range(SLIDER_STEPS if hi > lo else 0):
                yield (
                    name,
                    "slider",
                    lambda s=s, lo=lo, hi=hi, step=step: setattr(
                        s, "value", lo if s.value + step > hi else s.value + step
                    ),
                )


def measure(call: WidgetCall, rounds: int) -> dict:
    from coursekit.explorers import REGISTRY
    from coursekit.widgets import StaticWidget

    if call.name not in REGISTRY:
        raise WidgetDiscoveryError(f"{call.source}: no such widget in coursekit.explorers.REGISTRY.")
    obj = REGISTRY[call.name].build(*call.args, **call.kwargs)
    row = {"call": call.source, "chapters": call.chapters}
    if not isinstance(obj, StaticWidget):
        return {**row, "widget": False, "kind": type(obj).__name__}
    t0 = time.perf_counter()
    view = obj.live_view()  # the first draw: what opening the notebook costs, not a callback
    row["first_draw_ms"] = (time.perf_counter() - t0) * 1000
    wall, cpu = [], []
    for control, kind, change in _changes(view, rounds):
        before = view.redraw_count
        t0, c0 = time.perf_counter(), time.process_time()
        change()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if view.redraw_count != before + 1:
            raise RuntimeError(
                f"{call.source}: changing {control!r} ({kind}) triggered "
                f"{view.redraw_count - before} redraws, expected exactly one."
            )
    if not wall:
        raise RuntimeError(f"{call.source}: no control has more than one option; nothing to time.")
    return {
        **row,
        "widget": True,
        "controls": list(view.controls) + list(view.owner.live_controls),
        "changes": len(wall),
        "wall_ms": wall,
        "cpu_ms": cpu,
    }


def summarise(rows: list[dict]) -> dict:
    from bench.widget_latency import p95  # the same percentile as the stand-alone latency script

    widgets = [r for r in rows if r.get("widget")]
    wall = [t for r in widgets for t in r["wall_ms"]]
    cpu = [t for r in widgets for t in r["cpu_ms"]]
    for r in widgets:
        r["median_ms"] = statistics.median(r["wall_ms"])
        r["p95_ms"] = p95(r["wall_ms"]) if len(r["wall_ms"]) > 1 else r["wall_ms"][0]
        r["max_ms"] = max(r["wall_ms"])
    return {
        "n_widgets": len(widgets),
        "n_changes": len(wall),
        "median_ms": statistics.median(wall) if wall else None,
        "p95_ms": (p95(wall) if len(wall) > 1 else wall[0]) if wall else None,
        "cpu_median_ms": statistics.median(cpu) if cpu else None,
        "per_widget": rows,
    }


def run(book: Path, names: list[str] | None, rounds: int, from_chapters: bool = False) -> dict:
    if os.environ.get("COURSE_LIVE") != "1":
        raise RuntimeError(
            "run me with COURSE_LIVE=1 (bench/benchmark.py does), so widgets build their live view."
        )
    if names:
        calls, source = named_calls(names), "--widgets"
    elif from_chapters:
        calls, source = discover_calls(book), "explorers calls in chapters/*.md"
    else:
        calls, source = registry_calls(), "coursekit.explorers.REGISTRY"
    rows = []
    for call in calls:
        try:
            rows.append(measure(call, rounds))
        except Exception as exc:  # one broken widget is a finding, not the end of the benchmark
            rows.append(
                {
                    "call": call.source,
                    "chapters": call.chapters,
                    "widget": True,
                    "error": f"{type(exc).__name__}: {exc}",
                    "wall_ms": [],
                    "cpu_ms": [],
                }
            )
    ok = [r for r in rows if r.get("widget") and not r.get("error")]
    result = summarise(ok)
    result["per_widget"] = rows
    result["errors"] = [f"{r['call']}: {r['error']}" for r in rows if r.get("error")]
    result["not_widgets"] = [f"{r['call']} ({r['kind']})" for r in rows if not r.get("widget")]
    result["rounds"] = rounds
    result["source"] = source
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=Path("."))
    parser.add_argument("--widgets", help="comma-separated explorer names instead of the chapters' calls")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--from-chapters",
        action="store_true",
        help="replay the explorers calls in BOOK/chapters/*.md instead of the registry's",
    )
    parser.add_argument("--out", type=Path, help="write the JSON here (default: print it)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    os.environ.setdefault("COURSE_LIVE", "1")
    names = [n.strip() for n in args.widgets.split(",") if n.strip()] if args.widgets else None
    try:
        result = run(args.book.resolve(), names, args.rounds, args.from_chapters)
    except WidgetDiscoveryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(result, indent=1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
