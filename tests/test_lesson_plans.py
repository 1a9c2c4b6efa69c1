"""The instructor's guide's lesson plans and role cards (chapters/plans/*.yml).

The data are checked directly (sums, materials, slack, cards), the loader must stop bad
files with a message naming the session and the field, and the built guide must show
every session and card.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from coursekit.course import ESSAY_CHAPTERS
from coursekit.sphinx.lessonplans import CARDS_FILE, PLANS_FILE, LessonPlanError, load_cards, load_plans
from tests.helpers import REPO_ROOT

PLANS = yaml.safe_load((REPO_ROOT / PLANS_FILE).read_text(encoding="utf-8"))
CARDS = yaml.safe_load((REPO_ROOT / CARDS_FILE).read_text(encoding="utf-8"))["cards"]
GUIDE = (REPO_ROOT / "chapters" / "instructor-guide.md").read_text(encoding="utf-8")
SESSIONS = [
    (plan_id, i, s) for plan_id, plan in PLANS["plans"].items() for i, s in enumerate(plan["sessions"], 1)
]
SESSION_IDS = [f"{p}-{i}" for p, i, _ in SESSIONS]


def _bib_keys() -> set[str]:
    keys = set()
    for bib in (REPO_ROOT / "references").glob("*.bib"):
        keys |= set(re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), re.M))
    return keys


def _exercise_ids() -> set[str]:
    ids = set()
    for path in (REPO_ROOT / "exercises").glob("0*.md"):
        ids |= set(re.findall(r"^:label: ex-(\d\d-\d+)$", path.read_text(encoding="utf-8"), re.M))
    return ids


def test_both_plans_are_there():
    assert set(PLANS["plans"]) == {"six-session", "single-seminar"}
    assert len(PLANS["plans"]["six-session"]["sessions"]) == 6
    assert len(PLANS["plans"]["single-seminar"]["sessions"]) == 1


@pytest.mark.parametrize("plan_id,number,session", SESSIONS, ids=SESSION_IDS)
def test_session_timings_add_up_and_slack_is_stated(plan_id, number, session):
    minutes = [a["minutes"] for a in session["activities"]]
    assert sum(minutes) == session["minutes"] == 90, f"{plan_id} session {number}: {minutes}"
    assert all(isinstance(m, int) and m > 0 for m in minutes)
    assert any(a["what"].startswith("Slack") for a in session["activities"]), (
        f"{plan_id} session {number} states no slack"
    )


@pytest.mark.parametrize("plan_id,number,session", SESSIONS, ids=SESSION_IDS)
def test_every_activity_names_materials_that_exist(plan_id, number, session):
    chapters = {p.stem for p in (REPO_ROOT / "chapters").glob("*.md")}
    chapter_text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "chapters").glob("0*.md"))
    exercises = _exercise_ids()
    cards = {c["id"] for c in CARDS}
    for a, activity in enumerate(session["activities"], 1):
        where = f"{plan_id} session {number} activity {a}"
        assert activity["materials"], f"{where}: no materials"
        for material in activity["materials"]:
            ((kind, value),) = material.items()
            if kind in ("chapter", "page"):
                assert value in chapters, f"{where}: chapter {value}"
            elif kind == "exercise":
                assert str(value) in exercises, f"{where}: exercise {value}"
            elif kind == "handout":
                assert value in ESSAY_CHAPTERS, f"{where}: handout-{value}.pdf is never built"
            elif kind == "role_cards":
                assert set(value) <= cards, f"{where}: role cards {value}"
            elif kind == "role_play":
                assert value in PLANS["role_play"], f"{where}: role play {value}"
            elif kind == "widget":
                assert f"{value}(" in chapter_text, f"{where}: widget {value}"
            elif kind == "exit_ticket":
                assert "(exit-ticket)=" in GUIDE
            elif kind == "claims_log":
                assert "(claims-log)=" in GUIDE
            else:
                assert kind == "equipment" and str(value).strip(), f"{where}: {material}"
        if any("exercise" in m for m in activity["materials"]):
            assert activity.get("track") in ("code", "no code", "either"), f"{where}: no exercise track"


def test_every_session_says_its_track():
    for plan_id, number, session in SESSIONS:
        assert session["track"] in ("code", "no code", "either"), f"{plan_id} session {number}"


def test_role_play_steps_fit_the_slots_that_run_them():
    for name, variant in PLANS["role_play"].items():
        assert sum(s["minutes"] for s in variant["steps"]) == variant["minutes"], name
    slots = [
        (a["minutes"], m["role_play"])
        for _, _, s in SESSIONS
        for a in s["activities"]
        for m in a["materials"]
        if "role_play" in m
    ]
    assert slots, "no plan runs the role play"
    for minutes, variant in slots:
        assert minutes == PLANS["role_play"][variant]["minutes"], variant


def test_role_cards_have_interests_sourced_points_and_short_quotes():
    keys = _bib_keys()
    assert {c["id"] for c in CARDS} == {"tokyo", "moscow", "washington", "beijing", "chair"}
    for card in CARDS:
        assert card["interests"], card["id"]
        assert 2 <= len(card["talking_points"]) <= 3, card["id"]
        for point in card["talking_points"]:
            assert point["cite"] and set(point["cite"]) <= keys, (card["id"], point["cite"])
        if card.get("quote"):
            assert len(card["quote"]["text"].split()) <= 25, card["id"]
            assert card["quote"]["cite"] in keys and card["quote"]["by"], card["id"]


def test_the_repository_plans_pass_the_loader():
    data = load_plans(REPO_ROOT)
    assert data["plans"]["six-session"]["sessions"][0]["minutes"] == 90
    assert len(load_cards(REPO_ROOT)) == len(CARDS)


# ---------------------------------------------------------------- bad input


@pytest.fixture
def scratch(tmp_path) -> Path:
    for name in ("chapters", "exercises", "references"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    return tmp_path


def _edit(root: Path, change) -> None:
    path = root / PLANS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _six(data):
    return data["plans"]["six-session"]["sessions"]


BAD_PLANS = {
    "wrong sum": (
        lambda d: _six(d)[1]["activities"][-1].update(minutes=5),
        ["session 2", "'The rapprochement'", "field 'minutes'", "add up to 85"],
    ),
    "missing materials": (
        lambda d: _six(d)[2]["activities"][1].pop("materials"),
        ["session 3", "activity 2", "missing field 'materials'"],
    ),
    "missing what": (
        lambda d: _six(d)[0]["activities"][0].pop("what"),
        ["session 1", "activity 1", "missing field 'what'"],
    ),
    "missing session length": (lambda d: _six(d)[4].pop("minutes"), ["session 5", "missing field 'minutes'"]),
    "unknown exercise": (
        lambda d: _six(d)[3]["activities"][1]["materials"].append({"exercise": "05-9"}),
        ["session 4", "activity 2", "field 'materials'", "ex-05-9"],
    ),
    "unknown role card": (
        lambda d: _six(d)[3]["activities"][3]["materials"][1].update(role_cards=["paris"]),
        ["session 4", "activity 4", "role card paris"],
    ),
    "role play slot too short": (
        lambda d: d["plans"]["single-seminar"]["sessions"][0]["activities"][3].update(minutes=20),
        ["plan 'single-seminar'", "activity 4", "field 'minutes'", "takes 25"],
    ),
    "role play steps do not add up": (
        lambda d: d["role_play"]["short"]["steps"][0].update(minutes=3),
        ["role_play 'short'", "field 'minutes'", "add up to 26"],
    ),
    "missing exercise track": (
        lambda d: _six(d)[5]["activities"][1].pop("track"),
        ["session 6", "activity 2", "missing field 'track'"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PLANS))
def test_bad_plan_stops_with_a_message_naming_session_and_field(scratch, case):
    change, expected = BAD_PLANS[case]
    _edit(scratch, change)
    with pytest.raises(LessonPlanError) as err:
        load_plans(scratch)
    message = str(err.value)
    assert str(PLANS_FILE) in message
    for part in expected:
        assert part in message, f"{case}: {part!r} not in {message!r}"


def test_bad_yaml_syntax_names_the_file(scratch):
    (scratch / PLANS_FILE).write_text("plans: [unclosed\n", encoding="utf-8")
    with pytest.raises(LessonPlanError, match="not valid YAML"):
        load_plans(scratch)


def test_role_card_citing_an_unknown_key_is_refused(scratch):
    path = scratch / CARDS_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cards"][1]["talking_points"][0]["cite"] = ["nosuchkey2099"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        LessonPlanError, match=r"card 2 \('moscow'\), talking point 1: field 'cite': 'nosuchkey2099'"
    ):
        load_cards(scratch)


# ---------------------------------------------------------------- the built guide


def _text(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html)
    for entity, char in (
        ("&#8217;", "'"),
        ("&quot;", '"'),
        ("&#39;", "'"),
        ("&amp;", "&"),
        ("&#x27;", "'"),
        ("’", "'"),
        ("‘", "'"),
        ("“", '"'),
        ("”", '"'),
    ):
        text = text.replace(entity, char)  # Sphinx turns straight quotes into curly ones
    return " ".join(text.split())


def test_built_guide_renders_every_session_activity_and_card(built_book):
    page = (built_book / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    text = _text(page)
    for plan_id, number, session in SESSIONS:
        heading = session["title"] if plan_id == "single-seminar" else f"Session {number}. {session['title']}"
        assert heading in text, f"{plan_id}: {heading!r} is not on the page"
        clock = 0
        for activity in session["activities"]:
            start, clock = clock, clock + activity["minutes"]
            assert f" {start}–{clock} " in text, f"{plan_id} session {number}: {start}–{clock} missing"
            assert " ".join(activity["what"].split()[:6]) in text, activity["what"]
    assert len(re.findall(r'<div class="[^"]*\brole-card\b', page)) == len(CARDS)
    for label in ("claims-log", "exit-ticket", "role-cards", "role-play-script", "guide-handouts"):
        assert f'id="{label}"' in page, label
