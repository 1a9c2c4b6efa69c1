"""The ``{dataset-list}`` directive in-process on a tiny project: the About page's list of
datasets comes from data/datapackage.json and the pages chapters/data-*.md, keeps the anchors
the datasets' sections had, and fails the build naming the file when the two disagree."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from pathlib import Path

from tests.helpers import REPO_ROOT
from tests.sphinx import build_tiny_project

# The ids of the datasets' sections when they were one About page: old links point at them.
OLD_ANCHORS = {
    "autos": "japanese-autos-and-the-united-states-autos",
    "claims": "claims-ledger-claims",
    "routes": "routes-between-japan-and-europe-routes",
    "tariffs": "us-tariff-rates-on-japanese-cars-tariffs",
    "timeline": "timeline-of-talks-and-events-timeline",
    "trade": "bilateral-trade-trade",
}


def build(src: Path, *, drop: str = "") -> tuple[str, str]:
    """Build a copy of data/, the data pages' headings and an About page; (About HTML, warnings)."""
    shutil.copytree(REPO_ROOT / "data", src / "data", ignore=shutil.ignore_patterns("*.md"))
    pages = {
        "index": "# Root\n\n```{toctree}\n:glob:\nchapters/*\n```\n",
        "chapters/about": "# About the data\n\n```{dataset-list}\n```\n",
    }
    for page in sorted((REPO_ROOT / "chapters").glob("data-*.md")):
        if page.stem != f"data-{drop}":
            heading = re.search(r"^# .+$", page.read_text(encoding="utf-8"), re.M).group(0)
            pages[f"chapters/{page.stem}"] = heading + "\n\nThe dataset.\n"
    html, warnings = build_tiny_project(src, "coursekit.sphinx.datasets", pages)
    return (html / "chapters" / "about.html").read_text(encoding="utf-8"), warnings


def body(page: str) -> str:
    """The page's text without the sidebar (which links the pages too)."""
    return page.partition('<div class="body"')[2].partition('<div class="sphinxsidebar"')[0]


def test_the_list_links_every_dataset_page_with_its_old_anchor_and_summary(tmp_path):
    page, warnings = build(tmp_path / "src")
    assert warnings == ""
    page = body(page)
    resources = json.loads((REPO_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    summaries = {r["name"]: r["summary"] for r in resources if r["name"] != "sources"}
    assert set(OLD_ANCHORS) <= set(summaries)
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    text = text.replace("\u2019", "'")  # MyST's smart quotes
    # in the package's order, as the sidebar shows them
    links = re.findall(r'href="data-(\w+)\.html"', page)
    assert links == list(summaries)
    for name in summaries:
        assert " ".join(summaries[name].split()) in text, name
    for name, anchor in OLD_ANCHORS.items():
        paragraph = re.search(rf'<p id="{anchor}">(.*?)</p>', page, re.S)
        assert paragraph, f"no paragraph with the old anchor {anchor}"
        assert f'href="data-{name}.html"' in paragraph.group(1)
        assert "<code" in paragraph.group(1) and f">{name}<" in paragraph.group(1)


def test_the_sidebar_and_the_pdf_get_the_pages_in_the_package_order_not_the_globs(tmp_path):
    build(tmp_path / "src")
    index = body((tmp_path / "src" / "_build" / "html" / "index.html").read_text(encoding="utf-8"))
    resources = json.loads((REPO_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    in_package = [r["name"] for r in resources if r["name"] != "sources"]
    assert in_package != sorted(in_package), "the check needs a package whose order is not by name"
    assert re.findall(r'href="chapters/(about|data-\w+)\.html"', index) == ["about"] + [
        f"data-{n}" for n in in_package
    ]


def test_a_dataset_without_a_page_fails_the_build_naming_the_page(tmp_path):
    page, warnings = build(tmp_path / "src", drop="routes")
    assert "data/datapackage.json: dataset 'routes' has no page chapters/data-routes.md" in warnings
    assert "copy chapters/data-autos.md" in warnings
    assert "about.md" in warnings  # where the list is
    assert "data-trade.html" not in body(page)  # no half list


def test_a_page_without_a_dataset_fails_the_build_naming_the_page(tmp_path):
    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True)
    (src / "chapters" / "data-no-such-set.md").write_text("# Nothing (`no-such-set`)\n", encoding="utf-8")
    _, warnings = build(src)
    assert "chapters/data-no-such-set.md: no dataset 'no-such-set' in data/datapackage.json" in warnings
