"""The course's BibTeX style: author-year labels, titles kept as written.

- Labels: "Brown, 2018a" style, used both in the text (``bibtex_reference_style:
  label``) and in the bibliography, so the two always agree; a letter separates works by
  the same author in the same year.
- Titles: pybtex's ``plain`` style sentence-cases article titles, which turns "Japan" into
  "japan" unless every proper noun is braced in the .bib file. Our sources are mostly news
  and official pages whose titles are already in the case they were published in.
- Plugin lookups: pybtex finds a back end by scanning every installed package's entry points
  on each call (about 10 ms here), and sphinxcontrib-bibtex asks for one per citation it
  resolves: seconds per build. ``register()`` registers the back ends the book renders with,
  as the very classes those entry points name; pybtex reads its run-time registry first.
- Dates: a ``misc`` entry's ``howpublished`` often names its day ("CNBC, 6 September 2018");
  the month and year then are not printed after it a second time.
- Internal notes: provenance that matters to the maintainers (a mirror we read, a research-note
  id, a title we made up because none was shown) lives in ``annote`` or ``comment`` in the .bib
  files. Those fields are dropped before formatting, so no style template can ever print them.
"""

from collections import Counter
from string import ascii_lowercase

from pybtex.database import Entry
from pybtex.plugin import find_plugin, register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, sentence

STYLE_NAME = "course"
LABEL_STYLE_NAME = "course_author_year"
INTERNAL_FIELDS = frozenset({"annote", "annotation", "comment"})
DATE_FIELDS = frozenset({"month", "year"})
#: pybtex back ends used in a build: sphinxcontrib-bibtex's (docutils, and plain text for each
#: citation it resolves), ours (plain text for labels, Markdown for the student notebooks).
BACKENDS = ("docutils", "plaintext", "markdown")


def _plain(value) -> str:
    return Text.from_latex(value).render_as("plaintext") if value else ""


def _names(entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    lasts = [_plain(" ".join(p.prelast_names + p.last_names)) for p in people]
    if not lasts:  # no person: the organisation or publisher stands as author
        return _plain(entry.fields.get("organization") or entry.fields.get("publisher") or entry.key)
    if len(lasts) == 1:
        return lasts[0]
    if len(lasts) == 2:
        return f"{lasts[0]} and {lasts[1]}"
    return f"{lasts[0]} et al."


def names_its_date(entry) -> bool:
    """Does the entry's ``howpublished`` already hold its year (and month, if it has one)?"""
    published = _plain(entry.fields.get("howpublished", ""))
    year, month = _plain(entry.fields.get("year", "")), _plain(entry.fields.get("month", ""))
    return bool(published and year and year in published and month in published)


def _without(entry, dropped: frozenset[str]):
    """The entry without the fields named in ``dropped`` (same key, type and persons)."""
    if not dropped.intersection(f.lower() for f in entry.fields):
        return entry
    fields = {k: v for k, v in entry.fields.items() if k.lower() not in dropped}
    kept = Entry(entry.type, fields=fields, persons=entry.persons)
    kept.key = entry.key
    return kept


def printed_entry(entry):
    """What the bibliography prints: the entry without its internal fields and, for a ``misc`` entry whose
    ``howpublished`` already names its date, without the month and year plain's template would
    print after it. (Labels and sorting, done before, still read the year.)"""
    public = _without(entry, INTERNAL_FIELDS)
    if public.type.lower() == "misc" and names_its_date(public):
        return _without(public, DATE_FIELDS)
    return public


def author_year_labels(entries) -> list[str]:
    """One label per entry, in order; same author and year get a, b, c... suffixes."""
    bases = [f"{_names(e)}, {_plain(e.fields.get('year', 'n.d.'))}" for e in entries]
    counts, seen = Counter(bases), Counter()
    labels = []
    for base in bases:
        if counts[base] == 1:
            labels.append(base)
        else:
            labels.append(base + ascii_lowercase[seen[base] % 26])
            seen[base] += 1
    return labels


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        yield from author_year_labels(list(sorted_entries))


class CourseStyle(PlainStyle):
    default_label_style = LABEL_STYLE_NAME

    def format_entry(self, label, entry, bib_data=None):
        return super().format_entry(label, printed_entry(entry), bib_data=bib_data)

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def register() -> None:
    for name in BACKENDS:  # same classes, found without a scan (see the module's docstring)
        register_plugin("pybtex.backends", name, find_plugin("pybtex.backends", name), force=True)
    register_plugin("pybtex.style.labels", LABEL_STYLE_NAME, AuthorYearLabels)
    register_plugin("pybtex.style.formatting", STYLE_NAME, CourseStyle)
