#!/usr/bin/env bash
# A RabbitMQ node of its own (name, AMQP, management and Erlang distribution ports, database and logs in DIR), in the
# foreground as the rabbitmq user so the AppHost sees it, stops it and restarts it.
# Usage: rabbitmq.sh DIR NODENAME AMQP_PORT MANAGEMENT_PORT DIST_PORT
set -euo pipefail
dir=$1 node=$2 port=$3 management=$4 dist=$5
mkdir -p "$dir/mnesia" "$dir/log"
printf 'listeners.tcp.local = 127.0.0.1:%s\nmanagement.tcp.port = %s\nmanagement.tcp.ip = 127.0.0.1\n' \
  "$port" "$management" > "$dir/rabbitmq.conf"
echo '[rabbitmq_management].' > "$dir/enabled_plugins"
chown -R rabbitmq:rabbitmq "$dir"
up=$(dirname "$dir"); while [ "$up" != "/" ]; do chmod o+x "$up" 2>/dev/null || true; up=$(dirname "$up"); done
export RABBITMQ_NODENAME="$node" RABBITMQ_NODE_PORT="$port" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_DIST_PORT="$dist" \
  RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_LOGS=- \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
cd /var/lib/rabbitmq
exec runuser -u rabbitmq -- /usr/lib/rabbitmq/bin/rabbitmq-server
