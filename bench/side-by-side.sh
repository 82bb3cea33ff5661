#!/usr/bin/env bash
# Side by side, each on one core (taskset -c 0), in one run, on the same 1,000 real 640x480 JPEG
# frames (quality 85): the seven properties in Python over every pixel (Pillow + NumPy), the
# reference check's default path (Pillow + 10,000 sampled pixels), and the product's `snapshot`
# as a whole process in exact and fast mode over 3,000 images (the frames listed 3 times, so the
# JVM's start is a small share); then the detector on the same 10,000 x 7 matrices: the product's
# calibrated and reference-check rules against scikit-learn's HistGradientBoosting with
# permutation importance. Prints a table and the ratios; also checks that ImageIO and TurboJPEG
# decode every frame to identical pixels, and fast mode's error against the sampling error.
#
#   bench/side-by-side.sh            (about 10 minutes on 2 cores; results in target/side-by-side/)
#
# Needs root for apt-get when Debian's python3-numpy, python3-pil, python3-sklearn or the TurboJPEG
# packages are missing, and Maven for the build. The frames are made by bench/make_frames.py from
# the photographs of Debian's opencv-doc 4.6.0 (downloaded with apt-get download, checked by
# SHA-256, unpacked with dpkg-deb -x; DEBS_DIR=DIR to use a local copy).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="$root/target/side-by-side"
mkdir -p "$out"
PY=/usr/bin/python3          # Debian's Python, where the apt packages live

# ---- what it needs
need=()
"$PY" -c "import numpy, PIL, sklearn" 2>/dev/null || need+=(python3-numpy python3-pil python3-sklearn)
{ [ -f /usr/share/java/turbojpeg.jar ] && [ -e /usr/lib/x86_64-linux-gnu/libturbojpeg.so ]; } \
  || need+=(libturbojpeg-java libturbojpeg0-dev)
command -v taskset >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# ---- the fidelity frames
frames="$out/frames"
if [ "$(find "$frames" -name '*.jpg' 2>/dev/null | wc -l)" -ne 1000 ]; then
  deb_spec="opencv-doc=4.6.0+dfsg-12"
  deb_sum="4b12681df35878207ac7097dc66184b2ae552e4bf4ddd2af04a0f03ed0b8682a"
  debs="${DEBS_DIR:-$out/debs}"
  mkdir -p "$debs" "$out/x"
  deb="$debs/opencv-doc_4.6.0+dfsg-12_all.deb"
  [ -f "$deb" ] || (cd "$debs" && apt-get download "$deb_spec")
  echo "$deb_sum  $deb" | sha256sum --check --quiet -
  dpkg-deb -x "$deb" "$out/x"
  rm -rf "$frames"
  "$PY" bench/make_frames.py "$out/x" "$frames" --count 1000 --seed 42 --quality 85
fi
# The same 1,000 files three times over (hard links: 3,000 ids, the same bytes).
frames3="$out/frames-x3"
if [ "$(find "$frames3" -name '*.jpg' 2>/dev/null | wc -l)" -ne 3000 ]; then
  rm -rf "$frames3"
  for copy in a b c; do mkdir -p "$frames3/$copy"; ln "$frames"/*.jpg "$frames3/$copy/"; done
fi

# ---- the product
jar=target/image-drift-monitor.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  mvn -q -B -ntp package -DskipTests
fi
mvn -q -B -ntp test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"

pin=(taskset -c 0)
# glibc keeps freed NumPy temporaries instead of returning them: on these VMs a fresh page costs
# tens of microseconds, which would slow the exact Python path about 25-fold for no reason of its own.
export MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=1000000000
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

results="$out/results.jsonl"
: > "$results"

snapshot_rate() { # label, extra args: whole-process runs over the 1,000 and the 3,000 images, one worker thread
  local label=$1; shift
  "$PY" bench/run_timed.py "$label-1000" 1000 -- "${pin[@]}" java -jar "$jar" snapshot --images "$frames" \
    --out "$out/$label-1000.json.gz" --threads 1 --quiet --jpeg-decoder turbojpeg "$@" >> "$results"
  "$PY" bench/run_timed.py "$label" 3000 -- "${pin[@]}" java -jar "$jar" snapshot --images "$frames3" \
    --out "$out/$label.json.gz" --threads 1 --quiet --jpeg-decoder turbojpeg "$@" >> "$results"
}

echo "== pixels: ImageIO vs TurboJPEG on every frame"
"${pin[@]}" java -cp "$cp" dev.imagedrift.tools.bench.DecoderAgreement "$frames" | tee "$out/decoder-agreement.txt" | tail -1
echo "== Python, exact (every pixel)"
"${pin[@]}" "$PY" bench/properties_py.py exact "$frames" | tee -a "$results"
echo "== Python, the reference check's sampled path (10,000 pixels)"
"${pin[@]}" "$PY" bench/properties_py.py sampled "$frames" | tee -a "$results"
echo "== snapshot, exact mode, 3,000 images, whole process"
snapshot_rate snapshot-exact; tail -1 "$results"
echo "== snapshot, fast mode, 3,000 images, whole process"
snapshot_rate snapshot-fast --fast; tail -1 "$results"
echo "== fast mode's error vs the 10,000-pixel sampling's error"
"${pin[@]}" java -cp "$cp" dev.imagedrift.tools.bench.FastModeError "$frames" | tee "$out/fast-mode-error.md" | tail -12
echo "== detector, 10,000 vs 10,000"
"$PY" bench/detector_py.py write "$out/ref.csv" "$out/cur.csv"
"${pin[@]}" "$PY" bench/detector_py.py time "$out/ref.csv" "$out/cur.csv" | tee -a "$results"
"${pin[@]}" java -Xmx2g -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 -cp "$cp" \
  dev.imagedrift.tools.bench.DetectorTiming "$out/ref.csv" "$out/cur.csv" | tee -a "$results"

echo
"$PY" bench/summary.py "$results" | tee "$out/summary.md"
echo "(load average during the run: $(cut -d' ' -f1-3 /proc/loadavg); results in $out)"
