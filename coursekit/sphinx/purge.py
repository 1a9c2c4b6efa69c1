"""One small style sheet per site: the pages' CSS combined, purged of unused rules, minified.

Every page of the theme links ten style sheets in ``<head>`` (one of them ``@import``-s an
eleventh), 0.27–0.31 MB in all, and the browser paints nothing until it has fetched every one:
on a phone over a slow link that is most of the wait for the first paint. After the build
(``build-finished``, once :mod:`.pagefix` has dropped the sheets a page cannot use) this module

- reads the sheets the pages link, in the pages' order, with ``@import`` inlined and every
  ``url(...)`` rewritten for the new location;
- runs PurgeCSS (pinned in ``package.json``, installed by ``npm ci``) over them, with every
  built page and every script that can add classes at run time as content (the theme's and
  our scripts, the widget states in ``_widgets/``), and a safelist (:data:`SAFELIST`) for
  classes built from parts at run time (Bootstrap, the widget manager, MathJax, dark mode);
- writes the result, minified, to ``_static/book.css`` and makes each page link that one file
  (with a content hash in its URL) in place of its sheets.

Each page's ``book.css`` link keeps the list of sheets it stands for (``data-sources``), so a
rebuild that rewrites only some pages still combines every sheet any page needs, from the
freshly copied sheets; the full list is also written at the top of ``book.css``.
Deterministic: the same sheets and pages give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

from . import iconfont

BUNDLE = "book.css"
DRIVER = Path(__file__).parent / "purge_static" / "purge-css.js"
PURGECSS_MODULE = Path("purgecss") / "lib" / "purgecss.js"
SHEET_LINK = re.compile(
    r'[ \t]*<link (?=[^>]*rel="stylesheet")[^>]*?href="((?:\.\./)*)_static/([^"?]+)(?:\?[^"]*)?"[^>]*>\n?'
)
SOURCES_ATTR = re.compile(r'data-sources="([^"]*)"')
SOURCES_COMMENT = re.compile(r"/\*! sources: ([^*]*) \*/")
IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s]+)["']?\)?\s*;""")
URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
COMMENT = re.compile(r"/\*(?!!)[\s\S]*?\*/")

#: Class and id patterns that scripts build from parts at run time, so no content file spells
#: them out. Regular expressions over the selector's class, id or element names.
SAFELIST = {
    "standard": [
        r"^(widget|jupyter|lm|p|mjx|MathJax|bs|cell_output)-",  # widget manager, MathJax, Bootstrap
        r"^mjx",
        # What bootstrap.js (not read as content: it names every Bootstrap component) adds to
        # the theme's dropdowns, collapsibles and tooltips.
        r"^(show|showing|hiding|collapsing|collapse|collapse-horizontal|fade|active|disabled)$",
        r"^(tooltip|dropdown|dropup|dropend|dropstart)",
        r"^(dark|light|auto)$",
        # Our own components (a few KB): their rules stay whether or not a page uses a variant now.
        r"^(answer-box|coursekit-)",
    ],
    # Keep whole selectors that mention these (dark mode, the theme's toggles).
    "greedy": [r"data-theme", r"data-mode", r"^data-bs-", r"^aria-"],
    # Custom properties the widget manager's own CSS (injected at run time) reads.
    "variablePatterns": [r"^--jp-"],
}
#: Scripts not read as content: the search index (words of the text), libraries that name every
#: class they could ever use, and scripts the pages no longer load (see .pagefix).
NOT_CONTENT = ("searchindex.js", "bootstrap.js", "fontawesome.js", "sphinx-thebe.js")
VARIABLE = re.compile(r"--[A-Za-z0-9_-]+")
#: Attributes whose values scripts set at run time (PurgeCSS keeps selectors on them).
DYNAMIC_ATTRIBUTES = ["data-theme", "data-mode", "data-bs-theme", "aria-expanded", "aria-hidden", "open"]


class PurgeError(RuntimeError):
    """The style sheets cannot be combined (tool missing, a sheet unreadable or unparsable)."""


def page_sheets(text: str) -> list[str]:
    """The ``_static`` style sheets ``text`` links in its ``<head>``, in order; for a page that
    already links ``book.css``, the sheets it stands for (its ``data-sources``)."""
    head = text.partition("</head>")[0]
    sheets: list[str] = []
    for m in SHEET_LINK.finditer(head):
        if m.group(2) != BUNDLE:
            sheets.append(m.group(2))
        elif found := SOURCES_ATTR.search(m.group(0)):
            sheets += found.group(1).split()
    return sheets


def merge_orders(orders: list[list[str]]) -> list[str]:
    """One list holding every sheet, each after the sheet it follows on the first page that has it."""
    merged: list[str] = []
    for order in orders:
        previous = None
        for sheet in order:
            if sheet not in merged:
                merged.insert(merged.index(previous) + 1 if previous else len(merged), sheet)
            previous = sheet
    return merged


