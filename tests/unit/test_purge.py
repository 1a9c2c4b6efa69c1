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


def test_rules_no_light_first_paint_uses_go_to_the_late_sheet_in_order():
    css = (
        ".a{color:red}html[data-theme=dark] .a{color:white}"
        'html[data-theme="dark"] .b,[data-bs-theme=dark] .c{x:y}'  # every selector dark: late
        "html[data-theme=dark] .a,.d{x:y}"  # also aimed at light mode: stays
        ".widget-label{width:80px}.jupyter-widgets .x{y:z}.tooltip-inner{p:q}"
        ".p-2{padding:.5rem}"  # Bootstrap's padding utility, not the widget manager's "p-"
        ".widget-subarea:has(> *) + script + .coursekit-fallback{display:none}"  # ours: stays
        '@media print{.d-print-none{display:none}}@media (max-width:640px){.a{content:"}{"}}'
        "@font-face{font-family:x}"
    )
    core, late = purge.split_late(css)
    assert core == (
        ".a{color:red}html[data-theme=dark] .a,.d{x:y}.p-2{padding:.5rem}"
        ".widget-subarea:has(> *) + script + .coursekit-fallback{display:none}"
        '@media (max-width:640px){.a{content:"}{"}}@font-face{font-family:x}\n'
    )
    assert late == (
        'html[data-theme=dark] .a{color:white}html[data-theme="dark"] .b,[data-bs-theme=dark] .c{x:y}'
        ".widget-label{width:80px}.jupyter-widgets .x{y:z}.tooltip-inner{p:q}"
        "@media print{.d-print-none{display:none}}\n"
    )


def test_an_unclosed_rule_is_a_clear_error():
    import pytest

    with pytest.raises(purge.PurgeError, match=r"unclosed rule \(.\.b\{color:.\)"):
        purge.top_level_blocks(".a{color:red}.b{color:")


def test_pages_load_the_late_sheet_once_after_paint_and_rebuilds_keep_one():
    page = (
        '<head>\n<link rel="stylesheet" type="text/css" href="../_static/a.css" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/b.css" /></head><body></body>'
    )
    once = purge._relink(page, "../", "book.css?v=1", "book-late.css?v=1")
    head = once.partition("</head>")[0]
    assert 'href="../_static/book.css?v=1" data-sources="a.css b.css"' in head
    assert "<script data-coursekit-late>" in head and '})("../_static/book-late.css?v=1");' in head
    assert '<noscript><link rel="stylesheet" href="../_static/book-late.css?v=1" /></noscript>' in head
    assert purge.page_sheets(once) == ["a.css", "b.css"]  # the late sheet is no source
    twice = purge._relink(once, "../", "book.css?v=2", "book-late.css?v=2")
    assert twice.count("book-late.css") == 2 and "v=1" not in twice  # the loader and the <noscript> copy
    assert twice.count("coursekit:late-css -->") == 2  # one block: its start and end marks
