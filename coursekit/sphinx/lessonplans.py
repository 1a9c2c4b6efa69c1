"""Lesson plans, the role-play script and the role cards of the instructor's guide, as data.

The plans live in ``chapters/plans/lesson-plans.yml`` and the cards in
``chapters/plans/role-cards.yml`` (each file's header states its rules). Three directives
render them into the guide, so the guide and the tests read the same data:

- ``{lesson-plan} six-session``: one timed table per session (clock, activity, materials,
  exercise track), with what to do before and after;
- ``{role-play-script}``: the steps of each role-play variant with their minutes;
- ``{role-cards}``: one card per role, each on its own page in the PDF.

Everything is validated when it is loaded: a session whose activities do not add up to its
length, an activity without materials, a material that does not exist (a chapter, an
exercise, a role card, a widget) or a missing field stops the build with a message that
names the file, the plan, the session and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..text import table_cell
from .tracks import exercise_tracks as read_exercise_tracks

PLANS_FILE = Path("chapters") / "plans" / "lesson-plans.yml"
CARDS_FILE = Path("chapters") / "plans" / "role-cards.yml"
TRACKS = ("code", "no code", "either")
MATERIAL_KINDS = (
    "chapter",
    "widget",
    "exercise",
    "handout",
    "role_cards",
    "role_play",
    "exit_ticket",
    "claims_log",
    "page",
    "equipment",
)
# Where each guide-level material is described (labels in chapters/instructor-guide.md).
GUIDE_LABELS = {
    "role_cards": "role-cards",
    "role_play": "role-play-script",
    "exit_ticket": "exit-ticket",
    "claims_log": "claims-log",
    "handout": "guide-handouts",
}
QUOTE_MAX_WORDS = 25
EXERCISE_LABEL = re.compile(r"^:label: ex-(\d\d-\d+)\s*$", re.M)


class LessonPlanError(ValueError):
    """A lesson plan or role card that is incomplete, inconsistent or names missing material."""


@dataclass(frozen=True)
class Book:
    """What a plan may refer to, read from the book's sources."""

    root: Path

    def chapter_exists(self, stem: str) -> bool:
        return (self.root / "chapters" / f"{stem}.md").is_file()

    def exercise_files(self) -> dict[str, str]:
        """Exercise id ('05-3') -> exercise page stem ('05-tariff-trouble')."""
        found = {}
        for path in sorted((self.root / "exercises").glob("0*.md")):
            for ex_id in EXERCISE_LABEL.findall(path.read_text(encoding="utf-8")):
                found[ex_id] = path.stem
        return found

    def widget_chapter(self, name: str) -> str | None:
        """The chapter whose code calls the widget ``name``, if any."""
        call = re.compile(rf"\b{re.escape(name)}\(")
        for path in sorted((self.root / "chapters").glob("0*.md")):
            if call.search(path.read_text(encoding="utf-8")):
                return path.stem
        return None

    def handout_stems(self) -> list[str]:
        from ..course import ESSAY_CHAPTERS  # handouts are built for exactly these chapters

        return list(ESSAY_CHAPTERS)


def _where(
    file: Path,
    plan: str | None = None,
    session: int | None = None,
    title: str = "",
    activity: int | None = None,
) -> str:
    parts = [str(file)]
    if plan:
        parts.append(f"plan '{plan}'")
    if session is not None:
        parts.append(f"session {session}" + (f" ('{title}')" if title else ""))
    if activity is not None:
        parts.append(f"activity {activity}")
    return ", ".join(parts)


