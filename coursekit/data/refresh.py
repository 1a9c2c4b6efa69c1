"""Refresh each resource's ``hash`` (sha256) and ``bytes`` in ``datapackage.json``.

Run it after an intentional edit of a data file, then commit both files::

    python -m coursekit.data.refresh            # the repository's data/
    python -m coursekit.data.refresh path/to/data --check   # only report, exit 1 if stale

It rewrites only the two keys (the descriptor keeps its order and its 2-space indent)
and then validates the package, so a refreshed package that breaks a rule still stops.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import DataError
from .package import file_digest, package_path


def stale(package: str | Path | None = None) -> list[str]:
    """Names of the files whose declared hash or size no longer match."""
    path = package_path(package)
    pkg = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for res in pkg["resources"]:
        digest, size = file_digest(path.parent / res["path"])
        if (res.get("hash"), res.get("bytes")) != (digest, size):
            out.append(res["path"])
    return out


def refresh(package: str | Path | None = None) -> list[str]:
    """Write the current hash and size of every file; return the paths that changed."""
    path = package_path(package)
    pkg = json.loads(path.read_text(encoding="utf-8"))
    changed = []
    for res in pkg["resources"]:
        file = path.parent / res["path"]
        if not file.is_file():
            raise DataError(
                f"{res['path']}: file not found at {file}; restore it before refreshing the hashes."
            )
        digest, size = file_digest(file)
        if (res.get("hash"), res.get("bytes")) != (digest, size):
            changed.append(res["path"])
        res["hash"], res["bytes"] = digest, size
    pkg["resources"] = [_after_path(res) for res in pkg["resources"]]
    path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def _after_path(res: dict) -> dict:
    """The resource with ``hash`` and ``bytes`` placed right after ``path``, where readers look."""
    out = {}
    for key, value in res.items():
        if key in ("hash", "bytes"):
            continue
        out[key] = value
        if key == "path":
            out["hash"], out["bytes"] = res["hash"], res["bytes"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coursekit.data.refresh", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "package", nargs="?", default=None, help="data folder or datapackage.json (default: data/)"
    )
    parser.add_argument("--check", action="store_true", help="only report stale hashes; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        files = stale(args.package)
        print("stale: " + ", ".join(files) if files else "all hashes up to date")
        return 1 if files else 0
    changed = refresh(args.package)
    print(f"refreshed {', '.join(changed)}" if changed else "all hashes were up to date")
    from .loader import validated_records

    try:
        validated_records(args.package)
    except DataError as err:
        print(f"the package still does not validate: {err}", file=sys.stderr)
        return 1
    print("the package validates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
