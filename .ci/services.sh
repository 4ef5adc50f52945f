#!/usr/bin/env bash
# Start what the tests need beyond Python: a PostgreSQL server (store tests run against it when
# DETENTE_TEST_PG is set) and Debian's chromium (browser tests of the web UI). Idempotent; prints
# the exports to eval. Runs as root on CI's machine (Debian), as CI does.
set -euo pipefail
log() { echo "services: $*" >&2; }
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq "${need[@]}"; } >/dev/null 2>&1 || log "could not install ${need[*]}"
fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_lsclusters -h 2>/dev/null | grep -q "^$ver main" || pg_createcluster "$ver" main >&2
  pg_ctlcluster "$ver" main start >&2 2>/dev/null || true
  for _ in $(seq 1 30); do su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
  su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='detente'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"create role detente login superuser password 'detente'\"" >&2
  su postgres -c "psql -qAtc \"select 1 from pg_database where datname='detente_test'\"" | grep -q 1 \
    || su postgres -c "createdb -O detente detente_test" >&2
  echo "export DETENTE_TEST_PG=postgresql+psycopg://detente:detente@127.0.0.1:5432/detente_test"
else
  log "no PostgreSQL: store tests run on SQLite only"
fi
