#!/usr/bin/env bash
# Creates the services' databases that do not exist yet (each service migrates its own schema at start-up).
# Usage: postgres-databases.sh PORT DATABASE...
set -euo pipefail
port=$1; shift
for db in "$@"; do
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    createdb -h 127.0.0.1 -p "$port" -U postgres "$db"
    echo "created database $db"
  fi
done
