#!/usr/bin/env bash
# Builds wsload, the C echo load generator, with gcc: benchmarks/loadgen/build.sh [OUTPUT]
# (default benchmarks/target/loadgen/wsload). TLS (wss://) is compiled in when OpenSSL's
# headers are installed (Debian: libssl-dev); without them the tool serves ws:// only.
# Rebuilds only when a source is newer than the binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../target/loadgen/wsload}
mkdir -p "$(dirname "$out")"
sources=("$here"/*.c)
if [ -x "$out" ] && [ -z "$(find "$here" -name '*.[ch]' -newer "$out")" ]; then
  exit 0
fi
flags=(-std=c11 -O2 -g -Wall -Wextra -Wshadow -Wformat=2 -D_FORTIFY_SOURCE=2)
libs=()
if printf '#include <openssl/ssl.h>\n' | gcc -E - >/dev/null 2>&1; then
  flags+=(-DWSLOAD_TLS)
  libs+=(-lssl -lcrypto)
fi
gcc "${flags[@]}" -o "$out" "${sources[@]}" "${libs[@]}"
