"""Where things live, resolved from this file so notebooks can run from any folder."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"


def _user_cache_dir() -> Path:
    """The user's XDG cache folder; the checkout's ``_build/cache`` for a user with no home."""
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "eurasian-course"
    try:
        return Path.home() / ".cache" / "eurasian-course"
    except RuntimeError:  # no HOME and no password entry (some containers)
        return REPO_ROOT / "_build" / "cache"


#: What a run remembers outside the checkout: on Binder the checkout is the student's working
#: folder, and a ``_build/`` there would show up in JupyterLab's file browser.
USER_CACHE_DIR = _user_cache_dir()
