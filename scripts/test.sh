#!/usr/bin/env bash
# Run the whole test suite (it builds the book itself, in a temporary folder).
#   bash scripts/test.sh [pytest args]
# Two pytest-xdist workers share the one book build; tests/conftest.py says which tests run
# together on one worker (its scheduler replaces loadscope's) and in what order. A later -n overrides
# (-n 0: one process, as plain pytest runs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_env requirements.lock requirements-test.lock
ensure_node_assets

exec "$VENV_DIR/bin/python" -m pytest -n 2 --dist loadscope --no-loadscope-reorder "$@"
