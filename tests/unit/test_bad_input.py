"""Every ``raise`` in coursekit has a bad-input case here that triggers it.

Two tests keep the table honest:

- ``test_every_raise_has_a_case`` walks the source of ``coursekit/`` (AST) and fails for a
  ``raise`` no case in ``BAD_INPUT_CASES`` matches (or a case that matches no raise any
  more, or matches two);
- ``test_bad_input_gets_a_clear_error`` runs each case: its trigger must raise that class,
  and the message must name the bad input (the file, setting, value or row given).

A case names its raise without line numbers: the module, the enclosing function (its
qualified name, ``Class.method``), the exception class as written after ``raise``, and a
fragment of the message's literal text that tells apart two raises of one class in one
function. To add one (the guard's failure message prints the first four fields ready):

    Case("coursekit/settings.py", "_choice", "SettingsError", "is not allowed",
         lambda tmp_path, monkeypatch: settings.load({"COURSE_PAPER": "a5"}),
         names=("COURSE_PAPER", "'a5'")),

``trigger`` receives pytest's ``tmp_path`` and ``monkeypatch``. Re-raising a caught error
(``raise`` alone, ``raise err``) is not a new error and needs no case.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from coursekit import quiz, settings
from coursekit.sphinx import editions, handouts, offline_assets
from tests.helpers import REPO_ROOT

PACKAGE = REPO_ROOT / "coursekit"


@dataclass(frozen=True)
class Case:
    module: str  # path from the repository root
    function: str  # qualified name of the function holding the raise ("<module>" at top level)
    error: str  # the class after `raise`, as written
    fragment: str  # literal words of its message, to tell raises apart
    trigger: Callable  # (tmp_path, monkeypatch) -> None, and must raise
    names: tuple[str, ...] = ()  # what the message must contain: the bad input, named

    @property
    def id(self) -> str:
        return f"{self.module}:{self.function}:{self.error}:{self.fragment}"


@dataclass(frozen=True)
class RaiseSite:
    module: str
    function: str
    error: str
    text: str  # the literal parts of the message, "{}" where a value goes
    line: int

    def suggestion(self) -> str:
        # The longest literal piece of the message, cut at a word: a fragment that matches it.
        piece = max(self.text.split("{}"), key=len).strip()
        words = piece[:45].rsplit(" ", 1)[0] if len(piece) > 45 else piece
        return f'Case("{self.module}", "{self.function}", "{self.error}", "{words}", trigger, names=(...))'


def _multiple_choice(**changes):
    args = {"question": "Which?", "options": ["a", "b"], "answer": 0, "feedback": ["yes", "no"]}
    args.update(changes)
    return quiz.multiple_choice(**args)


def _vendor_assets_without_node_modules(tmp_path, monkeypatch):
    from coursekit import sphinx as ext

    monkeypatch.setattr(offline_assets, "NODE_MODULES", tmp_path / "no-node-modules")
    ext._vendor_assets(SimpleNamespace(srcdir=str(tmp_path / "book")))


def _failing_handout_build(tmp_path, monkeypatch):
    book = tmp_path / "02-thesis"
    monkeypatch.setattr(handouts, "write_handout_book", lambda stem, dest: book)
    failed = subprocess.CompletedProcess([], 1, stdout="", stderr="LaTeX Error: File `x.sty' not found.")
    monkeypatch.setattr(handouts.subprocess, "run", lambda *a, **k: failed)
    handouts.build_handout("02-thesis", tmp_path, tmp_path / "pdf")


CHAPTER_FRONT = "---\njupytext:\n  formats: md:myst\n---\n"

BAD_INPUT_CASES: list[Case] = [
    # coursekit/settings.py
    Case(
        "coursekit/settings.py",
        "_choice",
        "SettingsError",
        "is not allowed",
        lambda tmp_path, monkeypatch: settings.load({"COURSE_PAPER": "a5"}),
        names=("COURSE_PAPER='a5'", "'a4', 'letter'"),
    ),
    Case(
        "coursekit/settings.py",
        "_repository_url",
        "SettingsError",
        "must be an https",
        lambda tmp_path, monkeypatch: settings.load({"COURSE_REPOSITORY_URL": "javascript:alert(1)"}),
        names=("COURSE_REPOSITORY_URL='javascript:alert(1)'", "https://github.com/OWNER/NAME"),
    ),
    # coursekit/sphinx/
    Case(
        "coursekit/sphinx/__init__.py",
        "_vendor_assets",
        "ExtensionError",
        "",
        _vendor_assets_without_node_modules,
        names=("no-node-modules", "npm ci", "@jupyter-widgets/html-manager"),
    ),
    Case(
        "coursekit/sphinx/offline_assets.py",
        "check_installed",
        "MissingAssetsError",
        "Front-end assets",
        lambda tmp_path, monkeypatch: offline_assets.check_installed(tmp_path / "empty"),
        names=("empty", "requirejs", "npm ci"),
    ),
    Case(
        "coursekit/sphinx/editions.py",
        "edition_from_env",
        "ConfigError",
        "is the complete book",
        lambda tmp_path, monkeypatch: editions.edition_from_env({"COURSE_EDITION": "teachers"}),
        names=("COURSE_EDITION='teachers'", "'full'", "'student'"),
    ),
    Case(
        "coursekit/sphinx/handouts.py",
        "_front_matter_and_body",
        "HandoutError",
        "no jupytext front matter",
        lambda tmp_path, monkeypatch: handouts.handout_source("# Title\n", "09-new"),
        names=("09-new", "chapters/09-new.md"),
    ),
    Case(
        "coursekit/sphinx/handouts.py",
        "handout_source",
        "HandoutError",
        "Title' line",
        lambda tmp_path, monkeypatch: handouts.handout_source(CHAPTER_FRONT + "No title.\n", "09-new"),
        names=("09-new", "# Title"),
    ),
    Case(
        "coursekit/sphinx/handouts.py",
        "handout_source",
        "HandoutError",
        "lacks the section",
        lambda tmp_path, monkeypatch: handouts.handout_source(
            CHAPTER_FRONT + "# T\n\n## The section in brief\n\nx\n", "09-new"
        ),
        names=("09-new", "Data and widget", "Discussion"),
    ),
    Case(
        "coursekit/sphinx/handouts.py",
        "build_handout",
        "HandoutError",
        "failed to build",
        _failing_handout_build,
        names=("02-thesis", "x.sty", "LaTeX Error"),
    ),
    # coursekit/quiz.py (as it stands; kit-quiz is replacing it)
    Case(
        "coursekit/quiz.py",
        "_check_text",
        "ValueError",
        "must be a non-empty string",
        lambda tmp_path, monkeypatch: _multiple_choice(options=["a", "  "]),
        names=("option 1", "'  '"),
    ),
    Case(
        "coursekit/quiz.py",
        "MultipleChoice.__init__",
        "ValueError",
        "at least two options",
        lambda tmp_path, monkeypatch: _multiple_choice(options=["a"], feedback=["x"]),
        names=("at least two options", "got 1"),
    ),
    Case(
        "coursekit/quiz.py",
        "MultipleChoice.__init__",
        "ValueError",
        "at most 26 options",
        lambda tmp_path, monkeypatch: _multiple_choice(
            options=[f"o{i}" for i in range(27)], feedback=["f"] * 27
        ),
        names=("at most 26", "got 27"),
    ),
    Case(
        "coursekit/quiz.py",
        "MultipleChoice.__init__",
        "ValueError",
        "options repeat",
        lambda tmp_path, monkeypatch: _multiple_choice(options=["a", "b", "a"], feedback=["x", "y", "z"]),
        names=("['a']",),
    ),
    Case(
        "coursekit/quiz.py",
        "MultipleChoice.__init__",
        "ValueError",
        "answer must be the index",
        lambda tmp_path, monkeypatch: _multiple_choice(answer=2),
        names=("0 to 1", "got 2"),
    ),
    Case(
        "coursekit/quiz.py",
        "MultipleChoice.__init__",
        "ValueError",
        "feedback texts",
        lambda tmp_path, monkeypatch: _multiple_choice(feedback=["only one"]),
        names=("2 options but 1 feedback",),
    ),
]


# ---------------------------------------------------------------------------------------------
# Finding the raises


def _error_name(node: ast.expr) -> str | None:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Name):
        return target.id
    return None


def _literal_text(node: ast.AST) -> str:
    parts = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            parts.append(child.value)
        elif isinstance(child, ast.FormattedValue):
            parts.append("{}")
    return "".join(parts)


class _Finder(ast.NodeVisitor):
    def __init__(self, module: str):
        self.module, self.stack, self.sites = module, [], []

    def _scope(self, node):
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scope

    def visit_Raise(self, node: ast.Raise) -> None:
        name = node.exc and _error_name(node.exc)
        # `raise` alone or `raise err` (a caught error, lower-case name) re-raises: no new error.
        if name and not (isinstance(node.exc, ast.Name) and name[:1].islower()):
            self.sites.append(
                RaiseSite(
                    self.module,
                    ".".join(self.stack) or "<module>",
                    name,
                    _literal_text(node.exc),
                    node.lineno,
                )
            )
        self.generic_visit(node)


def raise_sites(package: Path = PACKAGE) -> list[RaiseSite]:
    sites = []
    for path in sorted(package.rglob("*.py")):
        finder = _Finder(path.relative_to(REPO_ROOT).as_posix())
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        sites += finder.sites
    return sites


def _matches(case: Case, site: RaiseSite) -> bool:
    return (case.module, case.function, case.error) == (site.module, site.function, site.error) and (
        case.fragment in site.text
    )


def test_the_finder_sees_raises_and_skips_re_raises():
    source = (
        "class E(ValueError): pass\n"
        "def f(x):\n"
        "    try:\n        g()\n    except KeyError as err:\n        raise\n"
        "    if x:\n        raise E(f'bad {x} here')\n"
        "    raise errors.Other('plain')\n"
        "def h(err):\n    raise err\n"
    )
    finder = _Finder("m.py")
    finder.visit(ast.parse(source))
    assert [(s.function, s.error, s.text) for s in finder.sites] == [
        ("f", "E", "bad {} here"),
        ("f", "Other", "plain"),
    ]


def test_every_raise_has_a_case():
    sites = raise_sites()
    assert len(sites) >= 15, "the AST walk found too few raises: is coursekit/ where it should be?"
    missing = [s for s in sites if not any(_matches(c, s) for c in BAD_INPUT_CASES)]
    stale = [c.id for c in BAD_INPUT_CASES if not any(_matches(c, s) for s in sites)]
    ambiguous = [c.id for c in BAD_INPUT_CASES if sum(_matches(c, s) for s in sites) > 1]
    report = []
    if missing:
        report.append(
            f"{len(missing)} raise(s) without a bad-input case; add to BAD_INPUT_CASES in "
            f"{Path(__file__).relative_to(REPO_ROOT)} (line numbers for finding them only):"
        )
        by_module = Counter(s.module for s in missing)
        report.append("  per module: " + ", ".join(f"{m} {n}" for m, n in sorted(by_module.items())))
        report += [f"  {s.module}:{s.line}  {s.suggestion()}" for s in missing]
    if stale:
        report.append("cases that match no raise any more (renamed or reworded? update or remove):")
        report += [f"  {c}" for c in stale]
    if ambiguous:
        report.append("cases whose fragment matches two raises (make the fragment longer):")
        report += [f"  {c}" for c in ambiguous]
    if report:
        pytest.fail("\n".join(report), pytrace=False)


def _exception_class(case: Case) -> type[BaseException]:
    module = importlib.import_module(
        case.module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    )
    found = getattr(module, case.error, None) or getattr(builtins, case.error, None)
    assert isinstance(found, type) and issubclass(found, BaseException), (
        f"{case.error} is not an exception class importable from {case.module}"
    )
    return found


@pytest.mark.parametrize("case", BAD_INPUT_CASES, ids=lambda c: c.id)
def test_bad_input_gets_a_clear_error(case, tmp_path, monkeypatch):
    expected = _exception_class(case)
    with pytest.raises(expected) as caught:
        case.trigger(tmp_path, monkeypatch)
    message = str(caught.value)
    assert case.fragment in message, f"raised a {case.error}, but not the one this case is for: {message}"
    missing = [name for name in case.names if name not in message]
    assert case.names and not missing, f"the message does not name {missing}: {message}"
