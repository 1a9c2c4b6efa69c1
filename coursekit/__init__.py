"""coursekit: the logic behind the Eurasian-pivot teaching module.

Notebooks and tests import from here so that no function is pasted into two
notebooks. Modules:

- ``paths``       where the repository, the data and the build live
- ``course``      the course's shape: essay sections, chapters, the chapter anatomy
- ``data``        the datasets in ``data/``: load, validate (frictionless, rules, sha256 integrity),
                  shared queries, About-page helpers; ``python -m coursekit.data.refresh``
- ``style``       colour-blind-safe palette and figure defaults
- ``widgets``     widgets that stay interactive in static HTML, run live in a kernel, print in PDF
                  (package: spec, static, live, printing, encode, text)
- ``explorers``   the chapter widgets, one module each (data selection, chart, ``view``), their
                  texts in YAML beside them, and ``REGISTRY``; shared chart helpers in ``charts``
- ``quiz``        self-check questions with feedback that works without a kernel
- ``exercises``   ``check(...)``: declarative checker specs, one module per chapter; they also
                  drive the static book's answer boxes (``checks`` re-exports ``check``)
- Sphinx and build glue: ``sphinx_ext`` (offline assets, accessibility fixes, PDF
  downloads), ``editions`` (the student edition), ``bibstyle``, ``offline_assets``,
  ``downloads``, ``handouts`` (seminar handout PDFs), ``pdfreview`` (chapter previews)
"""

# The release: one place for the version and its date (footer, PDF title page, CITATION.cff,
# CHANGELOG.md and pyproject.toml must agree; tests/test_release.py checks). Bump both together.
__version__ = "1.0.0"
RELEASE_DATE = "2026-11-27"  # ISO date of this version's release
