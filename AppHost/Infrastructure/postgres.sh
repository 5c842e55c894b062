#!/usr/bin/env bash
# PostgreSQL as an AppHost resource: a cluster of its own in DATA (made on first start, trusting loopback), run in
# the foreground as the postgres user so the AppHost sees it, stops it and restarts it.
# pg_stat_statements is loaded, so an operator (and scripts/bench) can see which statements the services run how often.
# Usage: postgres.sh DATA PORT
set -euo pipefail
data=$1 port=$2
bin="/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin"
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
  # postgres must pass through every folder above its data directory (a checkout may be private).
  up=$(dirname "$data"); while [ "$up" != "/" ]; do chmod o+x "$up" 2>/dev/null || true; up=$(dirname "$up"); done
  runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres -A trust --no-sync >/dev/null
fi
exec runuser -u postgres -- "$bin/postgres" -D "$data" -p "$port" -k "$data" \
  -c listen_addresses=127.0.0.1 -c max_connections=200 -c "fsync=${PG_FSYNC:-on}" \
  -c shared_preload_libraries=pg_stat_statements
