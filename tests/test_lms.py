"""The LMS export (Moodle XML, QTI 2.1 package) and the answer key match the quiz sources."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from coursekit import quiz
from coursekit.paths import REPO_ROOT
from coursekit.sphinx import lms

QTI = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1"}
CP = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}


@pytest.fixture(scope="module")
def quizzes():
    return quiz.load_all()


@pytest.fixture(scope="module")
def questions(quizzes):
    return {q.uid: q for qs in quizzes.values() for q in qs}


def _texts(el, path):
    return [t.text for t in el.findall(path)]


def test_moodle_xml_has_every_question_option_and_feedback(quizzes, questions):
    root = ET.fromstring(lms.moodle_xml(quizzes))
    assert root.tag == "quiz"
    categories = root.findall("question[@type='category']")
    assert len(categories) == len(quizzes) >= 8  # one per quiz file: a new quiz needs no edit here
    items = root.findall("question[@type='multichoice']")
    assert [i.findtext("name/text") for i in items] == list(questions)
    for item in items:
        q = questions[item.findtext("name/text")]
        assert item.findtext("questiontext/text") == q.question
        assert item.findtext("generalfeedback/text") == q.explanation
        assert item.findtext("single") == "true"
        answers = item.findall("answer")
        assert [a.findtext("text") for a in answers] == [o.text for o in q.options]
        assert [a.findtext("feedback/text") for a in answers] == [o.feedback for o in q.options]
        assert [a.get("fraction") for a in answers] == ["100" if o.correct else "0" for o in q.options]


def _package(quizzes):
    return zipfile.ZipFile(io.BytesIO(lms.qti_package(quizzes)))


def test_qti_package_has_a_manifest_listing_one_item_per_question(quizzes, questions):
    z = _package(quizzes)
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    assert manifest.tag == "{http://www.imsglobal.org/xsd/imscp_v1p1}manifest"
    resources = manifest.findall("cp:resources/cp:resource", CP)
    assert len(resources) == len(questions) >= 24
    for res in resources:
        assert res.get("type") == "imsqti_item_xmlv2p1"
        href = res.get("href")
        assert res.find("cp:file", CP).get("href") == href
        assert href in z.namelist(), f"manifest lists {href}, which the zip lacks"
    assert sorted(z.namelist()) == sorted(["imsmanifest.xml"] + [r.get("href") for r in resources])


def test_qti_items_have_prompt_choices_correct_response_and_feedback(quizzes, questions):
    z = _package(quizzes)
    seen = []
    for name in z.namelist():
        if name == "imsmanifest.xml":
            continue
        item = ET.fromstring(z.read(name))
        assert item.tag == "{http://www.imsglobal.org/xsd/imsqti_v2p1}assessmentItem"
        q = questions[item.get("identifier")]
        seen.append(q.uid)
        interaction = item.find("q:itemBody/q:choiceInteraction", QTI)
        assert interaction.get("maxChoices") == "1"
        assert interaction.findtext("q:prompt", namespaces=QTI) == q.question
        choices = interaction.findall("q:simpleChoice", QTI)
        assert [c.text for c in choices] == [o.text for o in q.options]
        ids = [c.get("identifier") for c in choices]
        assert len(set(ids)) == len(ids)
        correct = item.findtext("q:responseDeclaration/q:correctResponse/q:value", namespaces=QTI)
        assert correct == ids[q.answer]
        feedback = {
            m.get("identifier"): m.findtext("q:p", namespaces=QTI)
            for m in item.findall("q:modalFeedback", QTI)
        }
        assert feedback == {i: o.feedback for i, o in zip(ids, q.options)}
    assert sorted(seen) == sorted(questions)


def test_qti_package_is_byte_identical_between_builds(quizzes):
    assert lms.qti_package(quizzes) == lms.qti_package(quizzes)


def test_write_puts_both_files_in_the_folder(tmp_path, quizzes):
    paths = lms.write(tmp_path / "downloads", quizzes)
    assert sorted(p.name for p in paths) == sorted([lms.MOODLE_FILE, lms.QTI_FILE])
    assert all(p.stat().st_size > 1000 for p in paths)


# -- the built site (the full edition) ---------------------------------------------------------


@pytest.mark.build
def test_built_site_has_the_lms_files_and_links_them_from_the_guide(built_book, quizzes):
    folder = built_book / lms.SITE_FOLDER
    assert (folder / lms.MOODLE_FILE).read_bytes() == lms.moodle_xml(quizzes)
    assert (folder / lms.QTI_FILE).read_bytes() == lms.qti_package(quizzes)
    guide = (built_book / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    for name in (lms.MOODLE_FILE, lms.QTI_FILE):
        assert f'href="../{lms.SITE_FOLDER}/{name}"' in guide


@pytest.mark.build
def test_built_answer_key_shows_every_question_correct_option_and_explanation(built_book, questions):
    import html as html_lib
    import re

    page = (built_book / "chapters" / "answer-key.html").read_text(encoding="utf-8")
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", page))
    # Sphinx's smart quotes curl the straight quotes of the sources.
    text = re.sub(r"\s+", " ", text).translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    for q in questions.values():
        assert f'id="answer-key-{q.uid}"' in page, f"{q.uid} missing from the answer key"
        right = q.correct_option.text
        assert f"({q.letters[q.answer]}) {right} (correct)" in text, q.uid
        assert re.sub(r"\s+", " ", q.explanation) in text, q.uid
        assert q.question in text, q.uid
    assert text.count("(correct)") == len(questions)


@pytest.mark.build
def test_student_edition_has_no_answer_key_and_no_lms_files(tmp_path, monkeypatch, questions):
    from tests.helpers import build_book, make_scratch_book

    key_page = (REPO_ROOT / "chapters" / "answer-key.md").read_text(encoding="utf-8")
    guide = "# Guide\n\nThe exports:\n\n```{course-lms-export}\n```\n"
    book = make_scratch_book(
        tmp_path / "book", {"index": "# Scratch\n", "answer-key": key_page, "guide": guide}
    )
    monkeypatch.setenv("COURSE_EDITION", "student")
    result = build_book(book, tmp_path / "out", in_process=True)
    assert result.returncode == 0, result.tail()
    site = result.html
    page = (site / "chapters" / "answer-key.html").read_text(encoding="utf-8")
    assert "part of the instructor" in page
    assert "(correct)" not in page and "answer-key-" not in page
    for q in questions.values():
        assert q.explanation not in page
    assert not (site / lms.SITE_FOLDER).exists(), "the student site must not carry the LMS files"
    guide_html = (site / "chapters" / "guide.html").read_text(encoding="utf-8")
    assert lms.MOODLE_FILE not in guide_html and "part of the full edition" in guide_html
