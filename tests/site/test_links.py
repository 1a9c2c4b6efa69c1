"""Internal links and anchors resolve offline; external links are listed, not fetched."""

from __future__ import annotations

import json

from tests.linkcheck import check_site, write_external_report


def test_every_internal_link_and_anchor_resolves(built_book):
    report = check_site(built_book)
    assert report.checked > 100, "the checker found suspiciously few links"
    assert report.broken == []


def test_external_links_are_reported_without_fetching(built_book, tmp_path):
    report = check_site(built_book)
    out = tmp_path / "external-links.json"
    write_external_report(report, out)
    listing = json.loads(out.read_text())
    essay = [u for u in listing if "globalresearch.ca" in u]
    assert essay, "the essay's original URL should appear among the external links"
    assert all(pages for pages in listing.values())


def test_checker_catches_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#here">ok</a><a href="b.html#gone">x</a>'
        '<a href="missing.html">y</a><a href="https://example.org/">z</a>'
    )
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1>')
    report = check_site(tmp_path)
    assert sorted(report.broken) == [
        "a.html: b.html#gone (no id 'gone' in target)",
        "a.html: missing.html (no such file)",
    ]
    assert list(report.external) == ["https://example.org/"]
