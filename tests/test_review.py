"""The review log (references/review.csv) covers every dated or numeric statement, and the
claims ledger uses only the scoring rule's categories (issue 13).

What counts as a dated or numeric sentence is defined once, in
``references/review_candidates.py``; these tests use that definition, and test it too.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from datetime import date

import pytest
from pybtex.database import parse_file

from tests.helpers import REPO_ROOT

VERDICTS = {"confirmed", "corrected", "softened", "removed"}
COLUMNS = ["file", "statement", "source_key", "source_says", "verdict", "date_checked"]


def _load_candidates_module():
    spec = importlib.util.spec_from_file_location(
        "review_candidates", REPO_ROOT / "references" / "review_candidates.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rc = _load_candidates_module()


@pytest.fixture(scope="module")
def log() -> list[dict]:
    with open(REPO_ROOT / "references" / "review.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS, f"review.csv columns must be {COLUMNS}, got {reader.fieldnames}"
        return list(reader)


@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    keys: set[str] = set()
    for path in sorted((REPO_ROOT / "references").glob("*.bib")):
        keys |= set(parse_file(str(path)).entries.keys())
    return keys


# ---------------------------------------------------------------- the detector itself


@pytest.mark.parametrize(
    "sentence",
    [
        "The occupation ended on 28 April 1952.",
        "In 2025 the threat became real.",
        "Trade fell 45.3% in 2023.",
        "It exported USD 2.37 billion of the same goods.",
        "Japanese brands built nearly 3.8 million vehicles there.",
        "They held their 22nd meeting in Vladivostok.",
        "A sea–rail service taking from 19 days.",
        "Trump preferred a 25 percent tariff.",
    ],
)
def test_detector_flags_dates_percentages_amounts_and_ordinals(sentence):
    assert rc.is_numeric(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Section 232 lets the president adjust imports {cite:p}`crs2020section232`.",  # a name, and a citation's year
        "Its Article 9 promised two islands {cite:p}`ussrjapan1956declaration`.",
        "See {doc}`08-what-happened-next` for the scorecard.",
        "What changed between the two rounds of 2018 and 2025?",  # a question, not a statement
        "Tokyo negotiated with Washington.",
    ],
)
def test_detector_ignores_names_citation_keys_questions_and_plain_prose(sentence):
    assert not rc.is_numeric(sentence)


def test_detector_skips_front_matter_code_cells_headings_and_options():
    text = "\n".join(
        [
            "---",
            "title: 2018",
            "---",
            "# Heading 2019",
            "",
            "```{code-cell} ipython3",
            ":tags: [remove-input]",
            "x = 2020  # In 2021 nothing",
            "```",
            ":::{admonition} Notes",
            ":class: dropdown",
            "Prose from 2022 counts.",
            ":::",
        ]
    )
    found = [s for _, s in rc.sentences(text) if rc.is_numeric(s)]
    assert found == ["Prose from 2022 counts."]


def test_detector_skips_only_timing_lines_inside_instructor_notes():
    text = "\n".join(
        [
            ":::{admonition} Instructor notes",
            ":class: dropdown instructor-note",
            "- **Prompt 6.** In 1971 the split already existed.",  # an answer note: a claim, still checked
            "",
            "Timing: 40 minutes; prompt 6 (the 1971 analogy) needs 15 minutes.",
            ":::",
            "",
            "Timing: the talks ran from 2013 to 2019.",  # outside an instructor note: counted
            ":::{admonition} Context",
            "Timing: Abe met Putin 27 times by 2019.",
            ":::",  # not an instructor note
        ]
    )
    found = [s for _, s in rc.sentences(text) if rc.is_numeric(s)]
    assert found == [
        "In 1971 the split already existed.",
        "Timing: the talks ran from 2013 to 2019.",
        "Timing: Abe met Putin 27 times by 2019.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "See [jupyter-book#1991](https://github.com/jupyter-book/jupyter-book/issues/1991) for the bug.",
        "The benchmark prints the median and 95th-percentile redraw times.",
        "Source: IMF DOTS (imf-dots-2022), calendar years.",
        "| **Evidence and sources** (25%) | Three or more sources. |",  # a rubric weight
    ],
)
def test_detector_ignores_issue_numbers_statistic_names_source_ids_and_rubric_weights(sentence):
    assert not rc.is_numeric(sentence)


def test_a_rubric_row_still_counts_for_a_date_of_its_own():
    assert rc.is_numeric("| **Reasoning** (20%) | Separates what was knowable in 2018 from hindsight. |")
    assert rc.is_numeric("The mid-2019 deal set a 25% rate.")  # a percentage outside a rubric cell


def test_yaml_strings_are_prose_except_identifiers_and_references():
    text = "\n".join(
        [
            "# A comment about 2017 is not rendered.",
            "chapter: 02-thesis",
            "questions:",
            "  - id: tokyo-response-2018",
            '    question: "What happened in 2018?"',
            "    options:",
            '      - text: "Russia and Japan signed a treaty in 2018"',
            "        correct: false",
            "        feedback: >-",
            "          No treaty has been signed. Russia suspended the talks in",
            "          March 2022.",
            "cards:",
            "  - talking_points:",
            "      - text: The investigation opened in May 2018.",
            "        cite: [thompsonhine2018section232]",
        ]
    )
    found = [s for _, s in rc.yaml_sentences(text) if rc.is_numeric(s)]
    assert found == [
        "Russia and Japan signed a treaty in 2018",  # a wrong option is printed, so it counts
        "Russia suspended the talks in March 2022.",
        "The investigation opened in May 2018.",
    ]


def test_scope_is_every_page_and_every_rendered_yaml_file():
    scope = set(rc.scope(REPO_ROOT))
    pages = {
        p.relative_to(REPO_ROOT).as_posix()
        for d in ("chapters", "exercises")
        for p in (REPO_ROOT / d).glob("*.md")
    }
    assert pages <= scope, f"pages not scanned: {sorted(pages - scope)}"
    for rel in (
        "chapters/how-to-use.md",
        "chapters/instructor-guide.md",
        "chapters/appendix-widgets.md",
        "chapters/answer-key.md",
        "chapters/quizzes/02-thesis.yml",
        "chapters/quizzes/examples/appendix-widgets.yml",
        "chapters/plans/lesson-plans.yml",
        "chapters/plans/role-cards.yml",
        "coursekit/explorers/timeline.yml",
    ):
        assert rel in scope, f"{rel} is rendered in the book but not scanned for dated sentences"


def test_an_unlogged_sentence_in_the_instructor_guide_or_a_quiz_fails_the_check(log, tmp_path):
    """The coverage check above, run on a copy of the book with two new unlogged sentences."""
    for rel in rc.scope(REPO_ROOT):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text((REPO_ROOT / rel).read_text(encoding="utf-8"), encoding="utf-8")
    assert not _missing(rc.candidates(tmp_path), log), "the copy should start fully logged"
    guide = tmp_path / "chapters" / "instructor-guide.md"
    guide.write_text(
        guide.read_text(encoding="utf-8") + "\nAbe and Putin met 27 times by 2019.\n", encoding="utf-8"
    )
    quiz = tmp_path / "chapters" / "quizzes" / "02-thesis.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            "explanation: ", "explanation: Talks opened on 1 April 1999. ", 1
        ),
        encoding="utf-8",
    )
    missing = _missing(rc.candidates(tmp_path), log)
    assert [m.split(":")[0] for m in missing] == [
        "chapters/instructor-guide.md",
        "chapters/quizzes/02-thesis.yml",
    ], missing
    assert "27 times by 2019" in missing[0] and "1 April 1999" in missing[1]


# ---------------------------------------------------------------- the log


def _missing(candidates, log) -> list[str]:
    """The candidate sentences that no log row of the same file quotes an excerpt of."""
    by_file: dict[str, list[str]] = {}
    for row in log:
        by_file.setdefault(row["file"], []).append(row["statement"])
    return [
        f"{path}:{line}: {sentence[:120]}"
        for path, line, sentence in candidates
        if not any(excerpt and excerpt in sentence for excerpt in by_file.get(path, []))
    ]


def test_every_dated_or_numeric_sentence_is_in_the_log(log):
    candidates = rc.candidates(REPO_ROOT)
    assert len(candidates) > 300, "the detector found suspiciously few sentences"
    missing = _missing(candidates, log)
    assert not missing, (
        "these dated or numeric sentences have no row in references/review.csv "
        "(add a row whose statement is an excerpt of the sentence):\n" + "\n".join(missing)
    )


def test_log_rows_are_complete(log):
    problems = []
    for n, row in enumerate(log, start=2):
        if row["verdict"] not in VERDICTS:
            problems.append(f"line {n}: verdict {row['verdict']!r} is not one of {sorted(VERDICTS)}")
        if len(row["statement"].strip()) < 4:
            problems.append(f"line {n}: statement is empty or too short")
        if len(row["source_says"].strip()) < 4 or row["source_says"].strip() == row["statement"].strip():
            problems.append(f"line {n}: source_says must say, in our words, what the source says")
        try:
            date.fromisoformat(row["date_checked"])
        except ValueError:
            problems.append(f"line {n}: date_checked {row['date_checked']!r} is not an ISO date")
        if not (REPO_ROOT / row["file"]).is_file():
            problems.append(f"line {n}: file {row['file']!r} does not exist")
    assert not problems, "references/review.csv:\n" + "\n".join(problems)


def test_every_log_row_names_a_bibliography_entry(log, bib_keys):
    unknown = [
        f"line {n}: {row['source_key']!r}"
        for n, row in enumerate(log, start=2)
        if row["source_key"] not in bib_keys
    ]
    assert not unknown, "source_key not found in references/*.bib:\n" + "\n".join(unknown)


def test_kept_statements_are_still_in_their_files_and_removed_ones_are_gone(log):
    problems = []
    for n, row in enumerate(log, start=2):
        text = (REPO_ROOT / row["file"]).read_text(encoding="utf-8")
        present = row["statement"] in text
        if row["verdict"] == "removed" and present:
            problems.append(f"line {n}: marked removed but still in {row['file']}: {row['statement']!r}")
        if row["verdict"] != "removed" and not present:
            problems.append(
                f"line {n}: not found in {row['file']} (edited since the check?): {row['statement']!r}"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "file, needle, verdict",
    [
        (
            "chapters/05-tariff-trouble.md",
            "The proclamation of 17 May 2019",
            "corrected",
        ),  # the Commerce finding
        ("chapters/05-tariff-trouble.md", "it pushed it towards China", "removed"),
        ("chapters/05-tariff-trouble.md", "New World Order", "corrected"),
        ("data/claims.csv", "Kuril Islands Dispute", "corrected"),
        ("chapters/04-shadow-diplomacy.md", "a few abductees", "corrected"),
        ("chapters/04-shadow-diplomacy.md", "knowledge or consent", "corrected"),  # the courage straw man
        ("chapters/07-concluding-thoughts.md", "no independent study", "softened"),
    ],
)
def test_the_findings_of_issue_13_are_in_the_log(log, file, needle, verdict):
    rows = [r for r in log if r["file"] == file and needle in r["statement"] + " " + r["source_says"]]
    assert rows, f"no review.csv row for {needle!r} in {file}"
    assert any(r["verdict"] == verdict for r in rows), (
        f"{needle!r}: expected a {verdict!r} row, got {[r['verdict'] for r in rows]}"
    )


# ---------------------------------------------------------------- the scoring rule and the ledger


def _rule_categories() -> tuple[set[str], set[str]]:
    """The categories as written in chapter 08's scoring-rule section: (forecasts, other claims)."""
    text = (REPO_ROOT / "chapters" / "08-what-happened-next.md").read_text(encoding="utf-8")
    section = text.split("### The scoring rule", 1)[1].split("\n## ", 1)[0]
    forecast_part, claims_part = section.split("Claims that are not forecasts", 1)
    claims_part = claims_part.split("\n\n", 1)[0]  # that one paragraph
    bullets = re.findall(r"^- \*\*([^*]+)\*\*", forecast_part, re.M)
    claims = re.findall(r"\*\*([^*]+)\*\*", claims_part)
    slug = lambda s: s.strip().lower().replace(" ", "_")  # noqa: E731
    return {slug(b) for b in bullets}, {slug(c) for c in claims}


