#!/usr/bin/env bash
# Prepares podman as pyship's second engine, and arm64 emulation for multi-arch builds, on a
# machine with no reachable container registry (our dev VMs and CI). Runs after
# setup-engine.sh (it copies that script's stand-in images). Idempotent: a warm run only checks.
#
# What it makes sure of:
#   1. podman, buildah, skopeo, catatonit (podman --init, used for emulated images),
#      qemu-user-static and binfmt-support are installed (apt-get).
#   2. podman's own image store holds the stand-in python:*-slim images that docker has
#      (podman does not share dockerd's store): `docker save` of the tags whose image id
#      differs, piped into `podman load` (one archive, shared layers sent once). The PyPI
#      access baked into them (CA bundle or pip index, see setup-engine.sh) comes along.
#   3. Containers start: where the machine refuses podman's default rlimits (no
#      CAP_SYS_RESOURCE, as on our VMs: "error setting rlimit type 6/7"), the highest limits it
#      accepts are written to /etc/containers/containers.conf (only if that file is absent or ours).
#   4. arm64 emulation: binfmt_misc mounted, qemu-aarch64 enabled (with the F flag, so
#      containers run it without qemu inside them).
#   5. An arm64 stand-in base: debootstrap --arch arm64 --foreign, unpacked natively (see
#      build_arm64_rootfs), imported ONCE as localhost/pyship-standin:bookworm-arm64 (cached in podman's store),
#      plus the same PyPI access as the amd64 seed. Each tag in PYSHIP_ARM64_TAGS then
#      becomes a local manifest list python:<tag> = { amd64 stand-in, arm64 stand-in }, as a
#      registry serves the official image, so `podman build --platform linux/arm64` resolves
#      `FROM python:<tag>` to the arm64 instance and plain builds still get amd64.
#      The arm64 Python is Debian's 3.11 (pyenv's builds are amd64), under every tag.
#
# Outcome, appended to .tmp/engine.env (read by tests):
#   PYSHIP_TEST_PODMAN=/usr/bin/podman     podman client that builds and runs containers
#   PYSHIP_TEST_ARM64_TAGS="python:3.13-slim"  tags whose arm64 instance exists (empty: none)
#
# Environment knobs: PYSHIP_SETUP_ARM64=0 skips 4 and 5; PYSHIP_ARM64_TAGS (default
# "3.13-slim": what the multi-arch e2e fixture uses).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_FILE="$REPO/.tmp/engine.env"
DOCKER=/usr/bin/docker
PODMAN=/usr/bin/podman
SLIM_TAGS="3.9-slim 3.10-slim 3.11-slim 3.12-slim 3.13-slim 3.14-slim"
ARM64_TAGS="${PYSHIP_ARM64_TAGS-3.13-slim}"
ARM64_ROOTFS="localhost/pyship-standin:bookworm-arm64"
ARM64_SEED="localhost/pyship-standin:debian-slim-arm64"
HOST_CA="${PYSHIP_HOST_CA:-/etc/ssl/certs/ca-certificates.crt}"
# Where podman reads its settings (CONTAINERS_CONF replaces the system file when set).
CONF="${CONTAINERS_CONF:-/etc/containers/containers.conf}"
CONF_MARK="# Written by pyship's scripts/setup-podman.sh"

say() { printf '\033[1m[setup-podman]\033[0m %s\n' "$*"; }
die() { printf '[setup-podman] ERROR: %s\n' "$*" >&2; exit 1; }

