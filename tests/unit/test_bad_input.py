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

``trigger`` receives pytest's ``tmp_path`` and ``monkeypatch`` and calls the course code as a
chapter, the build or a student would, with one thing wrong; ``bad_input_helpers.py`` holds
the helpers that break a copy of ``data/``, a quiz file, a lesson plan or a role card.
Where the raise calls a function that builds the error (``raise at(...)``,
``raise where.error(...)``), ``error`` is that function's name as written and ``raises=``
gives the class it returns. Re-raising a caught error (``raise`` alone, ``raise err``) is
not a new error and needs no case.
"""

from __future__ import annotations

import ast
import builtins
import copy
import importlib
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import ipywidgets
import pandas as pd
import pytest
from matplotlib.figure import Figure

from coursekit import data, quiz, settings, tables
from coursekit.data import DataError, queries
from coursekit.data.refresh import refresh
from coursekit.exercises import check
from coursekit.exercises import texts as exercise_texts
from coursekit.explorers import charts, ledger, scorecard, tariffs, texts, trade
from coursekit.explorers import claims as explorers_claims
from coursekit.explorers import timeline as explorers_timeline
from coursekit.explorers.evidence import SourceIndex
from coursekit.explorers.registry import chapter_widget
from coursekit.quiz import QuizError
from coursekit.sphinx import (
    answerkey,
    editions,
    handouts,
    iconfont,
    lessonplans,
    lms,
    offline_assets,
    pagefix,
    progressive,
    purge,
    release,
    repository,
    slides,
    student_notebooks,
)
from coursekit.widgets import Choice, PrintFigure, encode, static_widget, view_widget
from coursekit.widgets import static as widgets_static
from coursekit.widgets.printing import PrintOut
from coursekit.widgets.spec import State
from tests.helpers import REPO_ROOT
from tests.unit import bad_input_helpers as h
from tests.unit.bad_input_helpers import on_copy

PACKAGE = REPO_ROOT / "coursekit"


@dataclass(frozen=True)
class Case:
    module: str  # path from the repository root
    function: str  # qualified name of the function holding the raise ("<module>" at top level)
    error: str  # the class after `raise`, as written
    fragment: str  # literal words of its message, to tell raises apart
    trigger: Callable  # (tmp_path, monkeypatch) -> None, and must raise
    names: tuple[str, ...] = ()  # what the message must contain: the bad input, named
    # The class raised, when the raise calls a factory (`raise at(...)`, `raise self.error(...)`)
    # rather than naming an exception class.
    raises: type[BaseException] | None = None

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


def _fix_written_page_without_manager(tmp_path, monkeypatch):
    # The build-finished hook over a site whose one widget page lost the manager scripts.
    page = tmp_path / "site" / "chapters" / "page.html"
    page.parent.mkdir(parents=True)
    page.write_text(h.widget_page(manager=""), encoding="utf-8")
    app = SimpleNamespace(outdir=str(tmp_path / "site"), builder=SimpleNamespace(format="html"))
    pagefix._fix_written(app, None)


def _site_with_one_sheet(
    tmp_path: Path, sheet: str = "styles/theme.css", css: str | None = "p{color:red}"
) -> Path:
    # A built page linking one theme style sheet (written only when ``css`` is given).
    site = tmp_path / "site"
    (site / "chapters").mkdir(parents=True)
    (site / "chapters" / "page.html").write_text(
        f'<html><head><link href="../_static/{sheet}?digest=1" rel="stylesheet" /></head>'
        '<body><p class="x">Text</p></body></html>',
        encoding="utf-8",
    )
    if css is not None:
        (site / "_static" / sheet).parent.mkdir(parents=True, exist_ok=True)
        (site / "_static" / sheet).write_text(css, encoding="utf-8")
    return site


def _bundle_without_purgecss(tmp_path, monkeypatch):
    # The build-finished hook in a checkout where `npm ci` never ran.
    site = _site_with_one_sheet(tmp_path)
    monkeypatch.setattr(offline_assets, "NODE_MODULES", tmp_path / "no-node-modules")
    pagefix._bundle_css(SimpleNamespace(srcdir=str(tmp_path / "book")), site)


def _purgecss_that_fails(tmp_path, monkeypatch):
    module = tmp_path / "node_modules" / purge.PURGECSS_MODULE
    module.parent.mkdir(parents=True)
    module.write_text("throw new Error('broken install: purgecss.js');\n", encoding="utf-8")
    purge.run_purgecss("p{color:red}", [], tmp_path / "node_modules")


def _icon_font_unreadable(tmp_path, monkeypatch):
    static = tmp_path / "_static"
    (static / "webfonts").mkdir(parents=True)
    (static / "webfonts" / "fa-solid-900.ttf").write_bytes(b"not a font")
    css = '@font-face{font-family:x;src:url("webfonts/fa-solid-900.woff2") format("woff2")}.a:before{content:"\\f002"}'
    iconfont.inline_icon_fonts(css, static)


CHAPTER_FRONT = "---\njupytext:\n  formats: md:myst\n---\n"


# ---------------------------------------------------------------------------------------------
# Small bad inputs for the widget, explorer and build cases (data and quiz ones: bad_input_helpers)

YEARS = Choice("Year", [("2017", 2017), ("2018", 2018)])


def _figure(**state):
    return Figure()


def _alt(**state):
    return f"A chart for {state}."


class _Table:
    """Shaped like a DataFrame (to_html, columns), carrying a figure for print."""

    columns = ["year"]

    def __init__(self, print_figure):
        self.print_figure = print_figure

    def to_html(self, **options):
        return "<table><tr><td>2018</td></tr></table>"

    def to_string(self, **options):
        return "year\n2018"


class _OddRaster:
    """A figure whose raw raster is not width x height x 4 bytes."""

    def savefig(self, buf, format, dpi):
        buf.write(b"12345")

    def get_size_inches(self):
        return (1.0, 1.0)


def _named(name: str):
    def build():
        return None

    build.__name__ = build.__qualname__ = name
    return build


def _data_without(name: str, change, call):
    """A trigger: ``data.load(name)`` returns the dataset changed (a row gone, a cell wrong), then ``call()``."""

    def trigger(tmp_path, monkeypatch):
        real = data.load
        monkeypatch.setattr(
            data, "load", lambda ds, **kw: change(real(ds, **kw)) if ds == name else real(ds, **kw)
        )
        call()

    return trigger


def _claims_none_left(tmp_path, monkeypatch):
    explorers_claims.claims_explorer(section="lead", kind="fact")  # the lead states no facts


def _texts_file(tmp_path, monkeypatch, body: str):
    monkeypatch.setattr(texts, "HERE", tmp_path)
    (tmp_path / "bad_input_texts.yml").write_text(body, encoding="utf-8")
    texts.texts("coursekit.explorers.bad_input_texts")


TRADE_ROWS = pd.DataFrame(
    {
        "pair": ["japan_russia"] * 2,
        "year": [2000] * 2,
        "period": ["CY"] * 2,
        "reporter": ["Japan", "Russia"],
        "partner": ["Russia", "Japan"],
        "flow": ["export", "import"],
        "value": [1.0, 2.0],
        "unit": ["USD million"] * 2,
        "compiler": [trade.DOTS] * 2,
    }
)


def _quiz_folder(tmp_path, monkeypatch, body: str | None) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    if body is not None:
        (folder / "02-thesis.yml").write_text(body, encoding="utf-8")
    monkeypatch.setattr(quiz, "QUIZ_DIR", folder)


def _answer_key(tmp_path, monkeypatch, body: str | None):
    _quiz_folder(tmp_path, monkeypatch, body)
    h.run_directive(answerkey.AnswerKey)


def _lms_with_bad_quiz(tmp_path, monkeypatch):
    _quiz_folder(tmp_path, monkeypatch, "chapter: [\n")
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(course_edition="full"),
        outdir=str(tmp_path / "out"),
    )
    lms._write_files(app, None)


def _checker_texts_file(tmp_path, monkeypatch, body: str):
    monkeypatch.setattr(exercise_texts, "HERE", tmp_path)
    (tmp_path / "ch99_bad.yml").write_text(body, encoding="utf-8")
    exercise_texts.texts("coursekit.exercises.ch99_bad")


def _code_only_exercises(tmp_path, monkeypatch):
    # Exercise 02-1 as if its page were tagged "code" and had no no-code version.
    monkeypatch.setattr(lessonplans, "read_exercise_tracks", lambda root: ({"02-1": "code"}, set()))
    h.plans_with(lambda b: None)(tmp_path, monkeypatch)


# A chapter page as the build writes it, cut to what a projector deck reads (coursekit/sphinx/slides.py).
DECK_PARTS = {
    "title": '<h1>9. New<a class="headerlink" href="#new">#</a></h1>',
    "brief": '<section id="the-section-in-brief"><h2>The section in brief</h2><p>Brief.</p></section>',
    "widget": '<section id="data-and-widget"><h2>Data and widget</h2><div class="cell_output docutils container">'
    '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "m"}</script></div></section>',
    "discussion": '<section id="discussion"><h2>Discussion</h2><ol><li><p>Why?</p></li></ol></section>',
}


def _deck_without(part: str, replacement: str = ""):
    def trigger(tmp_path, monkeypatch):
        page = "".join(replacement if name == part else html for name, html in DECK_PARTS.items())
        slides.read_deck(page, "09-new")

    return trigger


def _declare(desc: dict, field: str, check: str) -> None:
    """Declare a row rule on one field of routes in datapackage.json (coursekit/data/rules.py)."""
    spec = next(f for f in h.resource(desc, "routes")["schema"]["fields"] if f["name"] == field)
    spec["rules"] = [{"check": check, "message": "a value must be positive."}]


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
    # coursekit/sphinx/slides.py: a built chapter page lacking what its projector deck shows
    Case(
        "coursekit/sphinx/slides.py",
        "section",
        "SlidesError",
        "which its projector view (slide deck)",
        _deck_without("brief"),
        names=("chapters/09-new.md", "## The section in brief"),
    ),
    Case(
        "coursekit/sphinx/slides.py",
        "_widgets",
        "SlidesError",
        "shows no widget",
        _deck_without("widget", '<section id="data-and-widget"><h2>Data and widget</h2><p>x</p></section>'),
        names=("chapters/09-new.md", "## Data and widget", "remove-input code cell"),
    ),
    Case(
        "coursekit/sphinx/slides.py",
        "_prompts",
        "SlidesError",
        "has no numbered prompts",
        _deck_without("discussion", '<section id="discussion"><h2>Discussion</h2><p>Talk.</p></section>'),
        names=("chapters/09-new.md", "## Discussion", "'1. ...'"),
    ),
    Case(
        "coursekit/sphinx/slides.py",
        "read_deck",
        "SlidesError",
        "the built page has no title",
        _deck_without("title"),
        names=("chapters/09-new.md", "# Title"),
    ),
    Case(
        "coursekit/sphinx/slides.py",
        "copy_reveal",
        "SlidesError",
        "reveal.js is missing from",
        lambda tmp_path, monkeypatch: slides.copy_reveal(tmp_path / "no-node-modules", tmp_path / "site"),
        names=("no-node-modules", "dist/reveal.js", "npm ci"),
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
        names=("09-new", "# Title", "chapters/09-new.md"),
    ),
    Case(
        "coursekit/sphinx/handouts.py",
        "handout_source",
        "HandoutError",
        "lacks the section",
        lambda tmp_path, monkeypatch: handouts.handout_source(
            CHAPTER_FRONT + "# T\n\n## The section in brief\n\nx\n", "09-new"
        ),
        names=("09-new", "Data and widget", "Discussion", "chapters/09-new.md", "'## ' headings"),
    ),
    Case(
        "coursekit/sphinx/handouts.py",
        "build_handout",
        "HandoutError",
        "failed to build",
        _failing_handout_build,
        names=("02-thesis", "x.sty", "LaTeX Error"),
    ),
    # coursekit/quiz.py: multiple_choice(), for one-off questions
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
    # coursekit/data/ (on a copy of data/, see bad_input_helpers)
    Case(
        "coursekit/data/package.py",
        "_read_descriptor",
        "DataError",
        "not valid JSON",
        on_copy(lambda p: (p / "datapackage.json").write_text("{,", encoding="utf-8"), h.load("trade")),
        names=("datapackage.json", "line 1", "missing comma"),
    ),
    Case(
        "coursekit/data/package.py",
        "package_metadata",
        "DataError",
        "descriptor not found",
        on_copy(lambda p: (p / "datapackage.json").unlink(), h.load("trade")),
        names=("datapackage.json", "data/datapackage.json"),
    ),
    Case(
        "coursekit/data/package.py",
        "resource",
        "DataError",
        "no dataset named",
        on_copy(h.load("treaties")),
        names=("'treaties'", "trade"),
    ),
    Case(
        "coursekit/data/package.py",
        "verify_integrity",
        "DataError",
        "file not found at",
        on_copy(lambda p: (p / "routes.csv").unlink(), h.load("routes")),
        names=("routes.csv", "restore it from git"),
    ),
    Case(
        "coursekit/data/package.py",
        "verify_integrity",
        "DataError",
        "no 'hash' and 'bytes'",
        on_copy(lambda p: h.descriptor(p, lambda d: h.resource(d, "autos").pop("hash")), h.load("autos")),
        names=("resource 'autos'", "python -m coursekit.data.refresh"),
    ),
    Case(
        "coursekit/data/package.py",
        "verify_integrity",
        "DataError",
        "is not a sha256 hash",
        on_copy(
            lambda p: h.descriptor(p, lambda d: h.resource(d, "autos").update(hash="md5:abc")),
            h.load("autos"),
        ),
        names=("resource 'autos'", "md5:abc", "python -m coursekit.data.refresh"),
    ),
    Case(
        "coursekit/data/package.py",
        "verify_integrity",
        "DataError",
        "bytes but datapackage.json records",
        on_copy(lambda p: h.write(p, "trade.csv", h.text(p, "trade")[:5000], rehash=False), h.load("trade")),
        names=("trade.csv", "5000 bytes", "cut short", "python -m coursekit.data.refresh"),
    ),
    Case(
        "coursekit/data/package.py",
        "verify_integrity",
        "DataError",
        "sha256 does not match",
        on_copy(
            lambda p: h.write(
                p, "tariffs.csv", h.text(p, "tariffs").replace("27.5", "26.5", 1), rehash=False
            ),
            h.load("tariffs"),
        ),
        names=("tariffs.csv", "git checkout --", "python -m coursekit.data.refresh"),
    ),
    Case(
        "coursekit/data/queries.py",
        "one",
        "DataError",
        "expected exactly one row",
        lambda tmp_path, monkeypatch: queries.one("timeline", event_id="no-such-event"),
        names=("timeline.csv", "event_id='no-such-event'", "found 0"),
    ),
    Case(
        "coursekit/data/records.py",
        "read_records",
        "DataError",
        "the file is empty",
        on_copy(lambda p: h.write(p, "autos.csv", ""), h.load("autos")),
        names=("autos.csv", "line 1", "year, period"),
    ),
    Case(
        "coursekit/data/records.py",
        "read_records",
        "DataError",
        "header is not valid CSV",
        on_copy(lambda p: h.write(p, "autos.csv", '"year"x,period\n'), h.load("autos")),
        names=("autos.csv", "line 1"),
    ),
    Case(
        "coursekit/data/records.py",
        "read_records",
        "DataError",
        "the record starting here",
        on_copy(h.cut_in_quotes, h.load("sources")),
        names=("sources.csv", "quoted cell", "cut short", "git checkout --"),
    ),
    Case(
        "coursekit/data/records.py",
        "read_records",
        "DataError",
        "cells, found",
        on_copy(lambda p: h.write(p, "autos.csv", h.text(p, "autos") + "2020,CY\n"), h.load("autos")),
        names=("autos.csv", "expected 10 cells, found 2", "check quoting"),
    ),
    Case(
        "coursekit/data/records.py",
        "_check_header",
        "DataError",
        "wrong header",
        on_copy(
            lambda p: h.write(p, "trade.csv", h.text(p, "trade").replace(",value,", ",amount,", 1)),
            h.load("trade"),
        ),
        names=("trade.csv", "line 1", "field 'value'", "'amount'", "correct the header"),
    ),
    Case(
        "coursekit/data/refresh.py",
        "refresh",
        "DataError",
        "restore it before refreshing",
        on_copy(lambda p: (p / "claims.csv").unlink(), refresh),
        names=("claims.csv", "not found"),
    ),
    Case(
        "coursekit/data/rules.py",
        "partial_dates_are_real",
        "at",
        "is not a real calendar date",
        on_copy(lambda p: h.edit(p, "timeline", 5, "date", "2013-02-30"), h.load("timeline")),
        names=("timeline.csv", "line 5", "field 'date'", "'2013-02-30'"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "urls_are_web_links",
        "at",
        "only https: and http:",
        on_copy(lambda p: h.edit(p, "sources", 4, "url", "javascript:alert(1)"), h.load("sources")),
        names=("sources.csv", "line 4", "field 'url'", "javascript:alert(1)"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "numbers_are_finite",
        "at",
        "expected a finite number",
        on_copy(lambda p: h.edit(p, "trade", 7, "value", "NaN"), h.load("trade")),
        names=("trade.csv", "line 7", "field 'value'", "leave the cell empty"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "only_balances_negative",
        "at",
        "must be >= 0",
        on_copy(lambda p: h.edit(p, "trade", 340, "value", "-5"), h.load("trade")),
        names=("trade.csv", "line 340", "field 'value'", "-5"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "min_not_above_max",
        "at",
        "below value_min",
        on_copy(lambda p: h.edit(p, "routes", 30, "value_max", "1"), h.load("routes")),
        names=("routes.csv", "line 30", "field 'value_max'"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "precision_matches_date",
        "at",
        "does not match date",
        on_copy(lambda p: h.edit(p, "timeline", 8, "date_precision", "month"), h.load("timeline")),
        names=("timeline.csv", "line 8", "field 'date_precision'", "month"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "id_list.ids_resolve",
        "at",
        "unknown source id",
        on_copy(lambda p: h.edit(p, "claims", 3, "evidence", "S1 S999"), h.load("claims")),
        names=("claims.csv", "line 3", "field 'evidence'", "'S999'", "sources.csv"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/rules.py",
        "declared_checks_hold",
        "DataError",
        "is not an expression over the fields of",
        on_copy(
            lambda p: h.descriptor(p, lambda d: _declare(d, "value_max", "value_min <= valu_max")),
            h.load("routes"),
        ),
        names=("datapackage.json", "routes.csv", "field 'value_max'", "'valu_max'", "correct the rule"),
    ),
    Case(
        "coursekit/data/rules.py",
        "declared_checks_hold",
        "at",
        "breaks the rule",
        on_copy(
            lambda p: h.descriptor(p, lambda d: _declare(d, "value_min", "value_min > 0")),
            lambda p: h.edit(p, "routes", 5, "value_min", "0"),
            h.load("routes"),
        ),
        names=("routes.csv", "line 5", "field 'value_min'", "'0'", "value_min > 0", "must be positive"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/schema.py",
        "validate_package",
        "translate",
        "",
        on_copy(lambda p: h.edit(p, "trade", 9, "year", "2O18"), h.load("trade")),
        names=("trade.csv", "line 9", "field 'year'", "expected an integer", "2O18"),
        raises=DataError,
    ),
    Case(
        "coursekit/data/schema.py",
        "validate_package",
        "DataError",
        "valid data package",
        on_copy(
            lambda p: h.descriptor(
                p, lambda d: h.resource(d, "tariffs")["schema"]["fields"][1].update(type="nonsense")
            ),
            h.load("tariffs"),
        ),
        names=("datapackage.json", "nonsense"),
    ),
    # coursekit/exercises/: answers of the wrong shape, graded by the exercise's spec
    Case(
        "coursekit/exercises/ch02_thesis.py",
        "_hedges",
        "AnswerFormatError",
        "not one string",
        lambda tmp_path, monkeypatch: h.grade("ex02_hedges", "probably might"),
        names=("give a list of words", "['word1', 'word2']"),
    ),
    Case(
        "coursekit/exercises/ch02_thesis.py",
        "_hedges",
        "AnswerFormatError",
        "expected a list of words",
        lambda tmp_path, monkeypatch: h.grade("ex02_hedges", 3),
        names=("got int",),
    ),
    Case(
        "coursekit/exercises/ch02_thesis.py",
        "_lead_verdicts",
        "AnswerFormatError",
        "expected a dict such as",
        lambda tmp_path, monkeypatch: h.grade("ex02_lead_verdicts", ["supported"]),
        names=("got list",),
    ),
    Case(
        "coursekit/exercises/ch03_rapprochement.py",
        "_distance",
        "DataError",
        "is no longer a",
        h.wrong_route,
        names=("routes.csv", "row R18", "northern_sea_route", "ch03_rapprochement.py"),
    ),
    Case(
        "coursekit/exercises/ch04_shadow_diplomacy.py",
        "_meetings_per_year",
        "AnswerFormatError",
        "expected a dict such as",
        lambda tmp_path, monkeypatch: h.grade("ex04_meetings_per_year", [4, 5]),
        names=("{2013: 4}", "got list"),
    ),
    Case(
        "coursekit/exercises/ch04_shadow_diplomacy.py",
        "_meetings_per_year",
        "AnswerFormatError",
        "years must be whole numbers",
        lambda tmp_path, monkeypatch: h.grade("ex04_meetings_per_year", {"twenty": 4}),
        names=("'twenty'",),
    ),
    Case(
        "coursekit/exercises/spec.py",
        "Label.grade",
        "AnswerFormatError",
        "",
        lambda tmp_path, monkeypatch: h.grade(
            "ex06_triangle", {"essay_2018": "love", "pivot": "Russia", "sources_2022_2024": "none"}
        ),
        names=("essay_2018", "'love' is not one of Dittmer's patterns"),
    ),
    Case(
        "coursekit/exercises/ch06_zero_sum.py",
        "_payoff_table",
        "AnswerFormatError",
        "four cells",
        lambda tmp_path, monkeypatch: h.grade("ex06_constant_sum", {"constant_sum": {}, "positive_sum": {}}),
        names=("constant_sum",),
    ),
    Case(
        "coursekit/exercises/ch06_zero_sum.py",
        "_payoff_table",
        "AnswerFormatError",
        "must be a (row, column)",
        lambda tmp_path, monkeypatch: h.grade(
            "ex06_constant_sum",
            {"constant_sum": {1: (0, 0), 2: (0, 0), 3: (0, 0), 4: (0, 0)}, "positive_sum": {}},
        ),
        names=("constant_sum", "got 1"),
    ),
    Case(
        "coursekit/exercises/ch06_zero_sum.py",
        "_payoff_table",
        "AnswerFormatError",
        "must hold two payoffs",
        lambda tmp_path, monkeypatch: h.grade(
            "ex06_constant_sum",
            {
                "constant_sum": {("a", "x"): 1, ("a", "y"): 1, ("b", "x"): 1, ("b", "y"): 1},
                "positive_sum": {},
            },
        ),
        names=("constant_sum", "('a', 'x')", "got 1"),
    ),
    Case(
        "coursekit/exercises/ch06_zero_sum.py",
        "_payoff_table",
        "AnswerFormatError",
        "a 2x2 game needs",
        lambda tmp_path, monkeypatch: h.grade(
            "ex06_constant_sum",
            {
                "constant_sum": {
                    ("a", "x"): (1, 1),
                    ("b", "x"): (1, 1),
                    ("c", "x"): (1, 1),
                    ("d", "x"): (1, 1),
                },
                "positive_sum": {},
            },
        ),
        names=("constant_sum", "two row choices"),
    ),
    Case(
        "coursekit/exercises/ch07_concluding_thoughts.py",
        "_neutral_rewrite",
        "AnswerFormatError",
        "expected your rewrite",
        lambda tmp_path, monkeypatch: h.grade("ex07_neutral_rewrite", "   "),
        names=("a string of text",),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "number",
        "AnswerFormatError",
        "you passed a pandas",
        lambda tmp_path, monkeypatch: h.grade("ex07_scale", pd.Series([1.0])),
        names=("Series", ".item()"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "number",
        "AnswerFormatError",
        "expected a number",
        lambda tmp_path, monkeypatch: h.grade("ex07_scale", "12.3"),
        names=("got '12.3'", "not '39.6%'"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "number",
        "AnswerFormatError",
        "not a finite number",
        lambda tmp_path, monkeypatch: h.grade("ex07_scale", float("inf")),
        names=("inf", "division by zero"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "mapping",
        "AnswerFormatError",
        "expected a dict with the keys",
        lambda tmp_path, monkeypatch: h.grade("ex05_tariff_change", 12.5),
        names=("['a', 'b', 'c']", "got float"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "mapping",
        "AnswerFormatError",
        "are missing",
        lambda tmp_path, monkeypatch: h.grade("ex05_tariff_change", {"a": 1}),
        names=("['b', 'c']",),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "label",
        "AnswerFormatError",
        "expected a text label",
        lambda tmp_path, monkeypatch: h.grade(
            "ex03_claim_kinds", {"a": 1, "b": "fact", "c": "fact", "d": "fact"}
        ),
        names=("(a)", "got 1"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "letters",
        "AnswerFormatError",
        "expected option letters",
        lambda tmp_path, monkeypatch: h.grade("ex04_precedent", 7),
        names=("['A', 'C']", "got 7"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "letters",
        "AnswerFormatError",
        "are not options here",
        lambda tmp_path, monkeypatch: h.grade("ex04_precedent", ["A", "Z"]),
        names=("['Z']", "choose from"),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "one_letter",
        "AnswerFormatError",
        "choose exactly one option letter",
        lambda tmp_path, monkeypatch: h.grade("ex06_absence", "AB"),
        names=("['A', 'B']",),
    ),
    Case(
        "coursekit/exercises/feedback.py",
        "order",
        "AnswerFormatError",
        "exactly once",
        lambda tmp_path, monkeypatch: h.grade("ex05_saga_order", ["A", "A", "B", "C"]),
        names=("A, B, C, D",),
    ),
    Case(
        "coursekit/exercises/boxes.py",
        "box_data",
        "ValueError",
        "combinations of its fields",
        h.huge_box,
        names=("answer box for ex02_hedges", "1048576 combinations", "fewer options"),
    ),
    Case(
        "coursekit/exercises/registry.py",
        "_collect",
        "ValueError",
        "is declared twice",
        h.duplicate_id,
        names=("ex07_verdict_rates", "ch07_concluding_thoughts"),
    ),
    Case(
        "coursekit/exercises/registry.py",
        "exercise",
        "KeyError",
        "unknown exercise id",
        lambda tmp_path, monkeypatch: check("ex99_nothing", 1),
        names=("'ex99_nothing'", "known ids"),
    ),
    Case(
        "coursekit/exercises/texts.py",
        "_read",
        "TextsError",
        "no text file for checker module",
        lambda tmp_path, monkeypatch: exercise_texts.texts("coursekit.exercises.ch99_nothing"),
        names=("ch99_nothing.yml", "'ch99_nothing'", "create it"),
    ),
    Case(
        "coursekit/exercises/texts.py",
        "_read",
        "TextsError",
        "not valid YAML",
        lambda tmp_path, monkeypatch: _checker_texts_file(tmp_path, monkeypatch, "ex02_hedges: [unclosed\n"),
        names=("ch99_bad.yml", "line 2", "fix the file"),
    ),
    Case(
        "coursekit/exercises/texts.py",
        "_read",
        "TextsError",
        "expected a mapping of exercise ids",
        lambda tmp_path, monkeypatch: _checker_texts_file(tmp_path, monkeypatch, "- ex02_hedges\n"),
        names=("ch99_bad.yml", "exercise ids"),
    ),
    Case(
        "coursekit/exercises/texts.py",
        "Texts.__call__",
        "TextsError",
        "the checker needs it",
        lambda tmp_path, monkeypatch: exercise_texts.texts("coursekit.exercises.ch02_thesis")(
            "ex02_hedges", "not_hedges", "shall"
        ),
        names=("ch02_thesis.yml", "ex02_hedges.not_hedges.shall", "add it"),
    ),
    # coursekit/quiz.py: quiz files (chapters/quizzes/<chapter>.yml)
    Case(
        "coursekit/quiz.py",
        "_text",
        "error",
        "must be a non-empty text",
        h.quiz_file(lambda b: h.question(b).update(question="  ")),
        names=("02-thesis.yml", "question 'q-one'", "field 'question'", "write the question"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_text.fill",
        "error",
        "unknown substitution",
        h.quiz_file(lambda b: h.question(b).update(question="As of {{ nope }}?")),
        names=("02-thesis.yml", "field 'question'", "'{{ nope }}'", "course_as_of"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_mapping",
        "error",
        "must be a mapping of",
        h.quiz_file(lambda b: b.update(questions=["just a line"])),
        names=("02-thesis.yml", "question '#1'", "got str", "indentation"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_mapping",
        "error",
        "unknown key(s)",
        h.quiz_file(lambda b: h.question(b).update(hint="x")),
        names=("02-thesis.yml", "question 'q-one'", "['hint']"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_mapping",
        "error",
        "missing key(s)",
        h.quiz_file(lambda b: h.question(b).pop("explanation")),
        names=("02-thesis.yml", "question 'q-one'", "['explanation']"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_parse_question",
        "error",
        "is not a valid id",
        h.quiz_file(lambda b: h.question(b).update(id="Q One")),
        names=("02-thesis.yml", "field 'id'", "'Q One'"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_parse_question",
        "error",
        "needs a list of at least two options",
        h.quiz_file(lambda b: h.question(b)["options"].pop()),
        names=("02-thesis.yml", "question 'q-one'", "field 'options'", "got 1"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_parse_question",
        "error",
        "use at most 26",
        h.quiz_file(
            lambda b: h.question(b).update(
                options=[{"text": f"o{i}", "correct": i == 0, "feedback": "f"} for i in range(27)]
            )
        ),
        names=("02-thesis.yml", "field 'options'", "has 27 options"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_parse_question",
        "error",
        "must be true or false",
        h.quiz_file(lambda b: h.question(b)["options"][1].update(correct="yes")),
        names=("02-thesis.yml", "field 'options[2].correct'", "'yes'"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_parse_question",
        "error",
        "option texts repeat",
        h.quiz_file(lambda b: h.question(b)["options"][1].update(text="A")),
        names=("02-thesis.yml", "question 'q-one'", "['A']"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "_parse_question",
        "error",
        "mark exactly one option",
        h.quiz_file(lambda b: h.question(b)["options"][0].update(correct=False)),
        names=("02-thesis.yml", "question 'q-one'", "no option is marked correct"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "read_file",
        "error",
        "no such quiz file",
        lambda tmp_path, monkeypatch: quiz.load("09-missing", tmp_path),
        names=("09-missing.yml", "fix the chapter name"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "read_file",
        "error",
        "is not valid YAML",
        h.quiz_file(raw="chapter: 02-thesis\nquestions: [\n"),
        names=("02-thesis.yml", "line 3", "fix the syntax"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "read_file",
        "error",
        "but the file is",
        h.quiz_file(lambda b: b.update(chapter="03-rapprochement")),
        names=("02-thesis.yml", "'03-rapprochement'", "write chapter: 02-thesis"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "read_file",
        "error",
        "must be a non-empty list",
        h.quiz_file(lambda b: b.update(questions=[])),
        names=("02-thesis.yml", "field 'questions'", "add at least one question"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "read_file",
        "error",
        "used more than once",
        h.quiz_file(lambda b: b["questions"].append(copy.deepcopy(h.question(b)))),
        names=("02-thesis.yml", "['q-one']"),
        raises=QuizError,
    ),
    Case(
        "coursekit/quiz.py",
        "show",
        "QuizError",
        "no question with id",
        lambda tmp_path, monkeypatch: (
            h.quiz_file()(tmp_path, monkeypatch),
            quiz.show("02-thesis", "q-none", folder=tmp_path),
        ),
        names=("02-thesis.yml", "'q-none'", "['q-one']"),
    ),
    # coursekit/sphinx/lessonplans.py: chapters/plans/lesson-plans.yml and role-cards.yml
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_require",
        "LessonPlanError",
        "missing field",
        h.plans_with(lambda b: h.session(b, 2).pop("minutes")),
        names=("lesson-plans.yml", "plan 'six-session'", "session 2", "'minutes'", "Add it"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_require",
        "LessonPlanError",
        "should be",
        h.plans_with(lambda b: h.session(b, 2).update(minutes="ninety")),
        names=("lesson-plans.yml", "session 2", "field 'minutes'", "int", "'ninety'", "correct the value"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_read_yaml",
        "LessonPlanError",
        "file not found",
        h.plans_text(None),
        names=("lesson-plans.yml", "restore it from git"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_read_yaml",
        "LessonPlanError",
        "not valid YAML",
        h.plans_text("plans: [unclosed\n"),
        names=("lesson-plans.yml", "line 2", "Fix the syntax"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_read_yaml",
        "LessonPlanError",
        "expected a mapping at the top",
        h.plans_text("- plans\n"),
        names=("lesson-plans.yml", "got list"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_material",
        "LessonPlanError",
        "should be one 'kind: value' pair",
        h.plans_with(
            lambda b: h.activity(b, 1, 1)["materials"].append({"chapter": "02-thesis", "page": "x"})
        ),
        names=("lesson-plans.yml", "session 1", "activity 1", "'page': 'x'", "equipment"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_material",
        "LessonPlanError",
        "has unknown kind",
        h.plans_with(lambda b: h.activity(b, 1, 1)["materials"].append({"video": "x"})),
        names=("lesson-plans.yml", "activity 1", "'video'", "equipment"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_material",
        "LessonPlanError",
        "has no value",
        h.plans_with(lambda b: h.activity(b, 1, 1)["materials"].append({"chapter": None})),
        names=("lesson-plans.yml", "activity 1", "'chapter'", "give the chapter"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_material",
        "LessonPlanError",
        "field 'materials': ",
        h.plans_with(lambda b: h.activity(b, 1, 1)["materials"].append({"chapter": "99-none"})),
        names=("lesson-plans.yml", "activity 1", "chapters/99-none.md does not exist"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "missing field 'cards'",
        h.cards_with(lambda b: b.update(cards=[])),
        names=("role-cards.yml", "add it"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "duplicate id",
        h.cards_with(lambda b: b["cards"][1].update(id="tokyo")),
        names=("role-cards.yml", "card 2", "'tokyo'", "its own id"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "points; give two or three",
        h.cards_with(lambda b: b["cards"][0].update(talking_points=b["cards"][0]["talking_points"][:1])),
        names=("role-cards.yml", "card 1 ('tokyo')", "field 'talking_points'", "has 1 points"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "field 'cite': '",
        h.cards_with(lambda b: b["cards"][0]["talking_points"][0].update(cite=["nosuchkey2099"])),
        names=("role-cards.yml", "card 1", "talking point 1", "'nosuchkey2099'", "add the entry"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "should be a list of sentences",
        h.cards_with(lambda b: b["cards"][0]["interests"].append(5)),
        names=("role-cards.yml", "card 1", "field 'interests'", "'- ...' item"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "field 'cite' of the quote",
        h.cards_with(lambda b: b["cards"][0]["quote"].update(cite="nosuchkey2099")),
        names=("role-cards.yml", "card 1", "quote", "'nosuchkey2099'", "add the entry"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_cards",
        "LessonPlanError",
        "words; keep quotes to",
        h.cards_with(lambda b: b["cards"][0]["quote"].update(text="word " * 30)),
        names=("role-cards.yml", "card 1", "quote", "field 'text'", "30 words"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_steps",
        "LessonPlanError",
        "but the steps add up to",
        h.plans_with(lambda b: b["role_play"]["short"]["steps"][0].update(minutes=99)),
        names=("lesson-plans.yml", "role_play 'short'", "field 'minutes'"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_plans",
        "LessonPlanError",
        "missing field 'role_play'",
        h.plans_with(lambda b: b.pop("role_play")),
        names=("lesson-plans.yml", "add it"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_plans",
        "LessonPlanError",
        "missing field 'plans'",
        h.plans_with(lambda b: b.pop("plans")),
        names=("lesson-plans.yml", "add it"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_plans",
        "LessonPlanError",
        "field 'chapters'",
        h.plans_with(lambda b: h.session(b, 1)["chapters"].append("99-none")),
        names=("lesson-plans.yml", "session 1", "chapters/99-none.md"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_track",
        "LessonPlanError",
        "use one of",
        h.plans_with(lambda b: h.session(b, 1).update(track="maybe")),
        names=("lesson-plans.yml", "session 1", "field 'track'", "'maybe'", "'no code'"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_track",
        "LessonPlanError",
        "use one of",
        h.plans_with(lambda b: h.activity(b, 1, 4).update(track="maybe")),
        names=("lesson-plans.yml", "session 1", "activity 4", "'maybe'", "'no code'"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_activity",
        "LessonPlanError",
        "have no no-code version",
        _code_only_exercises,
        names=("lesson-plans.yml", "session 1", "activity 4", "02-1"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "_check_activity",
        "LessonPlanError",
        "role play takes",
        h.plans_with(lambda b: h.activity(b, 1, 4, "single-seminar").update(minutes=20)),
        names=("lesson-plans.yml", "plan 'single-seminar'", "activity 4", "field 'minutes'", "takes 25"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "load_plans",
        "LessonPlanError",
        "but the activities add up to",
        h.plans_with(lambda b: h.activity(b, 1, 1).update(minutes=6)),
        names=("lesson-plans.yml", "session 1", "is 90", "add up to 91", "Slack"),
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "LessonPlanDirective.run",
        "error",
        "lesson-plan: ",
        lambda tmp_path, monkeypatch: (
            monkeypatch.setattr(lessonplans, "PLANS_FILE", tmp_path / "lesson-plans.yml"),
            h.run_directive(lessonplans.LessonPlanDirective, ["six-session"]),
        ),
        names=("lesson-plans.yml", "file not found"),
        raises=h.DirectiveStop,
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "LessonPlanDirective.run",
        "error",
        "no plan",
        lambda tmp_path, monkeypatch: h.run_directive(lessonplans.LessonPlanDirective, ["ten-session"]),
        names=("lesson-plans.yml", "'ten-session'", "six-session", "lesson-plan directive"),
        raises=h.DirectiveStop,
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "RolePlayScriptDirective.run",
        "error",
        "role-play-script: ",
        lambda tmp_path, monkeypatch: (
            monkeypatch.setattr(lessonplans, "PLANS_FILE", tmp_path / "lesson-plans.yml"),
            h.run_directive(lessonplans.RolePlayScriptDirective),
        ),
        names=("lesson-plans.yml", "file not found"),
        raises=h.DirectiveStop,
    ),
    Case(
        "coursekit/sphinx/lessonplans.py",
        "RoleCardsDirective.run",
        "error",
        "role-cards: ",
        lambda tmp_path, monkeypatch: (
            monkeypatch.setattr(lessonplans, "CARDS_FILE", tmp_path / "role-cards.yml"),
            h.run_directive(lessonplans.RoleCardsDirective),
        ),
        names=("role-cards.yml", "file not found"),
        raises=h.DirectiveStop,
    ),
    # coursekit/widgets/: a chapter's widget declared wrongly
    Case(
        "coursekit/widgets/spec.py",
        "Choice.__post_init__",
        "ValueError",
        "label must be a non-empty string",
        lambda tmp_path, monkeypatch: Choice(" ", [("2018", 2018)]),
        names=("Choice label", "' '"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "Choice.__post_init__",
        "ValueError",
        "has an empty option set",
        lambda tmp_path, monkeypatch: Choice("Year", []),
        names=("'Year'", "(display_label, value)"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "Choice.__post_init__",
        "ValueError",
        "each option must be a",
        lambda tmp_path, monkeypatch: Choice("Year", ["2018"]),
        names=("'Year'", "option 0", "'2018'"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "Choice.__post_init__",
        "ValueError",
        "needs a non-empty display label",
        lambda tmp_path, monkeypatch: Choice("Year", [("", 2018)]),
        names=("'Year'", "option 0", "''"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "Choice.__post_init__",
        "ValueError",
        "repeats display labels",
        lambda tmp_path, monkeypatch: Choice("Year", [("x", 1), ("x", 2)]),
        names=("'Year'", "['x']"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "Choice.__post_init__",
        "ValueError",
        "is not one of",
        lambda tmp_path, monkeypatch: Choice("Year", [("x", 1)], kind="slider"),
        names=("'Year'", "kind='slider'", "'dropdown'"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "Choice.index_of",
        "ValueError",
        "which is not one of its values",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=_alt, default={"year": 1999}
        ),
        names=("control 'year'", "1999", "[2017, 2018]"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "check_controls",
        "ValueError",
        "needs at least one control",
        lambda tmp_path, monkeypatch: static_widget(_figure, {}, caption="Cap", alt=_alt),
        names=("`controls`",),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "check_controls",
        "ValueError",
        "supports at most",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {n: Choice(n, [("x", 1)]) for n in "abcd"}, caption="Cap", alt=_alt
        ),
        names=("at most 3", "got 4", "['a', 'b', 'c', 'd']"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "check_controls",
        "TypeError",
        "must be a coursekit.widgets.Choice",
        lambda tmp_path, monkeypatch: static_widget(_figure, {"year": [2017, 2018]}, caption="Cap", alt=_alt),
        names=("control 'year'", "got list"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "check_controls",
        "ValueError",
        "named both as a discrete control",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=_alt, live={"year": ipywidgets.IntSlider()}
        ),
        names=("['year']", "distinct names"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "check_controls",
        "TypeError",
        "must be an ipywidgets slider",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=_alt, live={"rate": 5}
        ),
        names=("live control 'rate'", "got int"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "check_controls",
        "ValueError",
        "states to pre-render",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=_alt, max_states=1
        ),
        names=("year (2)", "max_states=1", "live= slider"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "default_indices",
        "ValueError",
        "default names unknown control",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=_alt, default={"yaer": 2018}
        ),
        names=("['yaer']", "['year']"),
    ),
    Case(
        "coursekit/widgets/spec.py",
        "state_grid",
        "ValueError",
        "every state needs alt text",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=lambda **s: " "
        ),
        names=("alt(**{'year': 2017})", "' '"),
    ),
    Case(
        "coursekit/widgets/static.py",
        "StaticWidget.__init__",
        "TypeError",
        "draw must be a callable",
        lambda tmp_path, monkeypatch: static_widget("chart.png", {"year": YEARS}, caption="Cap", alt=_alt),
        names=("'chart.png'",),
    ),
    Case(
        "coursekit/widgets/static.py",
        "StaticWidget.__init__",
        "TypeError",
        "alt must be a callable",
        lambda tmp_path, monkeypatch: static_widget(_figure, {"year": YEARS}, caption="Cap", alt="A chart"),
        names=("alt(**state) -> str",),
    ),
    Case(
        "coursekit/widgets/static.py",
        "StaticWidget.__init__",
        "ValueError",
        "caption must be a non-empty",
        lambda tmp_path, monkeypatch: static_widget(_figure, {"year": YEARS}, caption="", alt=_alt),
        names=("caption", "visible caption"),
    ),
    Case(
        "coursekit/widgets/static.py",
        "StaticWidget.__init__",
        "ValueError",
        "image_format must be",
        lambda tmp_path, monkeypatch: static_widget(
            _figure, {"year": YEARS}, caption="Cap", alt=_alt, image_format="gif"
        ),
        names=("'gif'", "'svg'"),
    ),
    Case(
        "coursekit/widgets/static.py",
        "StaticWidget._render_state",
        "TypeError",
        "it must return a",
        lambda tmp_path, monkeypatch: static_widget(
            lambda **s: 42, {"year": YEARS}, caption="Cap", alt=_alt
        ).static_widget(),
        names=("draw(**{'year': 2017})", "returned int"),
    ),
    Case(
        "coursekit/widgets/static.py",
        "StaticWidget._build_static",
        "ValueError",
        "MB budget per widget",
        lambda tmp_path, monkeypatch: (
            monkeypatch.setattr(widgets_static, "MAX_WIDGET_BYTES", 10),
            static_widget(
                lambda **s: "<p>a table of many cells</p>", {"year": YEARS}, caption="Cap", alt=_alt
            ).static_widget(),
        ),
        names=("widget 'Cap'", "2 states", "Lower dpi"),
    ),
    Case(
        "coursekit/widgets/static.py",
        "_Views._checked",
        "TypeError",
        "coursekit.widgets.View",
        lambda tmp_path, monkeypatch: view_widget(
            lambda **s: {"alt": "x"}, _figure, {"year": YEARS}, caption="Cap"
        ),
        names=("view(**{'year': 2017})", "returned dict"),
    ),
    Case(
        "coursekit/widgets/printing.py",
        "PrintFigure.__post_init__",
        "TypeError",
        "PrintFigure.draw must be",
        lambda tmp_path, monkeypatch: PrintFigure(draw="figure.png", alt="a", caption="c"),
        names=("'figure.png'",),
    ),
    Case(
        "coursekit/widgets/printing.py",
        "PrintFigure.__post_init__",
        "ValueError",
        "must be a non-empty string",
        lambda tmp_path, monkeypatch: PrintFigure(draw=_figure, alt="  ", caption="c"),
        names=("PrintFigure.alt", "'  '"),
    ),
    Case(
        "coursekit/widgets/printing.py",
        "print_figure_of",
        "TypeError",
        "a table's print_figure must be",
        lambda tmp_path, monkeypatch: static_widget(
            lambda **s: _Table(print_figure=_figure), {"year": YEARS}, caption="Cap", alt=_alt
        ).static_widget(),
        names=("coursekit.widgets.PrintFigure", "got function"),
    ),
    Case(
        "coursekit/widgets/printing.py",
        "PrintOut.keep",
        "TypeError",
        "PrintFigure.draw() returned",
        lambda tmp_path, monkeypatch: static_widget(
            lambda **s: _Table(print_figure=PrintFigure(draw=lambda: "chart", alt="a", caption="c")),
            {"year": YEARS},
            caption="Cap",
            alt=_alt,
        ).static_widget(),
        names=("widget 'Cap'", "returned str"),
    ),
    Case(
        "coursekit/widgets/printing.py",
        "PrintOut.keep",
        "TypeError",
        "draw returned",
        lambda tmp_path, monkeypatch: PrintOut("Cap").keep(42, State({}, {}, "alt")),
        names=("widget 'Cap'", "returned int"),
    ),
    Case(
        "coursekit/widgets/encode.py",
        "_rgb_image",
        "RuntimeError",
        "unexpected raster size",
        lambda tmp_path, monkeypatch: encode._rgb_image(_OddRaster(), 1),
        names=("5 bytes", "1px"),
    ),
    # coursekit/explorers/: chapter widgets and their data
    Case(
        "coursekit/explorers/charts.py",
        "parts_of",
        "FullRedraw",
        "the figure was not drawn by",
        lambda tmp_path, monkeypatch: charts.parts_of(Figure(), "trade_lines"),
        names=("trade_lines",),
    ),
    Case(
        "coursekit/explorers/charts.py",
        "parts_of",
        "FullRedraw",
        "changes from",
        lambda tmp_path, monkeypatch: (
            lambda fig: (charts.keep_parts(fig, "bars", n=3), charts.parts_of(fig, "bars", n=4))
        )(Figure()),
        names=("bars", "n changes from 3 to 4"),
    ),
    Case(
        "coursekit/explorers/claims.py",
        "verdict_bars",
        "ValueError",
        "needs at least one",
        lambda tmp_path, monkeypatch: explorers_claims.verdict_bars([], [], title="t", footnote="f"),
        names=("verdict_bars", "(verdict, count, group)"),
    ),
    Case(
        "coursekit/explorers/claims.py",
        "_check_arguments",
        "ValueError",
        "is not a section of claims.csv",
        lambda tmp_path, monkeypatch: explorers_claims.claims_explorer(section="epilogue"),
        names=("section='epilogue'", "claims.csv", "use one of"),
    ),
    Case(
        "coursekit/explorers/claims.py",
        "_check_arguments",
        "ValueError",
        "is not a kind in claims.csv",
        lambda tmp_path, monkeypatch: explorers_claims.claims_explorer(kind="rumour"),
        names=("kind='rumour'", "claims.csv", "use one of"),
    ),
    Case(
        "coursekit/explorers/claims.py",
        "_check_arguments",
        "ValueError",
        "no claims with section",
        _claims_none_left,
        names=("claims_explorer", "section='lead'", "kind='fact'", "claims.csv"),
    ),
    Case(
        "coursekit/explorers/evidence.py",
        "SourceIndex.get",
        "DataError",
        "no source with source_id",
        lambda tmp_path, monkeypatch: SourceIndex(pd.DataFrame({"source_id": ["S1"]})).get("S999"),
        names=("sources.csv", "'S999'", "add it or correct the id"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/ledger.py",
        "check_verdicts",
        "DataError",
        "belong to no group",
        lambda tmp_path, monkeypatch: ledger.check_verdicts(pd.DataFrame({"verdict": ["maybe"]})),
        names=("claims.csv", "field 'verdict'", "['maybe']", "VERDICT_GROUPS"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/ledger.py",
        "as_of",
        "DataError",
        "later than the edition's date",
        lambda tmp_path, monkeypatch: ledger.as_of(["2999-01"]),
        names=("claims.csv", "field 'verdict_date'", "2999-01", "AS_OF"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/registry.py",
        "chapter_widget.register",
        "ValueError",
        "two chapter widgets",
        lambda tmp_path, monkeypatch: chapter_widget("03-rapprochement")(_named("claims_explorer")),
        names=("'claims_explorer'", "coursekit.explorers.claims", "rename one"),
    ),
    Case(
        "coursekit/explorers/registry.py",
        "chapter_widget.register",
        "ValueError",
        "names no chapter",
        lambda tmp_path, monkeypatch: chapter_widget()(_named("brand_new_widget")),
        names=("'brand_new_widget'", "chapter file stem"),
    ),
    Case(
        "coursekit/explorers/scorecard.py",
        "verdict_dots",
        "ValueError",
        "needs at least one row",
        lambda tmp_path, monkeypatch: scorecard.verdict_dots([], [("x", 0)], [], title="t", footnote="f"),
        names=("verdict_dots", "verdict column"),
    ),
    Case(
        "coursekit/explorers/tariffs.py",
        "TariffInputs.load",
        "DataError",
        "no row with tariff_id",
        _data_without(
            "tariffs",
            lambda f: f[f["tariff_id"] != tariffs.BASELINE_TARIFF_ID],
            lambda: tariffs.TariffInputs.load(),
        ),
        names=("tariffs.csv", "'baseline_mfn'", "baseline rate", "restore the row in data/tariffs.csv"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/tariffs.py",
        "TariffInputs.load",
        "DataError",
        "expected one calendar-year row",
        _data_without(
            "autos", lambda f: f[f["measure"] != tariffs.AUTO_BASE[0]], lambda: tariffs.TariffInputs.load()
        ),
        names=("autos.csv", tariffs.AUTO_BASE[0], "2017", "found 0", "data/autos.csv"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/texts.py",
        "_read",
        "TextsError",
        "no text file for widget module",
        lambda tmp_path, monkeypatch: texts.texts("coursekit.explorers.no_such_widget"),
        names=("no_such_widget.yml", "'no_such_widget'", "create it"),
    ),
    Case(
        "coursekit/explorers/texts.py",
        "_read",
        "TextsError",
        "not valid YAML",
        lambda tmp_path, monkeypatch: _texts_file(tmp_path, monkeypatch, "caption: [unclosed\n"),
        names=("bad_input_texts.yml", "line 2", "fix the file"),
    ),
    Case(
        "coursekit/explorers/texts.py",
        "_read",
        "TextsError",
        "expected a mapping of names",
        lambda tmp_path, monkeypatch: _texts_file(tmp_path, monkeypatch, "- caption\n"),
        names=("bad_input_texts.yml", "'name: text'"),
    ),
    Case(
        "coursekit/explorers/texts.py",
        "Texts.__getitem__",
        "TextsError",
        "no key",
        lambda tmp_path, monkeypatch: texts.texts("coursekit.explorers.trade")["no_such_caption"],
        names=("trade.yml", "'no_such_caption'", "add it"),
    ),
    Case(
        "coursekit/explorers/timeline.py",
        "Timeline.load",
        "DataError",
        "belong to no group",
        _data_without(
            "timeline",
            lambda f: f.assign(kind=["rumour"] + list(f["kind"].astype(str))[1:]),
            lambda: explorers_timeline.Timeline.load(),
        ),
        names=("timeline.csv", "field 'kind'", "['rumour']", "KIND_GROUPS"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/trade.py",
        "pair_countries",
        "DataError",
        "cannot match",
        lambda tmp_path, monkeypatch: trade.pair_countries(
            TRADE_ROWS.assign(pair="japan_china"), "japan_china"
        ),
        names=("trade.csv", "field 'pair'", "'china'", "'japan_china'", "['Japan', 'Russia']"),
        raises=DataError,
    ),
    Case(
        "coursekit/explorers/trade.py",
        "select",
        "DataError",
        "use several units",
        lambda tmp_path, monkeypatch: trade.select(
            TRADE_ROWS.assign(unit=["USD million", "JPY billion"]), "japan_russia", "ab", (2000, 2000)
        ),
        names=("trade.csv", "japan_russia", "'JPY billion'", "'USD million'"),
        raises=DataError,
    ),
    # coursekit/tables.py: printed tables in the no-code pages
    Case(
        "coursekit/tables.py",
        "_matches",
        "TableError",
        "to filter on",
        lambda tmp_path, monkeypatch: tables.data_table("trade", ["year"], caption="c", where={"yr": 2018}),
        names=("data/trade", "'yr'", "where="),
    ),
    Case(
        "coursekit/tables.py",
        "data_table",
        "TableError",
        "Fix the columns= argument",
        lambda tmp_path, monkeypatch: tables.data_table("trade", ["year", "amount"], caption="c"),
        names=("data/trade", "amount", "columns="),
    ),
    Case(
        "coursekit/tables.py",
        "data_table",
        "TableError",
        "no row matches",
        lambda tmp_path, monkeypatch: tables.data_table("trade", ["year"], caption="c", where={"year": 1066}),
        names=("data/trade", "year = 1066", "where="),
    ),
    # coursekit/sphinx/: the build
    Case(
        "coursekit/sphinx/answerkey.py",
        "AnswerKey.run",
        "error",
        "cannot read the quizzes",
        lambda tmp_path, monkeypatch: _answer_key(tmp_path, monkeypatch, "chapter: [\n"),
        names=("course-answer-key", "02-thesis.yml", "not valid YAML"),
        raises=h.DirectiveStop,
    ),
    Case(
        "coursekit/sphinx/answerkey.py",
        "AnswerKey.run",
        "error",
        "no quiz files in",
        lambda tmp_path, monkeypatch: _answer_key(tmp_path, monkeypatch, None),
        names=("course-answer-key", "quizzes", "coursekit/quiz.py"),
        raises=h.DirectiveStop,
    ),
    Case(
        "coursekit/sphinx/lms.py",
        "_write_files",
        "ExtensionError",
        "LMS export",
        _lms_with_bad_quiz,
        names=("LMS export", "02-thesis.yml", "not valid YAML"),
    ),
    Case(
        "coursekit/sphinx/release.py",
        "_configure",
        "ConfigError",
        "",
        lambda tmp_path, monkeypatch: (
            monkeypatch.setenv("COURSE_PAPER", "a5"),
            release._configure(None, SimpleNamespace()),
        ),
        names=("COURSE_PAPER='a5'", "'letter'"),
    ),
    # coursekit/sphinx/progressive.py and pagefix.py: a built widget page, rewritten after the build
    Case(
        "coursekit/sphinx/progressive.py",
        "_Renderer.render",
        "EnhanceError",
        "has no saved state",
        lambda tmp_path, monkeypatch: progressive.enhance(
            h.widget_page(view='{"model_id": "lost"}'), tmp_path, "chapters/page.html"
        ),
        names=("chapters/page.html", "lost", "jupyter-book clean"),
    ),
    Case(
        "coursekit/sphinx/progressive.py",
        "_Renderer._image_file",
        "EnhanceError",
        "an embedded figure is not valid base64",
        lambda tmp_path, monkeypatch: progressive.enhance(
            h.widget_page(value='<img src="data:image/png;base64,@@not-base64@@"'),
            tmp_path,
            "chapters/page.html",
        ),
        names=("chapters/page.html", "base64"),
    ),
    Case(
        "coursekit/sphinx/progressive.py",
        "enhance",
        "EnhanceError",
        "has widget state but not the widget",
        lambda tmp_path, monkeypatch: progressive.enhance(
            h.widget_page(manager=""), tmp_path, "chapters/page.html"
        ),
        names=("chapters/page.html", "nb_ipywidgets_js", "_config.yml"),
    ),
    Case(
        "coursekit/sphinx/progressive.py",
        "enhance",
        "EnhanceError",
        "the embedded widget state is not valid",
        lambda tmp_path, monkeypatch: progressive.enhance(
            h.widget_page(state='{"version_major": 2}'), tmp_path, "chapters/page.html"
        ),
        names=("chapters/page.html", "'state'"),
    ),
    Case(
        "coursekit/sphinx/progressive.py",
        "enhance.with_fallback",
        "EnhanceError",
        "a widget view script is not valid JSON",
        lambda tmp_path, monkeypatch: progressive.enhance(
            h.widget_page(view='{"model_id": m1'), tmp_path, "chapters/page.html"
        ),
        names=("chapters/page.html", "widget view script"),
    ),
    Case(
        "coursekit/sphinx/pagefix.py",
        "_fix_written",
        "ExtensionError",
        "",
        _fix_written_page_without_manager,
        names=("chapters/page.html", "nb_ipywidgets_js", "_config.yml"),
    ),
    # coursekit/sphinx/purge.py and iconfont.py: the pages' style sheets made one, after the build
    Case(
        "coursekit/sphinx/pagefix.py",
        "_bundle_css",
        "ExtensionError",
        "",
        _bundle_without_purgecss,
        names=("no-node-modules", "purgecss", "npm ci"),
    ),
    Case(
        "coursekit/sphinx/purge.py",
        "read_sheet",
        "PurgeError",
        "style sheet linked by the pages",
        lambda tmp_path, monkeypatch: purge.bundle_site(
            _site_with_one_sheet(tmp_path, "gone.css", None),
            [tmp_path / "site" / "chapters" / "page.html"],
            REPO_ROOT / "node_modules",
        ),
        names=("gone.css", "jupyter-book clean"),
    ),
    Case(
        "coursekit/sphinx/purge.py",
        "run_purgecss",
        "PurgeError",
        "PurgeCSS is not installed",
        lambda tmp_path, monkeypatch: purge.run_purgecss("p{}", [], tmp_path / "empty"),
        names=("empty", "purgecss.js", "npm ci"),
    ),
    Case(
        "coursekit/sphinx/purge.py",
        "run_purgecss",
        "PurgeError",
        "PurgeCSS failed",
        _purgecss_that_fails,
        names=("purge-css.js", "broken install"),
    ),
    Case(
        "coursekit/sphinx/purge.py",
        "top_level_blocks",
        "PurgeError",
        "the purged style sheet ends with an unclosed",
        lambda tmp_path, monkeypatch: purge.split_late(".a{color:red}.b{color:"),
        names=("book.css", ".b{color:", "jupyter-book clean"),
    ),
    Case(
        "coursekit/sphinx/purge.py",
        "_sources",
        "PurgeError",
        "no page links a style sheet",
        lambda tmp_path, monkeypatch: purge.bundle_site(
            _site_with_one_sheet(tmp_path, "x.css", None).parent / "site",
            [],
            REPO_ROOT / "node_modules",
        ),
        names=("site", "jupyter-book clean"),
    ),
    Case(
        "coursekit/sphinx/iconfont.py",
        "subset_woff",
        "IconFontError",
        "cannot read the theme's icon font",
        _icon_font_unreadable,
        names=("fa-solid-900.ttf", "jupyter-book clean"),
    ),
    Case(
        "coursekit/sphinx/iconfont.py",
        "inline_icon_fonts.replace",
        "IconFontError",
        "icon font named in the theme's CSS is missing",
        lambda tmp_path, monkeypatch: iconfont.inline_icon_fonts(
            '@font-face{src:url("webfonts/fa-brands-400.woff2")}.a:before{content:"\\f09b"}', tmp_path
        ),
        names=("fa-brands-400.ttf", "jupyter-book clean"),
    ),
    # coursekit/sphinx/repository.py: COURSE_REPOSITORY_URL and the launch button
    Case(
        "coursekit/sphinx/repository.py",
        "repository_url",
        "ConfigError",
        "is not a GitHub repository URL",
        lambda tmp_path, monkeypatch: repository.repository_url(
            tmp_path, {"COURSE_REPOSITORY_URL": "https://gitlab.com/me/course"}
        ),
        names=("COURSE_REPOSITORY_URL='https://gitlab.com/me/course'", "https://github.com/OWNER/NAME"),
    ),
    Case(
        "coursekit/sphinx/repository.py",
        "binder_url",
        "ValueError",
        "not a GitHub repository URL:",
        lambda tmp_path, monkeypatch: repository.binder_url(
            "https://gitlab.com/me/course", "main", "chapters/02-thesis.ipynb"
        ),
        names=("'https://gitlab.com/me/course'", "https://github.com/OWNER/NAME", "COURSE_REPOSITORY_URL"),
    ),
    # coursekit/sphinx/student_notebooks.py: a scratch book (_toc.yml, a page, a .bib)
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_bibliography",
        "StudentNotebookError",
        "citation keys not in",
        h.student_page("# Page\n\nAs {cite:p}`nobody1999` argues.\n"),
        names=("nobody1999", "references/core.bib", "add the works"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "load_book",
        "StudentNotebookError",
        "_toc.yml lists",
        lambda tmp_path, monkeypatch: student_notebooks.load_book(
            h.scratch_book(tmp_path, "# Page\n", toc_pages=("chapters/01-page", "chapters/09-missing"))
        ),
        names=("chapters/09-missing", "09-missing.md", "remove it from _toc.yml"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_read_block",
        "StudentNotebookError",
        "directive is never closed",
        h.student_page("# Page\n\n:::{note}\nText with no end.\n"),
        names=("chapters/01-page.md:3", "{note}", ":::"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_directives",
        "StudentNotebookError",
        ": {solution-start} has no {solution-end}",
        h.student_page("# Page\n\n```{solution-start} ex1\n```\n\nThe answer.\n"),
        names=("chapters/01-page.md:3", "{solution-end}"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_directives",
        "StudentNotebookError",
        "directive has no student-notebook form;",
        h.student_page("# Page\n\n```{mermaid}\ngraph TD\n```\n"),
        names=("chapters/01-page.md:3", "{mermaid}", "coursekit/sphinx/student_notebooks.py"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_role",
        "StudentNotebookError",
        "is not in the bibliography",
        h.student_page_off_the_toc,
        names=("chapters/02-extra.md", "'brown2018'", "_toc.yml"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_role",
        "StudentNotebookError",
        "` names no page of _toc.yml",
        h.student_page("# Page\n\nSee {doc}`09-nowhere`.\n"),
        names=("chapters/01-page.md", "09-nowhere"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_toc_pages.walk",
        "StudentNotebookError",
        "' matches no page; add one or remove the",
        h.student_toc_glob,
        names=("_toc.yml", "chapters/zz-*"),
    ),
    # coursekit/sphinx/datasets.py: a copy of data/ and chapters/data-*.md, one thing changed
    Case(
        "coursekit/sphinx/datasets.py",
        "dataset_pages",
        "DatasetPageError",
        "to it and put the dataset's title and name",
        h.dataset_book(lambda root: (root / "chapters" / "data-routes.md").unlink()),
        names=("data/datapackage.json", "'routes'", "chapters/data-routes.md", "chapters/data-autos.md"),
    ),
    Case(
        "coursekit/sphinx/datasets.py",
        "dataset_pages",
        "DatasetPageError",
        "in data/datapackage.json; add its resource",
        h.dataset_book(lambda root: (root / "chapters" / "data-no-such-set.md").write_text("# Nothing\n")),
        names=("chapters/data-no-such-set.md", "'no-such-set'", "rename or delete the page"),
    ),
    Case(
        "coursekit/sphinx/datasets.py",
        "dataset_pages",
        "DatasetPageError",
        ": no '# ' heading; give the page a title",
        h.dataset_book(lambda root: (root / "chapters" / "data-routes.md").write_text("Routes, untitled.\n")),
        names=("chapters/data-routes.md", "'# ' heading"),
    ),
    Case(
        "coursekit/sphinx/datasets.py",
        "dataset_pages",
        "DatasetPageError",
        "has no 'summary'; add the sentence the About",
        h.dataset_book(lambda root: h.drop_summary(root, "claims")),
        names=("data/datapackage.json", "'claims'", "'summary'"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_role",
        "StudentNotebookError",
        "role has no student-notebook form; teach",
        h.student_page("# Page\n\nPress {guilabel}`Run`.\n"),
        names=("chapters/01-page.md", "{guilabel}", "coursekit/sphinx/student_notebooks.py"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_substitute.fill",
        "StudentNotebookError",
        "is not a course substitution; use one of",
        h.student_page("# Page\n\nAs of {{ today }}.\n"),
        names=("chapters/01-page.md", "{{ today }}", "course_as_of", "coursekit/course.py"),
    ),
    Case(
        "coursekit/sphinx/student_notebooks.py",
        "_no_raw_myst",
        "StudentNotebookError",
        ": raw MyST left in a student cell:",
        h.student_page("# Page\n\nSee {term}`Eurasian pivot with no closing backtick.\n"),
        names=("chapters/01-page.md", "{term}"),
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
    if case.raises is not None:
        return case.raises
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
