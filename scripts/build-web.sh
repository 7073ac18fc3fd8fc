#!/usr/bin/env bash
# Install the dashboard's browser libraries from npm (web/package-lock.json) and copy the
# files the pages load into src/clashwatch/web/static/vendor/ (gitignored).
# Does nothing when the lock file and this script are unchanged since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
vendor=src/clashwatch/web/static/vendor
stamp=$vendor/.build-stamp

want=$(cat web/package-lock.json scripts/build-web.sh | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "build-web: $vendor is up to date"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm not found; install Node.js and npm (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi

# --ignore-scripts: swagger-ui-dist pulls in @scarf/scarf, whose install script reports to the network.
(cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)

modules=$root/web/node_modules
rm -rf "$vendor"
mkdir -p "$vendor"

copy() {  # copy PACKAGE LICENCE FILE...: into vendor/PACKAGE/, beside the package's licence
  local package=$1 licence=$2
  shift 2
  mkdir -p "$vendor/$package"
  for file in "$licence" "$@"; do
    cp -R "$modules/$package/$file" "$vendor/$package/"
  done
}

copy leaflet LICENSE dist/leaflet.js dist/leaflet.css dist/images
copy leaflet.markercluster MIT-LICENCE.txt dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css
copy d3 LICENSE dist/d3.min.js
copy topojson-client LICENSE dist/topojson-client.min.js
copy world-atlas LICENSE countries-50m.json
copy swagger-ui-dist LICENSE NOTICE swagger-ui-bundle.js swagger-ui.css

echo "$want" >"$stamp"
echo "build-web: built $vendor ($(find "$vendor" -type f ! -name .build-stamp | wc -l) files from web/package-lock.json)"
