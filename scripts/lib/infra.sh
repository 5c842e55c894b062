# Installs (Debian packages) and starts the infrastructure on loopback, idempotently.
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PACKAGES="postgresql redis-server rabbitmq-server chromium coturn clamav-daemon clamav python3-aiosmtpd tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu poppler-utils libgtk-3-0 libatomic1 fonts-ocr-b fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"

install_packages() {
  local missing=""
  for p in $PACKAGES; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    log "installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >"$LOCAL/logs/apt.log" 2>&1 || { cat "$LOCAL/logs/apt.log"; return 1; }
  fi
}

wait_port() { # host port seconds (0: look once)
  local i
  for ((i = 0; i <= $3 * 5; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    ((i < $3 * 5)) && sleep 0.2
  done
  return 1
}

# psql/createdb as the postgres user against the cluster in use (the private one through its own socket directory).
as_postgres() { su postgres -c "$*"; }
pg_client_args() { echo "-p $PG_PORT${PRIVATE_INFRA:+ -h $LOCAL/postgres}"; }
pg_bin() { echo "/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -n | tail -1)/bin"; }

start_postgres() {
  if [ -n "$PRIVATE_INFRA" ]; then
    start_private_postgres
  else
    start_shared_postgres
  fi
  wait_port 127.0.0.1 "$PG_PORT" 30 || { log "PostgreSQL did not start"; return 1; }
  local args; args=$(pg_client_args)
  as_postgres "psql $args -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='municipal'\"" | grep -q 1 \
    || as_postgres "psql $args -qc \"CREATE ROLE municipal LOGIN SUPERUSER PASSWORD 'municipal'\""
  local db
  for db in $DATABASES; do
    db=$(db_name "$db")
    as_postgres "psql $args -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
      || as_postgres "createdb $args -O municipal $db"
  done
}

start_shared_postgres() {
  local version cluster
  version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$version" ] || { pg_createcluster 15 main >/dev/null; version=15; }
  cluster="$version main"
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    # Many services and test databases at once: more connections than the default 100.
    sed -i -E "s/^#?max_connections = .*/max_connections = 400/" "/etc/postgresql/$version/main/postgresql.conf"
    sed -i -E "s/^#?port = .*/port = $PG_PORT/" "/etc/postgresql/$version/main/postgresql.conf"
    sed -i -E "s/^#?fsync = .*/fsync = ${PG_FSYNC:-on}/" "/etc/postgresql/$version/main/postgresql.conf"
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start
  fi
}

# A cluster of its own in $LOCAL/postgres (data, socket and log), trusting loopback: made for one run.
start_private_postgres() {
  local data="$LOCAL/postgres" bin; bin=$(pg_bin)
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating a private PostgreSQL cluster in $data"
    mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
    # postgres must be able to pass through every folder above its data directory (a checkout may be private).
    local up="$LOCAL"; while [ "$up" != "/" ]; do chmod o+x "$up" 2>/dev/null || true; up=$(dirname "$up"); done
    as_postgres "$bin/initdb -D '$data' -U postgres -A trust --no-sync" >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl -D '$data' status" >/dev/null 2>&1; then
    log "starting the private PostgreSQL on port $PG_PORT"
    as_postgres "$bin/pg_ctl -D '$data' -l '$data/server.log' -w -t 60 \
      -o '-p $PG_PORT -k $data -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=${PG_FSYNC:-on}' start" >/dev/null
  fi
}

start_redis() {
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p "$LOCAL/redis"
    # Append-only file: the live queue survives a restart of Redis itself too.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$LOCAL/redis" \
      --appendonly yes --save '' --logfile "$LOCAL/logs/redis.log" --pidfile "$LOCAL/pids/redis.pid"
  fi
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.2; done
  log "Redis did not start"; return 1
}

# The private node: its own name, ports, database and logs under $LOCAL/rabbitmq (the server runs as the rabbitmq
# user, which Debian's wrapper switches to; `su` keeps these variables).
private_rabbit_environment() {
  local dir="$LOCAL/rabbitmq"
  mkdir -p "$dir/mnesia" "$dir/log"
  printf 'listeners.tcp.local = 127.0.0.1:%s\nmanagement.tcp.port = %s\nmanagement.tcp.ip = 127.0.0.1\n' "$RABBIT_PORT" "$RABBIT_MANAGEMENT_PORT" > "$dir/rabbitmq.conf"
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$dir"
  export RABBITMQ_NODENAME="${RABBIT_NODE:-rabbit-private-$RABBIT_PORT@$(hostname -s)}" RABBITMQ_NODE_PORT="$RABBIT_PORT" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" RABBITMQ_MNESIA_BASE="$dir/mnesia" \
    RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# The private node's Erlang VMs, found by the node name in their environment (it is not on the command line).
private_rabbit_pids() {
  local pid
  for pid in $(pgrep -u rabbitmq beam.smp); do
    { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qx "RABBITMQ_NODENAME=$RABBITMQ_NODENAME" && echo "$pid"
  done
  return 0
}

# Stops the private node and waits until it has gone. `rabbitmqctl stop` can give up on a busy host, and a node left
# running serves the next run on these ports with the database of the run that started it: a fault day then
# "restarted" RabbitMQ into an empty database of its own, and what was published before the consumers had declared
# their queues again went nowhere (CI, 2026-12-03, a node a killed run had left).
stop_private_rabbit() {
  command -v rabbitmq-server >/dev/null || return 0 # not installed yet: nothing runs
  private_rabbit_environment
  rabbitmqctl -q stop >/dev/null 2>&1 || true
  local pids _
  for _ in $(seq 1 30); do
    pids=$(private_rabbit_pids)
    [ -n "$pids" ] || return 0
    sleep 1
  done
  log "RabbitMQ node $RABBITMQ_NODENAME did not stop: killing it"
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null || true
}

start_rabbitmq() {
  [ -z "$PRIVATE_INFRA" ] || private_rabbit_environment
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ${PRIVATE_INFRA:+ (private node $RABBITMQ_NODENAME)}"
    [ -n "$PRIVATE_INFRA" ] || rabbitmq-plugins enable --offline rabbitmq_management >/dev/null 2>&1 || true
    RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  local ready=""
  for _ in $(seq 1 90); do rabbitmqctl -q await_startup >/dev/null 2>&1 && { ready=1; break; }; sleep 1; done
  [ -n "$ready" ] || { log "RabbitMQ did not start"; return 1; }
  if [ -n "$INSTANCE" ]; then
    rabbitmqctl -q add_vhost "$INSTANCE" >/dev/null 2>&1 || true
    rabbitmqctl -q set_permissions -p "$INSTANCE" guest ".*" ".*" ".*" >/dev/null
  fi
}

start_clamd() {
  local dir="$LOCAL/clamav"
  mkdir -p "$dir/db"
  # Signatures cannot be downloaded here: the EICAR test signature lets clamd start and detect the test file.
  # Where freshclam has fetched real signatures they are used as well.
  echo "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature" > "$dir/db/eicar.hdb"
  for f in /var/lib/clamav/*.cvd /var/lib/clamav/*.cld; do [ -f "$f" ] && cp -u "$f" "$dir/db/"; done
  cat > "$dir/clamd.conf" <<CONF
DatabaseDirectory $dir/db
TCPSocket $CLAMD_PORT
TCPAddr 127.0.0.1
Foreground yes
LogFile $LOCAL/logs/clamd.log
PidFile $LOCAL/pids/clamd.pid
User root
StreamMaxLength 200M
MaxFileSize 200M
MaxScanSize 200M
AlertExceedsMax yes
CONF
  if ! wait_port 127.0.0.1 "$CLAMD_PORT" 0; then
    log "starting clamd"
    # In the foreground, in the background of this shell: a daemonizing clamd makes its parent wait for a signal
    # from the child, which under load times out (the start then fails) or arrives at whoever became the parent.
    nohup clamd --config-file="$dir/clamd.conf" >/dev/null 2>&1 &
    echo $! > "$LOCAL/pids/clamd.pid"
  fi
  wait_port 127.0.0.1 "$CLAMD_PORT" 60 || { log "clamd did not start"; tail -20 "$LOCAL/logs/clamd.log"; return 1; }
}

start_smtp() {
  mkdir -p "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"
  if ! wait_port 127.0.0.1 "$SMTP_PORT" 0; then
    log "starting the SMTP sink (mails kept in $MAILDIR)"
    nohup /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
      >"$LOCAL/logs/smtp.log" 2>&1 &
    echo $! > "$LOCAL/pids/smtp.pid"
  fi
  wait_port 127.0.0.1 "$SMTP_PORT" 20
}

start_turn() {
  load_secrets
  if ! pgrep -f "turnserver.*--listening-port=$TURN_PORT" >/dev/null; then
    log "starting coturn on loopback"
    nohup turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$TURN_PORT" \
      --use-auth-secret --static-auth-secret="$TURN_SECRET" --realm=municipal.local --allow-loopback-peers \
      --no-cli --no-tls --no-dtls --fingerprint --min-port=49160 --max-port=49200 \
      --log-file="$LOCAL/logs/turn.log" --pidfile="$LOCAL/pids/turn.pid" >/dev/null 2>&1 &
  fi
}

start_infrastructure() {
  install_packages
  start_postgres
  start_redis
  start_rabbitmq
  start_clamd
  start_smtp
  # A private set serves fault tests, which make no calls: the machine's coturn (if any) is left alone.
  [ -n "$PRIVATE_INFRA" ] || start_turn
}

# Empties an instance (its databases, RabbitMQ virtual host, Redis keys and stored documents), so that a run starts
# from nothing whatever earlier runs on this machine left behind. Never the default instance: that is the city's.
reset_instance() {
  [ -n "$INSTANCE" ] || { log "refusing to empty the default instance"; return 1; }
  log "emptying instance '$INSTANCE' (databases, virtual host, Redis keys, documents)"
  local args db; args=$(pg_client_args)
  for db in $DATABASES; do
    db=$(db_name "$db")
    as_postgres "psql $args -qc 'DROP DATABASE IF EXISTS $db WITH (FORCE)'" >/dev/null
    as_postgres "createdb $args -O municipal $db"
  done
  rabbitmqctl -q delete_vhost "$INSTANCE" >/dev/null 2>&1 || true
  rabbitmqctl -q add_vhost "$INSTANCE" >/dev/null
  rabbitmqctl -q set_permissions -p "$INSTANCE" guest ".*" ".*" ".*" >/dev/null
  redis-cli -p "$REDIS_PORT" --scan --pattern "$INSTANCE:*" | xargs -r -n 500 redis-cli -p "$REDIS_PORT" del >/dev/null
  rm -rf "$(apphost_run_dir)/documents"
}

# Stopping and restarting one part, for fault tests: only ever a private set (PRIVATE_INFRA=1), never the
# infrastructure other checkouts on this machine are using.
require_private_infra() {
  [ -n "$PRIVATE_INFRA" ] || { log "refusing to stop shared infrastructure (set PRIVATE_INFRA=1 for a private set)"; return 1; }
  # A private set on the shared ports would be the shared one.
  case " $PG_PORT $REDIS_PORT $RABBIT_PORT $CLAMD_PORT $SMTP_PORT " in
    *" 5432 "* | *" 6379 "* | *" 5672 "* | *" 3310 "* | *" 2525 "*) log "refusing: a private set needs ports of its own"; return 1 ;;
  esac
}

stop_component() { # postgres | redis | rabbitmq | clamd | smtp
  require_private_infra
  case "$1" in
    postgres) as_postgres "$(pg_bin)/pg_ctl -D '$LOCAL/postgres' -m fast -w stop" >/dev/null ;;
    redis) redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true ;;
    rabbitmq) stop_private_rabbit ;;
    clamd) kill_pidfile "$LOCAL/pids/clamd.pid" ;;
    smtp) kill_pidfile "$LOCAL/pids/smtp.pid" ;;
    *) log "unknown component: $1"; return 1 ;;
  esac
}

start_component() {
  require_private_infra
  case "$1" in
    postgres) start_postgres ;;
    redis) start_redis ;;
    rabbitmq) start_rabbitmq ;;
    clamd) start_clamd ;;
    smtp) start_smtp ;;
    *) log "unknown component: $1"; return 1 ;;
  esac
}

stop_private_infrastructure() {
  local c
  for c in postgres redis rabbitmq clamd smtp; do stop_component "$c" || true; done
}

kill_pidfile() { # file: stops that process and waits until it has gone
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  rm -f "$1"
}
