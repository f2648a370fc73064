#!/usr/bin/env bash
# Checks dev mode as a newcomer meets it: starts `./mvnw quarkus:dev` with no KAFKA_BOOTSTRAP_SERVERS (dev mode then
# starts the project's KRaft broker itself, see DevBroker), sends one question to qa.requests with Kafka's console
# producer and waits for its answer on qa.answers. Passes when the answer arrives within DEV_CHECK_SECONDS (60) of
# the start; prints the time. Stops dev mode (and so the broker) at the end.
# Usage: src/main/scripts/dev-check.sh          (port 9092 must be free or hold a broker of yours)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUDGET=${DEV_CHECK_SECONDS:-60}
LOG=$ROOT/target/dev-check.log
CP_FILE=$ROOT/target/local-broker/classpath.txt
ID="dev-check-$$-$(date +%s)"
unset KAFKA_BOOTSTRAP_SERVERS

say() { printf 'dev-check: %s\n' "$*"; }
mkdir -p "$ROOT/target"

# The console tools come from the broker's classpath; resolve it first so that downloading it is not timed.
"$ROOT/src/main/scripts/local-broker.sh" status > /dev/null 2>&1 || true
if [ ! -s "$CP_FILE" ]; then
  (cd "$ROOT" && ./mvnw -q -f src/local-broker/pom.xml dependency:build-classpath -Dmdep.outputFile="$CP_FILE")
fi
CP=$(cat "$CP_FILE")

started=$(date +%s)
say "starting ./mvnw quarkus:dev (log: $LOG)"
(cd "$ROOT" && exec ./mvnw -q quarkus:dev -Dquarkus.console.enabled=false > "$LOG" 2>&1) &
DEV_PID=$!
stop_dev() {
  # SIGTERM lets Maven stop the dev-mode JVM, whose shutdown hook stops the broker it started.
  kill "$DEV_PID" 2> /dev/null || true
  wait "$DEV_PID" 2> /dev/null || true
}
trap stop_dev EXIT

elapsed() { echo $(( $(date +%s) - started )); }
until curl -fs -o /dev/null http://localhost:9000/q/health/ready; do
  if ! kill -0 "$DEV_PID" 2> /dev/null; then
    say "quarkus:dev exited; last lines of $LOG:"; tail -30 "$LOG"; exit 1
  fi
  if [ "$(elapsed)" -gt "$BUDGET" ]; then
    say "FAIL: not ready within ${BUDGET}s; last lines of $LOG:"; tail -30 "$LOG"; exit 1
  fi
  sleep 1
done
say "ready after $(elapsed)s; sending $ID"

printf '%s\n' "{\"id\":\"$ID\",\"question\":\"Where does the tower stand?\",\"context\":\"The Eiffel Tower stands in Paris. It was finished in 1889.\"}" |
  java -cp "$CP" org.apache.kafka.tools.ConsoleProducer --bootstrap-server localhost:9092 --topic qa.requests \
    > /dev/null 2>&1

# The console consumer reads qa.answers from the start into a file; the answer is looked for there every 200 ms.
ANSWERS=$ROOT/target/dev-check.answers
: > "$ANSWERS"
java -cp "$CP" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server localhost:9092 \
  --topic qa.answers --from-beginning > "$ANSWERS" 2> /dev/null &
CONSUMER_PID=$!
trap 'kill "$CONSUMER_PID" 2> /dev/null || true; stop_dev' EXIT
until grep -q "\"id\":\"$ID\"" "$ANSWERS"; do
  if [ "$(elapsed)" -gt "$BUDGET" ]; then
    say "FAIL: no answer to $ID within ${BUDGET}s of the start; last lines of $LOG:"; tail -30 "$LOG"; exit 1
  fi
  sleep 0.2
done
say "answered after $(elapsed)s (budget ${BUDGET}s): $(grep -m1 "\"id\":\"$ID\"" "$ANSWERS" | cut -c1-160)"
