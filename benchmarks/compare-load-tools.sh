#!/usr/bin/env bash
# Is the load tool the bottleneck? Runs the same echo scenarios with both load tools, wsload (C,
# one thread) and LoadTool (Java, wsnio's client, one event loop), against the same servers:
# the server pinned to CPU 0 with one I/O thread, the load tool pinned to CPU 1, a fresh server
# for each run, the tools taking turns. A tool that needs all of its core while the server has
# time to spare is the bottleneck; a tool that reports more messages/s (and a lower p99) against
# the same server measured more of the server. CPU µs per message (CPU time / echoes) is the
# figure that a busy machine disturbs least.
#
#   benchmarks/compare-load-tools.sh [servers...]   (default: wsnio netty-epoll)
#
# Environment: ROUNDS (default 2), WARMUP (5s), DURATION (10s), RESULTS_DIR (default
# target/load-tools). About (ROUNDS x servers x 2 scenarios x 2 tools x 20 s): 5.5 minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(wsnio netty-epoll)
rounds=${ROUNDS:-2}
warmup=${WARMUP:-5s}
duration=${DURATION:-10s}
out=${RESULTS_DIR:-$here/target/load-tools}
[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs: one for the server, one for the load tool" >&2; exit 2; }

jar=${BENCHMARKS_JAR:-$here/target/benchmarks.jar}
if [ ! -f "$jar" ]; then
  (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
wsload=$here/target/loadgen/wsload
"$here/loadgen/build.sh" "$wsload"
source "$here/servers.sh"
ensure_peers "${servers[@]}"
trap stop_server EXIT
server_prefix=(taskset -c 0)
java_flags=(-Xmx2g)
rm -rf "$out"
mkdir -p "$out"

for round in $(seq "$rounds"); do
  for connections in 100 1000; do
    for server in "${servers[@]}"; do
      for tool in wsload java; do
        report=$out/$server-$connections-$tool-r$round.txt
        start_server "$server" "${report%.txt}.log" --threads 1 || continue
        echo "== round $round: $tool against $server, $connections x 64 B"
        case $tool in
          wsload) load=(taskset -c 1 "$wsload") ;;
          java) load=(taskset -c 1 java -Xmx2g -cp "$jar" dev.wsnio.benchmarks.load.LoadTool --client-threads 1) ;;
        esac
        "${load[@]}" --url "ws://127.0.0.1:$server_port/" --server-pid "$server_pid" --connections "$connections" \
          --size 64 --warmup "$warmup" --duration "$duration" > "$report" 2>&1 || true
        grep '^RESULT' "$report" || tail -3 "$report"
        stop_server
      done
    done
  done
done

{
  echo "Server pinned to CPU 0 with one I/O thread, load tool pinned to CPU 1; 64 B binary, 1 in flight, $warmup warm-up, $duration measured; $(date -u +%Y-%m-%d)"
  echo
  echo "| server | connections | tool | round | messages/s | p50 µs | p99 µs | tool CPU % | tool CPU µs per message | server CPU % | server CPU µs per message | errors |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for server in "${servers[@]}"; do
    for connections in 100 1000; do
      for tool in wsload java; do
        for file in "$out/$server-$connections-$tool"-r*.txt; do
          [ -f "$file" ] || continue
          round=${file##*-r}
          round=${round%.txt}
          grep -h '^RESULT' "$file" | awk -v server="$server" -v c="$connections" -v tool="$tool" -v round="$round" '{
            for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            rate = v["msgs_per_s"] > 0 ? v["msgs_per_s"] : 1
            printf "| %s | %s | %s | %s | %d | %.0f | %.0f | %s | %.2f | %s | %.2f | %s |\n", server, c, tool, round, v["msgs_per_s"], v["p50_us"], v["p99_us"], v["client_cpu_pct"], v["client_cpu_pct"] * 1e4 / rate, v["server_cpu_pct"], v["server_cpu_pct"] * 1e4 / rate, v["errors"]
          }'
        done
      done
    done
  done
} > "$out/summary.md"
cat "$out/summary.md"
