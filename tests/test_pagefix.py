"""Build-time page edits (coursekit/sphinx/pagefix.py, progressive.py) on small, known pages."""

from __future__ import annotations

import base64
import json
import re

import pytest

from coursekit.sphinx import afterpaint, pagefix, progressive

HEAD = """<html><head>
<link rel="icon" href="../_static/favicon.svg"/>
  <script defer src="../_static/scripts/fontawesome.js?digest=1"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../searchindex.js"></script>
{widgets}</head><body>
<button class="btn search-button-field search-button__button pst-js-only" title="Search" aria-label="Search" data-bs-placement="bottom">
 <span class="search-button__default-text">Search</span></button>
<i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light" title="Light"></i>
<summary aria-label="Toggle hidden content">
{body}</body></html>"""
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really a png").decode()
MANAGER = """<script src="../_static/../vendor/requirejs/require.js?v=1"></script>
<script src="../_static/../vendor/offline-widgets-setup.js?v=1"></script>
<script data-jupyter-widgets-cdn="../vendor/html-manager/" src="../_static/../vendor/html-manager/embed-amd.js?v=1"></script>
"""


def _state() -> dict:
    fig = (
        f'<figure class="coursekit-state" data-coursekit-state="{{}}" style="margin:0">'
        f'<img src="data:image/png;base64,{PNG}" alt="Bars for 2018" width="585" height="300"></figure>'
    )
    models = {
        "root": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_ctl", "IPY_MODEL_stack"]}},
        "ctl": {
            "model_name": "DropdownModel",
            "state": {"description": "Year", "_options_labels": ["2017", "2018"], "index": 1},
        },
        "stack": {
            "model_name": "StackModel",
            "state": {"children": ["IPY_MODEL_a", "IPY_MODEL_b"], "selected_index": 1},
        },
        "a": {"model_name": "HTMLModel", "state": {"value": "<p>other state</p>"}},
        "b": {"model_name": "HTMLModel", "state": {"value": fig}},
        "quiz": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_q", "IPY_MODEL_r"]}},
        "q": {"model_name": "HTMLModel", "state": {"value": "<p>Which year?</p>"}},
        "r": {
            "model_name": "RadioButtonsModel",
            "state": {"description": "Your answer", "_options_labels": ["2017 <b>", "2018"], "index": None},
        },
    }
    return {"version_major": 2, "version_minor": 0, "state": models}


def widget_page(manager: str = MANAGER) -> str:
    state = f'<script type="application/vnd.jupyter.widget-state+json">{json.dumps(_state())}</script>\n'
    views = "".join(
        f'<div class="cell_output"><script type="application/vnd.jupyter.widget-view+json">'
        f'{{"version_major": 2, "version_minor": 0, "model_id": "{m}"}}</script></div>'
        for m in ("root", "quiz")
    )
    return HEAD.format(widgets=state + manager, body=views)


def test_fix_page_drops_the_icon_script_fixes_labels_defers_search_and_is_idempotent():
    page = HEAD.format(widgets="", body="")
    fixed = pagefix.fix_page(page)
    assert "fontawesome.js" not in fixed
    assert 'aria-label="Search"' not in fixed and "search-button-field" in fixed
    assert 'title="Light"' not in fixed and 'data-mode="light" aria-hidden="true"' in fixed
    assert 'aria-label="Toggle hidden content"' not in fixed
    assert "searchindex.js" not in fixed and "searchtools.js" not in fixed  # not the search page
    assert fixed.count("favicon.png") == 2  # icon and apple-touch-icon
    assert pagefix.fix_page(fixed) == fixed
    # the search page keeps (and defers) its scripts
    search = pagefix.fix_page(HEAD.format(widgets="", body='<div id="search-results"></div>'))
    assert '<script defer src="../searchindex.js"></script>' in search
    assert '<script defer src="../_static/searchtools.js"></script>' in search


def test_scripts_stay_only_where_the_page_has_what_they_work_on():
    scripts = (
        '<script defer src="../_static/copybutton.js?v=1"></script>\n'
        '<script defer src="../_static/answer-box.js?v=1"></script>\n'
        '<script defer="defer" src="../_static/coursekit-quiz.js?v=1"></script>\n'
        '<script defer src="../_static/togglebutton.js?v=1"></script>\n'
    )
    page = HEAD.format(
        widgets=scripts, body='<div class="highlight-python notranslate"><div class="highlight">'
    )
    fixed = pagefix.fix_page(page)
    assert "copybutton.js" in fixed and "togglebutton.js" in fixed
    assert "answer-box.js" not in fixed and "coursekit-quiz.js" not in fixed
    boxes = pagefix.fix_page(HEAD.format(widgets=scripts, body='<div class="answer-box answer-box--number">'))
    assert "answer-box.js" in boxes and "copybutton.js" not in boxes


THEME_SCRIPTS = (
    '<script src="../_static/documentation_options.js?v=1"></script>\n'
    '<script src="../_static/doctools.js?v=2"></script>\n'
    '<script defer src="../_static/answer-box.js?v=1"></script>\n'
    '<script src="../_static/scripts/sphinx-book-theme.js?v=3"></script>\n'
)
BODY_END_SCRIPTS = (
    '<div class="answer-box answer-box--number"></div>\n'
    '<script defer src="../_static/scripts/bootstrap.js?digest=4"></script>\n'
    '<script defer src="../_static/scripts/pydata-sphinx-theme.js?digest=4"></script>\n'
)


