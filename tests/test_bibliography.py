"""The bibliography cites originals, is complete and consistent, and shows no internal notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from coursekit.sphinx import bibstyle
from tests.helpers import REPO_ROOT

BIB_FILES = sorted((REPO_ROOT / "references").glob("*.bib"))
# Mirrors, aggregators, encyclopedias and repost sites: never a source, at most a copy in `annote`.
DENYLIST = (
    "docslib.org",
    "pdfslide",
    "info.5y1.org",
    "5y1.org",
    "fr24news",
    "wikimili",
    "wikipedia.org",
    "newsimages.ru",
    "alojapan.com",
    "scribd.com",
    "vdocuments",
    "readkong",
    "edocr.com",
    "dokumen.tips",
    "everycrsreport.com",
    "chinaeconomicreview.com",
    "caoquefuma.com",
    "zxc.wiki",
    "owiki.org",
)
# Phrases that belong to our working notes, not to a reader's bibliography.
INTERNAL = re.compile(
    r"claims\.md|research notes|reading list|title descriptive|title not captured|title from url|"
    r"read via|mirror|\(S\d+\)|\(E\d+\)|\(G\d+\)",
    re.I,
)
RENDERED_FIELDS = (
    "title",
    "howpublished",
    "note",
    "journal",
    "booktitle",
    "institution",
    "publisher",
    "organization",
    "type",
    "series",
    "url",
    "doi",
)


def _entries():
    out = []
    for path in BIB_FILES:
        out += [(path.name, key, entry) for key, entry in parse_file(str(path)).entries.items()]
    return out


ENTRIES = _entries()


def _field(entry, name: str) -> str:
    return entry.fields.get(name, "") or ""


def test_keys_are_unique_across_files():
    keys = [key for _, key, _ in ENTRIES]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_no_url_or_rendered_field_points_to_a_mirror_or_encyclopedia():
    bad = [
        f"{f}:{key}: {name} = {_field(e, name)}"
        for f, key, e in ENTRIES
        for name in RENDERED_FIELDS
        if any(d in _field(e, name).lower() for d in DENYLIST)
    ]
    assert not bad, (
        "cite the original (publisher, DOI, official text); put the copy in `annote`:\n" + "\n".join(bad)
    )


def test_no_internal_notes_in_fields_the_style_prints():
    bad = [
        f"{f}:{key}: {name} = {_field(e, name)[:80]}"
        for f, key, e in ENTRIES
        for name in RENDERED_FIELDS
        if INTERNAL.search(_field(e, name))
    ]
    assert not bad, "move internal notes to `annote`:\n" + "\n".join(bad)


@pytest.mark.parametrize("fname, key, entry", ENTRIES, ids=[k for _, k, _ in ENTRIES])
def test_every_entry_has_author_title_year_and_venue(fname, key, entry):
    who = entry.persons.get("author") or entry.persons.get("editor") or _field(entry, "organization")
    assert who, f"{fname}:{key}: needs an author, editor or organization"
    assert _field(entry, "title").strip(), f"{fname}:{key}: needs a title"
    year = _field(entry, "year")
    assert re.fullmatch(r"\d{4}|n\.d\.", year), f"{fname}:{key}: year {year!r} must be four digits or 'n.d.'"
    venue = [_field(entry, n) for n in ("journal", "publisher", "institution", "howpublished", "school")]
    assert any(v.strip() for v in venue), (
        f"{fname}:{key}: needs a journal, publisher, institution or howpublished"
    )


@pytest.mark.parametrize("fname, key, entry", ENTRIES, ids=[k for _, k, _ in ENTRIES])
def test_entry_type_matches_its_fields(fname, key, entry):
    required = {
        "article": "journal",
        "book": "publisher",
        "techreport": "institution",
        "misc": "howpublished",
    }
    assert entry.type in required, (
        f"{fname}:{key}: type @{entry.type} is not one the course uses ({sorted(required)})"
    )
    need = required[entry.type]
    assert _field(entry, need).strip(), f"{fname}:{key}: @{entry.type} needs `{need}`"
    if entry.type != "article":
        assert not _field(entry, "journal"), f"{fname}:{key}: has a journal, so it should be @article"
    if entry.type == "misc":
        assert not _field(entry, "institution"), f"{fname}:{key}: a report with an institution is @techreport"


def test_every_entry_is_cited_and_every_citation_resolves():
    cited: set[str] = set()
    for page in [*(REPO_ROOT / "chapters").glob("*.md"), *(REPO_ROOT / "exercises").glob("*.md")]:
        for keys in re.findall(r"\{cite(?::[pt])?\}`([^`]*)`", page.read_text(encoding="utf-8")):
            cited |= {k.strip() for k in keys.split(",")}
    keys = {key for _, key, _ in ENTRIES}
    assert cited - keys == set(), f"cited but not in the bibliography: {sorted(cited - keys)}"
    assert keys - cited == set(), (
        f"in the bibliography but never cited (cite or remove): {sorted(keys - cited)}"
    )


def test_the_style_never_prints_internal_fields():
    from pybtex.database import Entry, Person
    from pybtex.plugin import find_plugin

    bibstyle.register()
    entry = Entry(
        "misc",
        fields={
            "title": "A page",
            "howpublished": "An outlet",
            "year": "2020",
            "annote": "SECRET-ANNOTE",
            "comment": "SECRET-COMMENT",
        },
    )
    entry.add_person(Person("Doe, Jane"), "author")
    entry.key = "doe2020page"
    style = find_plugin("pybtex.style.formatting", bibstyle.STYLE_NAME)()
    text = next(iter(style.format_entries([entry]))).text.render_as("text")
    assert "A page" in text and "An outlet" in text
    assert "SECRET" not in text


def test_rendered_bibliography_has_no_internal_notes(built_book: Path):
    html = (built_book / "chapters" / "bibliography.html").read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)  # page machinery, not text
    body = re.sub(r"<[^>]+>", " ", html)
    assert "Korybko" in body and "Kireeva" in body, "the bibliography page does not list the entries"
    found = sorted({m.group(0) for m in INTERNAL.finditer(body)})
    assert not found, f"internal notes rendered in the bibliography: {found}"
    annotes = [_field(e, "annote") for _, _, e in ENTRIES if _field(e, "annote")]
    leaked = [a[:60] for a in annotes if a[:40] in body]
    assert not leaked, f"annote text rendered: {leaked}"
