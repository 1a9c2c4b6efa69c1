"""The list of datasets on "About the data", made from the data package: ```` ```{dataset-list} ````.

A new dataset is three files (its CSV, its resource in ``data/datapackage.json`` and its page
``chapters/data-<name>.md``): ``_toc.yml`` picks the page up with ``glob: chapters/data-*`` and
this directive lists it on the About page, so neither needs an edit. One paragraph per
resource (the sources table has a section of its own), in the package's order: an anchor, a
bold link to the page titled like its heading, and the resource's ``summary``. The sidebar, the
PDF and the previous/next links follow the same order (:class:`PackageOrder`; the glob alone
would sort the pages by file name, which reads as no order at all). The anchor is the id the heading had when the datasets were sections of
the About page (``bilateral-trade-trade``), so old links still land. The link is a MyST link to
the ``.md`` file, a real cross-reference that ``-n -W`` checks.

A resource without a page, a page without a resource, a page without a ``# title`` or a
resource without a ``summary`` fails the build, naming the file and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..data.package import dataset_names, resource
from ..paths import REPO_ROOT

PAGES = "chapters"
PREFIX = "data-"
NOT_LISTED = ("sources",)  # shown in a section of the About page itself
TITLE = re.compile(r"^# (.+)$", re.M)
COPY_FROM = "chapters/data-autos.md"

logger = logging.getLogger(__name__)


class DatasetPageError(ValueError):
    """The datasets of data/datapackage.json and the pages chapters/data-*.md do not match."""


@dataclass(frozen=True)
class DatasetPage:
    name: str
    docname: str  # chapters/data-trade
    title: str  # the page's heading, MyST inline text: "Bilateral trade (`trade`)"
    summary: str

    @property
    def anchor(self) -> str:
        """The id the dataset's section had on the About page: ``bilateral-trade-trade``."""
        return nodes.make_id(self.title)


def dataset_pages(root: Path = REPO_ROOT) -> list[DatasetPage]:
    """Each dataset of ``root/data/datapackage.json`` with its page, in the package's order."""
    package = root / "data" / "datapackage.json"
    names = [n for n in dataset_names(package) if n not in NOT_LISTED]
    pages = {p.stem.removeprefix(PREFIX): p for p in sorted((root / PAGES).glob(f"{PREFIX}*.md"))}
    for name in names:
        if name not in pages:
            raise DatasetPageError(
                f"data/datapackage.json: dataset {name!r} has no page {PAGES}/{PREFIX}{name}.md; "
                f"copy {COPY_FROM} to it and put the dataset's title and name in its heading and last cell"
            )
    for stem, path in pages.items():
        if stem not in names:
            raise DatasetPageError(
                f"{path.relative_to(root).as_posix()}: no dataset {stem!r} in data/datapackage.json; "
                "add its resource there (CONTRIBUTING.md, 'Adding a dataset') or rename or delete the page"
            )
    found = []
    for stem in names:
        path = pages[stem]
        where = path.relative_to(root).as_posix()
        title = TITLE.search(path.read_text(encoding="utf-8"))
        if title is None:
            raise DatasetPageError(
                f"{where}: no '# ' heading; give the page a title (the About page links it)"
            )
        summary = resource(stem, package)[0].get("summary", "").strip()
        if not summary:
            raise DatasetPageError(
                f"data/datapackage.json: dataset {stem!r} has no 'summary'; add the sentence the "
                "About page shows after its link"
            )
        found.append(DatasetPage(stem, f"{PAGES}/{path.stem}", title.group(1).strip(), summary))
    return found


def list_markdown(pages: list[DatasetPage], *, suffix: str = ".md", anchors: bool = True) -> list[str]:
    """The list as MyST lines: the book's (``.md`` links, anchors) or a notebook's (``.ipynb``)."""
    lines: list[str] = []
    for page in pages:
        if anchors:
            lines.append(f"({page.anchor})=")
        lines += [f"**[{page.title}]({PREFIX}{page.name}{suffix})**: {page.summary}", ""]
    return lines


class DatasetList(SphinxDirective):
    """```` ```{dataset-list} ```` on chapters/about-the-data.md (no argument, no content)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "data" / "datapackage.json"))
        try:
            pages = dataset_pages(root)
        except DatasetPageError as err:
            logger.warning(str(err), location=self.get_location())
            return []
        holder = nodes.container(classes=["dataset-list"])
        self.state.nested_parse(list_markdown(pages), self.content_offset, holder)
        return holder.children


class PackageOrder(SphinxTransform):
    """Put the data pages of a toctree in the package's order instead of the glob's (by name)."""

    default_priority = 101  # just after sphinx-external-toc's InsertToctrees (100) makes them

    def apply(self, **kwargs) -> None:
        package = Path(self.env.srcdir) / "data" / "datapackage.json"
        if not package.is_file():
            return
        rank = {f"{PAGES}/{PREFIX}{name}": i for i, name in enumerate(dataset_names(package))}
        for toctree in self.document.findall(addnodes.toctree):
            for key, docname in (("entries", lambda e: e[1]), ("includefiles", lambda d: d)):
                items = toctree[key]
                slots = [i for i, item in enumerate(items) if docname(item) in rank]
                ranked = sorted((items[i] for i in slots), key=lambda item: rank[docname(item)])
                for i, item in zip(slots, ranked):
                    items[i] = item
            if any(d in rank for d in toctree["includefiles"]):
                self.env.note_dependency(str(package))


def setup(app: Sphinx) -> None:
    app.add_directive("dataset-list", DatasetList)
    app.add_transform(PackageOrder)