def test_theme_scripts_load_after_the_first_paint_in_their_order():
    fixed = pagefix.fix_page(HEAD.format(widgets=THEME_SCRIPTS, body=BODY_END_SCRIPTS))
    tags = re.findall(r'<script [^>]*src="([^"]+)"', fixed)
    assert tags == ["../_static/answer-box.js?v=1"], "only the course's own script stays a tag"
    (loader,) = re.findall(r"<script data-coursekit-after-paint>(.*?)</script>", fixed, re.S)
    urls = json.loads(re.search(r"\}\)\((\[.*?\])\);", loader, re.S).group(1))
    assert urls == [
        "../_static/documentation_options.js?v=1",
        "../_static/doctools.js?v=2",
        "../_static/scripts/sphinx-book-theme.js?v=3",
        "../_static/scripts/bootstrap.js?digest=4",
        "../_static/scripts/pydata-sphinx-theme.js?digest=4",
    ]
    assert 'addEventListener("load"' in loader and "requestAnimationFrame" in loader
    assert "data-course-scripts" in loader
    assert fixed.index("data-coursekit-after-paint") < fixed.index("</body>")
    assert pagefix.fix_page(fixed) == fixed


def test_a_page_with_an_older_loader_gets_the_current_one_with_its_scripts():
    fixed = pagefix.fix_page(HEAD.format(widgets=THEME_SCRIPTS, body=BODY_END_SCRIPTS))
    older = fixed.replace("passToggleClicks();", "").replace("function passToggleClicks", "function unused")
    assert older != fixed
    assert pagefix.fix_page(older) == fixed


def test_the_search_page_keeps_its_scripts_as_tags():
    page = HEAD.format(widgets=THEME_SCRIPTS, body='<div id="search-results"></div>')
    fixed = pagefix.fix_page(page)
    assert afterpaint.MARK not in fixed
    assert '<script defer src="../_static/doctools.js?v=2"></script>' in fixed


def test_widget_page_gets_static_copies_and_a_lazy_loader(tmp_path):
    out = progressive.enhance(widget_page(), tmp_path, "chapters/page.html")
    # the default state, as the reader would see it without JavaScript
    assert "Year:</span> <strong>2018</strong>" in out
    assert 'alt="Bars for 2018"' in out and "data:image/png" not in out
    images = list((tmp_path / "_widgets" / "chapters" / "page").glob("*.png"))
    assert len(images) == 1 and images[0].read_bytes().startswith(b"\x89PNG")
    assert f'src="../_widgets/chapters/page/{images[0].name}"' in out
    assert "other state" not in out  # only the selected state
    assert "<li>2017 &lt;b&gt;</li><li>2018</li>" in out and "Which year?" in out  # the quiz, escaped
    # the manager is gone from the page; the loader names the moved state
    assert "embed-amd.js" not in out and "require.js" not in out and 'widget-state+json">' not in out
    assert 'src="../vendor/widgets-loader.js" data-widget-state="../_widgets/chapters/page.js"' in out
    state_js = (tmp_path / "_widgets" / "chapters" / "page.js").read_text()
    assert "application/vnd.jupyter.widget-state+json" in state_js
    literal = re.search(r"s\.textContent = (\".*?\");\n", state_js, re.S).group(1)
    saved = json.loads(json.loads(literal))["state"]
    assert saved["b"]["state"]["value"].startswith('<figure class="coursekit-state" data-coursekit-state=')
    assert progressive.enhance(out, tmp_path, "chapters/page.html") == out  # done once


def test_a_page_without_widgets_is_left_alone(tmp_path):
    page = HEAD.format(widgets="", body="<p>text</p>")
    assert progressive.enhance(page, tmp_path, "chapters/page.html") == page
    assert not (tmp_path / "_widgets").exists()


def test_widget_state_without_the_manager_scripts_is_a_clear_error(tmp_path):
    with pytest.raises(progressive.EnhanceError, match=r"chapters/page\.html.*nb_ipywidgets_js"):
        progressive.enhance(widget_page(manager=""), tmp_path, "chapters/page.html")


def test_a_view_of_an_unknown_model_is_a_clear_error(tmp_path):
    page = widget_page().replace('"model_id": "quiz"', '"model_id": "nowhere"')
    with pytest.raises(progressive.EnhanceError, match="nowhere has no saved state"):
        progressive.enhance(page, tmp_path, "chapters/page.html")


def test_only_widget_states_that_can_scroll_are_tab_stops():
    # a table state scrolls in its own box on a phone: a named, focusable region
    table = '<div class="coursekit-state" data-coursekit-state="[]" role="region" aria-label="Rows" style="margin:0">'
    assert progressive.focusable_scrollers(table).startswith('<div class="coursekit-state" tabindex="0" ')
    # a figure shrinks to the column: no empty tab stop on an image (one left by an older build goes)
    figure = (
        '<figure class="coursekit-state" data-coursekit-state="[]" style="margin:0"><img alt="x"></figure>'
    )
    assert progressive.focusable_scrollers(figure) == figure
    assert progressive.focusable_scrollers(figure.replace('" data', '" tabindex="0" data', 1)) == figure
    assert progressive.focusable_scrollers(progressive.focusable_scrollers(table)).count("tabindex") == 1