def _require(entry: dict, field: str, where: str, kind: type | tuple = str):
    if not isinstance(entry, dict) or field not in entry or entry[field] in (None, "", []):
        raise LessonPlanError(
            f"{where}: missing field '{field}'. Add it (see the rules at the top of the file)."
        )
    value = entry[field]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise LessonPlanError(
            f"{where}: field '{field}' should be {getattr(kind, '__name__', kind)}, got {value!r}; "
            "correct the value."
        )
    return value


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise LessonPlanError(
            f"{path}: file not found; restore it from git or create it "
            "(the format is described at the top of the file in the repository)."
        ) from err
    except yaml.YAMLError as err:
        raise LessonPlanError(
            f"{path}: not valid YAML: {err}. Fix the syntax (quote texts that contain ': ')."
        ) from err
    if not isinstance(data, dict):
        raise LessonPlanError(
            f"{path}: expected a mapping at the top level, got {type(data).__name__}; "
            "start each top-level entry as 'name:' (see the rules at the top of the file)."
        )
    return data


def _check_material(
    material, where: str, book: Book, cards: set[str], variants: set[str], exercises: dict[str, str]
) -> None:
    if not isinstance(material, dict) or len(material) != 1:
        raise LessonPlanError(
            f"{where}: field 'materials' entry {material!r} should be one "
            f"'kind: value' pair, kind one of {', '.join(MATERIAL_KINDS)}."
        )
    ((kind, value),) = material.items()
    if kind not in MATERIAL_KINDS:
        raise LessonPlanError(
            f"{where}: field 'materials' has unknown kind '{kind}'; use one of {', '.join(MATERIAL_KINDS)}."
        )
    if value in (None, "", []):
        raise LessonPlanError(
            f"{where}: field 'materials' entry '{kind}' has no value; give the {kind} it refers to."
        )
    missing = None
    if kind in ("chapter", "page") and not book.chapter_exists(str(value)):
        missing = f"chapters/{value}.md does not exist"
    elif kind == "exercise" and str(value) not in exercises:
        missing = f"no exercise labelled ex-{value} in exercises/"
    elif kind == "widget" and book.widget_chapter(str(value)) is None:
        missing = f"no chapter calls the widget {value}()"
    elif kind == "handout" and str(value) not in book.handout_stems():
        missing = f"no seminar handout handout-{value}.pdf is built (essay chapters only)"
    elif kind == "role_cards":
        unknown = sorted(set(value if isinstance(value, list) else [value]) - cards)
        if unknown:
            missing = f"no role card {', '.join(map(str, unknown))} in {CARDS_FILE}"
    elif kind == "role_play" and value not in variants:
        missing = f"no role-play variant '{value}' (have {', '.join(sorted(variants))})"
    if missing:
        raise LessonPlanError(f"{where}: field 'materials': {missing}.")


def load_cards(root: Path) -> list[dict]:
    """The role cards, validated; raises LessonPlanError naming the card and field."""
    path = root / CARDS_FILE
    data = _read_yaml(path)
    cards = data.get("cards")
    if not isinstance(cards, list) or not cards:
        raise LessonPlanError(
            f"{path}: missing field 'cards' (a list of role cards); add it, one '- id: ...' item per card."
        )
    bib_keys = bibliography_keys(root)
    seen = set()
    for i, card in enumerate(cards, 1):
        where = f"{path}, card {i}" + (f" ('{card.get('id')}')" if isinstance(card, dict) else "")
        card_id = _require(card, "id", where)
        if card_id in seen:
            raise LessonPlanError(f"{where}: duplicate id '{card_id}'; give each card its own id.")
        seen.add(card_id)
        for field in ("title", "role"):
            _require(card, field, where)
        interests = _require(card, "interests", where, list)
        points = _require(card, "talking_points", where, list)
        if not 2 <= len(points) <= 3:
            raise LessonPlanError(
                f"{where}: field 'talking_points' has {len(points)} points; give two or three."
            )
        for j, point in enumerate(points, 1):
            pwhere = f"{where}, talking point {j}"
            _require(point, "text", pwhere)
            for key in _require(point, "cite", pwhere, list):
                if key not in bib_keys:
                    raise LessonPlanError(
                        f"{pwhere}: field 'cite': '{key}' is not a key in references/*.bib; "
                        "add the entry there or correct the key."
                    )
        if not all(isinstance(x, str) and x for x in interests):
            raise LessonPlanError(
                f"{where}: field 'interests' should be a list of sentences; "
                "write each interest as a '- ...' item of text."
            )
        quote = card.get("quote")
        if quote is not None:
            qwhere = f"{where}, quote"
            text = _require(quote, "text", qwhere)
            _require(quote, "by", qwhere)
            key = _require(quote, "cite", qwhere)
            if key not in bib_keys:
                raise LessonPlanError(
                    f"{qwhere}: field 'cite' of the quote: '{key}' is not a key in references/*.bib; "
                    "add the entry there or correct the key."
                )
            if len(text.split()) > QUOTE_MAX_WORDS:
                raise LessonPlanError(
                    f"{qwhere}: field 'text' has {len(text.split())} words; "
                    f"keep quotes to {QUOTE_MAX_WORDS} words or fewer."
                )
    return cards


