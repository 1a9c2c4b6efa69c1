"""Chapter 06 — a 2×2 game with illustrative payoffs: constant-sum vs positive-sum, equilibria marked on request.

The payoffs and the explanations are in ``payoff.yml``.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .. import style
from ..widgets import Choice, StaticWidget, View, view_widget
from .charts import FONT, SIZE, keep_parts, note, parts_of
from .registry import chapter_widget
from .texts import texts

TEXT = texts(__name__)
PLAYERS = ("Country A", "Country B")
STRATEGIES = ("Cooperate", "Go it alone")
#: Illustrative payoffs (no data): PAYOFFS[game][row][column] = (A's payoff, B's payoff).
PAYOFFS = {
    game: tuple(tuple(tuple(cell) for cell in row) for row in grid) for game, grid in TEXT["payoffs"].items()
}
GAME_LABELS = (("Constant-sum", "constant"), ("Positive-sum", "positive"))
MARKS = (("Nothing", "none"), ("Equilibria", "nash"), ("Largest total", "total"))
CELLS = [(r, c) for r in range(2) for c in range(2)]


def pure_equilibria(payoffs) -> set[tuple[int, int]]:
    """Cells where neither player gains by switching alone (pure-strategy Nash equilibria).

    A tie counts as no gain: a cell whose payoff equals the alternative's is still an equilibrium.
    """
    eq = set()
    for r, c in CELLS:
        row_ok = payoffs[r][c][0] >= payoffs[1 - r][c][0]
        col_ok = payoffs[r][c][1] >= payoffs[r][1 - c][1]
        if row_ok and col_ok:
            eq.add((r, c))
    return eq


def largest_total(payoffs) -> set[tuple[int, int]]:
    """Cells whose two payoffs add up to the most (all tied cells)."""
    best = max(sum(payoffs[r][c]) for r, c in CELLS)
    return {(r, c) for r, c in CELLS if sum(payoffs[r][c]) == best}


def cell_name(rc) -> str:
    return f"{PLAYERS[0]}: {STRATEGIES[rc[0]].lower()}, {PLAYERS[1]}: {STRATEGIES[rc[1]].lower()}"


def marked(game: str, mark: str) -> set[tuple[int, int]]:
    p = PAYOFFS[game]
    return {"none": set(), "nash": pure_equilibria(p), "total": largest_total(p)}[mark]


def alt_text(game: str, mark: str) -> str:
    p = PAYOFFS[game]
    cells = "; ".join(f"{cell_name((r, c))}: {p[r][c][0]} and {p[r][c][1]}" for r, c in CELLS)
    text = f"2×2 payoff matrix, {game}-sum game (illustrative payoffs, {PLAYERS[0]} first): {cells}."
    m = marked(game, mark)
    if mark == "nash":
        text += " Marked as equilibria: " + "; ".join(cell_name(x) for x in sorted(m)) + "."
    elif mark == "total":
        text += (
            " Marked as largest total: "
            + ("all four cells" if len(m) == 4 else "; ".join(cell_name(x) for x in sorted(m)))
            + "."
        )
    return text


def view(*, game: str, mark: str) -> View:
    lab = {"none": "", "nash": "equilibrium", "total": "largest total"}[mark]
    chart = dict(
        payoffs=PAYOFFS[game],
        row_labels=STRATEGIES,
        col_labels=STRATEGIES,
        players=PLAYERS,
        marked=marked(game, mark),
        mark_label=lab,
        explanation=TEXT["explanations"][game],
        title=f"{dict((v, k) for k, v in GAME_LABELS)[game]} game (illustrative payoffs, not data)",
    )
    return View(chart, alt_text(game, mark))


def payoff_matrix(
    payoffs,
    row_labels,
    col_labels,
    players: tuple[str, str],
    *,
    marked: set,
    mark_label: str,
    title: str,
    explanation: str,
) -> Figure:  # pragma: no mutate block
    """2x2 matrix; each cell shows both payoffs in text; marked cells get a star and a thick border."""
    fig = style.new_figure(figsize=(SIZE[0], SIZE[1] + 0.6), layout=None)  # axes placed by hand
    ax = fig.add_axes((0.25, 0.03, 0.72, 0.72))
    totals = _totals(payoffs)
    image = ax.imshow(
        totals, cmap="Blues", vmin=0, vmax=totals.max() * 3
    )  # light shades: black text stays readable
    parts = keep_parts(
        fig,
        "payoff_matrix",
        labels=(list(row_labels), list(col_labels), tuple(players)),
        image=image,
        drawn=[],
    )
    _payoff_cells(ax, parts, payoffs, players, marked, mark_label)
    ax.set_xticks([0, 1], col_labels)
    ax.set_yticks([0, 1], [textwrap.fill(lab, 10) for lab in row_labels])
    ax.xaxis.tick_top()
    ax.set_xlabel(f"{players[1]} chooses")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel(f"{players[0]} chooses")
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    # the title above the matrix; the explanation is the figure's note (HTML under the image)
    parts["title"] = fig.text(0.02, 0.98, textwrap.fill(title, 46), fontsize=FONT["title"], va="top")
    note(fig, explanation)
    return fig


def update_payoff_matrix(
    fig: Figure,
    payoffs,
    row_labels,
    col_labels,
    players: tuple[str, str],
    *,
    marked: set,
    mark_label: str,
    title: str,
    explanation: str,
) -> None:  # pragma: no mutate block
    """Move a :func:`payoff_matrix` figure to new payoffs, marks and texts (same strategies and players)."""
    parts = parts_of(fig, "payoff_matrix", labels=(list(row_labels), list(col_labels), tuple(players)))
    ax = fig.axes[0]
    totals = _totals(payoffs)
    parts["image"].set_data(totals)
    parts["image"].set_clim(0, totals.max() * 3)
    for artist in parts["drawn"]:
        artist.remove()
    parts["drawn"] = []
    _payoff_cells(ax, parts, payoffs, players, marked, mark_label)
    parts["title"].set_text(textwrap.fill(title, 46))
    note(fig, explanation)


def _totals(payoffs) -> np.ndarray:  # pragma: no mutate block
    """Each cell's summed payoffs: the matrix's shading."""
    return np.array([[sum(payoffs[r][c]) for c in range(2)] for r in range(2)], dtype=float)


def _payoff_cells(ax, parts: dict, payoffs, players, marked, mark_label) -> None:  # pragma: no mutate block
    drawn = parts["drawn"]
    for r, c in CELLS:
        pa, pb = payoffs[r][c]
        star = (r, c) in marked
        if star:
            drawn.append(
                ax.text(
                    c,
                    r - 0.33,
                    "★ " + mark_label,
                    ha="center",
                    va="center",
                    fontsize=FONT["small"],
                    weight="bold",
                )
            )
        drawn.append(
            ax.text(
                c,
                r,
                f"{players[0]}: {pa}\n{players[1]}: {pb}",
                ha="center",
                va="center",
                fontsize=FONT["normal"],
            )
        )
        drawn.append(
            ax.text(c, r + 0.3, f"total {pa + pb}", ha="center", va="center", fontsize=FONT["small"])
        )
        if star:
            drawn.append(
                ax.add_patch(
                    Rectangle((c - 0.48, r - 0.48), 0.96, 0.96, fill=False, edgecolor="black", linewidth=2.5)
                )
            )


@chapter_widget("06-zero-sum")
def payoff_game() -> StaticWidget:
    """A 2×2 game with illustrative payoffs: constant-sum vs positive-sum, equilibria marked on request."""
    controls = {
        "game": Choice("Payoffs", list(GAME_LABELS), kind="auto"),
        "mark": Choice("Mark", list(MARKS), kind="auto"),
    }
    return view_widget(
        view,
        payoff_matrix,
        controls,
        update=update_payoff_matrix,
        caption=TEXT["caption"],
        default={"game": "constant", "mark": "nash"},
    )
