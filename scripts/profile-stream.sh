#!/usr/bin/env bash
# Where the time goes when JPEG events stream through the monitor: runs `bench throughput --kind jpeg`
# under Java Flight Recorder and breaks the streaming phase down by thread group (stream threads,
# in-process broker, client network threads, GC, JIT) and, for the stream threads, by the code
# running and the phase of the loop (process, commit, poll, punctuate).
#
#   scripts/profile-stream.sh [bench throughput options, e.g. --events 12000]
#
# Output: target/bench/profile/{bench.txt,stream.jfr,breakdown.txt}. Needs the tools jar (built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/image-drift-tools.jar
[ -f "$jar" ] || mvn -q -B -ntp package -DskipTests
out=target/bench/profile
mkdir -p "$out"
java -XX:StartFlightRecording=filename="$out/stream.jfr",settings=profile,dumponexit=true \
  -jar "$jar" bench throughput --kind jpeg "$@" 2>"$out/bench.log" | tee "$out/bench.txt"
span=$(sed -n 's/^streaming phase: \([0-9]*\) \.\. \([0-9]*\) epoch ms$/\1 \2/p' "$out/bench.txt")
[ -n "$span" ] || { echo "no streaming phase in $out/bench.txt" >&2; exit 1; }
# shellcheck disable=SC2086
java scripts/JfrBreakdown.java "$out/stream.jfr" $span | tee "$out/breakdown.txt"
