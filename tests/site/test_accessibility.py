"""axe-core (the pinned current release) finds no serious or critical WCAG 2.0/2.1/2.2 A/AA
violation on any page, at 390 and 1280 px, in light and dark colour mode; keyboard focus is
visible. The pages are visited once per width for all browser tests (tests/pageload.py)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import REPO_ROOT
from tests.pageload import AXE, AXE_TAGS, WIDTHS, dumps, visit_site

pytestmark = pytest.mark.browser


def test_axe_is_the_pinned_release_and_runs_the_wcag22_rules():
    assert AXE.is_file(), "axe-core missing: run `npm ci`"
    pinned = json.loads((REPO_ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
    installed = json.loads((AXE.parent / "package.json").read_text())["version"]
    assert installed == pinned, (
        f"node_modules has axe-core {installed}, package.json pins {pinned}: run `npm ci`"
    )
    assert "wcag22aa" in AXE_TAGS and "wcag2a" in AXE_TAGS


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_no_serious_or_critical_violations(width, browser, http_root, built_book):
    visits = visit_site(browser, http_root, built_book, width)
    found = {
        f"{rel} ({mode})": violations
        for rel, v in visits.items()
        for mode, violations in v.axe.items()
        if violations
    }
    assert found == {}, dumps(found)
    checked = [v for v in visits.values() if set(v.axe) == {"light", "dark"}]
    assert len(checked) >= len(visits) - 1  # every page but the root redirect


def test_keyboard_focus_is_visible(built_book, open_page):
    report = open_page("chapters/how-to-use.html")
    page = report.page
    outlines = []
    for _ in range(6):
        page.keyboard.press("Tab")
        outlines.append(
            page.evaluate("""() => {
          const s = getComputedStyle(document.activeElement);
          return {tag: document.activeElement.tagName, style: s.outlineStyle,
                  width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }""")
        )
    invisible = [
        o for o in outlines if (o["style"] == "none" or o["width"] == 0) and o["shadow"] in ("none", "")
    ]
    assert invisible == [], invisible
