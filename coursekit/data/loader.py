"""``load(name)``: one dataset as a typed DataFrame, after the whole package has passed every check.

Order of checks (each stops with a :class:`DataError` naming file, line and field):
integrity (each file's sha256 ``hash`` and ``bytes``), CSV structure (strict quoting,
header, cells per record), the Table Schema through frictionless (types, constraints,
primary and foreign keys), then the rules in :mod:`coursekit.data.rules`. The package is
validated once per process and again whenever a file changes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .frames import to_frame
from .package import package_metadata, package_path, resource, verify_integrity
from .records import Records, read_records
from .rules import rules_for
from .schema import validate_package


def _stamp(path: Path) -> tuple:
    """Changes whenever the descriptor or any file it lists changes (mtime or size)."""
    pkg = package_metadata(path)
    files = [path] + [path.parent / r["path"] for r in pkg["resources"]]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) if f.is_file() else (str(f), None) for f in files)


@lru_cache(maxsize=4)
def _validated(path: Path, stamp: tuple) -> dict[str, Records]:
    pkg = package_metadata(path)
    base = path.parent
    for res in pkg["resources"]:
        verify_integrity(res, base)
    records = {res["name"]: read_records(res, base) for res in pkg["resources"]}
    validate_package(path, records)
    for name, rec in records.items():
        for rule in rules_for(name):
            rule(rec, records.__getitem__)
    return records


def validated_records(package: str | Path | None = None) -> dict[str, Records]:
    """Every dataset's cells, after every check has passed."""
    path = package_path(package)
    package_metadata(path)  # a missing or broken descriptor stops here with its own message
    return _validated(path, _stamp(path))


def load(name: str, *, package: str | Path | None = None) -> pd.DataFrame:
    """Return dataset ``name`` as a typed DataFrame, after validating the package.

    ``package`` may point at another copy of the package (a directory or its
    ``datapackage.json``), e.g. a corrupted copy in a test. Raises ``DataError``
    on any problem: a file changed without refreshing its hash, a missing file,
    broken quoting, wrong header, bad type, value out of range or not allowed,
    unknown source id, duplicate primary key, a link that is not http(s).
    """
    res, _ = resource(name, package)
    rec = validated_records(package)[name]
    frame = to_frame(rec)
    frame.attrs["title"] = res.get("title", name)
    frame.attrs["source_file"] = rec.label
    return frame


def sources(*, package: str | Path | None = None) -> pd.DataFrame:
    """The sources table: one row per page or dataset, with URL, publisher and date."""
    return load("sources", package=package)
