"""Copy the front-end assets the static book needs into ``_extra/vendor`` so it works offline.

The ipywidgets HTML manager, require.js and MathJax 3 come from npm packages pinned by
``package-lock.json`` (installed by ``npm ci`` into ``node_modules``). Sphinx then copies
``_extra`` into the site root through ``html_extra_path``: unlike ``_static``, Jupyter Book
does not add every file there to every page.
"""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..paths import REPO_ROOT

NODE_MODULES = REPO_ROOT / "node_modules"
EXTRA_DIR = REPO_ROOT / "_extra"
VENDOR_DIR = EXTRA_DIR / "vendor"
SETUP_JS = Path(__file__).parent / "static" / "offline-widgets-setup.js"
# Loads SETUP_JS and the manager on demand (see coursekit/sphinx/progressive.py).
LOADER_JS = Path(__file__).parent / "static" / "widgets-loader.js"


@dataclass(frozen=True)
class Asset:
    """A file or folder from an npm package, and where it goes under ``vendor/``."""

    package: str
    source: str
    target: str


ASSETS = (
    Asset("@jupyter-widgets/html-manager", "dist", "html-manager"),
    Asset("requirejs", "require.js", "requirejs/require.js"),
    Asset("mathjax", "es5/tex-chtml.js", "mathjax/tex-chtml.js"),
    Asset("mathjax", "es5/output/chtml/fonts/woff-v2", "mathjax/output/chtml/fonts/woff-v2"),
    Asset("mathjax", "es5/input/tex/extensions", "mathjax/input/tex/extensions"),
    Asset("mathjax", "es5/ui", "mathjax/ui"),
    Asset("mathjax", "es5/a11y", "mathjax/a11y"),
    Asset("mathjax", "es5/sre", "mathjax/sre"),
)

# Source maps and the non-AMD bundle are never loaded by the pages: leave them out of the site.
SKIP_SUFFIXES = (".map", ".LICENSE.txt")
SKIP_NAMES = {"embed.js", "libembed-amd.js"}


class MissingAssetsError(RuntimeError):
    """The npm packages are not installed, so the book would load widgets from nowhere."""


def _source_path(asset: Asset, node_modules: Path) -> Path:
    return node_modules / asset.package / asset.source


def check_installed(node_modules: Path = NODE_MODULES) -> None:
    missing = [a for a in ASSETS if not _source_path(a, node_modules).exists()]
    if missing:
        names = ", ".join(sorted({a.package for a in missing}))
        raise MissingAssetsError(
            f"Front-end assets missing from {node_modules}: {names}. "
            "Run `npm ci` in the repository root (scripts/build.sh does this for you)."
        )


def _wanted(path: Path) -> bool:
    return path.name not in SKIP_NAMES and not path.name.endswith(SKIP_SUFFIXES)


def _sync_file(src: Path, dst: Path) -> bool:
    if dst.exists() and filecmp.cmp(src, dst, shallow=False):
        return False
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)
    return True


def _sync_tree(src: Path, dst: Path) -> int:
    if src.is_file():
        return int(_sync_file(src, dst))
    return sum(
        _sync_file(f, dst / f.relative_to(src)) for f in sorted(src.rglob("*")) if f.is_file() and _wanted(f)
    )


def vendor(node_modules: Path = NODE_MODULES, vendor_dir: Path = VENDOR_DIR) -> int:
    """Copy every asset into ``vendor_dir``; return how many files changed."""
    check_installed(node_modules)
    changed = sum(_sync_tree(_source_path(a, node_modules), vendor_dir / a.target) for a in ASSETS)
    changed += _sync_file(SETUP_JS, vendor_dir / SETUP_JS.name)
    changed += _sync_file(LOADER_JS, vendor_dir / LOADER_JS.name)
    return changed


def sync_into_site(site_dir: Path, vendor_dir: Path = VENDOR_DIR) -> int:
    """Make ``site_dir/vendor`` match ``vendor_dir``.

    Sphinx skips copying extra files when no page changed, so a rebuild after
    ``npm ci`` or an edit of the setup script would otherwise serve stale assets.
    """
    return _sync_tree(vendor_dir, site_dir / "vendor")
