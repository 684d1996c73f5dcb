#!/usr/bin/env bash
# Produces issue 15's comparison table: every echo server in turn on loopback, driven by wsload
# (the C load generator in loadgen/, built here with gcc) pinned to its own core, then a
# Markdown table of the results. Every server is started and stopped here (and stops by itself
# after 30 minutes in any case); every load run is bounded in time.
#
#   benchmarks/run-table.sh full  [servers...]   the lead's run: 5 s warm-up, 10 s measured,
#                                                2 rounds, 10,000 idle, 2,000 idle wss://
#                                                (about 16 minutes; the script prints its time)
#   benchmarks/run-table.sh quick [servers...]   a smoke test of everything: 1 s + 2 s, 1 round,
#                                                1,000 idle, 200 idle wss:// (about 3 minutes)
#
# Servers: wsnio netty-epoll netty-nio bun node (default: all five). Per round, each scenario
# runs on every server before the next scenario starts (the servers take turns), each run on a
# freshly started server:
#   e100   100 connections x 64 B binary, 1 in flight      msgs/s, p50, p99
#   e1000  1,000 connections x 64 B binary, 1 in flight    msgs/s, p99, server RSS (max while measured)
#   e16k   100 connections x 16 KiB binary, 1 in flight    MB/s each way
#   idle   10,000 idle connections: time until all are open, RSS growth and (Java) live heap
#          growth per connection, both read after a full collection (jcmd GC.class_histogram)
# then "one I/O thread each" (wsnio --threads 1, Netty epoll with 1 worker: e100 and e1000), and
# idle wss:// connections on wsnio (live heap per idle TLS connection).
#
# Threads: wsnio its default (one event loop per core), Netty its default (two workers per
# core, plus one acceptor thread), Bun and Node one JavaScript thread. Java servers: -Xmx2g,
# Netty's leak detection off. The load tool runs on CPU $LOAD_CPU (default: the last one), the
# servers on all CPUs unless SERVER_CPUS says otherwise (e.g. SERVER_CPUS=0).
#
# Environment: ROUNDS, WARMUP, DURATION, IDLE_CONNECTIONS, TLS_IDLE_CONNECTIONS, LOAD_CPU,
# SERVER_CPUS, SKIP_ONE_THREAD=1, SKIP_TLS=1, RESULTS_DIR (default results/table-full for full,
# target/table-quick for quick), BENCHMARKS_JAR. Output: one report per run (*.txt), each
# server's log (*.log), machine.txt, table.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-quick}
shift || true
servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(wsnio netty-epoll netty-nio bun node)
started=$(date +%s)

case $mode in
  full)
    rounds=${ROUNDS:-2}; warmup=${WARMUP:-5s}; duration=${DURATION:-10s}
    idle_connections=${IDLE_CONNECTIONS:-10000}; tls_idle_connections=${TLS_IDLE_CONNECTIONS:-2000}
    settle=5s; out=${RESULTS_DIR:-$here/results/table-full} ;;
  quick)
    rounds=${ROUNDS:-1}; warmup=${WARMUP:-1s}; duration=${DURATION:-2s}
    idle_connections=${IDLE_CONNECTIONS:-1000}; tls_idle_connections=${TLS_IDLE_CONNECTIONS:-200}
    settle=1s; out=${RESULTS_DIR:-$here/target/table-quick} ;;
  *)
    echo "usage: $0 quick|full [wsnio|netty-epoll|netty-nio|bun|node ...]" >&2
    exit 2 ;;
esac

jar=${BENCHMARKS_JAR:-$here/target/benchmarks.jar}
if [ ! -f "$jar" ]; then
  (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
wsload=$here/target/loadgen/wsload
"$here/loadgen/build.sh" "$wsload"
source "$here/servers.sh"
ensure_peers "${servers[@]}"
trap stop_server EXIT

cores=$(nproc)
load_cpu=${LOAD_CPU:-$((cores - 1))}
load=(taskset -c "$load_cpu" "$wsload")
if [ -n "${SERVER_CPUS:-}" ]; then
  server_prefix=(taskset -c "$SERVER_CPUS")
fi
java_flags=(-Xmx2g)

rm -rf "$out"
mkdir -p "$out"

# the arguments that give each server its default thread count (stated in the table)
default_threads() {
  case $1 in
    wsnio) echo "--threads $cores" ;;
    netty-epoll|netty-nio) echo "--threads $((2 * cores))" ;;
    *) echo "" ;;
  esac
}

