"""Reading ``datapackage.json`` and checking each file's integrity (sha256 ``hash`` and ``bytes``).

A resource's ``hash`` and ``bytes`` pin the exact file the package was validated with.
A file edited, replaced or cut short without refreshing them stops the loader with a
message naming the file and the refresh command (``python -m coursekit.data.refresh``).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..paths import DATAPACKAGE
from .errors import DataError

REFRESH_COMMAND = "python -m coursekit.data.refresh"
HASH_PREFIX = "sha256:"


def package_path(package: str | Path | None) -> Path:
    """Accept the package directory or its datapackage.json; default to the repository's."""
    if package is None:
        return DATAPACKAGE
    path = Path(package)
    return path / "datapackage.json" if path.is_dir() else path


@lru_cache(maxsize=8)
def _read_descriptor(path: Path, mtime: float) -> dict:
    # mtime is part of the cache key so an edited package is re-read.
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}. "
            "Fix the syntax (a missing comma or quote) and try again."
        ) from exc


def package_metadata(package: str | Path | None = None) -> dict:
    """The parsed ``datapackage.json`` (a dict)."""
    path = package_path(package)
    if not path.is_file():
        raise DataError(
            f"{path}: data package descriptor not found; expected data/datapackage.json in the repository."
        )
    return _read_descriptor(path, path.stat().st_mtime)


def resource(name: str, package: str | Path | None = None) -> tuple[dict, Path]:
    """The resource descriptor called ``name`` and the folder its path is relative to."""
    for res in package_metadata(package)["resources"]:
        if res["name"] == name:
            return res, package_path(package).parent
    names = ", ".join(dataset_names(package))
    raise DataError(f"datapackage.json: no dataset named {name!r}; expected one of: {names}.")


def dataset_names(package: str | Path | None = None) -> list[str]:
    """Names of the datasets in the package (the sources table included last)."""
    return [r["name"] for r in package_metadata(package)["resources"]]


def file_digest(path: Path) -> tuple[str, int]:
    """(``sha256:<hex>``, size in bytes) of a file."""
    blob = path.read_bytes()
    return HASH_PREFIX + hashlib.sha256(blob).hexdigest(), len(blob)


def verify_integrity(res: dict, base: Path) -> None:
    """Stop unless the file matches the ``hash`` and ``bytes`` its resource declares."""
    label = Path(res["path"]).name
    path = base / res["path"]
    if not path.is_file():
        raise DataError(
            f"{label}: file not found at {path} (needed for dataset {res['name']!r} in "
            "datapackage.json); restore it from git."
        )
    declared_hash, declared_bytes = res.get("hash"), res.get("bytes")
    if not declared_hash or declared_bytes is None:
        raise DataError(
            f"datapackage.json, resource {res['name']!r}: no 'hash' and 'bytes' for {label}; every "
            f"resource must carry both. Run `{REFRESH_COMMAND}` to add them."
        )
    if not str(declared_hash).startswith(HASH_PREFIX):
        raise DataError(
            f"datapackage.json, resource {res['name']!r}: hash {declared_hash!r} is not a sha256 "
            f"hash ('{HASH_PREFIX}...'). Run `{REFRESH_COMMAND}` to rewrite it."
        )
    actual_hash, actual_bytes = file_digest(path)
    if actual_bytes != declared_bytes:
        shorter = "shorter" if actual_bytes < declared_bytes else "longer"
        raise DataError(
            f"{label}: the file has {actual_bytes} bytes but datapackage.json records {declared_bytes} "
            f"({shorter} than when it was last checked): it was changed or cut short. Restore it from git "
            f"(`git checkout -- {path}`), or after an intentional edit run `{REFRESH_COMMAND}`."
        )
    if actual_hash != declared_hash:
        raise DataError(
            f"{label}: the file's sha256 does not match the hash in datapackage.json: it was changed "
            f"since the hashes were last refreshed. Restore it from git (`git checkout -- {path}`), "
            f"or after an intentional edit run `{REFRESH_COMMAND}`."
        )
