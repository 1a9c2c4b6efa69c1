"""Honest header buttons: launch (Binder), repository, issues and edit.

The repository URL comes from one setting, ``COURSE_REPOSITORY_URL``
(:mod:`coursekit.settings`); when it is unset, a GitHub ``origin`` remote of the book's
checkout fills it in. ``_config.yml``'s ``repository.url`` is always overridden, so no
copy of the book can point at somebody else's repository by accident.

- No URL (or a placeholder such as the template's ``eurasian-pivot-course/...``): the
  build shows no launch, repository, issues or edit button; "How to use" explains local
  and Binder use instead.
- A URL: the buttons point at it, and each page's launch button opens that page's
  *student notebook* (``chapters/x.ipynb``, written by ``binder/postBuild``, see
  :mod:`coursekit.sphinx.student_notebooks`) in JupyterLab on mybinder.org.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from .. import settings

SETTING = "COURSE_REPOSITORY_URL"
# URLs that stand for "no repository yet": the template's and Jupyter Book's defaults.
PLACEHOLDERS = frozenset(
    {
        "https://github.com/eurasian-pivot-course/eurasian-pivot-course",
        "https://github.com/executablebooks/jupyter-book",
        "https://github.com/owner/name",
    }
)
GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$")
_REMOTE = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$"
)
LAUNCH_TAG = "course_launch_buttons"  # for {only} blocks in chapters/how-to-use.md
BUTTON_KEYS = ("use_repository_button", "use_issues_button", "use_edit_page_button")

logger = logging.getLogger(__name__)


def github_origin(folder: str | Path) -> str:
    """``https://github.com/OWNER/NAME`` of the folder's git ``origin``, or '' if none."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    match = _REMOTE.match(result.stdout.strip())
    return f"https://github.com/{match['owner']}/{match['name']}" if match else ""


def repository_url(folder: str | Path, environ=None) -> str:
    """The repository the buttons point at, or '' when there is none (or a placeholder)."""
    url = settings.load(environ).repository_url or github_origin(folder)
    url = url.rstrip("/").removesuffix(".git")
    if url in PLACEHOLDERS:
        return ""
    if url and not GITHUB.match(url):
        raise ConfigError(
            f"{SETTING}={url!r} is not a GitHub repository URL (https://github.com/OWNER/NAME); "
            "Binder's launch button needs one. Fix or unset it (unset: no header buttons)."
        )
    return url


def binder_url(repo_url: str, branch: str, notebook: str, binderhub: str = "https://mybinder.org") -> str:
    """The mybinder.org URL that opens ``notebook`` (a repository path) in JupyterLab."""
    match = GITHUB.match(repo_url)
    if not match:
        raise ValueError(
            f"not a GitHub repository URL: {repo_url!r}; Binder needs https://github.com/OWNER/NAME "
            f"(set {SETTING})"
        )
    return (
        f"{binderhub.rstrip('/')}/v2/gh/{match['owner']}/{match['name']}/{branch}?urlpath=lab/tree/{notebook}"
    )


def configure(app: Sphinx, config: Config) -> None:
    options = config.html_theme_options
    url = repository_url(app.srcdir)
    config.course_repository_url = url
    if url:
        # "How to use" says where the rocket icon leads only when there is one.
        app.tags.add(LAUNCH_TAG)
        options["repository_url"] = url
        for key in BUTTON_KEYS:
            options[key] = True
        logger.info(f"[coursekit.sphinx.repository] header buttons point at {url}")
        return
    options["repository_url"] = ""
    for key in BUTTON_KEYS:
        options[key] = False
    options["launch_buttons"] = {}
    logger.info(f"[coursekit.sphinx.repository] {SETTING} unset: no launch, repository or issue buttons")


def _student_notebook_launch(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # With launch buttons, sphinx-book-theme copies each page's *executed* notebook (every
    # solution included) into _sources/ for the download button. Never in the student edition.
    if getattr(app.config, "course_edition", "full") == "student" and context.pop("ipynb_source", None):
        (Path(app.outdir) / "_sources" / f"{pagename}.ipynb").unlink(missing_ok=True)
    # sphinx-book-theme's launch button opens the page's source (.md), which Binder holds
    # only as the student notebook .ipynb (binder/postBuild replaces the sources).
    for group in context.get("header_buttons") or []:
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            link = button.get("url", "")
            if "?urlpath=lab/tree/" in link and link.endswith(".md"):
                button["url"] = link.removesuffix(".md") + ".ipynb"


def setup(app: Sphinx) -> None:
    # "env": the {only} blocks of "How to use" depend on it, so a change re-reads the pages.
    app.add_config_value("course_repository_url", "", "env")
    # Before the theme and Jupyter Book read html_theme_options.
    app.connect("config-inited", configure, priority=150)
    # After sphinx-book-theme has added its launch buttons (default priority 500).
    app.connect("html-page-context", _student_notebook_launch, priority=600)