def test_the_rule_defines_the_five_forecast_categories():
    forecast, _ = _rule_categories()
    assert forecast == {"borne_out", "partly_borne_out", "not_borne_out", "unresolved", "untestable"}


def test_the_ledger_uses_only_the_rules_categories():
    forecast, claims = _rule_categories()
    with open(REPO_ROOT / "data" / "claims.csv", newline="", encoding="utf-8") as fh:
        ledger = list(csv.DictReader(fh))
    problems = []
    for row in ledger:
        is_forecast = row["kind"] == "forecast" or "forecast" in row["kind_detail"].lower()
        allowed = forecast if is_forecast else claims
        if row["verdict"] not in allowed:
            kind = "forecast" if is_forecast else "claim"
            problems.append(
                f"claims.csv, claim {row['claim_id']} ({kind}): verdict {row['verdict']!r} "
                f"is not a category of the scoring rule in chapter 08 ({sorted(allowed)})"
            )
    assert not problems, "\n".join(problems)


def test_the_data_package_allows_exactly_the_rules_categories():
    forecast, claims = _rule_categories()
    package = json.loads((REPO_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    claims_res = next(r for r in package["resources"] if r["name"] == "claims")
    enum = next(f for f in claims_res["schema"]["fields"] if f["name"] == "verdict")["constraints"]["enum"]
    assert set(enum) == forecast | claims


def test_rescored_rows_say_why():
    with open(REPO_ROOT / "data" / "claims.csv", newline="", encoding="utf-8") as fh:
        ledger = {int(r["claim_id"]): r for r in csv.DictReader(fh)}
    assert ledger[27]["verdict"] == "partly_borne_out" and "untestable" in ledger[27]["note"]
    assert ledger[5]["verdict"] == "loaded_terminology"
    for cid in (2, 24):  # the same rule for both tariff forecasts: threat is no test, 2025 is confounded
        assert ledger[cid]["verdict"] == "not_borne_out"
        assert "onfounded" in ledger[cid]["note"] and "threat" in ledger[cid]["note"]
