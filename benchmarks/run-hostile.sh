#!/usr/bin/env bash
# Measures a wsnio server on its library defaults under three hostile peers (issue 13), each
# against a fresh server started here and stopped here (it also stops by itself after 5
# minutes); every scenario is bounded (about 15 s, 15 s and 70 s).
#
#   benchmarks/run-hostile.sh                  this checkout's server
#   benchmarks/run-hostile.sh --baseline REV   the server of revision REV (e.g. 384abbe, main
#                                              before the hardening): its library modules are
#                                              built in a temporary directory, and the same
#                                              DefaultsServer is compiled against them
#
# Scenarios (HostilePeers): pipelining (20,000 pipelined GET /page of 16 KiB, nothing read),
# non-reading-echo (64 KiB messages to the echo endpoint for 10 s, no echo read), slow-frames
# (2,000 peers sending a frame one byte every 5 s). Each is measured the same way: server file
# descriptors, threads, live heap (jcmd GC.class_histogram, after a full collection) and
# resident memory before, and while the peers are still connected. SCENARIOS="a b" picks some.
# Output: benchmarks/target/hostile-<label>/ with each run's log and summary.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && git rev-parse --show-toplevel)
baseline=""
if [ "${1:-}" = "--baseline" ]; then
  baseline=${2:?--baseline needs a revision}
fi
jar=${BENCHMARKS_JAR:-$here/target/benchmarks.jar}
if [ ! -f "$jar" ]; then
  (cd "$repo" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
server_cp=$jar
label=current
if [ -n "$baseline" ]; then
  label=$(git -C "$repo" rev-parse --short "$baseline")
  work=${TMPDIR:-/tmp}/wsnio-baseline-$label
  if [ ! -f "$work/library.classpath" ]; then # the revision's library, built once
    rm -rf "$work" && mkdir -p "$work/src"
    git -C "$repo" archive "$baseline" | tar -x -C "$work/src"
    (cd "$work/src" && mvn -B -q -pl ws-server -am package -DskipTests)
    ls "$work"/src/ws-{frame,handshake,transport,server}/target/ws-*.jar | grep -v -- '-sources\|-javadoc' \
      | tr '\n' ':' > "$work/library.classpath"
  fi
  # this checkout's DefaultsServer, compiled against it every time
  rm -rf "$work/classes" "$work/server-src" && mkdir -p "$work/classes" "$work/server-src"
  cp "$here/src/main/java/dev/wsnio/benchmarks/hardening/DefaultsServer.java" "$work/server-src/"
  # routes answer with dev.wsnio.server.HttpResponse where the revision has it, else with the
  # handshake module's (as before the API had its own)
  response=dev.wsnio.handshake.HttpResponse
  if git -C "$repo" cat-file -e "$baseline:ws-server/src/main/java/dev/wsnio/server/HttpResponse.java" 2>/dev/null; then
    response=dev.wsnio.server.HttpResponse
  fi
  sed -i "s/^import dev\.wsnio\.\(server\|handshake\)\.HttpResponse;/import $response;/" "$work/server-src/DefaultsServer.java"
  peers=$here/src/main/java/dev/wsnio/benchmarks/peers
  javac -d "$work/classes" -cp "$(cat "$work/library.classpath")" "$work/server-src/DefaultsServer.java" \
    "$peers/ServerOptions.java" "$peers/Durations.java"
  server_cp="$work/classes:$(cat "$work/library.classpath")"
fi

out=${RESULTS_DIR:-$here/target/hostile-$label}
rm -rf "$out"
mkdir -p "$out"
server_pid=""
launched_pid=""
stop_server() {
  for pid in $server_pid $launched_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
  done
  server_pid=""
  launched_pid=""
}
trap stop_server EXIT

read -r -a scenarios <<< "${SCENARIOS:-pipelining non-reading-echo slow-frames}"
for scenario in "${scenarios[@]}"; do
  log="$out/$scenario-server.log"
  java -Xmx1g -cp "$server_cp" dev.wsnio.benchmarks.hardening.DefaultsServer --port 0 --stop-after 5m > "$log" 2>&1 &
  launched_pid=$!
  for _ in $(seq 150); do
    grep -q "listening on .* pid [0-9]* threads" "$log" 2>/dev/null && break  # the whole line, not half of it
    sleep 0.2
  done
  server_pid=$(grep -o 'pid [0-9]*' "$log" | head -1 | cut -d' ' -f2)
  port=$(grep -o 'ws://127.0.0.1:[0-9]*' "$log" | head -1 | cut -d: -f3)
  [ -n "$server_pid" ] || { echo "server did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 1
  echo "== $label: $scenario"
  java -Xmx512m -cp "$jar" dev.wsnio.benchmarks.hardening.HostilePeers --scenario "$scenario" --port "$port" \
    --server-pid "$server_pid" | tee "$out/$scenario.txt" || true
  stop_server
done

{
  echo "Server: $label ($(git -C "$repo" log -1 --format='%h %s' "${baseline:-HEAD}" | cut -c1-80)); $(nproc) cores, $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
  echo
  echo "| scenario | live heap before → during | resident before → during | fds during | GET /hello during | what the peers saw |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for scenario in "${scenarios[@]}"; do
    grep -h '^RESULT' "$out/$scenario.txt" 2>/dev/null | awk '{
      details = ""
      for (i = 2; i <= NF; i++) {
        split($i, kv, "="); v[kv[1]] = kv[2]
        if (kv[1] !~ /^(scenario|before_|during_|hello)/) details = details " " $i
      }
      gsub(/_/, " ", v["hello"])
      printf "| %s | %.1f → %.1f MiB | %.1f → %.1f MiB | %s | %s |%s |\n", v["scenario"],
        v["before_heap"] / 1048576, v["during_heap"] / 1048576, v["before_rss"] / 1048576, v["during_rss"] / 1048576,
        v["during_fds"], v["hello"], details
    }'
  done
} > "$out/summary.md"
cat "$out/summary.md"
