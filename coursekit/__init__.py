"""coursekit: the logic behind the Eurasian-pivot teaching module.

Notebooks and tests import from here so that no function is pasted into two
notebooks. Modules:

- ``paths``     where the repository, the data and the build live
- ``data``      load and validate the datasets in ``data/`` (Frictionless package)
- ``widgets``   widgets that stay interactive in static HTML, live in a kernel, and print in PDF
- ``quiz``      self-check questions with feedback that works without a kernel
- ``explorers`` the chapter widgets, built from the datasets
"""

__version__ = "0.1.0"