def _rebase_urls(css: str, sheet_dir: str) -> str:
    def rebase(m: re.Match) -> str:
        url = m.group(2)
        if re.match(r"(?:[a-z]+:|/|#)", url):
            return m.group(0)
        return f'url("{posixpath.normpath(posixpath.join(sheet_dir, url))}")'

    return URL.sub(rebase, css)


def read_sheet(static: Path, name: str, seen: frozenset[str] = frozenset()) -> str:
    """Sheet ``name`` (relative to ``static``), ``@import``-s inlined, URLs relative to ``static``."""
    path = static / name
    if name in seen or not path.is_file():
        raise PurgeError(
            f"{path}: style sheet linked by the pages is missing or imports itself; "
            "rebuild from scratch (jupyter-book clean .) and check the theme's static files"
        )
    css = path.read_text(encoding="utf-8")
    sheet_dir = posixpath.dirname(name)

    def inline(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(sheet_dir, m.group(1)))
        return read_sheet(static, target, seen | {name})

    css = IMPORT.sub(inline, css)
    return _rebase_urls(css, sheet_dir)


def minify(css: str) -> str:
    """``css`` without comments (but ``/*!`` ones) and with whitespace collapsed."""
    css = COMMENT.sub("", css)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};])\s*", r"\1", css)
    css = re.sub(r"(?<=[{;])(-*[A-Za-z][A-Za-z0-9-]*):\s+", r"\1:", css)  # "color: red" -> "color:red"
    return css.replace(";}", "}").strip() + "\n"


def content_files(site: Path, pages: list[Path]) -> list[str]:
    """The files whose words decide which rules stay: pages and scripts that add classes."""
    scripts = [*site.glob("_static/**/*.js"), *site.glob("vendor/*.js"), *site.glob("_widgets/**/*.js")]
    return [str(p) for p in [*pages, *sorted(scripts)] if not p.name.startswith(NOT_CONTENT)]


def run_purgecss(css: str, content: list[str], node_modules: Path) -> str:
    """``css`` purged by PurgeCSS against ``content`` (file paths)."""
    module = node_modules / PURGECSS_MODULE
    node = shutil.which("node")
    if not module.is_file() or node is None:
        raise PurgeError(
            f"{module}: PurgeCSS is not installed (or `node` is not on PATH), so the pages' style "
            "sheets cannot be combined. Run `npm ci` in the repository root "
            "(scripts/build.sh does this for you)."
        )
    named: set[str] = set()
    for path in content:
        named |= set(VARIABLE.findall(Path(path).read_text(encoding="utf-8", errors="replace")))
    job = {
        "module": str(module.resolve()),
        "css": css,
        "content": content,
        "safelist": {**SAFELIST, "variables": sorted(named)},
        "dynamicAttributes": DYNAMIC_ATTRIBUTES,
    }
    done = subprocess.run(
        [node, str(DRIVER)], input=json.dumps(job), capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise PurgeError(f"{DRIVER}: PurgeCSS failed on the site's style sheets:\n{done.stderr.strip()}")
    return done.stdout


def _sources(site: Path, texts: dict[Path, str]) -> list[str]:
    # Every page says which sheets it needs, in its links or (once bundled, on a page this
    # build did not rewrite) in its book.css link's data-sources.
    merged = merge_orders([page_sheets(t) for t in texts.values()])
    if not merged:
        raise PurgeError(
            f"{site}: no page links a style sheet, so there is nothing to combine; "
            "rebuild from scratch (jupyter-book clean .)"
        )
    return merged


def _relink(text: str, depth_prefix: str, url: str) -> str:
    head, sep, body = text.partition("</head>")
    first = SHEET_LINK.search(head)
    if first is None:
        return text
    sources = " ".join(page_sheets(head))
    link = f'<link rel="stylesheet" href="{depth_prefix}_static/{url}" data-sources="{sources}" />\n'
    head = head[: first.start()] + "    " + link + SHEET_LINK.sub("", head[first.start() :])
    return head + sep + body


def bundle_site(site: Path, pages: list[Path], node_modules: Path) -> int:
    """Write ``_static/book.css`` and link it from every page; return its size in bytes."""
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    sources = _sources(site, texts)
    static = site / "_static"
    combined = "\n".join(read_sheet(static, s) for s in sources)
    purged = minify(run_purgecss(combined, content_files(site, pages), node_modules))
    purged = iconfont.inline_icon_fonts(purged, static)  # IconFontError if a font is unreadable
    bundle = f"/*! sources: {' '.join(sources)} */\n{purged}"
    (static / BUNDLE).write_text(bundle, encoding="utf-8")
    url = f"{BUNDLE}?v={hashlib.sha256(bundle.encode()).hexdigest()[:12]}"
    for path, text in texts.items():
        prefix = "../" * (len(path.relative_to(site).parts) - 1)
        fixed = _relink(text, prefix, url)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    return len(bundle.encode())
