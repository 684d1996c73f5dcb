#!/usr/bin/env bash
# Runs the JMH benchmarks (wsnio against Netty and Java-WebSocket on the same bytes) and turns
# the results into Markdown tables and a chart.
#
#   benchmarks/run-jmh.sh quick   a subset, modest settings: under 5 minutes
#   benchmarks/run-jmh.sh full    every benchmark and parameter: about 45 minutes
#
# Output: benchmarks/target/jmh-<mode>/ with one JSON and one log per benchmark class,
# results.md (the tables) and chart.png (frames/s by payload size).
# Extra arguments are passed to JMH (e.g. -f 3 for more forks).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-quick}
shift || true
jar=${BENCHMARKS_JAR:-$here/target/benchmarks.jar}
if [ ! -f "$jar" ]; then
  (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
out=${RESULTS_DIR:-$here/target/jmh-$mode}
rm -rf "$out"
mkdir -p "$out"

case $mode in
  quick)
    settings=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
    groups=(
      "DecodeBenchmark -p payloadSize=125,65536 -p kind=TEXT -p direction=CLIENT_TO_SERVER"
      "EncodeBenchmark -p payloadSize=125,65536"
      "MaskingBenchmark -p payloadSize=65536"
      "Utf8Benchmark -p size=1024 -p sample=ASCII,CHINESE"
      "DeflateBenchmark -p size=1024"
    )
    ;;
  full)
    settings=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
    groups=(DecodeBenchmark DecodeStreamBenchmark EncodeBenchmark MaskingBenchmark Utf8Benchmark DeflateBenchmark)
    ;;
  *)
    echo "usage: $0 quick|full [JMH options]" >&2
    exit 2
    ;;
esac

for group in "${groups[@]}"; do
  read -r -a words <<< "$group"
  name=${words[0]}
  echo "== $name"
  java -jar "$jar" "\\.${name}\\." "${words[@]:1}" "${settings[@]}" -prof gc -rf json -rff "$out/$name.json" "$@" \
    > "$out/$name.log" 2>&1 || { tail -30 "$out/$name.log"; exit 1; }
  sed -n '/^Benchmark /,$p' "$out/$name.log" | grep -v -E 'gc\.(count|time)|alloc\.rate ' || true
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
ram=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
jdk=$(java -version 2>&1 | head -1)
caption="$mode run, $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $ram RAM, $jdk; JMH ${settings[*]}"
json=("$out"/*.json)
{
  echo "Machine: $caption"
  echo
  java -cp "$jar" dev.wsnio.benchmarks.chart.ResultsTable "${json[@]}"
} > "$out/results.md"
java -Djava.awt.headless=true -cp "$jar" dev.wsnio.benchmarks.chart.ThroughputChart "$out/chart.png" "$caption" "${json[@]}"
echo "tables: $out/results.md"
echo "chart:  $out/chart.png"
