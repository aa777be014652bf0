#!/usr/bin/env bash
# Local AWS backends for the JS tests (recipe and traps: docs/toolchain.md).
#
#   scripts/servers.sh start   starts moto_server (DynamoDB + S3, CORS on) and DynamoDB Local on free
#                              ports, waits until both answer, writes target/servers.env and prints it
#   scripts/servers.sh stop    stops what `start` recorded (by PID, with children); idempotent
#
# Then: `set -a; . target/servers.env; set +a` exports DDB_LOCAL_ENDPOINT and MOTO_ENDPOINT, which
# tests/support/endpoints.mjs reads. Logs and PID files live in target/servers/.
# Needs scripts/setup.sh (the .venv-moto virtualenv, .cache/dynamodb-local and java).
# Env: SERVERS_TIMEOUT (seconds to wait for each server, default 60).
#
# moto binds 127.0.0.1 (-H). DynamoDB Local has no bind-address option and listens on every
# interface; everything here connects to it through 127.0.0.1 only.
set -euo pipefail
set +m # no job control: a background job must stay in our process group, so setsid execs in place
cd "$(dirname "$0")/.."

DIR=target/servers
ENV_FILE=target/servers.env
DDB_LOCAL=.cache/dynamodb-local
TIMEOUT=${SERVERS_TIMEOUT:-60}

# free_port: a port nothing listens on (asked of the kernel; listening on all interfaces because
# DynamoDB Local binds them all).
free_port() {
  node -e "const s = require('net').createServer().listen(0, () => { console.log(s.address().port); s.close(); })"
}

# launch NAME CMD...: starts CMD in the background in its own session (setsid execs in place, so the
# PID recorded is the server's own and `kill -- -PID` also reaches any child it starts).
launch() {
  local name=$1
  shift
  setsid "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

# wait_ready NAME PROBE...: polls PROBE until it succeeds; fails early if the server exited, or after
# TIMEOUT seconds, showing the tail of the server log.
wait_ready() {
  local name=$1 pid deadline=$((SECONDS + TIMEOUT))
  shift
  pid=$(cat "$DIR/$name.pid")
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "servers: $name exited during startup; $DIR/$name.log ends with:" >&2
      tail -n 30 "$DIR/$name.log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "servers: $name not ready after ${TIMEOUT}s; $DIR/$name.log ends with:" >&2
      tail -n 30 "$DIR/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
}

moto_probe() { curl -sf -m 2 "$1/moto-api/"; }

# A real ListTables call. DynamoDB Local checks only that a SigV4 Authorization header is present.
ddb_probe() {
  curl -sf -m 2 -X POST "$1/" \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    -d '{}' | grep -q TableNames
}

# alive SID: whether any process of that session is still running.
alive() { ps -o pid= -s "$1" >/dev/null 2>&1; }

stop() {
  local f pid name i sessions=()
  # SIGTERM to every recorded server first, then wait for them together (each takes 1-2 s).
  for f in "$DIR"/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    name=$(basename "$f" .pid)
    # Only a live process that still leads the session we started (guards against a reused PID).
    if [ -n "$pid" ] && [ "$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
      kill -TERM -- "-$pid" 2>/dev/null || true
      sessions+=("$pid")
      echo "servers: stopping $name (pid $pid)"
    fi
    rm -f "$f"
  done
  for pid in "${sessions[@]}"; do
    for i in $(seq 100); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      echo "servers: session $pid ignored SIGTERM for 10 s, killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  done
  rm -f "$ENV_FILE"
}

start() {
  # A fresh pair every time: replaces whatever an earlier `start` in this checkout left running.
  stop >/dev/null
  mkdir -p "$DIR"
  [ -x .venv-moto/bin/moto_server ] || { echo "servers: .venv-moto missing; run scripts/setup.sh" >&2; return 1; }
  [ -f "$DDB_LOCAL/DynamoDBLocal.jar" ] || { echo "servers: $DDB_LOCAL missing; run scripts/setup.sh" >&2; return 1; }

  local moto_port ddb_port t0 moto_ep ddb_ep
  moto_port=$(free_port)
  ddb_port=$(free_port)
  while [ "$ddb_port" = "$moto_port" ]; do ddb_port=$(free_port); done
  moto_ep="http://127.0.0.1:$moto_port"
  ddb_ep="http://127.0.0.1:$ddb_port"

  # Both start at once; each is timed from here to its first good answer.
  t0=$(date +%s%N)
  # moto enables CORS for every origin unless MOTO_DISABLE_GLOBAL_CORS is set (the browser tests need it).
  launch moto env -u MOTO_DISABLE_GLOBAL_CORS .venv-moto/bin/moto_server -H 127.0.0.1 -p "$moto_port"
  # DynamoDB Local writes dynamodb-local-metadata.json into its working directory and copies its
  # SQLite native library into java.io.tmpdir: keep both inside target/servers/.
  mkdir -p "$DIR/dynamodb-local/tmp"
  launch dynamodb-local env -C "$DIR/dynamodb-local" java -Djava.io.tmpdir=tmp \
    -Djava.library.path="$PWD/$DDB_LOCAL/DynamoDBLocal_lib" -jar "$PWD/$DDB_LOCAL/DynamoDBLocal.jar" \
    -inMemory -sharedDb -disableTelemetry -port "$ddb_port"

  if ! wait_ready moto moto_probe "$moto_ep"; then stop >/dev/null; return 1; fi
  echo "servers: moto ready in $((($(date +%s%N) - t0) / 1000000)) ms (pid $(cat "$DIR/moto.pid"))"
  if ! wait_ready dynamodb-local ddb_probe "$ddb_ep"; then stop >/dev/null; return 1; fi
  echo "servers: dynamodb-local ready in $((($(date +%s%N) - t0) / 1000000)) ms (pid $(cat "$DIR/dynamodb-local.pid"))"

  printf 'DDB_LOCAL_ENDPOINT=%s\nMOTO_ENDPOINT=%s\n' "$ddb_ep" "$moto_ep" >"$ENV_FILE"
  cat "$ENV_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
