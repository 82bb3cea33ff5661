#!/usr/bin/env bash
# Regenerates samples/ from the Debian packages the photographs come from (see samples/LICENSE.md).
# Downloads the .debs with apt-get (no root needed for `apt-get download`), unpacks them with
# dpkg-deb -x into a temporary directory, then runs the generator with its fixed seed.
# The versions are pinned: other versions may ship different files, giving different samples.
# Offline: set DEBS_DIR to a directory already holding those four .deb files.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  "opencv-doc=4.6.0+dfsg-12"
  "python3-skimage=0.19.3-8"
  "python3-sklearn=1.2.1+dfsg-1"
  "stellarium-data=0.22.2-1"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -n "${DEBS_DIR:-}" ]; then
  for p in "${packages[@]}"; do
    name="${p%%=*}"; version="${p#*=}"
    cp "$DEBS_DIR/${name}_${version}_"*.deb "$work/"
  done
else
  (cd "$work" && apt-get download "${packages[@]}")
fi
mkdir -p "$work/x"
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/x"
done

rm -rf samples/reference samples/current samples/current-brightened samples/bench640 samples/MANIFEST.csv
java scripts/MakeSamples.java "$work/x" samples
