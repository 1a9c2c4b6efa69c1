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
  (with a content hash in its URL) in place of its sheets;
- moves the rules no first paint in light mode can use (:func:`is_late`: dark mode, the widget
  manager's, Bootstrap's tooltips, print) to ``_static/book-late.css``, which every page loads
  after its first paint (:data:`LATE_LINKS`). Lighthouse's slow link moves about
  33 KB per 160 ms, and a page's first paint waits for its HTML and ``book.css`` one after the
  other, so every byte left in ``book.css`` counts on every page.

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
LATE = "book-late.css"
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


#: Selectors of rules that cannot apply before the reader or a script acts: dark mode (the site
#: opens in light mode; a reader who chose dark gets the sheet as a blocking one, below), the
#: widget manager's (it draws after the page has loaded) and Bootstrap's tooltips (made on hover).
#: Not ``.p-``: Bootstrap's padding utilities share that prefix and may be in a page.
LATE_SELECTOR = re.compile(
    r"""data-(?:bs-)?theme=["']?dark|\.(?:widget|jupyter|lm|jp)-|\.tooltip\b|\.bs-tooltip"""
)
#: Loads book-late.css once the page has loaded and painted, as .afterpaint does the theme's
#: scripts: not earlier, because Lighthouse counts every style sheet fetched before the largest
#: paint in its simulated LCP (a print-first <link> there added 300 ms to it on every page).
#: A reader whose saved mode is dark gets the sheet as a blocking one instead (written by the
#: parser: no light flash). With JavaScript off (no colour modes, no widgets) the <noscript>
#: copy loads it. Marked, so a rebuild replaces it (idempotent).
LATE_LINKS = """<!-- coursekit:late-css -->
    <script data-coursekit-late>
    (function (href) {{
      if (document.documentElement.dataset.theme === "dark") {{
        document.write('<link rel="style' + 'sheet" href="' + href + '" />');
        return;
      }}
      function add() {{
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.appendChild(link);
      }}
      function afterPaint() {{ requestAnimationFrame(function () {{ setTimeout(add, 0); }}); }}
      if (document.readyState === "complete") afterPaint();
      else window.addEventListener("load", afterPaint);
    }})("{href}");
    </script>
    <noscript><link rel="stylesheet" href="{href}" /></noscript>
    <!-- /coursekit:late-css -->
"""
LATE_BLOCK = re.compile(r"[ \t]*<!-- coursekit:late-css -->.*?<!-- /coursekit:late-css -->\n?", re.S)


class PurgeError(RuntimeError):
    """The style sheets cannot be combined (tool missing, a sheet unreadable or unparsable)."""


def page_sheets(text: str) -> list[str]:
    """The ``_static`` style sheets ``text`` links in its ``<head>``, in order; for a page that
    already links ``book.css``, the sheets it stands for (its ``data-sources``)."""
    head = text.partition("</head>")[0]
    sheets: list[str] = []
    for m in SHEET_LINK.finditer(LATE_BLOCK.sub("", head)):
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


def top_level_blocks(css: str) -> list[str]:
    """The top-level rules and at-rule blocks of minified ``css``, in order (strings respected)."""
    blocks: list[str] = []
    depth, start, quote = 0, 0, ""
    for i, ch in enumerate(css):
        if quote:
            quote = "" if ch == quote and css[i - 1] != "\\" else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                blocks.append(css[start : i + 1].strip())
                start = i + 1
    if css[start:].strip():
        raise PurgeError(
            f"{BUNDLE}: the purged style sheet ends with an unclosed rule ({css[start:][:80]!r}), so it "
            "cannot be split for the first paint; a theme sheet is malformed or PurgeCSS changed "
            "its output: rebuild from scratch (jupyter-book clean .) and check the theme's static files"
        )
    return blocks


def is_late(block: str) -> bool:
    """Whether a top-level rule can wait for book-late.css: a print block, or a rule whose every
    selector is one of :data:`LATE_SELECTOR`'s (a rule also aimed at something on the page at
    its first paint stays). Our own fallback rules stay whatever they mention."""
    prelude = block.partition("{")[0]
    if prelude.startswith("@media") and re.search(r"\bprint\b", prelude) and "screen" not in prelude:
        return True
    if prelude.startswith("@") or "coursekit" in prelude:
        return False
    return all(LATE_SELECTOR.search(sel) for sel in prelude.split(","))


def split_late(css: str) -> tuple[str, str]:
    """``css`` as (the rules the first paint needs, the rest), each in its original order. Each
    late rule only matches while dark mode, a widget, a tooltip or print is on, so moving it
    after the others changes nothing in light mode on screen (the screenshots and the
    accessibility pass in both modes check the rest)."""
    core: list[str] = []
    late: list[str] = []
    for block in top_level_blocks(css):
        (late if is_late(block) else core).append(block)
    return "".join(core) + "\n", "".join(late) + "\n"


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


def _relink(text: str, depth_prefix: str, url: str, late_url: str | None = None) -> str:
    head, sep, body = text.partition("</head>")
    sources = " ".join(page_sheets(head))
    head = LATE_BLOCK.sub("", head)
    first = SHEET_LINK.search(head)
    if first is None:
        return text
    link = f'<link rel="stylesheet" href="{depth_prefix}_static/{url}" data-sources="{sources}" />\n'
    if late_url is not None:
        link += "    " + LATE_LINKS.format(href=f"{depth_prefix}_static/{late_url}")
    head = head[: first.start()] + "    " + link + SHEET_LINK.sub("", head[first.start() :])
    return head + sep + body


def bundle_site(site: Path, pages: list[Path], node_modules: Path) -> int:
    """Write ``_static/book.css`` and ``book-late.css``, link them from every page; return the
    size of ``book.css`` (the render-blocking one) in bytes."""
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    sources = _sources(site, texts)
    static = site / "_static"
    combined = "\n".join(read_sheet(static, s) for s in sources)
    purged = minify(run_purgecss(combined, content_files(site, pages), node_modules))
    purged = iconfont.inline_icon_fonts(purged, static)  # IconFontError if a font is unreadable
    core, late = split_late(purged)
    bundle = f"/*! sources: {' '.join(sources)} */\n{core}"
    (static / BUNDLE).write_text(bundle, encoding="utf-8")
    (static / LATE).write_text(late, encoding="utf-8")
    url = f"{BUNDLE}?v={hashlib.sha256(bundle.encode()).hexdigest()[:12]}"
    late_url = f"{LATE}?v={hashlib.sha256(late.encode()).hexdigest()[:12]}"
    for path, text in texts.items():
        prefix = "../" * (len(path.relative_to(site).parts) - 1)
        fixed = _relink(text, prefix, url, late_url)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    return len(bundle.encode())
