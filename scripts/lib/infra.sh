# Installs (Debian packages) and starts the infrastructure on loopback, idempotently.
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PACKAGES="postgresql redis-server rabbitmq-server chromium coturn clamav-daemon clamav python3-aiosmtpd tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu poppler-utils"

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

start_postgres() {
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
  wait_port 127.0.0.1 "$PG_PORT" 30 || { log "PostgreSQL did not start"; return 1; }
  su postgres -c "psql -p $PG_PORT -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='municipal'\"" | grep -q 1 \
    || su postgres -c "psql -p $PG_PORT -qc \"CREATE ROLE municipal LOGIN SUPERUSER PASSWORD 'municipal'\""
  local db
  for db in $DATABASES; do
    db=$(db_name "$db")
    su postgres -c "psql -p $PG_PORT -qtAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
      || su postgres -c "createdb -p $PG_PORT -O municipal $db"
  done
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

start_rabbitmq() {
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ"
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null 2>&1 || true
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
Foreground false
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
    clamd --config-file="$dir/clamd.conf"
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
  start_turn
}
