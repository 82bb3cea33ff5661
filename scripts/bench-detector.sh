#!/usr/bin/env bash
# Runs the detector benchmark (JMH): 10,000 vs 10,000 samples, each mode, one thread, one core.
# Extra arguments go to JMH, e.g.  scripts/bench-detector.sh -p perSide=1000
# Takes about two minutes after the build.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile
classpath="target/test-classes:target/classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"

# One core: Smile's split search is a parallel stream; pin the JVM so the figure is a one-core figure.
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi

"${pin[@]}" java -cp "$classpath" org.openjdk.jmh.Main 'dev.imagedrift.tools.bench.DetectorBenchmark' \
    -rf text -rff target/bench-detector.txt "$@"
echo "JMH summary written to target/bench-detector.txt"
