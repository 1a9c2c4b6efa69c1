"""Text helpers shared by the data notes, captions and alt text: Markdown escaping, year ranges,
exact numbers. No dependencies, so every layer (data, widgets, explorers) can use them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape_markdown(text: object) -> str:
    """``text`` with every character Markdown would read as markup backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def table_cell(text: object) -> str:
    """``text`` as one cell of a Markdown pipe table: on one line, its pipes escaped. Inline
    markup (links, roles) is kept, unlike :func:`escape_markdown`."""
    return " ".join(str(text).split()).replace("|", "\\|")


def year_ranges(years: Iterable[int]) -> str:
    """Years as runs: [2000, 2001, 2002, 2005] -> '2000–2002, 2005'; no years -> ''.

    Order and repeats in the input do not matter.
    """
    ordered = sorted({int(y) for y in years})
    out, start = [], None
    for i, y in enumerate(ordered):
        start = y if start is None else start
        if i + 1 == len(ordered) or ordered[i + 1] != y + 1:
            out.append(str(y) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(out)


def exact_number(value: float) -> str:
    """A stored figure with every digit it was stored with (never rounded), thousands separated."""
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}"
    text = repr(v) if "e" not in repr(v) else format(Decimal(repr(v)), "f")  # 1e-07: no rounding
    whole, frac = text.split(".")
    return f"{int(whole):,}.{frac}"


def capitalise(text: str) -> str:
    """First letter upper case, the rest untouched ('as reported by X' -> 'As reported by X')."""
    return text[:1].upper() + text[1:]


def state_summary(labels: dict[str, str]) -> str:
    """'Control: option; Control: option' for the caption of a printed state."""
    return "; ".join(f"{k}: {v}" for k, v in labels.items())
