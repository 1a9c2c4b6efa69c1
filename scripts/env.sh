# Shared by scripts/build.sh and scripts/test.sh: create the project's environment from the locks.
# Usage: source scripts/env.sh; ensure_env requirements.lock [more.lock ...]
# Installs the hash-pinned locks with --require-hashes, removes whatever they do not pin (exact
# sync), then coursekit itself (editable). Reinstalls only when a lock changed (stamp in .venv).

PYTHON_BIN="${PYTHON:-python3.11}"
VENV_DIR="${VENV_DIR:-.venv}"

die() { echo "error: $*" >&2; exit 1; }

ensure_python() {
  command -v "$PYTHON_BIN" >/dev/null 2>&1 || PYTHON_BIN=python3
  command -v "$PYTHON_BIN" >/dev/null 2>&1 || die "Python 3.11 not found. Install python3.11 (or set PYTHON=/path/to/python3.11)."
  "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || die "$PYTHON_BIN is $("$PYTHON_BIN" --version 2>&1); the locks are for Python 3.11. Set PYTHON=/path/to/python3.11."
}

ensure_env() {
  # The stamp records each lock's checksum (plus pyproject.toml's). Nothing to do when every
  # requested lock is installed unchanged and no installed lock has changed since: so the book's
  # build after a test run keeps the test tools, but any edit to any lock triggers a full sync.
  local stamp="$VENV_DIR/.installed-locks" lock line
  local -a want=() have=()
  for lock in "$@" pyproject.toml; do want+=("$(sha256sum "$lock")"); done
  if [ -f "$stamp" ]; then
    mapfile -t have < "$stamp"
    local fresh=1
    for line in "${have[@]}"; do
      [ -f "${line#*  }" ] && [ "$(sha256sum "${line#*  }")" = "$line" ] || fresh=0
    done
    for line in "${want[@]}"; do
      printf '%s\n' "${have[@]}" | grep -qxF "$line" || fresh=0
    done
    [ "$fresh" = 1 ] && return 0
  fi
  ensure_python
  [ -x "$VENV_DIR/bin/python" ] || "$PYTHON_BIN" -m venv "$VENV_DIR" || die "could not create $VENV_DIR (Debian: apt-get install python3-venv)"
  local args=()
  for lock in "$@"; do args+=(-r "$lock"); done
  echo "Installing the locked environment into $VENV_DIR ($*)..."
  # --require-hashes: every file pip downloads must match a sha256 in the lock.
  # (The grep hides a harmless notice some machines' pip configuration prints per package.)
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
    --no-deps "${args[@]}" 2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2) \
    || die "pip could not install $*; see the message above (a hash mismatch means a file differs from the one locked: regenerate the locks with 'bash scripts/lock.sh')."
  sync_env "$@"
  # The course package itself: editable and not hashable, so outside the locks, after the sync.
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
    2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2) \
    || die "could not install the coursekit package (pip install -e .)"
  "$VENV_DIR/bin/python" -m pip check >/dev/null || die "the environment is inconsistent: $("$VENV_DIR/bin/python" -m pip check)"
  printf '%s\n' "${want[@]}" > "$stamp"
}

sync_env() {
  # Exact sync (what pip-sync does): uninstall every distribution the given locks do not pin,
  # so a package dropped from a lock leaves the environment too. pip itself and the editable
  # coursekit are kept.
  local extra
  extra=$("$VENV_DIR/bin/python" - "$@" <<'PY'
import re, sys
from importlib import metadata
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pinned = {"pip", "coursekit"}
for lock in sys.argv[1:]:
    for line in open(lock, encoding="utf-8"):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==", line)
        if match:
            pinned.add(norm(match.group(1)))
installed = {norm(d.metadata["Name"]) for d in metadata.distributions() if d.metadata["Name"]}
print(" ".join(sorted(installed - pinned)))
PY
  ) || die "could not list the installed packages of $VENV_DIR"
  if [ -n "$extra" ]; then
    echo "Removing packages no lock pins: $extra"
    # shellcheck disable=SC2086  # one word per package name
    "$VENV_DIR/bin/python" -m pip uninstall --quiet --disable-pip-version-check -y $extra \
      || die "could not remove $extra from $VENV_DIR"
  fi
}

ensure_node_assets() {
  local stamp="node_modules/.installed-lock" want
  command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 and npm (Debian: apt-get install nodejs npm)."
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "Installing the pinned front-end assets (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed; see the message above."
  echo "$want" > "$stamp"
}
