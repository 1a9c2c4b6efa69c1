"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on any built page."""

from __future__ import annotations

import pytest

from tests.helpers import REPO_ROOT, site_pages

pytestmark = pytest.mark.browser

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""



def test_no_serious_or_critical_violations(built_book, open_page):
    assert AXE.is_file(), "axe-core missing: run `npm ci`"
    found = {}
    for rel in site_pages(built_book):
        report = open_page(rel)
        report.page.add_script_tag(path=str(AXE))
        violations = report.page.evaluate(AXE_RUN)
        if violations:
            found[rel] = violations
        report.page.context.close()
    assert found == {}


def test_keyboard_focus_is_visible(built_book, open_page):
    report = open_page("chapters/how-to-use.html")
    page = report.page
    outlines = []
    for _ in range(6):
        page.keyboard.press("Tab")
        outlines.append(page.evaluate("""() => {
          const s = getComputedStyle(document.activeElement);
          return {tag: document.activeElement.tagName, style: s.outlineStyle,
                  width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }"""))
    invisible = [o for o in outlines
                 if (o["style"] == "none" or o["width"] == 0) and o["shadow"] in ("none", "")]
    assert invisible == [], invisible
