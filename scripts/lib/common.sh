# Shared by the scripts: paths and the ports of the machine's infrastructure. What the services are given from it
# (connection strings, URLs, secrets) the AppHost writes (AppHost/SystemProjects.cs); no script repeats it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="${MUNICIPAL_LOCAL:-$ROOT/.local}"
# INSTANCE=name runs a second copy of the system beside the first (own ports, databases, RabbitMQ virtual
# host, Redis key prefix, logs) on the same infrastructure — used to test several instances and by developers.
INSTANCE="${INSTANCE:-}"
RUN_DIR="$LOCAL/run${INSTANCE:+-$INSTANCE}"
mkdir -p "$LOCAL/logs" "$LOCAL/pids" "$RUN_DIR/logs" "$RUN_DIR/pids"

PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
RABBIT_PORT="${RABBIT_PORT:-5672}"
RABBIT_MANAGEMENT_PORT="${RABBIT_MANAGEMENT_PORT:-15672}"
# PRIVATE_INFRA=1 starts a private set of infrastructure for one run (scripts/fault-day stops and restarts its
# parts): its own PostgreSQL cluster, Redis, RabbitMQ node, clamd and SMTP sink with their data under $LOCAL and
# the ports above. Only such a set can be stopped by these scripts; the shared one is never touched.
PRIVATE_INFRA="${PRIVATE_INFRA:-}"
# The private RabbitMQ node's name and Erlang distribution port (the shared node keeps RabbitMQ's defaults).
RABBIT_NODE="${RABBIT_NODE:-}"
RABBIT_DIST_PORT="${RABBIT_DIST_PORT:-$((RABBIT_PORT + 20000))}"
CLAMD_PORT="${CLAMD_PORT:-3310}"
SMTP_PORT="${SMTP_PORT:-2525}"
TURN_PORT="${TURN_PORT:-3478}"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
# The gateway's HTTPS port (HTTP/2) where a script wants one: its gateway port + 363 (8080 → 8443) unless set.
gateway_https_port() { echo "${GATEWAY_HTTPS_PORT:-$((GATEWAY_PORT + 363))}"; }
# One SMTP sink serves the machine, so its Maildir is machine-wide too: every checkout (and the dev mailbox
# page) reads the mails where the running sink writes them.
MAILDIR="${MUNICIPAL_MAILDIR:-/var/tmp/municipal-mail}"
SERVICE_PORT_BASE="${SERVICE_PORT_BASE:-5100}"
CONFIGURATION="${CONFIGURATION:-Release}"
# REPLICAS=n starts n instances of every service (ports base+1..5, base+11..15, …); the gateway balances them.
# The AppHost gives the services their ports from SERVICE_PORT_BASE.
REPLICAS="${REPLICAS:-1}"

# The databases scripts/lib/infra.sh makes for an instance (the AppHost names them in its connection strings).
DATABASES="bookingdb sessiondb identitydb formdb documentdb gatewaydb"

log() { printf '\033[1;34m[municipal]\033[0m %s\n' "$*" >&2; }

# Secrets are made once per checkout and kept in .local, so restarts keep sessions and hashes valid.
load_secrets() {
  local file="$LOCAL/secrets.env"
  if [ ! -f "$file" ]; then
    # The umask in a subshell: only this file is private; it must not leak into directories made later, which
    # other users (postgres for a private cluster) have to traverse.
    (
      umask 077
      {
        echo "AUTH_INTERNAL_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
        echo "TURN_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')"
        echo "IDENTITY_HASH_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
      } > "$file"
    )
  fi
  # shellcheck disable=SC1090
  . "$file"
}

db_name() { echo "${INSTANCE:+${INSTANCE//-/_}_}$1"; }
# The AppHost's run directory for this instance: its resolved contract, the services' logs and the documents.
apphost_run_dir() { echo "$LOCAL/apphost${INSTANCE:+-$INSTANCE}"; }
