#!/usr/bin/env bash
# Single-node KRaft Kafka broker for local runs, from Maven Central jars (no Docker, no Kafka install).
# Usage: local-broker.sh start|stop|status      (see src/main/scripts/README.md for the variables)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
PORT=${LOCAL_KAFKA_PORT:-9092}
CONTROLLER_PORT=${LOCAL_KAFKA_CONTROLLER_PORT:-$((PORT + 1))}
START_TIMEOUT=${LOCAL_KAFKA_START_TIMEOUT:-120}
TOPICS=${LOCAL_KAFKA_TOPICS:-qa.requests:3 qa.answers:1 qa.requests.dlq:1}
# C1 only and the serial collector halve the start time on 2 cores; the broker needs little heap.
JAVA_OPTS=${LOCAL_KAFKA_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m}
# One directory per port: the KRaft voter set stored in the data remembers the controller port.
HOME_DIR=$ROOT/target/local-broker/$PORT
CONF=$HOME_DIR/server.properties
LOG=$HOME_DIR/broker.log
PID_FILE=$HOME_DIR/broker.pid
CP_FILE=$ROOT/target/local-broker/classpath.txt

say() { printf 'local-broker: %s\n' "$*"; }
fail() { say "$*" >&2; exit 1; }

broker_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE")
  # Guard against a recycled pid: the process must still be this broker.
  ps -o args= -p "$pid" 2>/dev/null | grep -q "kafka.Kafka $CONF" || return 1
  echo "$pid"
}

classpath() {
  if [ ! -s "$CP_FILE" ] || [ "$ROOT/src/local-broker/pom.xml" -nt "$CP_FILE" ]; then
    say "resolving the broker classpath (first run downloads ~45 MB from Maven Central)" >&2
    mkdir -p "$(dirname "$CP_FILE")"
    (cd "$ROOT" && ./mvnw -q -f src/local-broker/pom.xml dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE") || fail "could not resolve src/local-broker/pom.xml"
  fi
  cat "$CP_FILE"
}

write_config() {
  mkdir -p "$HOME_DIR/data"
  cat > "$CONF" <<PROPS
# Written by src/main/scripts/local-broker.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
log.dirs=$HOME_DIR/data
# One node: every internal topic must have replication factor 1, or consumers wait forever.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.partitions=1
PROPS
}

format_once() {
  [ -f "$HOME_DIR/data/meta.properties" ] && return 0
  # A cluster id is 16 random bytes in URL-safe base64; a leading '-' would read as an option.
  local id; id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
  id="A${id:1}"
  say "formatting $HOME_DIR/data (cluster id $id)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$1" kafka.tools.StorageTool format -t "$id" -c "$CONF" --standalone \
    > "$HOME_DIR/format.log" 2>&1 || fail "storage format failed: see $HOME_DIR/format.log"
}

# The first errors say why (a port in use, a bad config); the last lines are only the shutdown.
show_errors() {
  grep -m 5 -E "ERROR|Exception" "$LOG" >&2 || tail -n 20 "$LOG" >&2 || true
}

wait_until_started() {
  local pid=$1 waited=0
  until grep -q "Kafka Server started" "$LOG" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_errors
      fail "broker exited during start (port $PORT or $CONTROLLER_PORT in use?); log: $LOG"
    fi
    if [ "$waited" -ge $((START_TIMEOUT * 5)) ]; then
      show_errors
      kill -KILL -- "-$pid" 2>/dev/null || true
      fail "no \"Kafka Server started\" after ${START_TIMEOUT}s (LOCAL_KAFKA_START_TIMEOUT); stopped it, log: $LOG"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

create_topics() {
  local spec
  for spec in $TOPICS; do
    # shellcheck disable=SC2086
    java $JAVA_OPTS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$1" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" \
      --create --if-not-exists --topic "${spec%%:*}" --partitions "${spec##*:}" --replication-factor 1 \
      >> "$HOME_DIR/topics.log" 2>&1 || fail "could not create topic $spec: see $HOME_DIR/topics.log"
  done
  say "topics ready: $TOPICS"
}

start() {
  local pid cp started
  if pid=$(broker_pid); then
    say "already running (pid $pid) on 127.0.0.1:$PORT"
    return 0
  fi
  started=$(date +%s%N)
  cp=$(classpath)
  write_config
  format_once "$cp"
  : > "$LOG"
  # setsid: the broker leads its own process group, so stop can end it and all its children,
  # and a Ctrl-C in the calling terminal does not reach it.
  # shellcheck disable=SC2086
  setsid java $JAVA_OPTS -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS -cp "$cp" kafka.Kafka "$CONF" \
    >> "$LOG" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  wait_until_started "$pid"
  say "started (pid $pid) on 127.0.0.1:$PORT in $(( ($(date +%s%N) - started) / 1000000 )) ms"
  create_topics "$cp"
}

stop() {
  local pid waited=0
  if ! pid=$(broker_pid); then
    say "not running on port $PORT"
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 150 ]; then
      say "no clean shutdown after 30s: killing process group $pid"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid=$(broker_pid); then
    say "running (pid $pid) on 127.0.0.1:$PORT, data in $HOME_DIR"
  else
    say "not running on port $PORT"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
