"""Load the theme's and Sphinx's scripts after the page has painted, not while it is parsed.

Deferred scripts still download during parsing, so on a slow link they compete with the
article for the first seconds (Lighthouse counts them in the largest contentful paint). None of
them draws the article: they wire up the sidebar and header menus, tooltips, toggles, copy
buttons and search-term highlighting, and each one starts its work whether or not the document
has finished loading (they test ``document.readyState``). So they are taken out of the page and
a small inline script adds them, in their original order, once the page has loaded and painted,
and marks ``<html data-course-scripts="loaded">`` when the last has run (the browser tests wait
for it before they operate the page, as a reader's first tap would usually come after it).
It also mends the sidebar toggle the theme leaves unwired (``passToggleClicks``).

With JavaScript off nothing changes (none of them runs either way). The search page keeps its
scripts as they are: Sphinx's search needs them while the page loads.
"""

from __future__ import annotations

import json
import re

#: Scripts that only enhance controls around the article (file names as the theme writes them).
AFTER_PAINT = (
    "documentation_options.js",
    "doctools.js",
    "sphinx_highlight.js",
    "sphinx-book-theme.js",
    "togglebutton.js",
    "bootstrap.js",
    "pydata-sphinx-theme.js",
    "clipboard.min.js",
    "copybutton.js",
    "design-tabs.js",
)
SCRIPT = re.compile(r'[ \t]*<script defer src="((?:[^"]*/)?([^"/?]+)(?:\?[^"]*)?)"></script>\n?')
MARK = "data-coursekit-after-paint"
LOADER = """<script {mark}>
(function (urls) {{
  function add() {{
    urls.forEach(function (url, i) {{
      var s = document.createElement("script");
      s.src = url;
      s.async = false;  // run in the order given, like the deferred scripts they replace
      if (i === urls.length - 1) s.onload = function () {{
        passToggleClicks();
        document.documentElement.setAttribute("data-course-scripts", "loaded");  // for tests
      }};
      document.body.appendChild(s);
    }});
  }}
  // pydata-sphinx-theme 0.17 and sphinx-book-theme wire the sidebar toggle to the first
  // .primary-toggle only, the theme's hidden navbar icon, so the button a reader sees did
  // nothing: no navigation drawer on a phone, no hiding the sidebar on a desktop
  // (pydata-sphinx-theme issue 2451). A click on any other toggle is passed on to that one.
  function passToggleClicks() {{
    ["primary", "secondary"].forEach(function (side) {{
      var toggles = document.querySelectorAll("." + side + "-toggle");
      for (var i = 1; i < toggles.length; i++) toggles[i].addEventListener("click", function (e) {{
        e.preventDefault();
        toggles[0].click();
      }});
    }});
  }}
  function afterPaint() {{ requestAnimationFrame(function () {{ setTimeout(add, 0); }}); }}
  if (document.readyState === "complete") afterPaint();
  else window.addEventListener("load", afterPaint);
}})({urls});
</script>
"""


#: A loader already in a page (a page an incremental build did not rewrite) and its URLs.
WRITTEN_LOADER = re.compile(r"<script " + MARK + r">\n.*?\}\)\((\[.*?\])\);\n</script>\n", re.S)


def load_after_paint(text: str) -> str:
    """``text`` with the :data:`AFTER_PAINT` scripts loaded after the first paint (idempotent).
    A page that has a loader gets the current one, with the same scripts: a page Sphinx did
    not rewrite would otherwise keep an older loader's code."""
    if MARK in text:
        return WRITTEN_LOADER.sub(lambda m: LOADER.format(mark=MARK, urls=m.group(1)), text)
    if "searchtools.js" in text:
        return text
    urls: list[str] = []

    def take(m: re.Match) -> str:
        if m.group(2) not in AFTER_PAINT:
            return m.group(0)
        urls.append(m.group(1))
        return ""

    text = SCRIPT.sub(take, text)
    if not urls:
        return text
    loader = LOADER.format(mark=MARK, urls=json.dumps(urls))
    head, sep, rest = text.rpartition("</body>")
    return head + loader + sep + rest
