"""The site's one style sheet (coursekit/sphinx/purge.py) and its icon font subsets
(coursekit/sphinx/iconfont.py), on small known inputs."""

from __future__ import annotations

import re
import shutil

from coursekit.paths import REPO_ROOT
from coursekit.sphinx import iconfont, purge

NODE_MODULES = REPO_ROOT / "node_modules"


def test_sheets_keep_the_pages_order_when_pages_link_different_sets():
    orders = [
        ["theme.css", "pygments.css", "course.css"],
        ["theme.css", "pygments.css", "mystnb.css", "course.css"],
    ]
    assert purge.merge_orders(orders) == ["theme.css", "pygments.css", "mystnb.css", "course.css"]
    assert purge.merge_orders([["b.css"], ["a.css", "b.css"]]) == ["b.css", "a.css"]


def test_page_sheets_reads_both_link_forms_in_the_head_only():
    page = (
        '<head><link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '    <link rel="stylesheet" type="text/css" href="../_static/course.css?v=2" />\n'
        '<link rel="icon" href="../_static/favicon.svg"/></head>'
        '<body><link rel="stylesheet" href="../_static/late.css" /></body>'
    )
    assert purge.page_sheets(page) == ["styles/theme.css", "course.css"]


def test_imports_are_inlined_and_urls_point_from_the_new_place(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "basic.css").write_text("div.body{min-width:0}", encoding="utf-8")
    (tmp_path / "styles" / "theme.css").write_text(
        '@import "../basic.css";\n@font-face{src:url("../webfonts/fa.woff2")}'
        ".a{background:url(data:image/png;base64,AA==)}.b{background:url('img/x.png')}",
        encoding="utf-8",
    )
    css = purge.read_sheet(tmp_path, "styles/theme.css")
    assert css.startswith("div.body{min-width:0}")
    assert 'url("webfonts/fa.woff2")' in css and 'url("styles/img/x.png")' in css
    assert "url(data:image/png;base64,AA==)" in css


def test_minify_keeps_meaning_and_the_sources_comment():
    css = '/*! sources: a.css */\n/* a note */\n.a  .b ,\n.c {\n  color: red;\n  content: ": ";\n}\n'
    assert purge.minify(css) == '/*! sources: a.css */ .a .b , .c{color:red;content:": "}\n'


def test_icon_codepoints_come_from_escapes_and_literal_icons():
    css = '.a:before{content:"\\f002"}:root{--pst-icon-bell:"\uf0f3";--x:"plain"}.b:after{content:"\\25B8\\00A0"}'
    assert iconfont.icon_codepoints(css) == {0xF002, 0xF0F3, 0x25B8, 0xA0}


def test_purgecss_drops_unused_rules_and_keeps_dark_mode_and_runtime_classes(tmp_path):
    # The build needs Node.js and `npm ci` too: missing, this fails (it never skips).
    assert shutil.which("node") and (NODE_MODULES / purge.PURGECSS_MODULE).is_file(), "run `npm ci`"
    page = tmp_path / "page.html"
    page.write_text('<html><body><p class="used">x</p><div class="dropdown-menu"></div></body></html>')
    css = (
        ".used{color:red}.unused{color:blue}html[data-theme=dark] .used{color:white}"
        ".widget-label{width:80px}.show{display:block}.carousel{x:y}"
    )
    out = purge.minify(purge.run_purgecss(css, [str(page)], NODE_MODULES))
    kept = set(re.findall(r"([^{}]+)\{", out))
    assert kept == {".used", "html[data-theme=dark] .used", ".widget-label", ".show"}


def test_a_rebuild_that_rewrites_some_pages_still_bundles_every_sheet_a_page_needs():
    # one page just written by Sphinx, one left from the last build (already bundled)
    fresh = '<head><link rel="stylesheet" type="text/css" href="../_static/a.css" /></head>'
    bundled = purge._relink(
        '<head>\n<link rel="stylesheet" type="text/css" href="../_static/a.css" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/mystnb.css" /></head><body></body>',
        "../",
        "book.css?v=1",
    )
    assert bundled.count("stylesheet") == 1 and 'data-sources="a.css mystnb.css"' in bundled
    assert purge.page_sheets(bundled) == ["a.css", "mystnb.css"]
    assert purge.merge_orders([purge.page_sheets(fresh), purge.page_sheets(bundled)]) == [
        "a.css",
        "mystnb.css",
    ]
    # relinking again keeps the list
    again = purge._relink(bundled, "../", "book.css?v=2")
    assert 'book.css?v=2" data-sources="a.css mystnb.css"' in again and again.count("stylesheet") == 1
