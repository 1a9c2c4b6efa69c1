"""Offline link check of a built book.

Every internal link, image and script must resolve to a file in the site, and every
``#fragment`` to an id in its target page. External links are listed in a report, never
fetched (CI has no internet).

    python -m tests.linkcheck _build/html      # prints problems, writes the report
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from tests.helpers import site_pages

LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src"}
SKIP_SCHEMES = {"mailto", "data", "javascript", "tel"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        wanted = LINK_ATTRS.get(tag)
        if wanted and attrs.get(wanted):
            self.links.append(attrs[wanted])


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    checked: int = 0


def _parse(page: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser


def check_site(site: Path) -> LinkReport:
    report = LinkReport()
    pages = {site / rel: _parse(site / rel) for rel in site_pages(site)}
    for page, parsed in sorted(pages.items()):
        rel_page = page.relative_to(site).as_posix()
        for link in parsed.links:
            url = urlparse(link)
            if url.scheme in SKIP_SCHEMES:
                continue
            if url.scheme or link.startswith("//"):
                report.external[link].append(rel_page)
                continue
            report.checked += 1
            target_part, fragment = urldefrag(link)
            target_part = urlparse(target_part).path  # drop ?v=digest cache busters
            target = (page.parent / unquote(target_part)).resolve() if target_part else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                report.broken.append(f"{rel_page}: {link} (no such file)")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    report.broken.append(f"{rel_page}: {link} (no id '{fragment}' in target)")
    return report


def write_external_report(report: LinkReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    listing = {url: sorted(set(pages)) for url, pages in sorted(report.external.items())}
    path.write_text(json.dumps(listing, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "_build/html")
    report = check_site(site)
    out = site.parent / "reports" / "external-links.json"
    write_external_report(report, out)
    for problem in report.broken:
        print(problem)
    print(
        f"{report.checked} internal links checked, {len(report.broken)} broken; "
        f"{len(report.external)} external links listed in {out} (not fetched)"
    )
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
