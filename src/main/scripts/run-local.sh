#!/usr/bin/env bash
# Runs the worker against a local KRaft broker: builds the jar if missing, starts the broker,
# runs `quarkus-run.jar serve` in the foreground and stops the broker again when the app exits.
# Usage: run-local.sh [extra serve options]        (see src/main/scripts/README.md)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
export LOCAL_KAFKA_PORT=${LOCAL_KAFKA_PORT:-9092}

# Build when the jar is missing or older than any source, resource or the pom (a stale jar would run old code).
STALE=""
if [ -f "$JAR" ]; then
  STALE=$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)
fi
if [ ! -f "$JAR" ] || [ -n "$STALE" ]; then
  if [ -n "$STALE" ]; then
    echo "run-local: $STALE is newer than $JAR, rebuilding it (./mvnw -q -DskipTests package)"
  else
    echo "run-local: $JAR is missing, building it (./mvnw -q -DskipTests package)"
  fi
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

# A broker that was already running belongs to someone else: use it, but leave it running.
stop_broker=false
if ! "$HERE/local-broker.sh" status > /dev/null; then
  stop_broker=true
fi
cleanup() {
  if [ "$stop_broker" = true ]; then
    "$HERE/local-broker.sh" stop || true
  fi
}
trap cleanup EXIT
"$HERE/local-broker.sh" start

# The app runs in the background so that this shell can pass Ctrl-C / TERM on to it and
# still reach the EXIT trap; a background job ignores the terminal's Ctrl-C by itself.
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} TF_CPU_ALLOCATOR_USE_BFC=${TF_CPU_ALLOCATOR_USE_BFC:-true} TF_ENABLE_ONEDNN_OPTS=${TF_ENABLE_ONEDNN_OPTS:-1} KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$LOCAL_KAFKA_PORT java ${JAVA_OPTS:-} -jar "$JAR" serve "$@" &
app=$!
trap 'kill -TERM "$app" 2> /dev/null || true' INT TERM
status=0
while :; do
  # wait returns early when a trapped signal arrives: keep waiting until the app has shut down.
  wait "$app" && status=0 || status=$?
  kill -0 "$app" 2> /dev/null || break
done
exit "$status"
