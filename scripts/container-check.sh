#!/usr/bin/env bash
# Builds the production and demo images from the jars of `mvn package` on a JRE 17 base made from
# Debian packages (no image registry needed), then runs them with no network:
#   - `check` on the bundled photos gives the README's verdicts (exit 0, then exit 1) and scores;
#   - the production image has no `demo` (it is the slim jar) and carries the TurboJPEG binding;
#   - a shortened `demo` fires its alert and resolves it (exit 0).
# Needs root, docker.io and debootstrap (.ci/run installs them). Starts dockerd when none is
# running (bridge and iptables off: containers get no network of their own) and stops it at the
# end. Times every step. Environment:
#   IMAGEDRIFT_ROOTFS_CACHE  a tarball of the base's root filesystem: read when present, written
#                            after a debootstrap (a cache directory kept between CI runs)
#   DEBIAN_MIRROR            default: the first Debian mirror of the apt sources
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=local/debian-jre17:bookworm
PRODUCTION=image-drift-monitor:ci
DEMO=image-drift-monitor-demo:ci
WORK=target/container-check
mkdir -p "$WORK"

say() { echo "[container-check] $*"; }
fail() { say "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for jar in target/image-drift-monitor.jar target/image-drift-tools.jar; do
  [ -f "$jar" ] || fail "$jar is missing: run mvn package first"
done

# ---- the Docker daemon
DOCKERD_PID=
stop_dockerd() {
  if [ -n "$DOCKERD_PID" ]; then
    kill "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
    say "stopped the dockerd this script started"
  fi
}
trap stop_dockerd EXIT
if ! docker info >/dev/null 2>&1; then
  t=$(now)
  dockerd --bridge=none --iptables=false >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$DOCKERD_PID" 2>/dev/null || { tail -20 "$WORK/dockerd.log"; fail "dockerd exited"; }
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || fail "dockerd not ready after 30 s (log: $WORK/dockerd.log)"
  say "dockerd ready in $(took "$t") s (storage driver $(docker info --format '{{.Driver}}'))"
fi

# ---- the base image: Debian bookworm with OpenJDK 17's JRE, from Debian packages
if docker image inspect "$BASE" >/dev/null 2>&1; then
  say "base image $BASE already present"
elif [ -n "${IMAGEDRIFT_ROOTFS_CACHE:-}" ] && [ -f "$IMAGEDRIFT_ROOTFS_CACHE" ]; then
  t=$(now)
  docker import "$IMAGEDRIFT_ROOTFS_CACHE" "$BASE" >/dev/null
  say "base image imported from $IMAGEDRIFT_ROOTFS_CACHE in $(took "$t") s"
else
  # The first Debian archive (not -security) of the apt sources: deb822 "URIs:" or one-line "deb".
  mirror=${DEBIAN_MIRROR:-$(awk '($1 == "URIs:" || $1 == "deb") {
      for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian\/?$/) { print $i; exit } }' \
    /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)}
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs=$(mktemp -d /var/tmp/imagedrift-rootfs.XXXXXX)
  t=$(now)
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" \
    >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; rm -rf "$rootfs"; fail "debootstrap"; }
  say "debootstrap (minbase + openjdk-17-jre-headless, $mirror) in $(took "$t") s, $(du -sh "$rootfs" | cut -f1)"
  t=$(now)
  if [ -n "${IMAGEDRIFT_ROOTFS_CACHE:-}" ]; then
    mkdir -p "$(dirname "$IMAGEDRIFT_ROOTFS_CACHE")"
    tar -C "$rootfs" -c . >"$IMAGEDRIFT_ROOTFS_CACHE"
    docker import "$IMAGEDRIFT_ROOTFS_CACHE" "$BASE" >/dev/null
  else
    tar -C "$rootfs" -c . | docker import - "$BASE" >/dev/null
  fi
  rm -rf "$rootfs"
  say "base image imported in $(took "$t") s"
fi

# ---- the two images. The build runs on the host's network only for the TurboJPEG layer's
# apt-get (the daemon makes no bridge).
for target in runtime-prebuilt:$PRODUCTION demo-prebuilt:$DEMO; do
  t=$(now)
  docker build --network host --build-arg RUNTIME_BASE="$BASE" --target "${target%%:*}" -t "${target#*:}" . \
    >"$WORK/build-${target%%:*}.log" 2>&1 || { tail -30 "$WORK/build-${target%%:*}.log"; fail "docker build ${target%%:*}"; }
  say "built ${target#*:} (--target ${target%%:*}) in $(took "$t") s, $(docker image inspect --format '{{.Size}}' "${target#*:}" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
done

# ---- runs, with no network and a read-only root, as the pod runs (its /tmp is an emptyDir, which
# allows executables: RocksDB unpacks its native library there). Without a network the container's
# own name does not resolve; "localhost" does, from /etc/hosts.
run() { docker run --rm --network none --hostname localhost --read-only --tmpfs /tmp:rw,exec "$@"; }

# The README's verdict lines for the two checks, in order.
mapfile -t expected < <(grep -E '^  Condition (passed|failed):' README.md)
[ "${#expected[@]}" -eq 2 ] || fail "README.md should show two check verdicts, found ${#expected[@]}"
check() { # current-folder expected-exit expected-line
  local out t code=0
  t=$(now)
  out=$(run -v "$PWD/samples:/samples:ro" "$PRODUCTION" check --reference /samples/reference --current "/samples/$1" 2>&1) || code=$?
  [ "$code" -eq "$2" ] || { echo "$out"; fail "check $1 exited $code, expected $2"; }
  grep -qxF -- "$3" <<<"$out" || { echo "$out"; fail "check $1: no line '$3' (README.md)"; }
  say "check $1: exit $code, '$(sed 's/^ *//' <<<"$3")' ($(took "$t") s)"
}
check current 0 "${expected[0]}"
check current-brightened 1 "${expected[1]}"

code=0
run "$PRODUCTION" demo >"$WORK/production-demo.log" 2>&1 || code=$?
[ "$code" -eq 2 ] || fail "the production image ran 'demo' (exit $code): it should only have run, check, snapshot"
say "production image: no demo command (exit 2)"
run --entrypoint /bin/sh "$PRODUCTION" -c 'test -f /usr/share/java/turbojpeg.jar && ls /usr/lib/*/libturbojpeg.so >/dev/null' \
  || fail "TurboJPEG binding missing from the production image"
say "production image: /usr/share/java/turbojpeg.jar and libturbojpeg.so present"

t=$(now)
code=0
run "$DEMO" demo --normal 10s --drift 30s --recovered 30s --window 5s --metrics-port 0 >"$WORK/demo.log" 2>&1 || code=$?
grep -E 'ALERT (FIRING|RESOLVED)|^sent |^the drift' "$WORK/demo.log" || true
# The demo's story runs on the wall clock: on a machine too busy to keep up with 60 events/s, its
# windows close after the story ends, and it says so.
[ "$code" -eq 0 ] || { tail -30 "$WORK/demo.log"; fail "demo exited $code (load average: $(cut -d' ' -f1-3 /proc/loadavg))"; }
grep -q '>>> ALERT FIRING' "$WORK/demo.log" && grep -q '>>> ALERT RESOLVED' "$WORK/demo.log" \
  || fail "demo: no FIRING and RESOLVED alert (log: $WORK/demo.log)"
say "demo image: alert fired and resolved, exit 0 ($(took "$t") s)"
say "OK"
