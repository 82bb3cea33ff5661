#!/usr/bin/env bash
# JMH benchmark of image decoding and the seven properties over samples/bench640 (640x480 JPEG
# photos): decode, decode + properties, properties alone, and the plain reference loop; one
# thread, then two. About 2.5 minutes. Results: target/jmh-properties-t1.json and -t2.json.
# Extra arguments go to JMH, e.g. `scripts/bench-properties.sh decodeAndProperties -i 10`.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"

for threads in 1 2; do
  echo "== PropertyBenchmark, $threads thread(s)"
  java -cp "$classpath" org.openjdk.jmh.Main "PropertyBenchmark" -t "$threads" \
    -rf json -rff "target/jmh-properties-t$threads.json" "$@"
done
