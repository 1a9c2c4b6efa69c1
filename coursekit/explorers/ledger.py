"""The claims ledger (``data/claims.csv``) as the claims explorer, the forecast table and the
scorecard read it: section names, verdict groups and their print styles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import course, data
from .charts import C

SECTION_NAMES = {
    "lead": "Lead (thesis)",
    "rapprochement": "Rapprochement",
    "shadow_diplomacy": "Shadow Diplomacy",
    "tariff_trouble": "Tariff Trouble",
    "zero_sum": "Zero-Sum",
    "concluding": "Concluding Thoughts",
    "whole_essay": "Whole essay",
}
VERDICT_GROUPS = (
    ("Supported / borne out", ("supported", "borne_out")),
    (
        "Partly / contested / overstated / loaded",
        ("partly_supported", "partly_borne_out", "contested", "overstated", "loaded_terminology"),
    ),
    ("Not supported / not borne out / not adopted", ("not_supported", "not_borne_out", "not_adopted")),
    ("Unresolved / untestable", ("unresolved", "untestable")),
)
#: One style per verdict group, in the order of VERDICT_GROUPS: colour, hatching and
#: marker all differ, and every bar or row also names its verdict in text.
VERDICT_GROUP_STYLES = [
    dict(color=C["bluish_green"], hatch="", marker="o"),
    dict(color=C["orange"], hatch="..", marker="s"),
    dict(color=C["vermillion"], hatch="//", marker="X"),
    dict(color=C["sky_blue"], hatch="xx", marker="D"),
]


def verdict_text(v) -> str:
    """'not_borne_out' -> 'not borne out'."""
    return str(v).replace("_", " ")


def is_forecast(frame: pd.DataFrame) -> pd.Series:
    """Main kind 'forecast', or a kind_detail that says the claim is also a forecast."""
    detail = frame["kind_detail"].fillna("").str.contains("forecast", case=False)
    return (frame["kind"] == "forecast") | detail


def forecasts(claims: pd.DataFrame) -> pd.DataFrame:
    return claims[is_forecast(claims)]


def verdict_order() -> list[tuple[str, int]]:
    """Every verdict with its group index, in the order of VERDICT_GROUPS."""
    return [(v, g) for g, (_, vs) in enumerate(VERDICT_GROUPS) for v in vs]


def check_verdicts(rows: pd.DataFrame) -> None:
    known = {v for v, _ in verdict_order()}
    unknown = sorted(set(rows["verdict"].astype(str)) - known)
    if unknown:
        raise data.DataError(
            f"claims.csv, field 'verdict': {unknown} belong to no group in "
            "explorers.VERDICT_GROUPS; add them to a group."
        )


def as_of(verdict_dates: Iterable) -> str:
    """The date the verdicts speak for: the edition's one setting (``course.AS_OF``), with the month the
    record behind these verdicts (their ``verdict_date``) was last checked, which may be earlier."""
    checked = max(str(d) for d in verdict_dates)
    if checked > course.AS_OF:
        raise data.DataError(
            f"claims.csv, field 'verdict_date': {checked} is later than the edition's date "
            f"{course.AS_OF} (coursekit/course.py AS_OF); move AS_OF forward for the new edition."
        )
    label = course.month_label(course.AS_OF)
    if checked == course.AS_OF:
        return label
    return f"{label} (record checked to {course.month_label(checked)})"


def group_names() -> list[str]:
    return [lab for lab, _ in VERDICT_GROUPS]


def group_handles(groups: Sequence[str], *, markers: bool) -> list:  # pragma: no mutate block
    """Legend handles of the verdict groups: markers (dot chart) or hatched patches (bars)."""
    st = VERDICT_GROUP_STYLES
    if markers:
        return [
            Line2D(
                [],
                [],
                linestyle="none",
                markersize=7,
                markeredgecolor="black",
                markeredgewidth=0.5,
                color=st[i]["color"],
                marker=st[i]["marker"],
                label=g,
            )
            for i, g in enumerate(groups)
        ]
    return [
        Patch(facecolor=st[i]["color"], hatch=st[i]["hatch"], edgecolor="black", linewidth=0.5, label=g)
        for i, g in enumerate(groups)
    ]
