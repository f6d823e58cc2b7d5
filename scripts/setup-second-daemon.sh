#!/usr/bin/env bash
# A second Docker daemon for the e2e tests of remote engines and engine faults
# (test/e2e/remote-engine.test.ts): it listens on a loopback TCP port only (never on the
# shared /var/run/docker.sock), has no bridge (nothing it runs is reachable from the host),
# no iptables rules, its own exec root and managed containerd, and keeps its data on a small
# loop-mounted ext4 image so a test can fill the disk without touching the machine's.
#
#   setup-second-daemon.sh start DIR PORT [SIZE_MB]   idempotent; copies the tags in $LOAD_IMAGES from the main daemon
#   setup-second-daemon.sh stop DIR                   idempotent; stops, unmounts, removes DIR
#
# DIR must be short (containerd's socket path lives under it). Root is needed (mount, dockerd).
set -euo pipefail

cmd=${1:?start or stop}
dir=${2:?a directory, e.g. /tmp/pyship-dockerd2}

# One second daemon per machine: its bridge has a fixed name and a subnet no default uses.
BRIDGE=${PYSHIP_D2_BRIDGE:-pyshipd2}
SUBNET=${PYSHIP_D2_SUBNET:-10.213.77.1/24}

running() { [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; }

start() {
  local port=${1:?a loopback port} size=${2:-600}
  export DOCKER_HOST="tcp://127.0.0.1:$port"
  if running && docker version >/dev/null 2>&1; then echo "$DOCKER_HOST"; return; fi
  # dockerd itself comes from scripts/setup-engine.sh; these are in most images, not all.
  local need=()
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v mkfs.ext4 >/dev/null 2>&1 || need+=(e2fsprogs)
  command -v fuser >/dev/null 2>&1 || need+=(psmisc)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  mkdir -p "$dir/data" "$dir/exec"
  if ! mountpoint -q "$dir/data"; then
    truncate -s "${size}M" "$dir/disk.img"
    mkfs.ext4 -q -F "$dir/disk.img"
    mount -o loop "$dir/disk.img" "$dir/data"
  fi
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$SUBNET" dev "$BRIDGE"
    ip link set "$BRIDGE" up
  fi
  setsid dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    -H "tcp://127.0.0.1:$port" --bridge="$BRIDGE" --iptables=false --ip-masq=false --userland-proxy=false \
    --storage-driver overlay2 >"$dir/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker version >/dev/null 2>&1 || { tail -20 "$dir/dockerd.log" >&2; exit 1; }
  # One save for every tag: stand-in tags share one image, sent once.
  if [ -n "${LOAD_IMAGES:-}" ]; then
    # shellcheck disable=SC2086 # a list of tags
    DOCKER_HOST='' docker save $LOAD_IMAGES | docker load -q >/dev/null
  fi
  echo "$DOCKER_HOST"
}

stop() {
  if running; then
    local pid
    pid=$(cat "$dir/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # A daemon killed mid-build can leave its containerd, shims or build steps behind. Only
  # processes using the loop-mounted file system are ended: -m on any other path would mean
  # the machine's root file system, and everyone's processes.
  if mountpoint -q "$dir/data" 2>/dev/null; then
    fuser -k -9 -m "$dir/data" >/dev/null 2>&1 || true
    # Build steps run in mount namespaces of their own, where fuser does not see them: they
    # are the processes whose root mount (mount point "/" in their own table) is an overlay
    # of this data root. Never match any other line: every process on the host lists the
    # loop mount itself in its table.
    local proc
    for proc in /proc/[0-9]*; do
      if awk '$5 == "/" { print; exit }' "$proc/mountinfo" 2>/dev/null | grep -qF "$dir/data/"; then
        kill -9 "${proc#/proc/}" 2>/dev/null || true
      fi
    done
    sleep 0.5
    umount "$dir/data" 2>/dev/null || { sleep 1; umount -l "$dir/data"; }
  fi
  # overlay and shm mounts the daemon made under the exec root, if any survived
  grep -o " $dir/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  ip link delete "$BRIDGE" 2>/dev/null || true
  rm -rf "$dir"
}

case "$cmd" in
  start) shift 2; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start DIR PORT [SIZE_MB] | stop DIR" >&2; exit 2 ;;
esac
