"""The course data package in ``data/``: loading, validation, shared queries, About-page helpers.

``load(name)`` returns a typed pandas DataFrame after the whole package has passed every
check; every problem raises :class:`DataError` naming the file, the CSV line, the field and
what to do. Modules:

- :mod:`.package` reads ``datapackage.json`` and checks each file's sha256 ``hash`` and ``bytes``;
- :mod:`.records` reads the CSV strictly (quoting, header, cells per record);
- :mod:`.schema` validates the Table Schema through frictionless;
- :mod:`.rules` declares the rules the schema cannot express, per dataset, in one table;
- :mod:`.frames` types the columns; :mod:`.loader` ties these together;
- :mod:`.queries` holds the look-ups that widgets and exercise checkers share;
- :mod:`.about` builds the "About the data" page; :mod:`.refresh` rewrites the hashes
  after an intentional edit (``python -m coursekit.data.refresh``).
"""

from .about import (
    MarkdownBlock,
    about_markdown,
    conflicts,
    describe,
    markdown_table,
    trade_coverage,
    year_ranges,
)
from .errors import DataError
from .loader import load, sources
from .package import REFRESH_COMMAND, dataset_names, package_metadata
from .rules import PARTIAL_DATE_PATTERN

__all__ = [
    "DataError",
    "load",
    "dataset_names",
    "sources",
    "describe",
    "package_metadata",
    "markdown_table",
    "trade_coverage",
    "year_ranges",
    "conflicts",
    "about_markdown",
    "MarkdownBlock",
    "PARTIAL_DATE_PATTERN",
    "REFRESH_COMMAND",
]
