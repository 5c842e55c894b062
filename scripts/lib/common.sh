# Shared by scripts/run and scripts/test: paths, ports and the environment an Aspire AppHost would inject.
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
# One SMTP sink serves the machine, so its Maildir is machine-wide too: every checkout (and the dev mailbox
# page) reads the mails where the running sink writes them.
MAILDIR="${MUNICIPAL_MAILDIR:-/var/tmp/municipal-mail}"
SERVICE_PORT_BASE="${SERVICE_PORT_BASE:-5100}"
CONFIGURATION="${CONFIGURATION:-Release}"
# REPLICAS=n starts n instances of every service (ports base+1..5, base+11..15, …); the gateway balances them.
REPLICAS="${REPLICAS:-1}"

# service name -> port; the names are the AppHost's resource names.
declare -A SERVICE_PORTS=([booking]=$((SERVICE_PORT_BASE + 1)) [sessions]=$((SERVICE_PORT_BASE + 2)) [identity]=$((SERVICE_PORT_BASE + 3)) [forms]=$((SERVICE_PORT_BASE + 4)) [documents]=$((SERVICE_PORT_BASE + 5)))
declare -A SERVICE_PROJECTS=([booking]=Booking [sessions]=SessionSignaling [identity]=IdentityVerification [forms]=Form [documents]=DocumentIntake)
declare -A SERVICE_DATABASES=([booking]=bookingdb [sessions]=sessiondb [identity]=identitydb [forms]=formdb [documents]=documentdb)
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
# Loopback only: TLS to a Postgres on 127.0.0.1 protects nothing and cost a quarter of the booking service's CPU
# (README, figures); a city's connection strings (deploy/kubernetes) require it.
pg_conn() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=$(db_name "$1");Username=municipal;Password=municipal;SSL Mode=Disable"; }
rabbit_vhost() { echo "${INSTANCE:-/}"; }
documents_path() { echo "$LOCAL/documents${INSTANCE:+-$INSTANCE}"; }

# Exports what AppHost/SystemProjects.cs gives every project: a copy still used by scripts/test and the fault day
# (scripts/fault-day, whose private infrastructure set it stops and restarts itself). scripts/run and scripts/bench
# start the system through the AppHost and read its resolved contract.
export_service_environment() {
  load_secrets
  for db in $DATABASES; do export "ConnectionStrings__$db=$(pg_conn "$db")"; done
  if [ -n "$INSTANCE" ]; then
    export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$RABBIT_PORT/$INSTANCE"
    export Redis__KeyPrefix="$INSTANCE:"
  else
    export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$RABBIT_PORT"
  fi
  export ConnectionStrings__redis="127.0.0.1:$REDIS_PORT"
  export ConnectionStrings__smtp="smtp://127.0.0.1:$SMTP_PORT"
  export ConnectionStrings__clamav="tcp://127.0.0.1:$CLAMD_PORT"
  local r
  for name in "${!SERVICE_PORTS[@]}"; do
    for ((r = 0; r < REPLICAS; r++)); do export "services__${name}__http__$r=http://127.0.0.1:$((SERVICE_PORTS[$name] + 10 * r))"; done
  done
  export services__gateway__http__0="http://127.0.0.1:$GATEWAY_PORT"
  export PublicBaseUrl="${PublicBaseUrl:-http://127.0.0.1:$GATEWAY_PORT}"
  export Auth__InternalKey="$AUTH_INTERNAL_KEY"
  export Turn__Secret="$TURN_SECRET"
  export Turn__Urls__0="turn:127.0.0.1:$TURN_PORT?transport=udp"
  export Turn__Urls__1="turn:127.0.0.1:$TURN_PORT?transport=tcp"
  export Identity__DocumentNumberKey="$IDENTITY_HASH_KEY"
  export Mail__Maildir="$MAILDIR"
  export Documents__StoragePath="$(documents_path)"
  export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
  export ASPNETCORE_ENVIRONMENT="$DOTNET_ENVIRONMENT"
}
