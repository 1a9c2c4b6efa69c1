#!/usr/bin/env bash
# Build the HTML book from a fresh checkout: environment, front-end assets, strict build.
#   bash scripts/build.sh            HTML book in _build/html
# Strict: any Sphinx warning, broken reference or notebook exception fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_env requirements.lock
ensure_node_assets

"$VENV_DIR/bin/jupyter-book" build . --builder html -W -n --keep-going

echo
echo "The book is at: $(pwd)/_build/html/index.html"
echo "Serve it offline with: python3 -m http.server --directory _build/html 8000"
