#!/usr/bin/env bash
# Installs what the tests need beyond JDK 17, Maven and Node, only what is missing (idempotent),
# on Debian: the interop peers (Node's ws, pinned in node/package-lock.json; Python's websockets,
# run with /usr/bin/python3; headless Chromium), redis-server with redis-cli (ws-cluster-redis's
# tests start their own on free loopback ports), a CJK font (so that Chinese text, the demo's
# 你好, is not drawn as boxes in Chromium's screenshots) and iproute2's ss (the flood test reads
# socket queues with it).
#
# Debian packages are installed as root, or through sudo for another user; Node's ws goes into
# node/node_modules without either.
set -euo pipefail
cd "$(dirname "$0")"

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install.sh: not root and no sudo: install the Debian packages it names as root" >&2
  fi
  as_root=(sudo)
fi

missing=()
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-cjk)
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if [ ! -f node/node_modules/ws/package.json ] \
    || ! cmp -s <(node -p "require('./node/node_modules/ws/package.json').version") \
                <(node -p "require('./node/package-lock.json').packages['node_modules/ws'].version"); then
  (cd node && npm ci --no-audit --no-fund)
fi

echo "peers: node $(node --version), ws $(node -p "require('./node/node_modules/ws/package.json').version"),"\
" python3-websockets $(/usr/bin/python3 -c 'import websockets; print(websockets.__version__)'),"\
" $(chromium --version 2>/dev/null | head -1), $(redis-server --version | cut -d' ' -f1-3)"
