"""Smallest figure text on a 390 px phone, measured in the built pages.

Each widget figure is a PNG drawn at ``SCREEN_DPI`` whose ``<img>`` carries its drawn size in
CSS px (``width``/``height``). Chromium at 390 px says how wide each one is shown; the text in
it is shown at (shown width / drawn width) x its drawn size. The drawn size of the smallest
text is not in the page, so it is passed in: ``SMALLEST_DRAWN_PT`` is the smallest font size
the figure code uses (``coursekit/plots.py``: legends, bar labels and tick labels at 6.5 pt),
at ``SCREEN_DPI`` (``coursekit/style.py``). Update both if the plotting code changes.
"""

from __future__ import annotations

from pathlib import Path

from bench.lighthouse_audit import CHROME_PATH, serve

SMALLEST_DRAWN_PT = 6.5
SCREEN_DPI = 90
WIDTH = 390

SHOWN = """() => Array.from(document.querySelectorAll(
    '.coursekit-fallback img, .coursekit-state img, .cell_output img'))
  .filter(i => i.getAttribute('width') && i.getBoundingClientRect().width > 0)
  .map(i => ({drawn: +i.getAttribute('width'), shown: i.getBoundingClientRect().width}))"""


def measure(site: Path, pages: dict[str, str]) -> dict[str, dict]:
    """{label: smallest text in CSS px at 390 px (None: no figure on the page)}."""
    from playwright.sync_api import sync_playwright

    drawn_px = SMALLEST_DRAWN_PT / 72 * SCREEN_DPI
    results = {}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROME_PATH, args=["--no-sandbox", "--disable-gpu"])
        try:
            for label, page_path in pages.items():
                page = browser.new_page(viewport={"width": WIDTH, "height": 900})
                page.goto(base + page_path, wait_until="load")
                figures = page.evaluate(SHOWN)
                page.close()
                scales = [f["shown"] / f["drawn"] for f in figures if f["drawn"]]
                results[label] = {
                    "page": page_path,
                    "figures": len(scales),
                    "smallest_text_px": round(min(scales) * drawn_px, 1) if scales else None,
                    "note": (
                        f"{len(scales)} figure(s); {SMALLEST_DRAWN_PT} pt drawn at {SCREEN_DPI} dpi = "
                        f"{drawn_px:.1f} px at full size"
                        if scales
                        else "no figure on this page"
                    ),
                }
        finally:
            browser.close()
    return results
