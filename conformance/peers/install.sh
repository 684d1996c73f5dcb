#!/usr/bin/env bash
# Installs what the conformance module's tests need beyond the JDK, only what is missing
# (idempotent): the interop peers, Node's ws (pinned in node/package-lock.json), Python's
# websockets (Debian package, run with /usr/bin/python3) and headless Chromium (Debian
# package); iproute2's ss, which the flood test reads socket queues with; and redis-server
# (Debian package, 7.x, with redis-cli), which ws-cluster-redis's tests start on loopback ports.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if [ ! -f node/node_modules/ws/package.json ] \
    || ! cmp -s <(node -p "require('./node/node_modules/ws/package.json').version") \
                <(node -p "require('./node/package-lock.json').packages['node_modules/ws'].version"); then
  (cd node && npm ci --no-audit --no-fund)
fi

echo "peers: node $(node --version), ws $(node -p "require('./node/node_modules/ws/package.json').version"),"\
" python3-websockets $(/usr/bin/python3 -c 'import websockets; print(websockets.__version__)'),"\
" $(chromium --version 2>/dev/null | head -1), $(redis-server --version | cut -d' ' -f1-3)"
