"""coursekit.settings: one prefix, validated once, bad values named."""

import pytest

from coursekit import settings


def test_defaults_when_nothing_is_set():
    s = settings.load({})
    assert (s.edition, s.pdf_dir, s.live, s.print_tables, s.repository_url, s.paper) == (
        "full",
        None,
        "auto",
        True,
        "",
        "a4",
    )
    assert not s.student


def test_values_are_read_case_and_space_insensitively():
    s = settings.load(
        {
            "COURSE_EDITION": " Student ",
            "COURSE_LIVE": "1",
            "COURSE_PRINT_TABLES": "0",
            "COURSE_PAPER": "LETTER",
            "COURSE_PDF_DIR": "/tmp/pdfs",
            "COURSE_REPOSITORY_URL": "https://github.com/o/n/",
        }
    )
    assert s.student and s.live == "1" and s.print_tables is False and s.paper == "letter"
    assert str(s.pdf_dir) == "/tmp/pdfs" and s.repository_url == "https://github.com/o/n"


@pytest.mark.parametrize(
    "name, value",
    [
        ("EDITION", "teachers"),
        ("LIVE", "maybe"),
        ("PRINT_TABLES", "yes"),
        ("PAPER", "a5"),
        ("REPOSITORY_URL", "javascript:alert(1)"),
    ],
)
def test_a_bad_value_names_the_variable_and_the_value(name, value):
    with pytest.raises(settings.SettingsError) as err:
        settings.load({f"COURSE_{name}": value})
    assert f"COURSE_{name}={value!r}" in str(err.value)


def test_only_trailing_slashes_leave_the_repository_url():
    s = settings.load({"COURSE_REPOSITORY_URL": "https://github.com/o/BOX//"})
    assert s.repository_url == "https://github.com/o/BOX"


def test_current_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("COURSE_PAPER", "letter")
    assert settings.current().paper == "letter" and settings.load().paper == "letter"


def test_no_module_reads_a_course_setting_from_the_environment_directly():
    import pathlib
    import re

    root = pathlib.Path(settings.__file__).parent
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "settings.py" and re.search(r"environ(?:\.get)?\s*[\[(]\s*[\"']COURSE", p.read_text())
    ]
    assert offenders == []
