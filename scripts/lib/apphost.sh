# Runs the whole system under the Aspire AppHost (AppHost/): the five services and the gateway with the environment it
# writes, on infrastructure of its own from the Debian packages (scripts/run, scripts/bench) or on the machine's
# (scripts/test, scripts/fault-day: see machine_settings), and the Aspire dashboard where wanted.
# shellcheck source=services.sh
. "$(dirname "${BASH_SOURCE[0]}")/services.sh"

DASHBOARD_PORT="${DASHBOARD_PORT:-18888}"
# The AppHost's own infrastructure: PostgreSQL on this port, Redis +1, RabbitMQ +2 (management +3, distribution +4),
# clamd +5, SMTP +6, coturn +7 (relay ports +50…+89) — away from the machine's shared set and the tests' instance.
INFRA_PORT_BASE="${INFRA_PORT_BASE:-23000}"
APPHOST_PID="$RUN_DIR/pids/apphost.pid"
APPHOST_LOG="$RUN_DIR/logs/apphost.log"

apphost_running() { [ -f "$APPHOST_PID" ] && kill -0 "$(cat "$APPHOST_PID")" 2>/dev/null; }

APPHOST_RUN_DIR="$(apphost_run_dir)"
# What the AppHost gave the services, resolved (connection strings, URLs, paths; no secrets), written once the gateway
# is healthy; the tests and benchmarks read it (docs/CONVENTIONS.md, "The resolved contract").
APPHOST_CONTRACT="$APPHOST_RUN_DIR/contract.json"

