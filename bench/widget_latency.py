"""Live-kernel redraw latency of coursekit widgets: prints median and 95th percentile.

Not a test: timings depend on the machine. Run it where students will run the book
(e.g. a Binder-sized container) and check the median stays under 100 ms:

    python bench/widget_latency.py [--repeats 60] [--widgets trade_explorer,payoff_game | --widgets all]

It times what a student waits for after changing a control in Jupyter: the
Python callback, the figure update, rasterising and encoding the PNG, and
setting the output widget's value (the comm message itself is not included).
Two paths:

- "update artists": the widget has ``update=``, which moves the existing lines;
  the layout is recomputed only when a discrete control changes;
- "full redraw":    no ``update=``, so every change builds a new figure.

Slider moves and discrete changes are reported separately and together.

The default chart is synthetic but shaped like the book's trade charts: two series
of 21 yearly points, markers, legend, title, axis labels, constrained layout.
``--widgets`` times the chapter widgets of the registry (``coursekit.explorers.REGISTRY``)
on both paths instead: each control steps through its options; the full-redraw path is
the same widget with its ``update`` switched off.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time

os.environ["COURSE_LIVE"] = "1"  # build the live view, as in Jupyter/Binder

import ipywidgets  # noqa: E402

from coursekit import style  # noqa: E402
from coursekit.widgets import Choice, static_widget  # noqa: E402

YEARS = list(range(2000, 2021))


def series(shape: str, k: int) -> list[float]:
    phase = {"wave": 0.0, "shifted": 1.3, "steep": 2.1}[shape]
    return [1000 + 400 * k + 300 * math.sin(y / 3 + phase + k) * (1 + (y - 2000) / 20) for y in YEARS]


def draw(shape: str, start: int = 2000):
    fig = style.new_figure()
    ax = fig.add_subplot()
    for k in range(2):
        ax.plot(YEARS, series(shape, k), marker="o", markersize=3, label=f"Series {k + 1} ({shape})")
    ax.set_title(f"Synthetic benchmark chart: {shape}")
    ax.set_xlabel("Year")
    ax.set_ylabel("Value")
    ax.set_xlim(start - 0.5, 2020.5)
    ax.legend(loc="upper left")
    return fig


def update(fig, shape: str, start: int = 2000) -> None:
    ax = fig.axes[0]
    for k, (line, text) in enumerate(zip(ax.lines, ax.get_legend().get_texts())):
        line.set_ydata(series(shape, k))
        text.set_text(f"Series {k + 1} ({shape})")
    ax.set_title(f"Synthetic benchmark chart: {shape}")
    ax.set_xlim(start - 0.5, 2020.5)
    ax.relim()
    ax.autoscale_view(scalex=False)


def alt(shape: str, start: int = 2000) -> str:
    return f"Synthetic chart, {shape}, from {start}"


def measure(with_update: bool, repeats: int) -> dict[str, list[float]]:
    slider = ipywidgets.IntSlider(value=2000, min=2000, max=2015, description="First year")
    widget = static_widget(
        draw,
        {"shape": Choice("Shape", [("Wave", "wave"), ("Shifted", "shifted"), ("Steep", "steep")])},
        caption="benchmark",
        alt=alt,
        live={"start": slider},
        update=update if with_update else None,
    )
    view = widget.live_view()  # first draw happens here, not timed
    shape = view.controls["shape"]
    timings: dict[str, list[float]] = {"slider": [], "discrete": [], "slider cpu": [], "discrete cpu": []}
    for i in range(repeats):
        kind = "discrete" if i % 4 == 3 else "slider"  # mix changes, as a student would
        t0, c0 = time.perf_counter(), time.process_time()
        if kind == "discrete":
            shape.index = (shape.index + 1) % 3
        else:
            slider.value = 2000 + (slider.value - 2000 + 1) % 16
        timings[kind].append((time.perf_counter() - t0) * 1000)
        timings[f"{kind} cpu"].append((time.process_time() - c0) * 1000)
    assert view.redraw_count == repeats + 1, "every change must trigger exactly one redraw"
    return timings


def measure_registered(use, with_update: bool, repeats: int) -> list[float] | None:
    """Wall-clock ms of ``repeats`` control changes of a registered chapter widget (one live view).

    None for the update path of a widget without ``update=``.
    """
    from coursekit.explorers import registry

    widget = registry.build(use)
    if with_update and widget.update is None:
        return None
    if not with_update:
        widget.update = None  # every change draws a new figure
    view = widget.live_view()
    controls = [w for w in view.controls.values() if len(w.options) > 1]
    timings = []
    for i in range(repeats):
        w = controls[i % len(controls)]
        before = view.redraw_count
        t0 = time.perf_counter()
        w.index = (w.index + 1) % len(w.options)
        timings.append((time.perf_counter() - t0) * 1000)
        assert view.redraw_count == before + 1, f"{use.source}: a change must trigger exactly one redraw"
    return timings


def registered(names: str) -> list:
    """The registry's interactive chapter calls named in ``names`` ("all" for every one)."""
    from coursekit.explorers import registry

    uses = registry.uses(interactive=True)
    if names == "all":
        return uses
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = sorted(set(wanted) - {u.name for u in uses})
    if unknown:
        raise SystemExit(
            f"--widgets: {unknown} are not interactive widgets in coursekit.explorers.REGISTRY "
            f"(choose from {sorted({u.name for u in uses})}, or 'all')."
        )
    return [u for u in uses if u.name in wanted]


def main_registered(names: str, repeats: int) -> None:
    print(f"live redraw latency of chapter widgets over {repeats} control changes each (ms, wall clock)")
    print(f"{'widget':<40} {'path':<16} {'median':>8} {'p95':>8} {'max':>8}")
    for use in registered(names):
        for label, with_update in (("update artists", True), ("full redraw", False)):
            t = measure_registered(use, with_update, repeats)
            if t is None:
                continue  # this widget has no update=; only the full-redraw path exists
            print(f"{use.source:<40} {label:<16} {statistics.median(t):8.1f} {p95(t):8.1f} {max(t):8.1f}")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--widgets", help="registered chapter widgets to time (comma-separated, or 'all')")
    args = parser.parse_args()
    if args.repeats < 8:
        parser.error("--repeats must be at least 8 (both kinds of change are needed)")
    if args.widgets:
        main_registered(args.widgets, args.repeats)
        return
    print(f"live redraw latency over {args.repeats} control changes (ms)")
    print("wall = what the student waits; cpu = this process's CPU time (less disturbed by")
    print("other load on the machine; if they differ a lot, the machine is busy)")
    print(f"{'path':<16} {'change':<9} {'clock':<5} {'n':>3} {'median':>8} {'p95':>8} {'max':>8}")
    for label, with_update in (("update artists", True), ("full redraw", False)):
        t = measure(with_update, args.repeats)
        rows = {
            ("slider", "wall"): t["slider"],
            ("discrete", "wall"): t["discrete"],
            ("all", "wall"): t["slider"] + t["discrete"],
            ("all", "cpu"): t["slider cpu"] + t["discrete cpu"],
        }
        for (kind, clock), v in rows.items():
            print(
                f"{label:<16} {kind:<9} {clock:<5} {len(v):3d} {statistics.median(v):8.1f} "
                f"{p95(v):8.1f} {max(v):8.1f}"
            )
    print("target: median < 100 ms (wall, all changes) on the update-artists path")


if __name__ == "__main__":
    main()
