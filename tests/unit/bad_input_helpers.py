"""Small bad inputs for the cases of ``test_bad_input.py``: a broken copy of ``data/``, bad answers.

Every helper makes one thing wrong and then calls the course code the way a chapter, the
build or a student would, so the error raised is the real one.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import yaml

from coursekit import data
from coursekit.data.refresh import refresh
from coursekit.paths import DATA_DIR, REPO_ROOT

# ---------------------------------------------------------------- a copy of data/, edited


def package_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest, ignore=shutil.ignore_patterns("*.md"))
    return dest


def on_copy(*steps: Callable[[Path], object]):
    """A trigger that runs ``steps`` in turn on a fresh copy of ``data/``."""

    def trigger(tmp_path, monkeypatch):
        pkg = package_copy(tmp_path)
        for step in steps:
            step(pkg)

    return trigger


def edit(pkg: Path, name: str, line: int, field: str, value: str, rehash: bool = True) -> None:
    """Set one cell (``line`` as an editor counts it, the header is line 1) and refresh the hashes."""
    path = pkg / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    record = next(csv.reader([lines[line - 1]]))
    record[header.index(field)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(record)
    lines[line - 1] = buf.getvalue()
    path.write_text("".join(lines), encoding="utf-8")
    if rehash:
        refresh(pkg)


def write(pkg: Path, name: str, text: str, rehash: bool = True) -> None:
    (pkg / name).write_text(text, encoding="utf-8")
    if rehash:
        refresh(pkg)


def descriptor(pkg: Path, change: Callable[[dict], None]) -> None:
    path = pkg / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


def text(pkg: Path, name: str) -> str:
    return (pkg / f"{name}.csv").read_text(encoding="utf-8")


def load(name: str):
    return lambda pkg: data.load(name, package=pkg)


def resource(desc: dict, name: str) -> dict:
    return next(r for r in desc["resources"] if r["name"] == name)


def cut_in_quotes(pkg: Path) -> None:
    """Cut sources.csv just inside the first quoted cell, as a botched save would."""
    body = text(pkg, "sources")
    rows = body.splitlines(keepends=True)
    line = next(i for i, row in enumerate(rows) if i > 0 and '"' in row)
    start = sum(len(x) for x in rows[:line])
    write(pkg, "sources.csv", body[: start + rows[line].index('"') + 3])


# ---------------------------------------------------------------- exercises


def grade(exercise_id: str, answer):
    """Grade ``answer`` with the exercise's spec, so an AnswerFormatError propagates.

    (``check()`` turns it into feedback; the feedback tests cover that wrapping.)
    """
    from coursekit.exercises import registry

    return registry.spec(exercise_id).grade(answer)


def duplicate_id(tmp_path, monkeypatch):
    from coursekit.exercises import ch07_concluding_thoughts, registry

    monkeypatch.setattr(registry, "CHAPTER_MODULES", registry.CHAPTER_MODULES + (ch07_concluding_thoughts,))
    registry._collect()


def huge_box(tmp_path, monkeypatch):
    from coursekit.exercises import boxes, registry

    built = registry.spec("ex02_hedges")
    words = tuple(f"word{i}" for i in range(20))
    big = replace(built, fields=(replace(built.fields[0], options=words),))
    monkeypatch.setattr(boxes, "spec", lambda exercise_id: big)
    boxes.box_data("ex02_hedges")


def wrong_route(tmp_path, monkeypatch):
    from coursekit.exercises.ch03_rapprochement import _distance

    _distance("R18", "northern_sea_route")  # R18 is the Suez distance


# ---------------------------------------------------------------- quiz files


QUIZ = {
    "chapter": "02-thesis",
    "questions": [
        {
            "id": "q-one",
            "question": "Which?",
            "options": [
                {"text": "A", "correct": True, "feedback": "Yes."},
                {"text": "B", "correct": False, "feedback": "No."},
            ],
            "explanation": "Because.",
        },
    ],
}


def quiz_file(change: Callable[[dict], object] = lambda q: None, raw: str | None = None):
    """A trigger: write chapters/quizzes/02-thesis.yml (changed) into tmp_path and read it."""

    def trigger(tmp_path, monkeypatch):
        from coursekit import quiz

        body = copy.deepcopy(QUIZ)
        change(body)
        path = tmp_path / "02-thesis.yml"
        path.write_text(raw if raw is not None else yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
        quiz.read_file(path)

    return trigger


def question(body: dict) -> dict:
    return body["questions"][0]


# ---------------------------------------------------------------- lesson plans and role cards


def _yaml_copy(tmp_path, monkeypatch, attr: str, change: Callable[[dict], object]) -> None:
    from coursekit.sphinx import lessonplans

    rel = getattr(lessonplans, attr)
    body = yaml.safe_load((REPO_ROOT / rel).read_text(encoding="utf-8"))
    change(body)
    path = tmp_path / rel.name
    path.write_text(yaml.safe_dump(body, sort_keys=False, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(lessonplans, attr, path)  # root / an absolute path is that path


def plans_with(change: Callable[[dict], object]):
    def trigger(tmp_path, monkeypatch):
        from coursekit.sphinx import lessonplans

        _yaml_copy(tmp_path, monkeypatch, "PLANS_FILE", change)
        lessonplans.load_plans(REPO_ROOT)

    return trigger


def cards_with(change: Callable[[dict], object]):
    def trigger(tmp_path, monkeypatch):
        from coursekit.sphinx import lessonplans

        _yaml_copy(tmp_path, monkeypatch, "CARDS_FILE", change)
        lessonplans.load_cards(REPO_ROOT)

    return trigger


def plans_text(text: str):
    def trigger(tmp_path, monkeypatch):
        from coursekit.sphinx import lessonplans

        path = tmp_path / "lesson-plans.yml"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(lessonplans, "PLANS_FILE", path)
        lessonplans.load_plans(REPO_ROOT)

    return trigger


def session(body: dict, n: int = 1, plan: str = "six-session") -> dict:
    return body["plans"][plan]["sessions"][n - 1]


def activity(body: dict, s: int, a: int, plan: str = "six-session") -> dict:
    return session(body, s, plan)["activities"][a - 1]


class DirectiveStop(Exception):
    """What the fake directive's ``error()`` returns (docutils' DirectiveError keeps no str())."""


def run_directive(cls, arguments=(), root: Path = REPO_ROOT):
    """Call ``cls.run`` on a stand-in for the directive: its root, arguments and error()."""
    fake = SimpleNamespace(
        _root=lambda: root,
        arguments=list(arguments),
        error=DirectiveStop,
        env=SimpleNamespace(note_dependency=lambda *a: None),
    )
    return cls.run(fake)


# ---------------------------------------------------------------- built widget pages (progressive)

WIDGET_MANAGER = '<script src="../_static/../vendor/requirejs/require.js?v=1"></script>'


def widget_page(
    state: str | None = None,
    view: str = '{"model_id": "m1", "version_major": 2}',
    manager: str = WIDGET_MANAGER,
    value: str = "<p>a chart</p>",
) -> str:
    """A built page with one HTML widget: its saved state, the manager scripts and one view."""
    if state is None:
        model = {"model_name": "HTMLModel", "state": {"value": value}}
        state = json.dumps({"version_major": 2, "state": {"m1": model}})
    return (
        "<html><head>\n"
        f'<script type="application/vnd.jupyter.widget-state+json">{state}</script>\n'
        f"{manager}\n</head><body>\n"
        f'<script type="application/vnd.jupyter.widget-view+json">{view}</script>\n'
        "</body></html>\n"
    )


# ---------------------------------------------------------------- a scratch book (student notebooks)

STUDENT_BIB = "@book{brown2018,\n  author = {Brown, Ann},\n  title = {Tariffs},\n  year = {2018},\n  publisher = {P},\n}\n"


def scratch_book(tmp_path: Path, page: str, toc_pages: tuple[str, ...] = ("chapters/01-page",)) -> Path:
    """A book folder with ``_toc.yml``, a bibliography and one page ``chapters/01-page.md``."""
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "references").mkdir()
    (root / "references" / "core.bib").write_text(STUDENT_BIB, encoding="utf-8")
    toc = {"format": "jb-book", "root": "intro", "chapters": [{"file": p} for p in toc_pages]}
    (root / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    (root / "chapters" / "01-page.md").write_text(page, encoding="utf-8")
    return root


def student_page(page: str) -> Callable:
    """A trigger: the student notebook of a scratch book's one page, whose text is ``page``."""

    def trigger(tmp_path, monkeypatch):
        from coursekit.sphinx import student_notebooks as sn

        book = sn.load_book(scratch_book(tmp_path, page))
        sn.student_notebook("chapters/01-page", book)

    return trigger