# Starts the built AppHost in the background with the settings of its http launch profile and this copy's ports;
# further AppHost arguments (--Municipal:ServicePortBase=…, --Municipal:ServiceSettings:Key=value) are passed on.
# DASHBOARD=0 leaves the dashboard out (scripts/test, scripts/bench).
start_apphost() {
  local binary="$ROOT/AppHost/bin/$CONFIGURATION/net10.0/AppHost"
  [ -x "$binary" ] || { log "AppHost is not built ($binary)"; return 1; }
  local dashboard=(Municipal__Dashboard=false)
  if [ "${DASHBOARD:-1}" != 0 ]; then
    dashboard=(ASPNETCORE_URLS="http://127.0.0.1:$DASHBOARD_PORT"
      ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$((DASHBOARD_PORT + 1))"
      ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$((DASHBOARD_PORT + 2))")
  fi
  : > "$APPHOST_LOG"
  # The AppHost writes it anew once this run's gateway is healthy; one left by an earlier run must not count.
  rm -f "$APPHOST_CONTRACT"
  # DOTNET_TC_CallCountingDelayMs: the AppHost recompiles its hot methods only after a second without new ones, not
  # after the runtime's 0.1 s: it compiles its start while six processes start beside it, and what was hot then is not
  # hot later (4.0–5.0 CPU-seconds of its start → 2; the projects keep the runtime's delay, AppHost/SystemProjects.cs).
  (cd "$ROOT/AppHost" && exec env "${dashboard[@]}" \
    ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_TC_CallCountingDelayMs=1000 \
    DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development \
    Municipal__Instance="$INSTANCE" Municipal__GatewayPort="$GATEWAY_PORT" Municipal__Replicas="$REPLICAS" \
    ${GATEWAY_HTTPS_PORT:+Municipal__GatewayHttpsPort="$GATEWAY_HTTPS_PORT"} \
    Municipal__InfrastructurePortBase="$INFRA_PORT_BASE" Municipal__LocalDirectory="$LOCAL" \
    nohup "$binary" "$@" >"$APPHOST_LOG" 2>&1) &
  echo $! > "$APPHOST_PID"
}

# The dashboard's login URL (with its token), as the AppHost logs it.
dashboard_login_url() {
  local i
  for ((i = 0; i < 120; i++)); do
    grep -oE "http://[^ ]+/login\?t=[0-9a-f]+" "$APPHOST_LOG" 2>/dev/null | head -1 && return 0
    apphost_running || break
    sleep 0.5
  done
  return 1
}

# Stops the AppHost; it stops every resource it started (services, gateway, infrastructure) before it exits. On a busy
# machine that takes a while, and an AppHost killed before it is done leaves its orchestrator (DCP) to tear the
# resources down on its own: wait for that too, so the next start finds the ports free.
stop_apphost() {
  apphost_running || { rm -f "$APPHOST_PID"; return 0; }
  local pid; pid=$(cat "$APPHOST_PID")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  # DCP's API server watches the AppHost's process (--monitor PID) and removes every resource once it has gone.
  for _ in $(seq 1 600); do pgrep -f -- "dcp start-apiserver --monitor $pid " >/dev/null || break; sleep 0.2; done
  rm -f "$APPHOST_PID"
}

wait_apphost_healthy() { # seconds
  local deadline=$((SECONDS + ${1:-240}))
  while ((SECONDS < deadline)); do
    apphost_running || { log "the AppHost stopped:"; tail -30 "$APPHOST_LOG" >&2; return 1; }
    # The gateway waits for every service and they for the infrastructure: a healthy gateway means every resource is.
    # The AppHost writes the contract once the gateway is healthy (within 0.2 s of it): look as often.
    [ -f "$APPHOST_CONTRACT" ] && curl -fsS "http://127.0.0.1:$GATEWAY_PORT/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "the system did not become healthy; see the dashboard and $APPHOST_LOG"
  tail -40 "$APPHOST_LOG" >&2
  local f
  for f in "$APPHOST_RUN_DIR"/logs/*.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }
  done
  curl -sS "http://127.0.0.1:$GATEWAY_PORT/health" >&2 || true
  return 1
}

# The AppHost arguments that run the system on the infrastructure scripts/lib/infra.sh started (the shared set with
# this instance's databases, virtual host and Redis prefix, or a private set): the scripts only say where the servers
# listen; the connection strings are the AppHost's (AppHost/MachineInfrastructure.cs).
machine_settings() {
  printf '%s\n' --Municipal:Machine:PostgresPort="$PG_PORT" --Municipal:Machine:RedisPort="$REDIS_PORT" \
    --Municipal:Machine:RabbitMqPort="$RABBIT_PORT" --Municipal:Machine:ClamdPort="$CLAMD_PORT" \
    --Municipal:Machine:SmtpPort="$SMTP_PORT" --Municipal:Machine:TurnPort="$TURN_PORT" \
    --Municipal:Machine:MailDirectory="$MAILDIR" --Municipal:ServicePortBase="$SERVICE_PORT_BASE"
}

# Hands what the AppHost gave the services (its resolved contract, and the secrets beside it) to this shell's children:
# the test processes start services and gateways of their own with it, as the system's are started. Each file is read
# once: the names handed on are kept in MUNICIPAL_CONTRACT_KEYS, which forget_contract takes back.
export_contract() {
  local line keys=()
  while IFS= read -r line; do [ -n "$line" ] && export "${line?}" && keys+=("${line%%=*}"); done < <(/usr/bin/python3 - "$APPHOST_CONTRACT" <<'PY'
import json, sys
for key, value in json.load(open(sys.argv[1]))["environment"].items():
    print(f"{key}={value}")
PY
)
  while IFS= read -r line; do [ -n "$line" ] && export "${line?}" && keys+=("${line%%=*}"); done < "$APPHOST_RUN_DIR/contract.secrets.env"
  export MUNICIPAL_CONTRACT="$APPHOST_CONTRACT" MUNICIPAL_CONTRACT_KEYS="${keys[*]}"
}

# Takes back what export_contract handed on (this shell's earlier run, or the caller's: scripts/test runs the fault day
# after its first stage), so that a new AppHost and its processes see only what it gives them itself. It unsets the
# names it handed on, not what the files say now: a new run may have written them anew, or removed them.
forget_contract() {
  [ -n "${MUNICIPAL_CONTRACT:-}" ] || return 0
  local key
  for key in ${MUNICIPAL_CONTRACT_KEYS:-}; do unset "$key"; done
  unset MUNICIPAL_CONTRACT MUNICIPAL_CONTRACT_KEYS
}

# Starts this instance's system under the AppHost on the machine's infrastructure, without a dashboard, with a run's
# own service settings (Key:Name=value …), and waits until it is healthy; then exports its contract.
start_on_machine() { # seconds settings...
  local seconds=$1; shift
  forget_contract
  local args; mapfile -t args < <(machine_settings)
  local setting
  for setting in "$@"; do args+=("--Municipal:ServiceSettings:$setting"); done
  stop_apphost
  local started=$SECONDS
  DASHBOARD=0 start_apphost "${args[@]}"
  wait_apphost_healthy "$seconds" || return 1
  log "healthy $((SECONDS - started)) s after the AppHost started (REPLICAS=$REPLICAS)"
  export_contract
}
