#!/usr/bin/env bash
# Fetches the real images the evaluation uses (docs/EVALUATION.md): five Debian packages, pinned
# by version and SHA-256, downloaded with `apt-get download` (no root, no installation) and
# unpacked with `dpkg-deb -x` into DIR/x. Nothing is committed: the pool of crops is made from
# these files by `imagedrift evaluate` with a fixed seed.
#
#   scripts/fetch-eval-images.sh [DIR]        (default: target/eval-images; about 1.2 GB)
#
# Offline: set DEBS_DIR to a directory that already holds the five .deb files.
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:-target/eval-images}"

# name=version sha256 (the checksums apt verified on Debian 12 bookworm)
packages=(
  "opencv-doc=4.6.0+dfsg-12 4b12681df35878207ac7097dc66184b2ae552e4bf4ddd2af04a0f03ed0b8682a"
  "python3-skimage=0.19.3-8 728d88c3e3440f1f3712de0805dc834d29248ff07e1eec8c0f3da07606f752f9"
  "python3-sklearn=1.2.1+dfsg-1 ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58"
  "stellarium-data=0.22.2-1 45aaebf39a814acbd6dcccea058c2f5651bcb5635599da03a215feeb51f4d5a5"
  "dataset-fashion-mnist=0.0~git20200523.55506a9-1 39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0"
)

debs="${DEBS_DIR:-$dest/debs}"
mkdir -p "$debs" "$dest/x"

for entry in "${packages[@]}"; do
  spec="${entry%% *}"; sum="${entry##* }"
  name="${spec%%=*}"; version="${spec#*=}"
  file="$debs/${name}_${version}_all.deb"
  if [ ! -f "$file" ]; then
    if [ -n "${DEBS_DIR:-}" ]; then
      echo "fetch-eval-images: $file is missing from DEBS_DIR" >&2
      exit 1
    fi
    (cd "$debs" && apt-get download "$spec")
  fi
  if ! echo "$sum  $file" | sha256sum --check --quiet -; then
    echo "fetch-eval-images: $file does not have the expected SHA-256 (another build of $spec?)" >&2
    exit 1
  fi
  stamp="$dest/x/.unpacked-$name-$version"
  if [ ! -f "$stamp" ]; then
    dpkg-deb -x "$file" "$dest/x"
    touch "$stamp"
  fi
done
echo "unpacked into $dest/x"
