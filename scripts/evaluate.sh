#!/usr/bin/env bash
# Regenerates docs/EVALUATION.md and docs/evaluation/ (plots, results.csv): false alarms and
# detection power of the calibrated rule and the reference check's rule on real images.
#
#   scripts/evaluate.sh [evaluate options]     e.g. --null-trials 200 --power-trials 50 for a quick look
#
# Fetches the images first if needed (scripts/fetch-eval-images.sh; EVAL_IMAGES=DIR to keep them
# elsewhere, DIR/x holding the unpacked packages), builds the jar if it is missing or older than
# the sources, then runs `imagedrift evaluate`. Property vectors are cached in target/eval-cache.
# About 20-30 minutes on 2 cores with the defaults; see `imagedrift evaluate --help`.
set -euo pipefail
cd "$(dirname "$0")/.."

images="${EVAL_IMAGES:-target/eval-images}"
if [ ! -d "$images/x/usr" ]; then
  scripts/fetch-eval-images.sh "$images"
fi

jar=target/image-drift-tools.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi

exec java -Xmx2g -jar "$jar" evaluate --images "$images/x" "$@"
