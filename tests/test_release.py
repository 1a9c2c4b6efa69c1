"""Releases: one version and date everywhere, a valid CITATION.cff, licences, changelog, footer.

``cffconvert --validate`` checks a CITATION.cff against the CFF JSON schema of its
``cff-version``. cffconvert 2.0.0 (the latest on PyPI) requires jsonschema<4, which the
book's lock (jsonschema 4.x, through nbformat and Jupyter Book) rules out, so it cannot join
the test lock. The test does the same check with the same schema file: ``tests/cff-schema-1.2.0.json``
is ``cffconvert/schemas/1.2.0/schema.json`` from the cffconvert 2.0.0 wheel.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib

import jsonschema
import pytest
import yaml

import coursekit
from coursekit import course
from coursekit.paths import REPO_ROOT

SCHEMA = json.loads((REPO_ROOT / "tests" / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))
RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


def _citation() -> dict:
    # CFF readers load dates as strings when quoted; keep them so (the schema wants a string).
    return yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _validate(data: dict) -> None:
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_citation_cff_is_valid_cff_1_2_0():
    data = _citation()
    assert data["cff-version"] == "1.2.0"
    _validate(data)
    for key in ("title", "version", "date-released", "license", "authors", "message"):
        assert data.get(key), f"CITATION.cff: {key} is missing"
    assert set(data["license"]) == {"CC-BY-4.0", "MIT"}


@pytest.mark.parametrize("drop, field", [("title", "title"), ("authors", "authors")])
def test_the_schema_check_rejects_an_incomplete_citation(drop, field):
    data = _citation()
    del data[drop]
    with pytest.raises(jsonschema.ValidationError, match=field):
        _validate(data)
    bad = {**_citation(), "license": "Not-A-Licence"}
    with pytest.raises(jsonschema.ValidationError):
        _validate(bad)


def test_citation_claims_no_placeholder_repository():
    data = _citation()
    for key in ("repository-code", "repository", "url"):
        assert "eurasian-pivot-course/eurasian-pivot-course" not in str(data.get(key, "")), (
            f"CITATION.cff {key} points at the placeholder repository"
        )


def test_version_and_date_agree_everywhere():
    version, date = coursekit.__version__, coursekit.RELEASE_DATE
    dt.date.fromisoformat(date)
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == version, "pyproject.toml and coursekit.__version__ differ"
    data = _citation()
    assert (data["version"], str(data["date-released"])) == (version, date), "CITATION.cff is out of date"
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = RELEASE_HEADING.findall(changelog)
    assert releases, "CHANGELOG.md has no release heading '## [x.y.z] - YYYY-MM-DD'"
    assert releases[0] == (version, date), (
        f"the latest release in CHANGELOG.md is {releases[0]}, not {version}"
    )


def test_changelog_follows_keep_a_changelog():
    text = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[0] == "[Unreleased]"
    assert all(h == "[Unreleased]" or RELEASE_HEADING.match(f"## {h}") for h in headings), headings
    kinds = set(re.findall(r"^### (.+)$", text, re.M))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kinds
    dates = [d for _, d in RELEASE_HEADING.findall(text)]
    assert dates == sorted(dates, reverse=True), "releases must be listed newest first"


def test_licence_files():
    mit = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License\n") and "Copyright (c) 2026 The Eurasian Pivot course team" in mit
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in mit
    cc = (REPO_ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert cc.startswith("Creative Commons Attribution 4.0 International")
    for part in ("Section 1 – Definitions", "Section 3 – License Conditions", "Section 8 – Interpretation"):
        assert part in cc, f"the CC BY 4.0 text lacks {part!r}"
    assert len(cc) > 15000, "the CC BY 4.0 file is not the full legal code"


def test_chapter_08_takes_its_dates_from_the_setting():
    text = (REPO_ROOT / "chapters" / "08-what-happened-next.md").read_text(encoding="utf-8")
    assert "{{ course_as_of }}" in text
    assert "taught in November 2026" not in text
    subs = course.substitutions()
    assert subs["course_as_of"] == course.month_label(course.AS_OF)
    assert course.record_as_of() <= course.AS_OF, "the record cannot end after the course's 'as of' date"


@pytest.mark.build
def test_footer_shows_version_and_last_updated_date(built_book):
    from coursekit.sphinx.release import release_label

    for page in ("chapters/index.html", "chapters/02-thesis.html", "chapters/glossary.html"):
        html = (built_book / page).read_text(encoding="utf-8")
        assert f"Version {coursekit.__version__}, last updated" in html, page
        assert f'<time datetime="{coursekit.RELEASE_DATE}">{release_label()}</time>' in html, page
    chapter = (built_book / "chapters" / "08-what-happened-next.html").read_text(encoding="utf-8")
    assert f"this edition of the course dates from {course.month_label(course.AS_OF)}" in chapter
    assert "{{" not in chapter
