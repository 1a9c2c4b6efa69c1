"""The self-checks as LMS imports: Moodle XML and an IMS QTI 2.1 content package.

Both are generated from the quiz files (``chapters/quizzes/*.yml``, read by
:mod:`coursekit.quiz`) and written at the end of an HTML build of the full edition into
the site's ``downloads/`` folder; the ``{course-lms-export}`` directive lists them (the
instructor's guide uses it). The student edition gets neither the files nor the links.

- ``self-checks-moodle.xml``: Moodle's XML question format, one category per chapter,
  one ``multichoice`` question (single answer) per self-check: the correct option scores
  100 %, every other 0 %; each option carries its own feedback, the explanation is the
  general feedback.
- ``self-checks-qti21.zip``: an IMS content package (``imsmanifest.xml``) with one QTI 2.1
  ``assessmentItem`` per self-check (``choiceInteraction``, correct response, score, and
  one ``modalFeedback`` per option), for Canvas, Blackboard, Moodle (with a QTI plugin)
  and other QTI tools.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from .. import __version__, quiz
from .answerkey import chapter_title

SITE_FOLDER = "downloads"
MOODLE_FILE = "self-checks-moodle.xml"
QTI_FILE = "self-checks-qti21.zip"
COURSE = "Reading a Polemic"

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_ITEM_TYPE = "imsqti_item_xmlv2p1"


def _text(parent: ET.Element, tag: str, text: str, **attrib) -> ET.Element:
    el = ET.SubElement(parent, tag, attrib)
    ET.SubElement(el, "text").text = text
    return el


def choice_id(letter: str) -> str:
    return f"choice_{letter}"


# -- Moodle XML --------------------------------------------------------------------------


def moodle_xml(quizzes: dict[str, list[quiz.Question]]) -> bytes:
    """Moodle XML: texts are plain (format="plain_text"), so nothing needs HTML escaping."""
    root = ET.Element("quiz")
    root.append(
        ET.Comment(
            f" {COURSE}: self-check questions, course version {__version__}. "
            "Import in Moodle: Question bank > Import > Moodle XML format. "
        )
    )
    for stem, questions in quizzes.items():
        category = ET.SubElement(root, "question", type="category")
        _text(category, "category", f"$course$/top/{COURSE}/{stem} {chapter_title(stem)}")
        for q in questions:
            el = ET.SubElement(root, "question", type="multichoice")
            _text(el, "name", q.uid)
            _text(el, "questiontext", q.question, format="plain_text")
            _text(el, "generalfeedback", q.explanation, format="plain_text")
            for tag, value in [
                ("defaultgrade", "1"),
                ("penalty", "0"),
                ("hidden", "0"),
                ("idnumber", q.uid),
                ("single", "true"),
                ("shuffleanswers", "false"),
                ("answernumbering", "abc"),
            ]:
                ET.SubElement(el, tag).text = value
            for opt in q.options:
                answer = _text(
                    el, "answer", opt.text, fraction="100" if opt.correct else "0", format="plain_text"
                )
                _text(answer, "feedback", opt.feedback, format="plain_text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# -- QTI 2.1 -----------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def qti_item(q: quiz.Question) -> bytes:
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", XSI)
    item = ET.Element(
        _q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
            "identifier": q.uid,
            "title": f"{q.chapter}: {q.id}",
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    response = ET.SubElement(
        item, _q("responseDeclaration"), identifier="RESPONSE", cardinality="single", baseType="identifier"
    )
    ET.SubElement(ET.SubElement(response, _q("correctResponse")), _q("value")).text = choice_id(
        q.letters[q.answer]
    )
    score = ET.SubElement(
        item, _q("outcomeDeclaration"), identifier="SCORE", cardinality="single", baseType="float"
    )
    ET.SubElement(ET.SubElement(score, _q("defaultValue")), _q("value")).text = "0"
    ET.SubElement(
        item, _q("outcomeDeclaration"), identifier="FEEDBACK", cardinality="single", baseType="identifier"
    )
    body = ET.SubElement(item, _q("itemBody"))
    interaction = ET.SubElement(
        body, _q("choiceInteraction"), responseIdentifier="RESPONSE", shuffle="false", maxChoices="1"
    )
    ET.SubElement(interaction, _q("prompt")).text = q.question
    for letter, opt in zip(q.letters, q.options):
        ET.SubElement(interaction, _q("simpleChoice"), identifier=choice_id(letter)).text = opt.text
    processing = ET.SubElement(item, _q("responseProcessing"))
    condition = ET.SubElement(processing, _q("responseCondition"))
    when = ET.SubElement(condition, _q("responseIf"))
    match = ET.SubElement(when, _q("match"))
    ET.SubElement(match, _q("variable"), identifier="RESPONSE")
    ET.SubElement(match, _q("correct"), identifier="RESPONSE")
    for branch, value in [(when, "1"), (ET.SubElement(condition, _q("responseElse")), "0")]:
        setter = ET.SubElement(branch, _q("setOutcomeValue"), identifier="SCORE")
        ET.SubElement(setter, _q("baseValue"), baseType="float").text = value
    feedback = ET.SubElement(processing, _q("setOutcomeValue"), identifier="FEEDBACK")
    ET.SubElement(feedback, _q("variable"), identifier="RESPONSE")
    for letter, opt in zip(q.letters, q.options):
        modal = ET.SubElement(
            item,
            _q("modalFeedback"),
            outcomeIdentifier="FEEDBACK",
            identifier=choice_id(letter),
            showHide="show",
        )
        ET.SubElement(modal, _q("p")).text = opt.feedback
    ET.indent(item)
    return ET.tostring(item, encoding="utf-8", xml_declaration=True)


def item_href(q: quiz.Question) -> str:
    return f"items/{q.uid}.xml"


def qti_manifest(quizzes: dict[str, list[quiz.Question]]) -> bytes:
    ET.register_namespace("", CP_NS)
    ET.register_namespace("xsi", XSI)

    def c(tag: str) -> str:
        return f"{{{CP_NS}}}{tag}"

    manifest = ET.Element(
        c("manifest"),
        {"identifier": "eurasian-pivot-self-checks", f"{{{XSI}}}schemaLocation": f"{CP_NS} {CP_XSD}"},
    )
    metadata = ET.SubElement(manifest, c("metadata"))
    ET.SubElement(metadata, c("schema")).text = "QTIv2.1 Package"
    ET.SubElement(metadata, c("schemaversion")).text = "1.0.0"
    ET.SubElement(manifest, c("organizations"))
    resources = ET.SubElement(manifest, c("resources"))
    for questions in quizzes.values():
        for q in questions:
            res = ET.SubElement(
                resources, c("resource"), identifier=f"item-{q.uid}", type=QTI_ITEM_TYPE, href=item_href(q)
            )
            ET.SubElement(res, c("file"), href=item_href(q))
    ET.indent(manifest)
    return ET.tostring(manifest, encoding="utf-8", xml_declaration=True)


def qti_package(quizzes: dict[str, list[quiz.Question]]) -> bytes:
    """A zip: ``imsmanifest.xml`` at the top, ``items/<uid>.xml`` per question."""
    buffer = io.BytesIO()
    # A fixed timestamp keeps the zip byte-identical between builds of the same sources.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:

        def add(name: str, data: bytes) -> None:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

        add("imsmanifest.xml", qti_manifest(quizzes))
        for questions in quizzes.values():
            for q in questions:
                add(item_href(q), qti_item(q))
    return buffer.getvalue()


def write(folder: Path, quizzes: dict[str, list[quiz.Question]] | None = None) -> list[Path]:
    quizzes = quiz.load_all() if quizzes is None else quizzes
    folder.mkdir(parents=True, exist_ok=True)
    files = [(folder / MOODLE_FILE, moodle_xml(quizzes)), (folder / QTI_FILE, qti_package(quizzes))]
    for path, data in files:
        path.write_bytes(data)
    return [path for path, _ in files]


# -- Sphinx --------------------------------------------------------------------------------


def _student(app_or_env) -> bool:
    return getattr(app_or_env.config, "course_edition", "full") == "student"


class LmsExport(SphinxDirective):
    """Links to the two files (HTML) or their names (PDF); a notice in the student edition."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        if _student(self.env):
            return [nodes.paragraph(text="The LMS export is part of the full edition.")]
        html = self.env.app.builder.format == "html"
        depth = self.env.docname.count("/")
        items = nodes.bullet_list()
        for name, what in [
            (MOODLE_FILE, "Moodle XML (Question bank, Import, Moodle XML format)"),
            (QTI_FILE, "IMS QTI 2.1 content package (Canvas, Blackboard and other QTI tools)"),
        ]:
            para = nodes.paragraph()
            if html:
                para += nodes.reference(
                    "", what, refuri="../" * depth + f"{SITE_FOLDER}/{name}", internal=False
                )
                para += nodes.Text(f" ({name})")
            else:
                para += nodes.Text(f"{what}: ")
                para += nodes.literal(text=f"{SITE_FOLDER}/{name}")
                para += nodes.Text(" in the HTML edition")
            items += nodes.list_item("", para)
        for stem in quiz.load_all():
            self.env.note_dependency(str(quiz.quiz_path(stem)))
        return [items]


def _write_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or _student(app):
        return
    try:
        write(Path(app.outdir) / SITE_FOLDER)
    except quiz.QuizError as err:
        raise ExtensionError(f"LMS export: {err}") from err


def setup(app: Sphinx) -> None:
    app.add_directive("course-lms-export", LmsExport)
    app.connect("build-finished", _write_files)