install_packages() {
  local missing=() pkg
  for pkg in podman buildah skopeo catatonit qemu-user-static binfmt-support; do
    dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "podman, buildah, skopeo, catatonit, qemu-user-static installed"; return; fi
  [ "$(id -u)" = 0 ] || die "must run as root to install ${missing[*]}"
  say "installing ${missing[*]} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

docker_id() { "$DOCKER" image inspect -f '{{.Id}}' "$1" 2>/dev/null | sed 's/^sha256://'; }
# The id of the amd64 image podman resolves for $1 (through a manifest list if it is one).
podman_id() { "$PODMAN" image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# Docker's stand-ins that podman lacks (or has older), sent in one archive.
load_standins() {
  local stale=() tag
  for tag in $SLIM_TAGS; do
    local want; want="$(docker_id "python:$tag")"
    [ -n "$want" ] || continue
    # A manifest list answers with its amd64 instance, so lists are checked like images.
    [ "$(podman_id "docker.io/library/python:$tag")" = "$want" ] || stale+=("python:$tag")
  done
  if [ ${#stale[@]} -eq 0 ]; then say "podman has docker's stand-in images"; return; fi
  say "docker save ${stale[*]} | podman load"
  for tag in "${stale[@]}"; do drop_list "docker.io/library/$tag"; done
  "$DOCKER" save "${stale[@]}" | "$PODMAN" load -q >/dev/null
  # podman names a loaded `python:X` localhost/python:X; a pull would give docker.io/library.
  for tag in "${stale[@]}"; do
    "$PODMAN" tag "localhost/$tag" "docker.io/library/$tag"
    "$PODMAN" untag "localhost/$tag" "localhost/$tag"
  done
}

# A manifest list made by an earlier run goes before its tag is loaded as a plain image again.
drop_list() {
  if "$PODMAN" manifest inspect "$1" >/dev/null 2>&1; then "$PODMAN" manifest rm "$1" >/dev/null; fi
}

# Candidates for the limits, highest first: the shell's hard limits, then values such VMs take.
fix_rlimits() {
  local probe="${1:-python:3.13-slim}" nofile nproc
  if "$PODMAN" run --rm "$probe" true >/dev/null 2>&1; then say "podman runs containers"; return; fi
  if [ -f "$CONF" ] && ! grep -qF "$CONF_MARK" "$CONF"; then die "podman cannot start containers and $CONF is not ours: see \`podman run --rm $probe true\`"; fi
  nofile="$(ulimit -Hn)"
  for nproc in "$(ulimit -Hu)" "$(cat /proc/sys/kernel/pid_max)" 32768 4096 1024; do
    if "$PODMAN" run --rm --ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc" "$probe" true >/dev/null 2>&1; then
      printf '%s: this machine refuses podman'"'"'s default rlimits\n# (no CAP_SYS_RESOURCE), so containers get limits it accepts.\n[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' \
        "$CONF_MARK" "$nofile" "$nofile" "$nproc" "$nproc" >"$CONF"
      say "wrote $CONF (nofile=$nofile nproc=$nproc)"; return
    fi
  done
  die "podman cannot start containers: see \`podman run --rm $probe true\`"
}

enable_qemu() {
  [ -e /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null || update-binfmts --enable qemu-aarch64
  grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64 is registered without the F flag"
  say "qemu-aarch64 enabled for arm64 binaries"
}

mirror_url() {
  local url
  url="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  echo "${url:-http://deb.debian.org/debian}"
}

# The pristine arm64 rootfs, made once. debootstrap's first stage resolves and downloads the
# packages; they are then unpacked natively (dpkg-deb | tar) instead of by the second stage,
# which runs every maintainer script under qemu (over 15 minutes on a busy 2-core VM, mostly
# byte-compiling the standard library). What those scripts do that an image needs is done
# here: base-passwd's /etc/passwd and /etc/group, the CA bundle, the dpkg status (so apt in a
# build resolves dependencies), ld.so.cache; one python3 run under qemu checks the result.
build_arm64_rootfs() {
  if "$PODMAN" image exists "$ARM64_ROOTFS"; then say "$ARM64_ROOTFS present"; return; fi
  local root started deb; root="$(mktemp -d /tmp/pyship-rootfs-arm64.XXXXXX)"; started=$SECONDS
  say "debootstrap --arch arm64 --foreign bookworm into $root (download only)"
  PATH="/usr/sbin:/sbin:$PATH" debootstrap --arch arm64 --foreign --variant=minbase \
    --include=python3,python3-pip,python3-venv,ca-certificates bookworm "$root" "$(mirror_url)" \
    >/tmp/pyship-debootstrap-arm64.log 2>&1 || { tail -n 20 /tmp/pyship-debootstrap-arm64.log >&2; die "debootstrap (arm64) failed"; }
  say "unpacking $(find "$root/var/cache/apt/archives" -name "*.deb" | wc -l) packages natively"
  : >"$root/var/lib/dpkg/status"
  for deb in "$root"/var/cache/apt/archives/*.deb; do
    # --keep-directory-symlink: merged /usr (/lib → usr/lib) must survive packages with /lib paths.
    dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$root"
    { dpkg-deb -f "$deb"; echo "Status: install ok installed"; echo; } >>"$root/var/lib/dpkg/status"
  done
  cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
  cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
  cp "$HOST_CA" "$root/etc/ssl/certs/ca-certificates.crt"
  # base-files' postinst makes /usr/local's tree; /tmp needs its sticky bit.
  mkdir -p "$root"/usr/local/{bin,lib,sbin,share,include,src} && chmod 1777 "$root/tmp"
  ln -sf /usr/bin/python3 "$root/usr/local/bin/python"
  ln -sf /usr/bin/pip3 "$root/usr/local/bin/pip"
  rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root/debootstrap"
  # The first stage links /proc to the host's; runc mounts proc only on a real directory.
  if [ -L "$root/proc" ]; then rm "$root/proc" && mkdir "$root/proc"; fi
  chroot "$root" /sbin/ldconfig
  chroot "$root" /usr/bin/python3 -c 'import ssl, sqlite3, venv, ctypes, pip' \
    || die "python3 does not run in the arm64 rootfs (qemu-aarch64?)"
  tar -C "$root" -c . | "$PODMAN" import -q --arch arm64 --os linux \
    -c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' -c 'LABEL org.pyship.standin=1' -c 'CMD ["python3"]' - "$ARM64_ROOTFS" >/dev/null
  rm -rf "$root"
  say "$ARM64_ROOTFS made in $((SECONDS - started)) s"
}

# The arm64 seed: the rootfs plus this machine's PyPI access, as setup-engine.sh's add_pypi_access.
build_arm64_seed() {
  local pypi index ctx
  pypi="$(sed -n 's/^PYSHIP_TEST_PYPI=//p' "$ENV_FILE")"
  index="$(sed -n 's/^PYSHIP_TEST_PIP_INDEX=//p' "$ENV_FILE")"
  if [ "$("$PODMAN" image inspect --format '{{index .Labels "org.pyship.pypi"}}' "$ARM64_SEED" 2>/dev/null)" = "$pypi" ]; then
    say "$ARM64_SEED present (PyPI mode $pypi)"; return
  fi
  ctx="$(mktemp -d)"
  printf 'FROM %s\nLABEL org.pyship.pypi=%s\n' "$ARM64_ROOTFS" "$pypi" >"$ctx/Dockerfile"
  case "$pypi" in
    ca|host)
      cp "$HOST_CA" "$ctx/host-ca.crt"
      printf '%s\n' 'COPY host-ca.crt /etc/pyship/host-ca.crt' \
        'ENV PIP_CERT=/etc/pyship/host-ca.crt SSL_CERT_FILE=/etc/pyship/host-ca.crt REQUESTS_CA_BUNDLE=/etc/pyship/host-ca.crt UV_SYSTEM_CERTS=1' >>"$ctx/Dockerfile" ;;
    local)
      printf '[global]\nno-index = true\nfind-links = %s\n' "$index" >"$ctx/pip.conf"
      printf 'COPY pip.conf /etc/pip.conf\nENV UV_NO_INDEX=1 UV_FIND_LINKS=%s\n' "$index" >>"$ctx/Dockerfile" ;;
  esac
  say "building $ARM64_SEED for PyPI mode $pypi"
  # COPY and ENV only: nothing runs under emulation.
  "$PODMAN" build -q --platform linux/arm64 --format docker -t "$ARM64_SEED" "$ctx" >/dev/null
  rm -rf "$ctx"
}

# python:<tag> as a manifest list of the amd64 stand-in and the arm64 seed, under the full
# name `FROM python:<tag>` resolves to. The amd64 image keeps a second name
# (localhost/pyship-amd64/python:<tag>) so nothing prunes it and the list can be remade.
make_lists() {
  local tag amd64 list
  for tag in $ARM64_TAGS; do
    list="docker.io/library/python:$tag"; amd64="localhost/pyship-amd64/python:$tag"
    if "$PODMAN" manifest inspect "$list" 2>/dev/null | grep -q "$(instance_digest "$ARM64_SEED")" \
      && [ "$(podman_id "$list")" = "$(docker_id "python:$tag")" ]; then
      say "python:$tag is a manifest list (amd64, arm64)"; continue
    fi
    if ! "$PODMAN" manifest inspect "$list" >/dev/null 2>&1; then "$PODMAN" tag "$list" "$amd64"; fi
    drop_list "$list"
    "$PODMAN" untag "$amd64" "$list" 2>/dev/null || true
    "$PODMAN" manifest create "$list" >/dev/null
    "$PODMAN" manifest add "$list" "containers-storage:$amd64" >/dev/null
    "$PODMAN" manifest add --arch arm64 --variant v8 "$list" "containers-storage:$ARM64_SEED" >/dev/null
    say "made python:$tag a manifest list (amd64, arm64)"
  done
}

instance_digest() { "$PODMAN" image inspect --format '{{.Digest}}' "$1"; }

write_env() {
  local arm64="$1"
  sed -i '/^PYSHIP_TEST_PODMAN=/d; /^PYSHIP_TEST_ARM64_TAGS=/d' "$ENV_FILE"
  printf 'PYSHIP_TEST_PODMAN=%s\nPYSHIP_TEST_ARM64_TAGS="%s"\n' "$PODMAN" "$arm64" >>"$ENV_FILE"
  say "added to $ENV_FILE: PYSHIP_TEST_PODMAN=$PODMAN PYSHIP_TEST_ARM64_TAGS=\"$arm64\""
}

main() {
  [ -f "$ENV_FILE" ] || die "run scripts/setup-engine.sh first (no $ENV_FILE)"
  install_packages
  load_standins
  fix_rlimits python:3.13-slim
  local arm64=""
  if [ "${PYSHIP_SETUP_ARM64:-1}" != 0 ]; then
    enable_qemu
    build_arm64_rootfs
    build_arm64_seed
    make_lists
    arm64="$(for t in $ARM64_TAGS; do printf 'python:%s ' "$t"; done)"
  fi
  write_env "${arm64% }"
  say "done"
}

main "$@"
