"""Smallest figure text on a 390 px phone, measured in the built pages.

Each widget figure is an ``<img>`` that carries its drawn size in CSS px (``width``/``height``)
and, in ``data-text-px``, the drawn size of its smallest text in image px (written at build by
``coursekit/widgets/encode.py`` from the figure's own text artists). Chromium at 390 px says
how wide each image is shown; its smallest text is shown at
(shown width / drawn width) x ``data-text-px``. The widgets are loaded (as a reader's first
tap does), so the figures measured are the ones on screen: the widget's selected state, or
the static copy when the widget manager has not drawn it. Also reported: the width a figure
gets (``coursekit.style.PHONE_COLUMN_PX`` assumes it) and whether any figure scrolls sideways
or runs off the screen.
"""

from __future__ import annotations

from pathlib import Path

from bench.lighthouse_audit import CHROME_PATH, serve

WIDTH = 390

SHOWN = """() => ({
  figures: Array.from(document.querySelectorAll(
      '.coursekit-fallback img, .coursekit-state img, .cell_output img'))
    .filter(i => i.getAttribute('width') && i.getBoundingClientRect().width > 0)
    .map(i => {
      const box = i.closest('figure') || i.parentElement, cs = getComputedStyle(box);
      return {drawn: +i.getAttribute('width'), shown: i.getBoundingClientRect().width,
              textPx: i.dataset.textPx ? +i.dataset.textPx : null,
              column: box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
              scrolls: i.getBoundingClientRect().right > Math.min(innerWidth,
                  box.getBoundingClientRect().right - parseFloat(cs.paddingRight)) + 0.5};
    }),
})"""


def _summary(found: dict) -> dict:
    figures = [f for f in found["figures"] if f["drawn"]]
    column = min((f["column"] for f in figures), default=None)
    measured = [f["shown"] / f["drawn"] * f["textPx"] for f in figures if f["textPx"]]
    unmeasured = len(figures) - len(measured)
    smallest = round(min(measured), 1) if measured else None
    if not figures:
        note = "no figure on this page"
    else:
        note = (
            f"{len(figures)} figure(s), narrowest box {column:.0f} px; smallest text {smallest} px"
            + (f"; {unmeasured} figure(s) without data-text-px" if unmeasured else "")
            + ("; a figure scrolls sideways or runs off screen" if any(f["scrolls"] for f in figures) else "")
        )
    return {
        "figures": len(figures),
        "smallest_text_px": smallest,
        "column_px": column,
        "sideways_scroll": any(f["scrolls"] for f in figures),
        "note": note,
    }


def measure(site: Path, pages: dict[str, str]) -> dict[str, dict]:
    """{label: smallest figure text in CSS px at 390 px (None: no figure on the page), with details}."""
    from playwright.sync_api import sync_playwright

    results = {}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROME_PATH, args=["--no-sandbox", "--disable-gpu"])
        try:
            for label, page_path in pages.items():
                page = browser.new_page(viewport={"width": WIDTH, "height": 900})
                page.goto(base + page_path, wait_until="load")
                if page.locator(".coursekit-fallback figure").count():  # a widget with a figure
                    page.evaluate("() => window.courseLoadWidgets()")
                    page.wait_for_selector(".coursekit-widget .coursekit-state", timeout=30_000)
                found = page.evaluate(SHOWN)
                page.close()
                results[label] = {"page": page_path, **_summary(found)}
        finally:
            browser.close()
    return results


if __name__ == "__main__":  # python -m bench.phone_figures _build/html
    import json
    import sys

    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    chapters = sorted(p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html"))
    print(json.dumps(measure(site, {p.removesuffix(".html").split("/")[-1]: p for p in chapters}), indent=1))
