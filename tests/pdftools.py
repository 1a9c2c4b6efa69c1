"""Reading built PDFs with poppler (pdftotext, pdfimages, pdfinfo) for the tests."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import zlib
from pathlib import Path

POPPLER = ("pdftotext", "pdfimages", "pdfinfo")
WIDGET_REPR = (
    "Stack(",
    "VBox(",
    "HBox(",
    "ToggleButtons(",
    "Dropdown(",
    "RadioButtons(",
    "Output(",
    "model_id",
    "widget-view+json",
    "StaticWidget",
)


# Page size in PostScript points (ISO 216 A4: 210 x 297 mm; US Letter: 8.5 x 11 in), and
# the name poppler's pdfinfo gives it.
PAPER = {"a4": ((595.28, 841.89), "A4"), "letter": ((612.0, 792.0), "letter")}


def poppler_available() -> bool:
    return all(shutil.which(tool) for tool in POPPLER)


def text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def normalise(value: str) -> str:
    """Lower case, straight quotes, hyphenation and line breaks undone, words only."""
    value = value.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    value = re.sub(r"-\s*\n\s*", "", value)
    return re.sub(r"[^0-9a-zа-яё\u3040-\u30ff\u4e00-\u9fff]+", " ", value.lower()).strip()


def image_count(pdf: Path) -> int:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return sum(1 for line in listing[2:] if line.split()[2:3] == ["image"])


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def require_tex() -> None:
    """TeX and poppler, or a skip (locally) / a failure (under CI), naming what to install."""
    from tests.conftest import require_tool  # conftest is loaded first; no import cycle

    require_tool(
        bool(shutil.which("xelatex") and shutil.which("latexmk")),
        "TeX (xelatex, latexmk)",
        "run 'bash scripts/install_tex.sh'",
    )
    require_tool(poppler_available(), "poppler-utils", "apt-get install poppler-utils")


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def catalog_lang(pdf: Path) -> str | None:
    """/Lang of the catalog, looking inside compressed object streams too."""
    data = pdf.read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompress(match.group(1)))
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode()
    return None


def assert_paper(pdf: Path, paper: str) -> None:
    (width, height), name = PAPER[paper]
    found = info(pdf)["Page size"]
    match = re.fullmatch(r"([\d.]+) x ([\d.]+) pts \((\w+)\)", found)
    assert match, found
    assert abs(float(match.group(1)) - width) < 0.5 and abs(float(match.group(2)) - height) < 0.5, found
    assert match.group(3) == name, found


#: LaTeX that Sphinx writes inside running text; removed (with every other command name and
#: brace) before ``normalise``, so the words of a .tex file compare with those of a PDF.
TEX_COMMAND = re.compile(r"\\[A-Za-z@]+\*?|[{}]")


def tex_words(tex: Path) -> str:
    """The words of a LaTeX source, normalised like a PDF's text (``normalise``)."""
    return normalise(TEX_COMMAND.sub(" ", tex.read_text(encoding="utf-8")))