# run NAME SERVER-ARGS REPORT LOAD-ARGS...: a fresh server, one wsload run against it
run() {
  local name=$1 server_args=$2 report=$3 scheme=ws
  shift 3
  local base=${name%-1t}
  base=${base%-tls}
  read -r -a extra <<< "$server_args"
  [[ "$server_args" == *--tls-keystore* ]] && scheme=wss
  if ! start_server "$base" "$out/$report.log" "${extra[@]}"; then
    echo "NOT RUN: $(head -3 "$out/$report.log")" > "$out/$report.txt"
    return 0
  fi
  echo "== $report: $name ($server_threads threads) $*"
  echo "SERVER name=$name threads=$server_threads cpus=${SERVER_CPUS:-all} pid=$server_pid" > "$out/$report.txt"
  "${load[@]}" --url "$scheme://127.0.0.1:$server_port/" --server-pid "$server_pid" "$@" \
    2>&1 | tee -a "$out/$report.txt" | grep -E '^(  throughput|  latency|  errors|  client CPU|  resident|  live heap|idle |connected )' || true
  stop_server
}

echo_scenario() {
  case $1 in
    e100) echo "--connections 100 --size 64" ;;
    e1000) echo "--connections 1000 --size 64" ;;
    e16k) echo "--connections 100 --size 16384" ;;
  esac
}

for round in $(seq "$rounds"); do
  for scenario in e100 e1000 e16k; do
    read -r -a scenario_args <<< "$(echo_scenario "$scenario")"
    for server in "${servers[@]}"; do
      run "$server" "$(default_threads "$server")" "$server-$scenario-r$round" \
        "${scenario_args[@]}" --warmup "$warmup" --duration "$duration"
    done
  done
done
for server in "${servers[@]}"; do
  run "$server" "$(default_threads "$server")" "$server-idle" \
    --mode idle --connections "$idle_connections" --settle "$settle"
done
if [ "${SKIP_ONE_THREAD:-0}" != 1 ]; then
  one_thread=()
  for server in wsnio netty-epoll; do
    [[ " ${servers[*]} " == *" $server "* ]] && one_thread+=("$server-1t")
  done
  for round in $(seq "$rounds"); do
    for scenario in e100 e1000; do
      read -r -a scenario_args <<< "$(echo_scenario "$scenario")"
      for server in "${one_thread[@]}"; do
        run "$server" "--threads 1" "$server-$scenario-r$round" \
          "${scenario_args[@]}" --warmup "$warmup" --duration "$duration"
      done
    done
  done
fi
if [ "${SKIP_TLS:-0}" != 1 ] && [[ " ${servers[*]} " == *" wsnio "* ]]; then
  keystore=$here/target/table-tls.p12
  rm -f "$keystore"
  keytool -genkeypair -alias echo -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext SAN=ip:127.0.0.1,dns:localhost -validity 7 -keystore "$keystore" -storetype PKCS12 \
    -storepass benchmark -keypass benchmark > /dev/null 2>&1
  run wsnio-tls "$(default_threads wsnio) --tls-keystore $keystore" wsnio-tls-idle \
    --mode idle --connections "$tls_idle_connections" --settle "$settle" --connect-timeout 180s
fi

elapsed=$(( $(date +%s) - started ))
{
  echo "cores=$cores"
  echo "load_cpu=$load_cpu"
  echo "server_cpus=${SERVER_CPUS:-all}"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "node=$(node --version)"
  echo "bun=$(bun=$(bun_binary) && "$bun" --version || echo none)"
  echo "kernel=$(uname -r)"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command=benchmarks/run-table.sh $mode ${servers[*]}"
  echo "settings=rounds $rounds, warm-up $warmup, measured $duration, $idle_connections idle, $tls_idle_connections idle wss://"
  echo "elapsed_s=$elapsed"
} > "$out/machine.txt"
python3 "$here/table.py" "$out" > "$out/table.md"
cat "$out/table.md"
echo "results in $out ($elapsed s)"
