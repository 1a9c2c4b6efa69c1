"""Honest header buttons (coursekit/sphinx/repository.py): no button to a placeholder
repository, and with ``COURSE_REPOSITORY_URL`` set a chapter's rocket opens its student
notebook on mybinder.org."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from sphinx.errors import ConfigError

from coursekit.sphinx import repository
from tests.helpers import NOTEBOOK_HEADER, REPO_ROOT, build_book, make_scratch_book, site_pages

PLACEHOLDER = "eurasian-pivot-course/eurasian-pivot-course"


def _git_repo(folder: Path, origin: str | None) -> Path:
    folder.mkdir()
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    if origin:
        subprocess.run(["git", "-C", str(folder), "remote", "add", "origin", origin], check=True)
    return folder


@pytest.mark.parametrize(
    "origin, expected",
    [
        ("git@github.com:someone/course.git", "https://github.com/someone/course"),
        ("https://github.com/someone/course.git", "https://github.com/someone/course"),
        ("https://gitlab.com/someone/course.git", ""),
        (None, ""),
    ],
)
def test_github_origin_fills_in_the_url(tmp_path, origin, expected):
    repo = _git_repo(tmp_path / "r", origin)
    assert repository.repository_url(repo, environ={}) == expected


def test_setting_wins_over_origin_and_placeholders_count_as_unset(tmp_path):
    repo = _git_repo(tmp_path / "r", "git@github.com:someone/course.git")
    env = {"COURSE_REPOSITORY_URL": "https://github.com/teacher/fork/"}
    assert repository.repository_url(repo, environ=env) == "https://github.com/teacher/fork"
    env = {"COURSE_REPOSITORY_URL": f"https://github.com/{PLACEHOLDER}"}
    assert repository.repository_url(tmp_path, environ=env) == ""


def test_a_url_binder_cannot_launch_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="COURSE_REPOSITORY_URL.*GitHub"):
        repository.repository_url(tmp_path, environ={"COURSE_REPOSITORY_URL": "https://example.org/x"})


def test_no_built_page_links_to_a_placeholder_repository(built_book):
    pages = site_pages(built_book)
    assert pages
    expected = repository.repository_url(REPO_ROOT)
    for rel in pages:
        html = (built_book / rel).read_text(encoding="utf-8")
        assert PLACEHOLDER not in html, f"{rel} links to the placeholder repository"
        assert "executablebooks/jupyter-book" not in html, f"{rel} links to Jupyter Book's default repository"
        if not expected:  # no repository known: no launch, repository, issue or edit button
            for marker in (
                'href="https://mybinder.org',
                "launch-buttons",
                "fa-github",
                "/issues/new",
                "/edit/main",
            ):
                assert marker not in html, f"{rel} shows a header button ({marker}) with no repository set"


#: The blocks of "How to use" that depend on the repository setting, copied from the page.
ONLY_BLOCKS = re.compile(r"^```\{only\} .*?^```$", re.M | re.S)


def _launch_book(root: Path) -> Path:
    """A scratch book with the course's configuration, execution off (the buttons do not
    depend on outputs): a chapter notebook and the real page's launch-dependent blocks."""
    howto = (REPO_ROOT / "chapters" / "how-to-use.md").read_text(encoding="utf-8")
    blocks = ONLY_BLOCKS.findall(howto)
    assert len(blocks) == 2 and all(repository.LAUNCH_TAG in b for b in blocks), "how-to-use's {only} blocks"
    book = make_scratch_book(
        root,
        {
            "index": "# Launch check\n\nThe root page.\n",
            "a-notebook": NOTEBOOK_HEADER + "# A chapter\n\n```{code-cell} ipython3\nprint(6 * 7)\n```\n",
            "how-to-use": "# How to use\n\n" + "\n\n".join(blocks) + "\n",
        },
    )
    config = yaml.safe_load((book / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    (book / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    return book


@pytest.mark.build
@pytest.mark.parametrize("edition", ["full", "student"])
def test_launch_button_opens_the_chapters_student_notebook_on_binder(tmp_path, monkeypatch, edition):
    book = _launch_book(tmp_path / "book")
    monkeypatch.setenv("COURSE_REPOSITORY_URL", "https://github.com/teacher/course")
    monkeypatch.setenv("COURSE_EDITION", edition)
    result = build_book(book, tmp_path / "out", in_process=True)
    assert result.returncode == 0 and result.warnings == [], result.tail()
    html_dir = result.html
    assert (html_dir / "chapters" / "a-notebook.html").is_file(), result.tail()
    html = (html_dir / "chapters" / "a-notebook.html").read_text(encoding="utf-8")
    launch = re.findall(r'href="(https://mybinder\.org/[^"]+)"', html)
    assert launch == [
        "https://mybinder.org/v2/gh/teacher/course/main?urlpath=lab/tree/chapters/a-notebook.ipynb"
    ]
    assert "https://github.com/teacher/course" in html  # the repository button
    howto = (html_dir / "chapters" / "how-to-use.html").read_text(encoding="utf-8")
    assert "rocket icon" in howto and "published without the address" not in howto
    if edition == "student":  # the theme's copy of the executed notebook holds every solution
        assert not list(html_dir.glob("_sources/**/*.ipynb")), "the student site ships executed notebooks"
        assert 'a-notebook.ipynb"' not in html.replace(launch[0], "")
