#!/usr/bin/env bash
# Regenerate both hash-pinned locks from the .in files (run after editing requirements*.in):
#   bash scripts/lock.sh              keep current pins where the .in files allow (minimal change)
#   bash scripts/lock.sh --upgrade    move every pin to the newest release the .in files allow
# pip-tools runs in its own throwaway venv (PIP_TOOLS_VENV, default /tmp/coursekit-pip-tools), so
# it never enters the project's environment. The locks carry a sha256 for every file of every
# pin; scripts/env.sh installs them with --require-hashes and removes anything not in them.
# No index URLs are written into the locks: each machine's own pip configuration applies.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${PIP_TOOLS_VENV:-/tmp/coursekit-pip-tools}"
if [ ! -x "$tools/bin/pip-compile" ]; then
  "${PYTHON:-python3.11}" -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools==7.*"
fi

compile() {  # compile IN OUT
  "$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --resolver=backtracking \
    --output-file="$2" "${extra[@]}" "$1"
}
extra=()
[ "${1:-}" = --upgrade ] && extra=(--upgrade)

# The book's lock first: the test lock is constrained by it (-c requirements.lock).
compile requirements.in requirements.lock
compile requirements-test.in requirements-test.lock
# cffconvert needs jsonschema<4, so it has a lock (and, in the tests, a venv) of its own.
compile tests/cffconvert.in tests/cffconvert.lock
echo "Wrote requirements.lock, requirements-test.lock and tests/cffconvert.lock; commit them with the .in files."