def bibliography_keys(root: Path) -> set[str]:
    keys: set[str] = set()
    for bib in (root / "references").glob("*.bib"):
        keys |= set(re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), re.M))
    return keys


def _check_steps(name: str, variant: dict, where: str) -> None:
    total = _require(variant, "minutes", where, int)
    steps = _require(variant, "steps", where, list)
    for j, step in enumerate(steps, 1):
        _require(step, "minutes", f"{where}, step {j}", int)
        _require(step, "what", f"{where}, step {j}")
    summed = sum(step["minutes"] for step in steps)
    if summed != total:
        raise LessonPlanError(f"{where}: field 'minutes' is {total} but the steps add up to {summed}.")


def _check_track(track: str, where: str) -> None:
    if track not in TRACKS:
        raise LessonPlanError(f"{where}: field 'track' is '{track}'; use one of {TRACKS}.")


def _check_activity(
    activity, awhere: str, book, cards: set, role_play: dict, exercises, tracks: dict, no_code_versions: set
) -> None:
    """One activity of a session: its fields, materials, exercise track and role-play length."""
    _require(activity, "minutes", awhere, int)
    _require(activity, "what", awhere)
    for material in _require(activity, "materials", awhere, list):
        _check_material(material, awhere, book, cards, set(role_play), exercises)
    used = [str(m["exercise"]) for m in activity["materials"] if "exercise" in m]
    if used:
        track = _require(activity, "track", awhere)
        _check_track(track, awhere)
        if track == "no code":
            coded = [e for e in used if tracks.get(e) != "no code" and e not in no_code_versions]
            if coded:
                raise LessonPlanError(
                    f"{awhere}: field 'track' is 'no code' but exercise(s) "
                    f"{', '.join(coded)} have no no-code version."
                )
    variant = next((m["role_play"] for m in activity["materials"] if "role_play" in m), None)
    if variant and activity["minutes"] != role_play[variant]["minutes"]:
        raise LessonPlanError(
            f"{awhere}: field 'minutes' is {activity['minutes']} but the "
            f"'{variant}' role play takes {role_play[variant]['minutes']}."
        )


