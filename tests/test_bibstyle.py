"""Citations read the same in the text and the bibliography: author-year labels."""

from __future__ import annotations

import re

from pybtex.database import BibliographyData, Entry, Person

from coursekit.sphinx.bibstyle import CourseStyle, author_year_labels, register


def _entry(year, *authors, **fields):
    entry = Entry("article", fields={"year": year, **fields})
    for name in authors:
        entry.add_person(Person(name), "author")
    return entry


def test_labels_name_authors_and_year_and_separate_same_year_works():
    entries = [
        _entry("2018", "Brown, James D. J."),
        _entry("2018", "Brown, James D. J."),
        _entry("2019", "Amiti, Mary", "Redding, Stephen J.", "Weinstein, David E."),
        _entry("2017", "Kireeva, Anna", "Sushentsov, Andrey"),
        _entry("2018", organization="{Kyodo News}"),
    ]
    assert author_year_labels(entries) == [
        "Brown, 2018a",
        "Brown, 2018b",
        "Amiti et al., 2019",
        "Kireeva and Sushentsov, 2017",
        "Kyodo News, 2018",
    ]


def _formatted(**fields) -> str:
    register()  # the style's label plugin, as the Sphinx extension registers it
    bib = BibliographyData({"key": Entry("misc", fields={"title": "A title", "year": "2018", **fields})})
    return next(iter(CourseStyle().format_entries(bib.entries.values()))).text.render_as("text")


def test_a_date_named_in_howpublished_is_not_printed_twice():
    assert _formatted(howpublished="CNBC, 6 September 2018", month="September") == (
        "A title. CNBC, 6 September 2018."
    )
    # otherwise the month and year follow the publisher, as in pybtex's plain style
    assert _formatted(howpublished="CNBC", month="September") == "A title. CNBC, September 2018."
    assert _formatted(howpublished="CNBC, 2018 archive", month="September") == (
        "A title. CNBC, 2018 archive, September 2018."
    )


def test_every_citation_in_the_book_matches_a_bibliography_label(built_book):
    def labels(html):
        return set(re.findall(r'<span class="fn-bracket">\[</span>([^<]+)<span class="fn-bracket">\]', html))

    bibliography = labels((built_book / "chapters" / "bibliography.html").read_text(encoding="utf-8"))
    assert len(bibliography) > 50
    cited = set()
    for page in (built_book / "chapters").glob("*.html"):
        for span in re.findall(
            r'<span class="bibtex-citation"[^>]*>(.*?)</span>', page.read_text(encoding="utf-8"), re.S
        ):
            cited |= {re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<a [^>]*>(.*?)</a>", span, re.S)}
    assert cited, "no citations found in the chapters"
    assert cited - bibliography == set()


def test_registered_back_ends_are_the_entry_points_classes_found_without_a_scan(monkeypatch):
    """A build asks pybtex for a back end once per citation; each ask used to scan every
    installed package's entry points. After register() the same classes come from pybtex's
    run-time registry: with the scan made to fail, every back end is still found."""
    from pybtex import plugin

    from coursekit.sphinx import bibstyle

    bibstyle.register()
    found = {name: plugin.find_plugin("pybtex.backends", name) for name in bibstyle.BACKENDS}

    def no_scan(**_):
        raise AssertionError("pybtex scanned the entry points")

    monkeypatch.setattr(plugin, "entry_points", no_scan)
    for name in bibstyle.BACKENDS:
        assert plugin.find_plugin("pybtex.backends", name) is found[name]
    assert found["plaintext"].__module__ == "pybtex.backends.plaintext"
    assert found["docutils"].__module__ == "pybtex_docutils"
    assert found["markdown"].__module__ == "pybtex.backends.markdown"
