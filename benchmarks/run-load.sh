#!/usr/bin/env bash
# Runs the echo load tool against each echo server in turn, over loopback, and summarises the
# results in Markdown. Every server is started here and stopped here (and stops by itself
# after 15 minutes in any case); every load run is bounded.
#
#   benchmarks/run-load.sh quick [servers...]   100 connections x 64 B for 5 s, 2,000 idle
#   benchmarks/run-load.sh full  [servers...]   100 connections x 64 B for 10 s, 4 KiB text
#                                               with permessage-deflate, 10,000 idle
#
# Servers: wsnio netty java-websocket node (default: all four). Output: benchmarks/target/
# load-<mode>/ with each run's report and summary.md. Java servers all run with the same flags
# (512 MiB heap, touched at start so that the resident-memory growth of the idle run is native
# memory; the heap's share is measured separately with jcmd).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-quick}
shift || true
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(wsnio netty java-websocket node)
jar=${BENCHMARKS_JAR:-$here/target/benchmarks.jar}
if [ ! -f "$jar" ]; then
  (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
if [ ! -d "$here/peers/node/node_modules/ws" ]; then
  (cd "$here/peers/node" && npm ci --no-audit --no-fund --omit-lockfile-registry-resolved)
fi

case $mode in
  quick)
    scenarios=("--connections 100 --size 64 --type binary --duration 5s --warmup 2s")
    idle_connections=2000
    ;;
  full)
    scenarios=(
      "--connections 100 --size 64 --type binary --duration 10s --warmup 3s"
      "--connections 100 --size 4096 --type text --compression on --in-flight 2 --duration 10s --warmup 3s"
    )
    idle_connections=10000
    ;;
  *)
    echo "usage: $0 quick|full [wsnio|netty|java-websocket|node ...]" >&2
    exit 2
    ;;
esac

out=$here/target/load-$mode
rm -rf "$out"
mkdir -p "$out"
port=9400
java_flags=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled)
load=(java -Xmx1g -cp "$jar" dev.wsnio.benchmarks.load.LoadTool)
server_pid=""

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  server_pid=""
}
trap stop_server EXIT

# start_server NAME LOG: starts the server on the next port, sets server_pid
start_server() {
  local name=$1 log=$2
  port=$((port + 1))
  case $name in
    wsnio) java "${java_flags[@]}" -cp "$jar" dev.wsnio.benchmarks.peers.OurEchoServer --port "$port" --stop-after 15m > "$log" 2>&1 & ;;
    netty) java "${java_flags[@]}" -cp "$jar" dev.wsnio.benchmarks.peers.NettyEchoServer --port "$port" --stop-after 15m > "$log" 2>&1 & ;;
    java-websocket) java "${java_flags[@]}" -cp "$jar" dev.wsnio.benchmarks.peers.JavaWebSocketEchoServer --port "$port" --stop-after 15m > "$log" 2>&1 & ;;
    node) timeout 15m node "$here/peers/node/echo.js" "$port" > "$log" 2>&1 & ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  local launched=$!
  for _ in $(seq 150); do
    if grep -q "listening on" "$log" 2>/dev/null; then
      server_pid=$(grep -o 'pid [0-9]*' "$log" | head -1 | cut -d' ' -f2)
      sleep 1 # let it settle after start-up
      return
    fi
    sleep 0.2
  done
  echo "$name did not start:" >&2
  cat "$log" >&2
  kill "$launched" 2>/dev/null || true
  exit 1
}

for server in "${servers[@]}"; do
  index=0
  for scenario in "${scenarios[@]}"; do
    index=$((index + 1))
    start_server "$server" "$out/$server-server-echo$index.log"
    echo "== $server echo: $scenario"
    read -r -a args <<< "$scenario"
    "${load[@]}" --url "ws://127.0.0.1:$port/" --server-pid "$server_pid" "${args[@]}" \
      | tee "$out/$server-echo$index.txt" || true
    stop_server
  done
  start_server "$server" "$out/$server-server-idle.log"
  echo "== $server idle: $idle_connections connections"
  "${load[@]}" --mode idle --url "ws://127.0.0.1:$port/" --server-pid "$server_pid" \
    --connections "$idle_connections" --settle 5s | tee "$out/$server-idle.txt" || true
  stop_server
done

{
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1), node $(node --version); $mode run $(date -u +%Y-%m-%d)"
  echo
  echo "| server | scenario | messages/s | MB/s each way | p50 µs | p99 µs | p99.9 µs | errors | server CPU % | client CPU % |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for server in "${servers[@]}"; do
    for file in "$out/$server"-echo*.txt; do
      grep -h '^RESULT mode=echo' "$file" | awk -v server="$server" '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        scenario = v["connections"] " x " v["size"] " B " v["type"] (v["compression"] == "on" ? " deflate" : "") ", " v["in_flight"] " in flight"
        printf "| %s | %s | %\047d | %s | %.0f | %.0f | %.0f | %s | %s | %s |\n", server, scenario, v["msgs_per_s"], v["mb_per_s"], v["p50_us"], v["p99_us"], v["p999_us"], v["errors"], v["server_cpu_pct"], v["client_cpu_pct"]
      }'
    done
  done
  echo
  echo "| server | idle connections | resident bytes per connection | live heap bytes per connection |"
  echo "| --- | --- | --- | --- |"
  for server in "${servers[@]}"; do
    grep -h '^RESULT mode=idle' "$out/$server-idle.txt" | awk -v server="$server" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "| %s | %s | %\047d | %s |\n", server, v["connections"], v["rss_per_connection"], v["heap_per_connection"]
    }'
  done
} > "$out/summary.md"
cat "$out/summary.md"
