"""Where things live, resolved from this file so notebooks can run from any folder."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"
BUILD_DIR = REPO_ROOT / "_build"
