"""Every built page loads offline: no page or console errors, nothing fetched from other hosts."""

from __future__ import annotations

import pytest

from tests.helpers import site_pages

pytestmark = pytest.mark.browser



def test_every_page_loads_cleanly_offline(built_book, open_page):
    pages = site_pages(built_book)
    assert "chapters/index.html" in pages
    problems = {}
    for rel in pages:
        report = open_page(rel)
        found = report.errors + [f"foreign request: {u}" for u in report.foreign_requests] \
            + [f"failed request: {u}" for u in report.failed_requests]
        if found:
            problems[rel] = found
        report.page.context.close()
    assert problems == {}
