"""``load(name)``: one dataset as a typed DataFrame, after the whole package has passed every check.

Order of checks (each stops with a :class:`DataError` naming file, line and field):
integrity (each file's sha256 ``hash`` and ``bytes``), CSV structure (strict quoting,
header, cells per record), the Table Schema through frictionless (types, constraints,
primary and foreign keys), then the rules in :mod:`coursekit.data.rules`. The package is
validated once per process and again whenever a file changes. Because the descriptor pins
every file's sha256, a successful validation is remembered across processes under a key made
of the descriptor, this package's code and the frictionless version (a stamp file in
``~/.cache/eurasian-course/data-validated/``): the build's many notebook kernels validate once, and any
edit, refreshed or not, is validated again (an unrefreshed one fails the integrity check).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from ..paths import USER_CACHE_DIR
from .frames import to_frame
from .package import package_metadata, package_path, resource, verify_integrity
from .records import Records, read_records
from .rules import rules_for
from .schema import validate_package


def _stamp(path: Path) -> tuple:
    """Changes whenever the descriptor or any file it lists changes (mtime or size)."""
    pkg = package_metadata(path)
    files = [path] + [path.parent / r["path"] for r in pkg["resources"]]
    return tuple(
        (str(f), f.stat().st_mtime_ns, f.stat().st_size) if f.is_file() else (str(f), None) for f in files
    )


@lru_cache(maxsize=4)
def _validated(path: Path, stamp: tuple) -> dict[str, Records]:
    pkg = package_metadata(path)
    base = path.parent
    for res in pkg["resources"]:
        verify_integrity(res, base)
    records = {res["name"]: read_records(res, base) for res in pkg["resources"]}
    stamp = _validation_stamp(path)
    if not stamp.is_file():
        validate_package(path, records)
        for name, rec in records.items():
            for rule in rules_for(name):
                rule(rec, records.__getitem__)
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(str(path) + "\n", encoding="utf-8")
        except OSError:  # a read-only checkout just validates every time
            pass
    return records


STAMP_DIR = USER_CACHE_DIR / "data-validated"


def _validation_stamp(path: Path) -> Path:
    """Where a successful validation of exactly this descriptor (and so these files) is remembered."""
    digest = hashlib.sha256(path.read_bytes())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    digest.update(version("frictionless").encode())
    return STAMP_DIR / digest.hexdigest()


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