def load_plans(root: Path) -> dict:
    """The lesson plans, validated against the book in ``root``.

    Besides sums and fields, a "no code" activity may only use exercises that are tagged
    "no code" or have a no-code version (read from the exercise pages, see ``tracks``).
    """
    path = root / PLANS_FILE
    data = _read_yaml(path)
    book = Book(root)
    exercises = book.exercise_files()
    tracks, no_code_versions = read_exercise_tracks(root)
    cards = {c["id"] for c in load_cards(root)}
    role_play = data.get("role_play")
    if not isinstance(role_play, dict) or not role_play:
        raise LessonPlanError(f"{path}: missing field 'role_play' (the script's variants); add it.")
    for name, variant in role_play.items():
        _check_steps(name, variant, f"{path}, role_play '{name}'")
    plans = data.get("plans")
    if not isinstance(plans, dict) or not plans:
        raise LessonPlanError(f"{path}: missing field 'plans' (a mapping of plan id to plan); add it.")
    for plan_id, plan in plans.items():
        _require(plan, "title", _where(path, plan_id))
        sessions = _require(plan, "sessions", _where(path, plan_id), list)
        for s, session in enumerate(sessions, 1):
            where = _where(path, plan_id, s, session.get("title", "") if isinstance(session, dict) else "")
            for field in ("title", "track"):
                _require(session, field, where)
            length = _require(session, "minutes", where, int)
            for stem in _require(session, "chapters", where, list):
                if not book.chapter_exists(stem):
                    raise LessonPlanError(f"{where}: field 'chapters': chapters/{stem}.md does not exist.")
            _check_track(session["track"], where)
            activities = _require(session, "activities", where, list)
            for a, activity in enumerate(activities, 1):
                awhere = _where(path, plan_id, s, session["title"], a)
                _check_activity(activity, awhere, book, cards, role_play, exercises, tracks, no_code_versions)
            summed = sum(a["minutes"] for a in activities)
            if summed != length:
                raise LessonPlanError(
                    f"{where}: field 'minutes' is {length} but the activities add up to {summed}. "
                    "Adjust the timings, or state the spare time as an activity of its own ('Slack')."
                )
    return data


# ---------------------------------------------------------------- rendering (MyST text)


def _chapter_number(stem: str) -> str:
    prefix = stem.split("-", 1)[0]
    return str(int(prefix)) if prefix.isdigit() else ""


def _material_md(material: dict, book: Book, exercises: dict[str, str]) -> str:
    ((kind, value),) = material.items()
    if kind == "chapter":
        return f"{{doc}}`chapter {_chapter_number(value)} </chapters/{value}>`"
    if kind == "page":
        return f"{{doc}}`/chapters/{value}`"
    if kind == "widget":
        stem = book.widget_chapter(value)
        return f"{{doc}}`{value.replace('_', ' ')} </chapters/{stem}>` (chapter {_chapter_number(stem)})"
    if kind == "exercise":
        return f"{{doc}}`exercise {value} </exercises/{exercises[str(value)]}>`"
    if kind == "handout":
        return f"{{ref}}`handout-{value}.pdf <{GUIDE_LABELS['handout']}>`"
    if kind == "role_cards":
        names = value if isinstance(value, list) else [value]
        return f"{{ref}}`role cards <{GUIDE_LABELS['role_cards']}>` ({', '.join(names)})"
    if kind == "role_play":
        return f"{{ref}}`role-play script, {value} version <{GUIDE_LABELS['role_play']}>`"
    if kind == "exit_ticket":
        return f"{{ref}}`exit ticket <{GUIDE_LABELS['exit_ticket']}>`"
    if kind == "claims_log":
        return f"{{ref}}`claims log <{GUIDE_LABELS['claims_log']}>`"
    return "none" if str(value).strip().lower() == "none" else table_cell(value)


def plan_markdown(plan: dict, book: Book) -> str:
    """MyST text for one plan: per session a heading line, a timed table and the homework."""
    exercises = book.exercise_files()
    lines: list[str] = []
    for s, session in enumerate(plan["sessions"], 1):
        chapters = ", ".join(
            f"{{doc}}`chapter {_chapter_number(c)} </chapters/{c}>`" for c in session["chapters"]
        )
        heading = session["title"] if len(plan["sessions"]) == 1 else f"Session {s}. {session['title']}"
        lines += [
            f"**{heading}** ({session['minutes']} minutes; {chapters}; exercise track: {session['track']}).",
            "",
        ]
        if session.get("before"):
            lines += [f"*Before:* {table_cell(session['before'])}", ""]
        lines += ["| Minutes | Activity | Materials |", "| --- | --- | --- |"]
        clock = 0
        for activity in session["activities"]:
            start, clock = clock, clock + activity["minutes"]
            mats = "; ".join(_material_md(m, book, exercises) for m in activity["materials"])
            track = f" *Track: {activity['track']}.*" if activity.get("track") else ""
            lines.append(f"| {start}–{clock} | {table_cell(activity['what'])}{track} | {mats} |")
        lines.append("")
        if session.get("after"):
            lines += [f"*After:* {table_cell(session['after'])}", ""]
    return "\n".join(lines)


