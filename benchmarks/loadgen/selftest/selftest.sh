#!/usr/bin/env bash
# wsload's self-test: runs it against faulty-echo.js, a server that breaks the echo (or the
# handshake) in one planned way, and checks that wsload passes the correct variants and reports
# each fault as the right kind of error with exit status 1. About 40 seconds; Node and gcc.
#   benchmarks/loadgen/selftest/selftest.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# WSLOAD: test another build (e.g. one broken on purpose, to see the checks fail)
wsload=${WSLOAD:-$here/../../target/loadgen/wsload}
[ -n "${WSLOAD:-}" ] || "$here/../build.sh" "$wsload"
port=${PORT_BASE:-9480}
server_pid=""
stop() { [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true; server_pid=""; }
trap stop EXIT
passed=0
failed=0

# check FAULT IN-FLIGHT SIZE EXPECTED-STATUS PATTERN: PATTERN must appear in wsload's output
check() {
  local fault=$1 in_flight=$2 size=$3 want_status=$4 pattern=$5 log status
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  log=$(mktemp)
  node "$here/faulty-echo.js" "$port" "$fault" > "$log.server" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do grep -q listening "$log.server" && break; sleep 0.1; done
  status=0
  "$wsload" --url "ws://127.0.0.1:$port/" --connections 3 --in-flight "$in_flight" --size "$size" \
    --warmup 0.2s --duration 1s --drain 1s > "$log" 2>&1 || status=$?
  stop
  if [ "$status" = "$want_status" ] && grep -qE "$pattern" "$log"; then
    echo "ok   $fault (in flight $in_flight, $size B): exit $status, /$pattern/"
    passed=$((passed + 1))
  else
    echo "FAIL $fault (in flight $in_flight, $size B): exit $status (expected $want_status), /$pattern/ expected in:"
    sed 's/^/     /' "$log"
    failed=$((failed + 1))
  fi
  rm -f "$log" "$log.server"
  port=$((port + 1))
}

check none 1 64 0 'errors       0 '
check none 4 70000 0 'errors       0 '
check fragments 1 300 0 'errors       0 '
check split 1 200 0 'errors       0 '
check corrupt 1 64 1 'mismatched echoes 3,'
check corrupt 2 20000 1 'differs from what was sent'
check drop 1 64 1 'echoes lost 3,'
check duplicate 1 64 1 'mismatched echoes 3,'
check reorder 2 64 1 'mismatched echoes 3,'
check masked 1 64 1 'protocol errors 3,'
check text 1 64 1 'a text echo of a binary message'
check close 1 64 1 'the server closed the WebSocket \(code 1011\)'
check bad-accept 1 64 1 'wrong Sec-WebSocket-Accept'
check extension 1 64 1 'an extension the client did not offer'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
