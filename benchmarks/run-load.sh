#!/usr/bin/env bash
# Runs the echo load tool against each echo server in turn, over loopback, and summarises the
# results in Markdown. Every server is started here and stopped here (and stops by itself
# after 30 minutes in any case); every load run is bounded.
#
#   benchmarks/run-load.sh quick [servers...]   100 connections x 64 B for 5 s, 2,000 idle
#   benchmarks/run-load.sh full  [servers...]   100 connections x 64 B for 10 s, 4 KiB text
#                                               with permessage-deflate, 10,000 idle
#
# Servers: wsnio netty (NIO) java-websocket node (default: these four), netty-epoll, bun.
# PIN=1 pins each server to CPU 0 with one I/O thread and the load tool to CPU 1 (taskset), so
# that neither takes the other's core; SKIP_IDLE=1 skips the idle-connection runs. Output: benchmarks/target/
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
    echo "usage: $0 quick|full [wsnio|netty|java-websocket|node|netty-epoll|bun ...]" >&2
    exit 2
    ;;
esac

out=${RESULTS_DIR:-$here/target/load-$mode}
rm -rf "$out"
mkdir -p "$out"
java_flags=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch)
load=(java -Xmx1g -cp "$jar" dev.wsnio.benchmarks.load.LoadTool)
server_prefix=()
thread_args=()
if [ "${PIN:-0}" = 1 ]; then
  server_prefix=(taskset -c 0)
  thread_args=(--threads 1)
  load=(taskset -c 1 "${load[@]}" --client-threads 1)
fi
source "$here/servers.sh"
ensure_peers "${servers[@]}"
trap stop_server EXIT

rounds=${ROUNDS:-1}
for round in $(seq "$rounds"); do
  for server in "${servers[@]}"; do
    index=0
    for scenario in "${scenarios[@]}"; do
      index=$((index + 1))
      [ -z "${SCENARIO:-}" ] || [ "$SCENARIO" = "$index" ] || continue
      start_server "$server" "$out/$server-server-echo$index-r$round.log" "${thread_args[@]}" || continue
      echo "== $server echo (round $round): $scenario"
      read -r -a args <<< "$scenario"
      "${load[@]}" --url "ws://127.0.0.1:$server_port/" --server-pid "$server_pid" "${args[@]}" \
        | tee "$out/$server-echo$index-r$round.txt" || true
      stop_server
    done
  done
done
if [ "${SKIP_IDLE:-0}" != 1 ]; then
  for server in "${servers[@]}"; do
    start_server "$server" "$out/$server-server-idle.log" "${thread_args[@]}" || continue
    echo "== $server idle: $idle_connections connections"
    "${load[@]}" --mode idle --url "ws://127.0.0.1:$server_port/" --server-pid "$server_pid" \
      --connections "$idle_connections" --settle 5s | tee "$out/$server-idle.txt" || true
    stop_server
  done
fi

{
  echo "Machine: ${PIN:+pinned (server on CPU 0 with one I/O thread, load tool on CPU 1), }$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1), node $(node --version); $mode run $(date -u +%Y-%m-%d)"
  echo
  echo "| server | round | scenario | messages/s | MB/s each way | p50 µs | p99 µs | p99.9 µs | errors | server CPU % | client CPU % |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for server in "${servers[@]}"; do
    for file in "$out/$server"-echo*.txt; do
      round=${file##*-r}
      round=${round%.txt}
      grep -h '^RESULT mode=echo' "$file" | awk -v server="$server" -v round="$round" '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        scenario = v["connections"] " x " v["size"] " B " v["type"] (v["compression"] == "on" ? " deflate" : "") ", " v["in_flight"] " in flight"
        printf "| %s | %s | %s | %d | %s | %.0f | %.0f | %.0f | %s | %s | %s |\n", server, round, scenario, v["msgs_per_s"], v["mb_per_s"], v["p50_us"], v["p99_us"], v["p999_us"], v["errors"], v["server_cpu_pct"], v["client_cpu_pct"]
      }'
    done
  done
  echo
  echo "| server | idle connections | resident bytes per connection | live heap bytes per connection |"
  echo "| --- | --- | --- | --- |"
  for server in "${servers[@]}"; do
    [ -f "$out/$server-idle.txt" ] || continue
    grep -h '^RESULT mode=idle' "$out/$server-idle.txt" | awk -v server="$server" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "| %s | %s | %d | %s |\n", server, v["connections"], v["rss_per_connection"], v["heap_per_connection"]
    }'
  done
} > "$out/summary.md"
cat "$out/summary.md"