def role_play_markdown(role_play: dict) -> str:
    lines = []
    for name, variant in role_play.items():
        lines += [f"**{name.capitalize()} version, {variant['minutes']} minutes.**", ""]
        clock = 0
        for j, step in enumerate(variant["steps"], 1):
            start, clock = clock, clock + step["minutes"]
            lines.append(f"{j}. *{start}–{clock} min.* {table_cell(step['what'])}")
        lines.append("")
    return "\n".join(lines)


def cards_markdown(cards: list[dict]) -> str:
    lines = []
    for card in cards:
        cite = lambda keys: "{cite:p}`" + ",".join(keys) + "`"  # noqa: E731
        lines += [
            "```{raw} latex",
            r"\clearpage",
            "```",
            "",
            f"(role-card-{card['id']})=",
            f":::{{admonition}} Role card: {card['title']}",
            ":class: role-card",
            "",
            f"**Who you are.** {table_cell(card['role'])}, September 2018.",
            "",
            "**Your interests**",
            "",
        ]
        lines += [f"- {table_cell(x)}" for x in card["interests"]]
        lines += ["", "**Talking points, with their sources**", ""]
        lines += [
            f"{j}. {table_cell(p['text'])} {cite(p['cite'])}" for j, p in enumerate(card["talking_points"], 1)
        ]
        quote = card.get("quote")
        if quote:
            lines += [
                "",
                f"**In their words.** {table_cell(quote['by'])}: {table_cell(quote['text'])} {cite([quote['cite']])}.",
            ]
        lines += [
            "",
            "**Remember.** Argue from the sources, not from stereotypes; say "
            '"our sources suggest", not "we all know".',
            ":::",
            "",
        ]
    return "\n".join(lines)


class _DataDirective(SphinxDirective):
    def _parse(self, text: str) -> list[nodes.Node]:
        container = nodes.container(classes=["course-lesson-plans"])
        self.state.nested_parse(
            StringList(text.splitlines(), source=str(PLANS_FILE)), self.content_offset, container
        )
        return container.children

    def _root(self) -> Path:
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / PLANS_FILE))
        self.env.note_dependency(str(root / CARDS_FILE))
        return root


class LessonPlanDirective(_DataDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        root = self._root()
        try:
            plans = load_plans(root)["plans"]
        except LessonPlanError as err:
            raise self.error(f"lesson-plan: {err}") from err
        if self.arguments[0] not in plans:
            raise self.error(
                f"{PLANS_FILE}: no plan '{self.arguments[0]}' (have {', '.join(plans)}); "
                "give one of these ids to the lesson-plan directive."
            )
        return self._parse(plan_markdown(plans[self.arguments[0]], Book(root)))


class RolePlayScriptDirective(_DataDirective):
    def run(self) -> list[nodes.Node]:
        try:
            role_play = load_plans(self._root())["role_play"]
        except LessonPlanError as err:
            raise self.error(f"role-play-script: {err}") from err
        return self._parse(role_play_markdown(role_play))


class RoleCardsDirective(_DataDirective):
    def run(self) -> list[nodes.Node]:
        try:
            cards = load_cards(self._root())
        except LessonPlanError as err:
            raise self.error(f"role-cards: {err}") from err
        return self._parse(cards_markdown(cards))


def setup(app: Sphinx) -> None:
    app.add_directive("lesson-plan", LessonPlanDirective)
    app.add_directive("role-play-script", RolePlayScriptDirective)
    app.add_directive("role-cards", RoleCardsDirective)
