#!/usr/bin/env bash
# Install the Debian packages clashwatch's build and tests need: Node.js and npm
# (the dashboard's browser libraries, scripts/build-web.sh), Chromium (the
# dashboard's browser tests), Java 17+ (`clashwatch batch --engine spark`;
# PySpark brings Spark itself), a PostgreSQL server and PostGIS for it (the tests
# start their own throwaway server; see tests/support/pgserver.py). Idempotent and fast
# when everything is already there.
#   ./scripts/install-system-deps.sh             everything
#   ./scripts/install-system-deps.sh --web-only  Node.js and npm only
#
# Without root and without password-less sudo it only prints what is missing
# and exits 0: the tests that need it then skip with a clear reason.
set -euo pipefail

log() { echo "install-system-deps: $*"; }

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  log "not a Debian-like system (no dpkg/apt-get): install Java 17+, PostgreSQL and PostGIS yourself; skipping"
  exit 0
fi

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

# The PostgreSQL major version: the one already installed, else the one the
# distribution's `postgresql` metapackage points at (15 on Debian 12 bookworm).
pg_major() {
  local v
  v="$(ls -1 /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -n 1 || true)"
  if [ -z "$v" ]; then
    v="$(apt-cache depends postgresql 2>/dev/null \
      | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1 || true)"
  fi
  echo "$v"
}

# The major version of the `java` on PATH (17 for "17.0.15", 8 for "1.8.0_392"), empty if none runs.
java_major() {
  command -v java >/dev/null 2>&1 || return 0
  java -version 2>&1 | sed -n 's/.* version "\(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1 || true
}

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    SUDO=(none)
  fi
fi

updated=0
apt_update() {
  if [ "$updated" -eq 0 ]; then
    log "apt-get update"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    updated=1
  fi
}

ensure() {  # ensure PKG...: install the missing ones
  local missing=() p
  for p in "$@"; do
    installed "$p" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "${SUDO[*]}" = "none" ]; then
    log "missing ${missing[*]}, and not root and no password-less sudo:"
    log "  run as root: apt-get install --no-install-recommends ${missing[*]}"
    log "  (the tests that need them will skip until then)"
    return 0
  fi
  apt_update
  log "installing ${missing[*]}"
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/tmp/install-system-deps.$$.log 2>&1; then
    tail -n 30 /tmp/install-system-deps.$$.log >&2
    rm -f /tmp/install-system-deps.$$.log
    log "apt-get install ${missing[*]} failed" >&2
    exit 1
  fi
  rm -f /tmp/install-system-deps.$$.log
}

if ! command -v npm >/dev/null 2>&1; then
  ensure nodejs npm
fi
if [ "${1:-}" = "--web-only" ]; then
  exit 0
fi
ensure chromium chromium-driver

# Java for Spark (PySpark 4 needs 17 or newer; Debian 12's default is 17).
if [ -z "$(java_major)" ]; then
  ensure default-jre-headless
fi
if installed default-jre-headless && [ -z "$(java_major)" ]; then
  log "default-jre-headless is installed but \`java -version\` does not run" >&2
  exit 1
fi
j="$(java_major)"
if [ -n "$j" ] && [ "$j" -lt 17 ]; then
  log "java on PATH is Java $j; Spark needs 17 or newer (install openjdk-17-jre-headless and set JAVA_HOME);"
  log "  the Spark tests will skip until then"
fi

v="$(pg_major)"
if [ -z "$v" ]; then
  # Fresh machine with empty package lists: refresh them and ask again.
  if [ "${SUDO[*]}" != "none" ]; then apt_update; fi
  v="$(pg_major)"
fi
if [ -z "$v" ]; then
  log "cannot tell which PostgreSQL version this distribution ships; skipping"
  exit 0
fi

ensure postgresql "postgresql-$v"
ensure "postgresql-$v-postgis-3"
log "ok: npm, chromium, java ${j:-missing}, postgresql-$v, postgresql-$v-postgis-3"