def student_page_off_the_toc(tmp_path, monkeypatch):
    """A page left out of ``_toc.yml`` cites a work no page of the book cites."""
    from coursekit.sphinx import student_notebooks as sn

    root = scratch_book(tmp_path, "# Page\n\nText.\n")
    (root / "chapters" / "02-extra.md").write_text(
        "# Extra\n\nAs argued {cite:p}`brown2018`.\n", encoding="utf-8"
    )
    sn.student_notebook("chapters/02-extra", sn.load_book(root))


# ---------------------------------------------------------------- the About page's list of datasets


def dataset_book(change: Callable[[Path], object]) -> Callable:
    """A trigger: the list of datasets of a copy of data/ and chapters/data-*.md after ``change(root)``."""

    def trigger(tmp_path, monkeypatch):
        from coursekit.sphinx import datasets

        root = tmp_path / "book"
        shutil.copytree(DATA_DIR, root / "data", ignore=shutil.ignore_patterns("*.md"))
        (root / "chapters").mkdir()
        for page in (REPO_ROOT / "chapters").glob("data-*.md"):
            shutil.copy(page, root / "chapters" / page.name)
        change(root)
        datasets.dataset_pages(root)

    return trigger


def drop_summary(root: Path, name: str) -> None:
    path = root / "data" / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in pkg["resources"] if r["name"] == name).pop("summary")
    path.write_text(json.dumps(pkg, indent=2), encoding="utf-8")


def student_toc_glob(tmp_path, monkeypatch):
    """A ``glob:`` entry of ``_toc.yml`` that matches no page."""
    from coursekit.sphinx import student_notebooks as sn

    root = scratch_book(tmp_path, "# Page\n")
    toc = {
        "format": "jb-book",
        "root": "intro",
        "chapters": [{"file": "chapters/01-page"}, {"glob": "chapters/zz-*"}],
    }
    (root / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    sn.load_book(root)
