# Shared by scripts/build.sh and scripts/test.sh: create the project's environment from the locks.
# Usage: source scripts/env.sh; ensure_env requirements.lock [more.lock ...]
# Reinstalls only when a lock file changed since the last install (stamp in .venv).

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
  local stamp="$VENV_DIR/.installed-locks" want
  want=$(cat "$@" pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  ensure_python
  [ -x "$VENV_DIR/bin/python" ] || "$PYTHON_BIN" -m venv "$VENV_DIR" || die "could not create $VENV_DIR (Debian: apt-get install python3-venv)"
  local args=() lock
  for lock in "$@"; do args+=(-r "$lock"); done
  echo "Installing the locked environment into $VENV_DIR ($*)..."
  # (The grep hides a harmless notice some machines' pip configuration prints per package.)
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check "${args[@]}" \
    2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2) \
    || die "pip could not install $*; see the message above."
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e . \
    || die "could not install the coursekit package (pip install -e .)"
  echo "$want" > "$stamp"
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
