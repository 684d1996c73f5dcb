# Starting and stopping the benchmark echo servers, one at a time, on loopback. Sourced by
# run-table.sh, compare-load-tools.sh and run-load.sh (not run by itself).
#
# The caller sets:  here (the benchmarks folder), jar (benchmarks.jar); optionally
#                   java_flags (array, default -Xmx2g), server_prefix (array, e.g. taskset -c 0)
# start_server NAME LOG [ARGS...]
#   NAME: wsnio | netty-epoll | netty-nio (or netty) | java-websocket | bun | node
#   ARGS: more arguments for a Java server (--threads N, --tls-keystore FILE ...)
#   Sets server_pid (the server process itself), server_port, server_threads; returns 1 when
#   the server did not start (its log says why).
# stop_server: stops it (SIGTERM, then SIGKILL after 10 s); also the EXIT trap's job.
# ensure_peers NAME...: installs the Node and Bun peers' pinned packages when missing.
# bun_binary: prints the path of a working Bun binary, or returns 1 and sets bun_problem.

[ -n "${server_prefix+set}" ] || server_prefix=()
server_pid=""
launched_pid=""
server_port=""
server_threads=""
next_port=${PORT_BASE:-9500}

# the next port nobody listens on
free_port() {
  while (exec 3<>"/dev/tcp/127.0.0.1/$next_port") 2>/dev/null; do
    next_port=$((next_port + 1))
  done
  server_port=$next_port
  next_port=$((next_port + 1))
}

bun_binary() {
  local dir=$here/peers/bun/node_modules candidate
  # the bun package's postinstall puts the platform binary in bun/bin/bun.exe; when install
  # scripts were not run, the platform package still holds it
  for candidate in "$dir/bun/bin/bun.exe" "$dir/@oven/bun-linux-x64/bin/bun" \
                   "$dir/@oven/bun-linux-x64-baseline/bin/bun"; do
    if [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  bun_problem="no working Bun binary under $dir (npm ci in benchmarks/peers/bun: the bun package's
platform package, e.g. @oven/bun-linux-x64, carries it; see benchmarks/README.md)"
  return 1
}

ensure_peers() {
  local name
  for name in "$@"; do
    case $name in
      node)
        [ -d "$here/peers/node/node_modules/ws" ] \
          || (cd "$here/peers/node" && npm ci --no-audit --no-fund) ;;
      bun)
        [ -d "$here/peers/bun/node_modules/bun" ] \
          || (cd "$here/peers/bun" && npm ci --no-audit --no-fund) ;;
    esac
  done
}

stop_server() {
  local pid
  for pid in $server_pid $launched_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
  done
  server_pid=""
  launched_pid=""
}

start_server() {
  local name=$1 log=$2
  shift 2
  local flags=(-Xmx2g)
  [ -z "${java_flags+set}" ] || flags=("${java_flags[@]}")
  local java=(java "${flags[@]}" -Dio.netty.leakDetection.level=disabled -cp "$jar")
  local bun
  free_port
  case $name in
    wsnio) "${server_prefix[@]}" "${java[@]}" dev.wsnio.benchmarks.peers.OurEchoServer --port "$server_port" --stop-after 30m "$@" > "$log" 2>&1 & ;;
    netty-epoll) "${server_prefix[@]}" "${java[@]}" dev.wsnio.benchmarks.peers.NettyEpollEchoServer --port "$server_port" --stop-after 30m "$@" > "$log" 2>&1 & ;;
    netty|netty-nio) "${server_prefix[@]}" "${java[@]}" dev.wsnio.benchmarks.peers.NettyEchoServer --port "$server_port" --stop-after 30m "$@" > "$log" 2>&1 & ;;
    java-websocket) "${server_prefix[@]}" "${java[@]}" dev.wsnio.benchmarks.peers.JavaWebSocketEchoServer --port "$server_port" --stop-after 30m "$@" > "$log" 2>&1 & ;;
    node) "${server_prefix[@]}" timeout 30m node "$here/peers/node/echo.js" "$server_port" > "$log" 2>&1 & ;;
    bun)
      if ! bun=$(bun_binary); then
        echo "bun did not start: $bun_problem" > "$log"
        return 1
      fi
      "${server_prefix[@]}" timeout 30m "$bun" "$here/peers/bun/echo.js" "$server_port" > "$log" 2>&1 & ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  launched_pid=$! # known at once, so that the exit trap stops it whatever happens next
  local line
  for _ in $(seq 150); do
    # complete lines only (read skips a last line without its newline): the server may still
    # be writing its start-up line
    while IFS= read -r line; do
      if [[ $line =~ listening\ on.*\ pid\ ([0-9]+) ]]; then
        server_pid=${BASH_REMATCH[1]}
        server_threads=1 # Node: one JavaScript thread
        [[ $line =~ threads\ ([0-9]+) ]] && server_threads=${BASH_REMATCH[1]}
        sleep 1 # let it settle after start-up
        return 0
      fi
    done < "$log"
    kill -0 "$launched_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "$name did not start:" >&2
  cat "$log" >&2
  stop_server
  return 1
}
