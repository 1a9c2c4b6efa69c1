"""Render the first page of every chapter of a built PDF as a PNG, for review.

    python -m coursekit.sphinx.pdfreview _build/pdf/course.pdf _build/pdf/review

The PNGs are build artifacts (git-ignored under _build/), not committed.
Chapter starts come from the PDF's named destinations (hyperref writes ``chapter.N``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DEST = re.compile(r"^\s*(\d+)\s+\[.*\]\s+\"(chapter[.*][^\"]*)\"", re.M)


def chapter_pages(pdf: Path) -> list[int]:
    """Physical page numbers (1-based) where chapters start, in order."""
    out = subprocess.run(["pdfinfo", "-dests", str(pdf)], check=True, capture_output=True, text=True).stdout
    return sorted({int(page) for page, _name in DEST.findall(out)})


def render_chapter_starts(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    images = []
    for n, page in enumerate(chapter_pages(pdf), start=1):
        stem = out_dir / f"chapter-{n:02d}-page-{page:03d}"
        subprocess.run(
            [
                "pdftoppm",
                "-f",
                str(page),
                "-l",
                str(page),
                "-r",
                str(dpi),
                "-png",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        images.append(stem.with_suffix(".png"))
    return images


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m coursekit.sphinx.pdfreview BOOK.pdf OUT_DIR", file=sys.stderr)
        return 2
    pdf, out_dir = Path(argv[0]), Path(argv[1])
    if not pdf.is_file():
        print(f"error: {pdf} does not exist; build it with 'bash scripts/build.sh pdf'", file=sys.stderr)
        return 1
    images = render_chapter_starts(pdf, out_dir)
    print(f"{len(images)} chapter first pages rendered into {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
