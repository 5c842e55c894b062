# Starts the five services and the gateway from the build output with the AppHost's environment.
# shellcheck source=infra.sh
. "$(dirname "${BASH_SOURCE[0]}")/infra.sh"

build_solution() {
  log "building ($CONFIGURATION)"
  dotnet build "$ROOT/Municipal.Ci.slnf" -c "$CONFIGURATION" -nologo -v q -clp:ErrorsOnly
}

binary() { # project-dir assembly
  echo "$ROOT/$1/bin/$CONFIGURATION/net10.0/$2.dll"
}

start_one() { # name dll port [service name for telemetry]
  local name=$1 dll=$2 port=$3 service=${4:-$1}
  if [ -f "$RUN_DIR/pids/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/pids/$name.pid")" 2>/dev/null; then
    kill "$(cat "$RUN_DIR/pids/$name.pid")" 2>/dev/null || true
    sleep 0.5
  fi
  # The output folder is the content root, so wwwroot and appsettings.json are found as when published.
  (cd "$(dirname "$dll")" && ASPNETCORE_URLS="http://127.0.0.1:$port" OTEL_SERVICE_NAME="$service" OTEL_RESOURCE_ATTRIBUTES="service.instance.id=$name" \
    exec nohup dotnet "$dll" >"$RUN_DIR/logs/$name.log" 2>&1) &
  echo $! > "$RUN_DIR/pids/$name.pid"
}

start_services() {
  export_service_environment
  local r
  for name in "${!SERVICE_PORTS[@]}"; do
    local project=${SERVICE_PROJECTS[$name]}
    for ((r = 0; r < REPLICAS; r++)); do
      start_one "$name${r/#0/}" "$(binary "services/$project" "Municipal.$project")" "$((SERVICE_PORTS[$name] + 10 * r))" "$name"
    done
  done
  start_one gateway "$(binary gateway Municipal.Gateway)" "$GATEWAY_PORT"
}

wait_healthy() { # seconds
  local deadline=$((SECONDS + ${1:-120}))
  while ((SECONDS < deadline)); do
    if curl -fsS "http://127.0.0.1:$GATEWAY_PORT/health" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "the system did not become healthy; last answer:"
  curl -sS "http://127.0.0.1:$GATEWAY_PORT/health" >&2 || true
  for f in "$RUN_DIR"/logs/{booking,sessions,identity,forms,documents,gateway}.log; do
    [ -f "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }
  done
  return 1
}

stop_services() {
  local pidfile
  for pidfile in "$RUN_DIR"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}
