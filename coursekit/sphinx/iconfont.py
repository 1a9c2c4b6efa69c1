"""The theme's icon fonts cut down to the icons the site's CSS still draws, inlined into it.

pydata-sphinx-theme draws its icons (search, colour mode, sidebar toggles, download...) with
Font Awesome's web fonts: ``fa-solid-900.woff2`` alone is 156 KB, fetched at the highest
priority by every page that shows an icon, for about a dozen glyphs. Once :mod:`.purge` has
kept only the icon rules some page uses, each ``@font-face`` of those fonts is replaced by a
subset holding just the code points the remaining ``content`` rules name (a few KB, as WOFF
in a ``data:`` URL: no request, no invisible icons while a font loads, works from
``file://``). A font none of whose glyphs is used loses its ``@font-face``.
Deterministic: the subset keeps the original font's timestamps.
"""

from __future__ import annotations

import base64
import io
import posixpath
import re
from pathlib import Path

FONT_FACE = re.compile(r"@font-face\{[^{}]*\}")
FONT_URL = re.compile(r'url\("((?:[^"]*/)?(fa-[a-z]+-[0-9]+)\.(?:woff2|ttf))"\)')
#: A quoted value of any declaration: ``content``, or a custom property that a ``content`` reads
#: through ``var()`` (the theme's ``--pst-icon-*``, Font Awesome's ``--fa``).
ICON_VALUE = re.compile(r"""[A-Za-z-]+\s*:\s*["']((?:\\[0-9a-fA-F]{1,6}\s?|[^"'\\])+)["']""")
ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")


class IconFontError(RuntimeError):
    """An icon font the CSS names cannot be read."""


def icon_codepoints(css: str) -> set[int]:
    """The code points in the quoted declaration values of ``css``: escapes, and non-ASCII
    characters written as they are (the theme writes its ``--pst-icon-*`` that way)."""
    points: set[int] = set()
    for value in ICON_VALUE.findall(css):
        points |= {int(h, 16) for h in ESCAPE.findall(value)}
        points |= {ord(c) for c in ESCAPE.sub("", value) if ord(c) > 0x7F}  # icons written as is
    return points


def subset_woff(ttf: Path, codepoints: set[int]) -> bytes | None:
    """WOFF bytes of ``ttf`` with only ``codepoints`` (None when the font has none of them)."""
    from fontTools import subset  # matplotlib's dependency: already installed for the book
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(ttf, recalcTimestamp=False)
    except (OSError, ValueError, TTLibError) as err:
        raise IconFontError(
            f"{ttf}: cannot read the theme's icon font ({err}); rebuild from scratch "
            "(jupyter-book clean .) so Sphinx copies the theme's static files again"
        ) from err
    wanted = codepoints & set(font.getBestCmap())
    if not wanted:
        return None
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the licence and names
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def inline_icon_fonts(css: str, static: Path) -> str:
    """``css`` (URLs relative to ``static``) with each icon font's ``@font-face`` subset and inlined."""
    points = icon_codepoints(css)

    def replace(m: re.Match) -> str:
        rule = m.group(0)
        found = FONT_URL.search(rule)
        if found is None:
            return rule
        folder = posixpath.dirname(found.group(1))
        ttf = static / folder / f"{found.group(2)}.ttf"
        if not ttf.is_file():
            raise IconFontError(
                f"{ttf}: the icon font named in the theme's CSS is missing; rebuild from scratch "
                "(jupyter-book clean .) so Sphinx copies the theme's static files again"
            )
        woff = subset_woff(ttf, points)
        if woff is None:
            return ""
        data = base64.b64encode(woff).decode("ascii")
        return re.sub(r"src:[^;}]*", f'src:url(data:font/woff;base64,{data}) format("woff")', rule)

    return FONT_FACE.sub(replace, css)
