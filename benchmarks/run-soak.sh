#!/usr/bin/env bash
# The soak run: starts a wsnio server (library defaults, plus the demo's heartbeat of 15 s / 10 s
# so that peers that went silent are found), then for MINUTES minutes (default 10) peers open
# WebSocket connections, exchange, close cleanly or vanish (reset, or silent), mixed with plain
# HTTP requests (one at a time, pipelined, HTTP/1.0, pipelined and never read), at RATE
# activities per second (default 100). The server's file descriptors, threads, live heap (after a
# full collection) and resident memory are printed at the start, every minute and at the end,
# after the peers have gone: flat lines mean nothing leaks. Everything stops by itself; the
# server is stopped here whatever happens (and stops by itself 5 minutes after the run's end).
#
#   benchmarks/run-soak.sh [MINUTES]
#
# Output: benchmarks/target/soak/soak.txt (the report) and server.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
minutes=${1:-10}
jar=${BENCHMARKS_JAR:-$here/target/benchmarks.jar}
if [ ! -f "$jar" ]; then
  (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
out=${RESULTS_DIR:-$here/target/soak}
rm -rf "$out"
mkdir -p "$out"
launched_pid=""
server_pid=""
stop_server() {
  for pid in $server_pid $launched_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
  done
}
trap stop_server EXIT

# The heap is sized and touched at start (as run-load.sh does), so that resident memory that
# grows is native memory (direct buffers, sockets, threads), not the heap filling its size.
java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp "$jar" dev.wsnio.benchmarks.hardening.DefaultsServer \
  --port 0 --heartbeat 15s/10s \
  --stop-after "$((minutes + 5))m" > "$out/server.log" 2>&1 &
launched_pid=$!
for _ in $(seq 150); do
  grep -q "listening on .* pid [0-9]* threads" "$out/server.log" 2>/dev/null && break  # the whole line
  sleep 0.2
done
server_pid=$(grep -o 'pid [0-9]*' "$out/server.log" | head -1 | cut -d' ' -f2)
port=$(grep -o 'ws://127.0.0.1:[0-9]*' "$out/server.log" | head -1 | cut -d: -f3)
[ -n "$server_pid" ] || { echo "server did not start:" >&2; cat "$out/server.log" >&2; exit 1; }
sleep 1
java -Xmx512m -cp "$jar" dev.wsnio.benchmarks.hardening.SoakRun --port "$port" --server-pid "$server_pid" \
  --duration "${minutes}m" --rate "${RATE:-100}" | tee "$out/soak.txt"
