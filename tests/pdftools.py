"""Reading built PDFs with poppler (pdftotext, pdfimages, pdfinfo) for the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
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
