"""Rewrite each written HTML page once the build is done: lighter head, accessible theme controls.

Template edits are made on the output, not with a ``_templates/`` copy of the theme's partials:
a copy would silently fall behind the pinned theme, and scratch books built by the tests (which
copy only ``_config.yml`` and ``_static``) would lose it. Every edit here is idempotent and
checked by the browser and accessibility tests, so a theme upgrade that changes the markup shows
up as a failing test, not as a silent regression.

- The theme loads ``fontawesome.js`` (1.5 MB) on every page to turn ``<i class="fa-...">`` into
  inline SVG. Its CSS already carries the same icons as a web font (a relative URL, so it also
  works from ``file://``), so the script is dropped and the icons come from the font.
- The search button's ``aria-label`` ("Search") does not contain its visible text ("Search
  Ctrl+K"), and the colour-mode button's icons carry titles ("Light", "Dark") its label
  ("Color mode") does not contain (axe ``label-content-name-mismatch``, WCAG 2.5.3). The search
  button takes its name from its visible text; the icons are decorative. The same goes for
  myst-nb's "Show code cell source" toggles, labelled "Toggle hidden content".
- Every external script in ``<head>`` (Sphinx's, the theme's, copy and toggle buttons, search
  with its 100 KB index) is synchronous and delays the first paint; none is needed before the
  page is parsed and no inline script uses them, so all are deferred (their order is kept, and
  each starts its work on DOMContentLoaded, which waits for deferred scripts).
- Scripts a page has nothing for are not loaded (:data:`SCRIPT_NEEDS`): search's on every page
  but the search page, copy buttons without code, tabs, answer boxes and quizzes where there
  are none.
- A PNG favicon beside the SVG one (``html.favicon``), for browsers without SVG icons.
- The theme preloads ``bootstrap.js`` and its own script (``<link rel="preload" as="script">``),
  which gives them the priority of blocking scripts although both are deferred: the preloads go.
- Style sheets a page cannot use are not linked from it (each one delays the first paint):
  sphinx-thebe's (thebe is off), sphinx-design's on pages without its ``sd-`` components,
  myst-nb's on pages without notebook cells.
- The theme's and Sphinx's scripts then load after the first paint: see :mod:`.afterpaint`.
- Pages with widgets: see :mod:`.progressive`.
- Then all the pages' style sheets become one, purged of unused rules: see :mod:`.purge`.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from . import afterpaint, iconfont, offline_assets, progressive, purge

FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
SEARCH_FIELD_LABEL = re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="[^"]*"')
THEME_ICON_TITLE = re.compile(r'(<i class="theme-switch [^"]*" data-mode="[a-z]+")\s+title="[^"]*">')
HIDDEN_CELL_SUMMARY = '<summary aria-label="Toggle hidden content">'
HEAD_SCRIPT = re.compile(r'<script ((?:[a-z-]+="[^"]*" )*)src="([^"]+)"></script>')
SCRIPT_PRELOAD = re.compile(r'[ \t]*<link rel="preload" as="script" href="[^"]*" />\n?')
SVG_ICON = re.compile(r'<link rel="icon" href="([^"]*)favicon\.svg"\s*/?>')


STYLESHEET = re.compile(r'\s*<link rel="stylesheet" type="text/css" href="[^"]*_static/([^"?]+)[^"]*" />')


def _deferred(m: re.Match) -> str:
    attrs = m.group(1)
    if re.search(r"\b(?:defer|async|type)=", attrs):
        return m.group(0)
    return f'<script defer {attrs}src="{m.group(2)}"></script>'


def _needed(sheet: str, page: str) -> bool:
    if sheet.startswith("sphinx-thebe"):
        return False
    if sheet.startswith("sphinx-design"):
        return re.search(r'class="[^"]*\bsd-', page) is not None
    if sheet.startswith("mystnb."):
        return re.search(r'class="[^"]*\b(?:cell|output|linenos|pasted)', page) is not None
    return True


#: Scripts a page loads only when it has what they work on (a pattern in its HTML). Sphinx
#: search's (its 110 KB index among them) serve the search page only: the theme's search
#: dialog submits to it, and its search-as-you-type mode, which would use them, is off.
SCRIPT_NEEDS = {
    "searchtools.js": 'id="search-results"',
    "language_data.js": 'id="search-results"',
    "searchindex.js": 'id="search-results"',
    "design-tabs.js": r'class="[^"]*\bsd-tab-set',
    "copybutton.js": r'class="[^"]*\bhighlight\b',
    "clipboard.min.js": r'class="[^"]*\bhighlight\b',
    "answer-box.js": r'class="[^"]*\banswer-box\b',
    "coursekit-quiz.js": r'class="[^"]*\bcoursekit-quiz',
}
SCRIPT_TAG = re.compile(r'[ \t]*<script [^>]*src="(?:[^"]*/)?([^"/?]+)(?:\?[^"]*)?"[^>]*></script>\n?')


def _drop_unused_scripts(text: str) -> str:
    def keep(m: re.Match) -> str:
        marker = SCRIPT_NEEDS.get(m.group(1))
        return "" if marker is not None and not re.search(marker, text) else m.group(0)

    return SCRIPT_TAG.sub(keep, text)


def fix_page(text: str) -> str:
    """The page ``text`` with the edits above applied (a second call changes nothing)."""
    text = STYLESHEET.sub(lambda m: m.group(0) if _needed(m.group(1), text) else "", text)
    text = _drop_unused_scripts(text)
    text = FONTAWESOME_JS.sub("", text)
    text = SCRIPT_PRELOAD.sub("", text)
    text = SEARCH_FIELD_LABEL.sub(r"\1", text)
    text = THEME_ICON_TITLE.sub(r'\1 aria-hidden="true">', text)
    text = text.replace(HIDDEN_CELL_SUMMARY, "<summary>")
    head, sep, body = text.partition("</head>")
    text = HEAD_SCRIPT.sub(_deferred, head) + sep + body
    text = afterpaint.load_after_paint(text)
    if "favicon.png" not in text:
        text = SVG_ICON.sub(
            lambda m: (
                f'{m.group(0)}\n    <link rel="icon" type="image/png" sizes="192x192" '
                f'href="{m.group(1)}favicon.png" />\n    <link rel="apple-touch-icon" '
                f'href="{m.group(1)}favicon.png" />'
            ),
            text,
            count=1,
        )
    return text


SKIP_DIRS = {"_static", "_sources", "_images", "_widgets", "vendor"}


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site. All, not only those this build wrote: the edits are
    idempotent and cheap, and a page Sphinx left alone must still get them after an upgrade."""
    return sorted(p for p in site.rglob("*.html") if not SKIP_DIRS & set(p.relative_to(site).parts))


def _fix_written(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    site = Path(app.outdir)
    for path in site_pages(site):
        text = path.read_text(encoding="utf-8")
        try:
            fixed = progressive.enhance(fix_page(text), site, path.relative_to(site).as_posix())
        except progressive.EnhanceError as err:
            raise ExtensionError(str(err)) from err
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    _bundle_css(app, site)


def _bundle_css(app: Sphinx, site: Path) -> None:
    # The npm packages normally sit beside the book; a scratch book (as in the tests) may
    # borrow the repository's.
    local = Path(app.srcdir) / "node_modules"
    node_modules = local if local.is_dir() else offline_assets.NODE_MODULES
    try:
        purge.bundle_site(site, site_pages(site), node_modules)
    except (purge.PurgeError, iconfont.IconFontError) as err:
        raise ExtensionError(str(err)) from err


def setup(app: Sphinx) -> None:
    # Late: pydata-sphinx-theme rewrites pygments.css (light and dark) at build-finished too,
    # and the vendored scripts must be in the site before their classes are read.
    app.connect("build-finished", _fix_written, priority=900)
