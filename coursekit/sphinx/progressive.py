"""Progressive enhancement of the widget pages, done on the built HTML.

myst-nb writes each page's widget state (every pre-rendered figure, base64) into the page's
``<head>`` and loads require.js and the 3.6 MB widget manager synchronously before the
article. On a phone over a slow link the article then waits for megabytes it does not need to
show text, and with JavaScript off a widget shows nothing but its caption.

After the build this module rewrites each page that has widgets, from what is in the page only
(the embedded widget state, never Python objects):

- each widget view gets a static copy of its default state right after its
  ``<script type="application/vnd.jupyter.widget-view+json">``: the figure as an ``<img>`` file
  with its alt text and size (or the table), the controls' labels and chosen values, a quiz's
  question and options. The page is complete with JavaScript off; ``course.css`` hides the copy
  once the widget manager has drawn the widget in its place, above it;
- the widget state moves to ``_widgets/<page>.js``, and the three manager scripts are replaced
  by ``vendor/widgets-loader.js`` (deferred), which loads state, require.js and the manager
  when a widget nears the viewport or the reader first interacts with the page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import json
import re
from pathlib import Path

STATE_MIME = "application/vnd.jupyter.widget-state+json"
VIEW_MIME = "application/vnd.jupyter.widget-view+json"
STATE_SCRIPT = re.compile(
    r'\s*<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S
)
VIEW_SCRIPT = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.S)
MANAGER_SCRIPTS = re.compile(
    r'\s*<script [^>]*src="[^"]*vendor/(?:requirejs/require|offline-widgets-setup|html-manager/embed-amd)'
    r'\.js[^"]*"></script>'
)
DATA_IMG = re.compile(r'<img src="data:(image/(?:png|svg\+xml));base64,([^"]+)"')
WIDGETS_DIR = "_widgets"
LOADER = "vendor/widgets-loader.js"
CONTROL_MODELS = {"DropdownModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectModel"}
BOX_MODELS = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel"}


class EnhanceError(RuntimeError):
    """A widget page this module cannot rewrite (the page would stay unusable without JS)."""


def _ref(value: str) -> str:
    return value.removeprefix("IPY_MODEL_")


class _Renderer:
    """Static HTML for one widget view, from the saved model states."""

    def __init__(self, models: dict, page: str, image_dir: Path, image_url: str) -> None:
        self.models, self.page = models, page
        self.image_dir, self.image_url = image_dir, image_url

    def render(self, model_id: str) -> str:
        model = self.models.get(model_id)
        if model is None:
            raise EnhanceError(
                f"{self.page}: widget view {model_id} has no saved state; "
                "the executed notebook lacks it: rebuild from a clean cache (jupyter-book clean --all .)"
            )
        name, state = model["model_name"], model["state"]
        if name in BOX_MODELS:
            return "".join(self.render(_ref(c)) for c in state.get("children", []))
        if name == "StackModel":
            i = state.get("selected_index")
            kids = state.get("children", [])
            return self.render(_ref(kids[i])) if i is not None and 0 <= i < len(kids) else ""
        if name in ("HTMLModel", "HTMLMathModel"):
            return self._html(state.get("value", ""))
        if name == "LabelModel":
            return f"<p>{html.escape(state.get('value', ''))}</p>"
        if name in CONTROL_MODELS:
            return self._control(state)
        return ""  # sliders and the like only exist in a live kernel

    def _control(self, state: dict) -> str:
        label = html.escape(state.get("description", ""))
        options = [html.escape(o) for o in state.get("_options_labels", [])]
        i = state.get("index")
        if i is None:  # nothing chosen yet (a quiz): list the options
            items = "".join(f"<li>{o}</li>" for o in options)
            return (
                f'<div class="coursekit-fallback-control"><span class="coursekit-fallback-label">'
                f'{label}</span><ol type="a">{items}</ol></div>'
            )
        return (
            f'<p class="coursekit-fallback-control"><span class="coursekit-fallback-label">{label}:</span> '
            f"<strong>{options[i]}</strong></p>"
        )

    def _html(self, value: str) -> str:
        if 'class="coursekit-quiz-hint"' in value:
            return ""  # "choose an option" means nothing without the live control
        value = value.replace('class="coursekit-state"', 'class="coursekit-fallback-state"')
        return DATA_IMG.sub(self._image_file, value)

    def _image_file(self, m: re.Match) -> str:
        mime, b64 = m.group(1), m.group(2)
        try:
            data = base64.b64decode(b64, validate=True)
        except binascii.Error as err:
            raise EnhanceError(f"{self.page}: an embedded figure is not valid base64 ({err})") from err
        ext = "svg" if mime == "image/svg+xml" else "png"
        name = f"{hashlib.sha1(data).hexdigest()[:16]}.{ext}"
        self.image_dir.mkdir(parents=True, exist_ok=True)
        target = self.image_dir / name
        if not target.exists():
            target.write_bytes(data)
        return f'<img src="{self.image_url}{name}" loading="lazy" decoding="async"'


STATE_FIGURE_TAB = re.compile(r'<figure class="coursekit-state" tabindex="0" ')
STATE_TABLE = re.compile(r'<div class="coursekit-state" (?![^>]*\btabindex=)([^>]*\brole="region")')


def focusable_scrollers(value: str) -> str:
    """Tab stops for the widget states that can scroll, and only for them.

    On phones a state's box scrolls sideways when its content is wider than the column
    (course.css); keyboard users must be able to focus such a box to scroll it (WCAG 2.1.1;
    axe ``scrollable-region-focusable``). A table state can be (it is a labelled region, so
    a screen reader names the stop). A figure cannot: its image shrinks to the column and its
    note wraps, so a tab stop there would be an empty stop on a non-interactive image; older
    builds gave it one, which is removed."""
    value = STATE_FIGURE_TAB.sub('<figure class="coursekit-state" ', value)
    return STATE_TABLE.sub(r'<div class="coursekit-state" tabindex="0" \1', value)


def enhance(text: str, site: Path, rel: str) -> str:
    """``text`` of page ``rel`` (relative to ``site``), rewritten as described above.

    Writes the page's state script and figures under ``site/_widgets/``. Pages without
    widgets, and pages already rewritten, come back unchanged.
    """
    state_match = STATE_SCRIPT.search(text)
    if state_match is None:
        return text
    if not MANAGER_SCRIPTS.search(text):
        raise EnhanceError(
            f"{rel}: has widget state but not the widget manager scripts set by nb_ipywidgets_js "
            "in _config.yml; keep them there (this module replaces them with the lazy loader)."
        )
    try:
        saved = json.loads(state_match.group(1))
        models = saved["state"]
    except (ValueError, KeyError) as err:
        raise EnhanceError(f"{rel}: the embedded widget state is not valid JSON ({err})") from err
    for model in models.values():
        value = model.get("state", {}).get("value")
        if model.get("model_name") == "HTMLModel" and isinstance(value, str):
            model["state"]["value"] = focusable_scrollers(value)
    state_json = json.dumps(saved, ensure_ascii=False)
    root = "../" * rel.count("/")
    stem = rel.removesuffix(".html")
    renderer = _Renderer(models, rel, site / WIDGETS_DIR / stem, f"{root}{WIDGETS_DIR}/{stem}/")

    def with_fallback(m: re.Match) -> str:
        try:
            model_id = json.loads(m.group(1))["model_id"]
        except (ValueError, KeyError) as err:
            raise EnhanceError(f"{rel}: a widget view script is not valid JSON ({err})") from err
        body = renderer.render(model_id)
        return (
            f'{m.group(0)}<div class="coursekit-fallback" data-coursekit-fallback="{model_id}">'
            f'{body}<noscript><p class="coursekit-fallback-note">Turn on JavaScript to change '
            f"this view.</p></noscript></div>"
        )

    text = VIEW_SCRIPT.sub(with_fallback, text)
    state_file = site / WIDGETS_DIR / f"{stem}.js"
    state_file.parent.mkdir(parents=True, exist_ok=True)
    # The manager reads the state from a script element: recreate it when the loader asks.
    state_file.write_text(
        "(function () {\n  var s = document.createElement('script');\n"
        f"  s.type = '{STATE_MIME}';\n  s.textContent = {json.dumps(state_json)};\n"
        "  document.head.appendChild(s);\n})();\n",
        encoding="utf-8",
    )
    text = STATE_SCRIPT.sub("", text, count=1)
    text = MANAGER_SCRIPTS.sub("", text)
    loader = (
        f'\n    <script defer src="{root}{LOADER}" '
        f'data-widget-state="{root}{WIDGETS_DIR}/{stem}.js"></script>'
    )
    return text.replace("</head>", f"{loader}\n  </head>", 1)
