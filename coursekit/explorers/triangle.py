"""Chapter 06 — Russia–Japan–China with amity/enmity on each side; names Dittmer's pattern (8 states).

The essay's Zero-Sum section imagines Russia balancing China through Japan, so the
triangle is Russia–Japan–China (the United States is the outside observer there).
The patterns' names and explanations are in ``triangle.yml``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import FONT, SIZE, C, keep_parts, note, parts_of
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
TRIANGLE_ACTORS = ("Russia", "Japan", "China")
TRIANGLE_EDGES = ((0, 1), (0, 2), (1, 2))
AMITY = (("Amity", True), ("Enmity", False))


def classify_triangle(
    edges: dict[tuple[int, int], bool], names=TRIANGLE_ACTORS
) -> tuple[str, str, int | None]:
    """(pattern name, explanation, pivot index or None) for the amity/enmity of the three pairs.

    Two friendly pairs share one actor, the pivot; one friendly pair leaves the third actor
    outside, hostile to both partners.
    """
    friends = [e for e, amity in edges.items() if amity]
    pat = TEXT["patterns"]
    if len(friends) == 3:
        return pat["all_amity"]["name"], pat["all_amity"]["explanation"], None
    if len(friends) == 2:
        pivot = (set(friends[0]) & set(friends[1])).pop()
        wings = [names[i] for i in range(3) if i != pivot]
        text = pat["two_amity"]["explanation"].format(pivot=names[pivot], wing1=wings[0], wing2=wings[1])
        return pat["two_amity"]["name"], text, pivot
    if len(friends) == 1:
        pair = friends[0]
        out = ({0, 1, 2} - set(pair)).pop()
        text = pat["one_amity"]["explanation"].format(
            partner1=names[pair[0]], partner2=names[pair[1]], outsider=names[out]
        )
        return pat["one_amity"]["name"], text, None
    return pat["no_amity"]["name"], pat["no_amity"]["explanation"], None


def triangle_edges(rj: bool, rc: bool, jc: bool) -> dict[tuple[int, int], bool]:
    return dict(zip(TRIANGLE_EDGES, (rj, rc, jc)))


def view(*, rj: bool, rc: bool, jc: bool) -> View:
    edges = triangle_edges(rj, rc, jc)
    name, expl, pivot = classify_triangle(edges)
    pairs = ", ".join(
        f"{TRIANGLE_ACTORS[i]}–{TRIANGLE_ACTORS[j]} {'amity (solid line)' if a else 'enmity (dashed line)'}"
        for (i, j), a in edges.items()
    )
    chart = dict(names=TRIANGLE_ACTORS, edges=edges, title=name, explanation=expl, highlight=pivot)
    return View(chart, f"Triangle diagram: {pairs}. Pattern: {name}. {expl}")


def triangle(
    names: Sequence[str],
    edges: dict[tuple[int, int], bool],
    *,
    title: str,
    explanation: str,
    highlight: int | None = None,
) -> Figure:  # pragma: no mutate block
    """Three actors at the corners; amity = solid thick line, enmity = dashed line, each labelled.

    The pattern's name is the title; its explanation is the figure's note (HTML under the image).
    """
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.2), layout=None)  # axes placed by hand
    ax = fig.add_axes((0.04, 0.15, 0.92, 0.7))
    pts = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, 0.87]])
    edge_artists, node_artists = [], []
    for (i, j), _amity in edges.items():
        (x0, y0), (x1, y1) = pts[i], pts[j]
        (line,) = ax.plot([x0, x1], [y0, y1], zorder=1)
        text = ax.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2,
            "",
            ha="center",
            va="center",
            fontsize=FONT["small"],
            bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none"),
            zorder=2,
        )
        edge_artists.append((line, text))
    for _name, (x, y) in zip(names, pts):
        node_artists.append(
            (
                ax.scatter([x], [y], color="white", edgecolor="black", zorder=3, clip_on=False),
                ax.text(x, y, "", ha="center", va="center", fontsize=FONT["small"], zorder=4),
            )
        )
    parts = keep_parts(
        fig, "triangle", structure=(tuple(names), tuple(edges)), edges=edge_artists, nodes=node_artists
    )
    _triangle_state(parts, names, edges, highlight)
    ax.set_xlim(-0.45, 1.45)
    ax.set_ylim(-0.2, 1.08)
    ax.set_aspect("equal")
    ax.axis("off")
    handles = [
        Line2D([], [], color=C["bluish_green"], linewidth=3.5, label="amity (solid)"),
        Line2D([], [], color=C["vermillion"], linewidth=2.2, linestyle=(0, (4, 3)), label="enmity (dashed)"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncols=2)
    parts["title"] = fig.text(0.03, 0.97, title, fontsize=FONT["title"], fontweight="bold", va="top")
    note(fig, explanation)
    return fig


def update_triangle(
    fig: Figure,
    names: Sequence[str],
    edges: dict[tuple[int, int], bool],
    *,
    title: str,
    explanation: str,
    highlight: int | None = None,
) -> None:  # pragma: no mutate block
    """Move a :func:`triangle` figure to new amity/enmity edges and texts (same actors and pairs)."""
    parts = parts_of(fig, "triangle", structure=(tuple(names), tuple(edges)))
    _triangle_state(parts, names, edges, highlight)
    parts["title"].set_text(title)
    note(fig, explanation)


def _triangle_state(parts: dict, names, edges, highlight) -> None:  # pragma: no mutate block
    for (line, text), amity in zip(parts["edges"], edges.values()):
        line.set_color(C["bluish_green"] if amity else C["vermillion"])
        line.set_linestyle("-" if amity else (0, (4, 3)))
        line.set_linewidth(3.5 if amity else 2.2)
        text.set_text("amity" if amity else "enmity")
    for k, (name, (dot, label)) in enumerate(zip(names, parts["nodes"])):
        pivot = k == highlight
        dot.set_sizes([2600 if pivot else 2000])
        dot.set_linewidth(2.5 if pivot else 1)
        label.set_text(name + ("\n(pivot)" if pivot else ""))
        label.set_fontweight("bold" if pivot else "normal")


@chapter_widget("06-zero-sum")
def strategic_triangle() -> StaticWidget:
    """Russia–Japan–China with amity/enmity on each side; names Dittmer's pattern (8 states)."""
    a, b, c = TRIANGLE_ACTORS
    controls = {
        "rj": Choice(f"{a}–{b}", list(AMITY), kind="auto"),
        "rc": Choice(f"{a}–{c}", list(AMITY), kind="auto"),
        "jc": Choice(f"{b}–{c}", list(AMITY), kind="auto"),
    }
    return view_widget(
        view,
        triangle,
        controls,
        update=update_triangle,
        caption=TEXT["caption"],
        default={"rj": True, "rc": True, "jc": False},
    )
