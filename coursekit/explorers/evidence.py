"""Source look-ups shared by the table widgets (timeline, claims, scorecard).

A selection helper over ``data.load("sources")``, loaded once per widget build; the
lead may move it to the shared queries of :mod:`coursekit.data`.
"""

from __future__ import annotations

import html

import pandas as pd

from .. import data
from .charts import Raw


class SourceIndex:
    """The sources table by ``source_id``: titles, links and short citations."""

    def __init__(self, sources: pd.DataFrame | None = None) -> None:
        frame = data.load("sources") if sources is None else sources
        self.rows = {str(r["source_id"]): r for r in frame.to_dict("records")}

    def get(self, sid: str) -> dict:
        if sid not in self.rows:
            raise data.DataError(f"sources.csv: no source with source_id {sid!r}; add it or correct the id.")
        return self.rows[sid]

    def date(self, sid: str) -> str:
        d = self.get(sid)["date"]
        return d if isinstance(d, str) else "undated"

    def link(self, sid: str) -> str:
        s = self.get(sid)
        title = f"{s['title']} — {s['publisher']}, {self.date(sid)}"
        return (
            f'<a href="{html.escape(s["url"], quote=True)}" title="{html.escape(title, quote=True)}">'
            f"{html.escape(sid)}</a>"
        )

    def evidence_html(self, ids: str | None) -> Raw:
        """Space-separated source ids as links; '(none found)' when there are none."""
        if not isinstance(ids, str) or not ids.strip():
            return Raw("(none found)")
        return Raw(" ".join(self.link(i) for i in ids.split()))

    def evidence_text(self, ids: str | None) -> str:
        """Space-separated source ids as 'id (publisher, date)' for print."""
        if not isinstance(ids, str) or not ids.strip():
            return "(none found)"
        return "; ".join(f"{i} ({self.get(i)['publisher']}, {self.date(i)})" for i in ids.split())
