"""coursekit: the logic behind the Eurasian-pivot teaching module.

Notebooks and tests import from here so that no function is pasted into two
notebooks. Modules:

- ``paths``       where the repository, the data and the build live
- ``course``      the course's shape: essay sections, chapters, the chapter anatomy
- ``data``        load and validate the datasets in ``data/`` (Frictionless package)
- ``style``       colour-blind-safe palette and figure defaults
- ``widgets``     widgets that stay interactive in static HTML, run live in a kernel, print in PDF
- ``plots``       the drawings and tables behind the chapter widgets
- ``explorers``   the chapter widgets, built from the datasets
- ``quiz``        self-check questions with feedback that works without a kernel
- ``checks``      ``check(...)``: specific feedback on exercise answers
- Sphinx and build glue: ``sphinx_ext`` (offline assets, accessibility fixes, PDF
  downloads), ``editions`` (the student edition), ``bibstyle``, ``offline_assets``,
  ``downloads``, ``handouts`` (seminar handout PDFs), ``pdfreview`` (chapter previews)
"""

# The release: one place for the version and its date (footer, PDF title page, CITATION.cff,
# CHANGELOG.md and pyproject.toml must agree; tests/test_release.py checks). Bump both together.
__version__ = "1.0.0"
RELEASE_DATE = "2026-11-27"  # ISO date of this version's release
