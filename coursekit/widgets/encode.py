"""Figures as bytes and as ``<img>`` tags: the one place a widget image is encoded and tagged."""

from __future__ import annotations

import base64
import html
import io
import sys

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .. import style

PNG = "image/png"
SVG = "image/svg+xml"


def close_figure(fig: Figure) -> None:
    """Free a figure; pyplot figures must also leave pyplot's registry."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close(fig)  # no-op for figures pyplot does not track
    fig.clf()


def _rgb_image(fig: Figure, dpi: int) -> Image.Image:
    """Rasterise ``fig`` with Agg at ``dpi`` into a Pillow RGB image."""
    buf = io.BytesIO()
    fig.savefig(buf, format="raw", dpi=dpi)
    raw = buf.getvalue()
    width = round(fig.get_size_inches()[0] * dpi)
    height = len(raw) // 4 // width
    if width * height * 4 != len(raw):  # guard against a rounding surprise in Agg
        raise RuntimeError(f"unexpected raster size {len(raw)} bytes for width {width}px")
    return Image.frombytes("RGBA", (width, height), raw).convert("RGB")


def fast_png(fig: Figure) -> bytes:
    """PNG of ``fig`` at its own dpi, for live redraws: one Agg draw, fast zlib, no palette.

    ``savefig`` would draw the figure twice and swap canvases; drawing the Agg
    canvas directly halves the time a student waits after moving a slider.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    img = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    img.convert("RGB").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def encode_png(fig: Figure, dpi: int, *, quantize: bool = True) -> bytes:
    """PNG bytes of ``fig``.

    ``quantize=True`` (for embedding) maps to a 256-colour palette: the
    Okabe-Ito colours and their anti-aliasing shades fit easily, the image looks
    the same and is about 3x smaller. ``quantize=False`` favours speed: fast
    zlib, no palette. The PNG records ``dpi``, so LaTeX prints the figure at its drawn size
    (fonts at their point sizes) instead of reading it at 72 dpi and scaling it to the line.
    """
    img = _rgb_image(fig, dpi)
    out = io.BytesIO()
    if quantize:
        pal = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        # the octree rounds pure white to 254; snap near-whites back so backgrounds match the page
        entries = pal.getpalette()
        for i in range(0, len(entries), 3):
            if min(entries[i : i + 3]) >= 252:
                entries[i : i + 3] = [255, 255, 255]
        pal.putpalette(entries)
        pal.save(out, format="PNG", optimize=True, dpi=(dpi, dpi))
    else:
        img.save(out, format="PNG", compress_level=1, dpi=(dpi, dpi))
    return out.getvalue()


def encode_svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with style.style_context():  # svg.fonttype "none": text stays text, file stays small
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def smaller_format(fig: Figure, dpi: int) -> str:
    """The MIME type (PNG or SVG) that encodes ``fig`` in fewer bytes."""
    return SVG if len(encode_svg(fig)) < len(encode_png(fig, dpi)) else PNG


def img_tag(data: bytes, mime: str, alt: str, size: tuple[int, int], text_px: float | None = None) -> str:
    """An ``<img>`` holding ``data`` as a base64 data URI, with alt text and its pixel size.

    ``text_px``, the drawn size of the figure's smallest text in image px, goes into
    ``data-text-px`` so a browser measurement (``bench/phone_figures.py``) can tell how
    large that text is shown.
    """
    b64 = base64.b64encode(data).decode("ascii")
    w, h = size
    smallest = "" if text_px is None else f' data-text-px="{text_px:.1f}"'
    return (
        f'<img src="data:{mime};base64,{b64}" alt="{html.escape(alt)}" '
        f'width="{w}" height="{h}"{smallest} style="max-width:100%;height:auto">'
    )


def smallest_text_px(fig: Figure, dpi: float) -> float | None:
    """Drawn size in image px of ``fig``'s smallest text (None: no text)."""
    pt = style.smallest_font_pt(fig)
    return None if pt is None else pt / 72 * dpi


def figure_img(fig: Figure, alt: str, *, dpi: int, mime: str = PNG, fast: bool = False) -> str:
    """``fig`` as an ``<img>``: palette PNG or SVG for pages, or (``fast``) a quick PNG for live redraws."""
    if fast:
        if fig.dpi != dpi:  # setting it, even unchanged, would invalidate every cached transform
            fig.set_dpi(dpi)
        data = fast_png(fig)
    elif mime == SVG:
        data = encode_svg(fig)
    else:
        data = encode_png(fig, dpi)
    size = tuple(round(x * dpi) for x in fig.get_size_inches())
    return img_tag(data, mime, alt, size, smallest_text_px(fig, dpi))
