#!/usr/bin/env bash
# Prepares a container engine for pyship's tests, benchmarks and manual runs on a machine with
# no reachable container registry (our dev VMs and CI). Idempotent: a second run only checks.
#
# What it makes sure of:
#   1. docker.io (Debian's Docker 20.10) and debootstrap are installed, and dockerd answers
#      (started with setsid in the background, log in /tmp/dockerd.log).
#   2. Stand-in base images exist locally, built ONCE from Debian packages with debootstrap
#      (Python is Debian's 3.11 in /usr/bin; see docs/environment.md) and tagged as:
#        slim:  python:3.6-slim … python:3.8-slim python:3.9-slim python:3.10-slim
#               python:3.11-slim python:3.12-slim python:3.13-slim python:3.14-slim
#        full:  python:3.9 python:3.10 python:3.11 python:3.12 python:3.13 python:3.14
#               python:latest   (slim + build-essential, git, libpq-dev …: the "naive full
#               image" the benchmarks compare against, realistically large)
#      Every stand-in carries the label org.pyship.standin=1; a tag that already exists and is
#      NOT a stand-in (a real python image) is never overwritten.
#      Real CPython for the minors the tests exercise: when pyenv's versions folder holds a
#      build of a minor in PYSHIP_REAL_PYTHONS (default "3.6 3.9 3.11 3.13": the oldest era
#      pyship builds (Django 1.10, through the venv's own pip), an old sdist's (MarkupSafe 1.0's
#      setup.py fails on 3.11's re), the seeds' pinned example's, and pyship's default), python:<minor>-slim is that build copied into the
#      bookworm rootfs at /usr/local, laid out as the official image is (python3 → python3.X,
#      python, pip; only pip and setuptools in site-packages; no test suites), label
#      org.pyship.python=<version>. The other slim tags, and every machine without pyenv's
#      builds, keep Debian's 3.11 retagged. Tags are replaced atomically (built, then tagged),
#      so builds running meanwhile keep their image.
#   3. How package installs inside a build reach PyPI, first that works (decided once, cached in
#      .tmp/engine.env; PYSHIP_SETUP_RECHECK=1 re-probes):
#        direct  the default bridge network reaches PyPI: nothing to do;
#        ca      PyPI answers once the host's CA bundle is trusted (machines behind a
#                TLS-inspecting proxy): the bundle is baked into the stand-in base image
#                only, as /etc/pyship/host-ca.crt with PIP_CERT / SSL_CERT_FILE /
#                REQUESTS_CA_BUNDLE pointing at it, so pip, uv, poetry, pdm and pipenv all
#                install from the real registry, lock files included;
#        host    as ca, but only with `--network host` (builds then need that flag);
#        local   last resort: a wheel directory (.tmp/wheels) served on
#                127.0.0.1:$PYSHIP_WHEEL_PORT with a pip setting baked into the stand-in
#                (fixtures that install with uv or poetry from a lock cannot build then).
#      Never anything in generated Dockerfiles. The pristine debootstrap image is kept as
#      pyship-standin:bookworm; python:*-slim is derived from it per mode (label
#      org.pyship.pypi), so switching modes needs no new debootstrap.
#
# Outcome, written to .tmp/engine.env (KEY=VALUE, read by tests and benchmarks):
#   PYSHIP_TEST_DOCKER=/usr/bin/docker   docker client that builds with BuildKit
#                                        (DOCKER_BUILDKIT=1), empty when none does
#   PYSHIP_TEST_DOCKER_LEGACY=...        docker client for legacy-builder runs (first on PATH)
#   PYSHIP_TEST_NETWORK=                 empty, or `host` when builds must use --network host
#   PYSHIP_TEST_PYPI=direct|ca|host|local  how pip in containers gets packages
#   PYSHIP_TEST_PIP_INDEX=               the local find-links URL when PYSHIP_TEST_PYPI=local
#   PYSHIP_TEST_SLIM_TAGS="..."          slim stand-in tags present
#   PYSHIP_TEST_FULL_TAGS="..."          full stand-in tags present
#
# Environment knobs: PYSHIP_SETUP_FULL=0 skips the full images; PYSHIP_WHEEL_PORT (default
# 18631); PYSHIP_WHEELS="pkg pkg" extra packages for the local wheel directory;
# PYSHIP_REAL_PYTHONS="3.6 3.9 3.11 3.13" minors built from pyenv (empty: none); PYSHIP_PYENV_VERSIONS
# the folder holding the builds (default: $(pyenv root)/versions).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$REPO/.tmp"
ENV_FILE="$TMP/engine.env"
SLIM_TAGS="3.6-slim 3.7-slim 3.8-slim 3.9-slim 3.10-slim 3.11-slim 3.12-slim 3.13-slim 3.14-slim"
FULL_TAGS="3.9 3.10 3.11 3.12 3.13 3.14 latest"
# Debian's 3.11 + this machine's PyPI access: the stand-in for every slim tag with no real build.
SEED_TAG="pyship-standin:debian-slim"
REAL_PYTHONS="${PYSHIP_REAL_PYTHONS-3.6 3.9 3.11 3.13}"
ROOTFS_TAG="pyship-standin:bookworm"
HOST_CA="${PYSHIP_HOST_CA:-/etc/ssl/certs/ca-certificates.crt}"
FULL_SEED_TAG="python:3.11"
STANDIN_LABEL="org.pyship.standin"
WHEEL_PORT="${PYSHIP_WHEEL_PORT:-18631}"
# python3-dev: the real full image ships Python headers, so source builds work there.
FULL_EXTRA="build-essential python3-dev git curl libpq-dev libffi-dev libssl-dev"
DOCKER=/usr/bin/docker # Debian's client: answers `info` and builds with BuildKit

say() { printf '\033[1m[setup-engine]\033[0m %s\n' "$*"; }
die() { printf '[setup-engine] ERROR: %s\n' "$*" >&2; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root to $1 (try: sudo $0)"; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  if [ ${#missing[@]} -eq 0 ]; then say "docker.io and debootstrap already installed"; return; fi
  need_root "install ${missing[*]}"
  say "installing ${missing[*]} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_daemon() {
  [ -x "$DOCKER" ] || DOCKER="$(command -v docker)" || die "no docker client found"
  if "$DOCKER" info >/dev/null 2>&1; then say "docker daemon answers ($DOCKER)"; return; fi
  if [ -n "${DOCKER_HOST:-}" ]; then die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine first"; fi
  need_root "start dockerd"
  say "starting dockerd (log: /tmp/dockerd.log)"
  PATH="/usr/sbin:/sbin:$PATH" setsid dockerd >/tmp/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    if "$DOCKER" info >/dev/null 2>&1; then say "docker daemon is up"; return; fi
    sleep 0.5
  done
  tail -n 20 /tmp/dockerd.log >&2 || true
  die "dockerd did not answer within 30 s (see /tmp/dockerd.log)"
}

have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
is_standin() {
  [ "$("$DOCKER" image inspect -f "{{ index .Config.Labels \"$STANDIN_LABEL\" }}" "$1" 2>/dev/null)" = 1 ]
}

mirror_url() {
  local url
  url="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$url" ] || url="$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  echo "${url:-http://deb.debian.org/debian}"
}

build_rootfs() {
  if have_image "$ROOTFS_TAG"; then say "$ROOTFS_TAG present"; return; fi
  need_root "debootstrap"
  local root; root="$(mktemp -d /tmp/pyship-rootfs.XXXXXX)"
  say "debootstrap bookworm into $root from $(mirror_url) (~40 s)"
  PATH="/usr/sbin:/sbin:$PATH" debootstrap --variant=minbase \
    --include=python3,python3-pip,python3-venv,ca-certificates bookworm "$root" "$(mirror_url)" \
    >/tmp/pyship-debootstrap.log 2>&1 || { tail -n 20 /tmp/pyship-debootstrap.log >&2; die "debootstrap failed"; }
  ln -sf /usr/bin/python3 "$root/usr/local/bin/python"
  ln -sf /usr/bin/pip3 "$root/usr/local/bin/pip"
  rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
  chroot "$root" apt-get clean
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  say "docker import → $ROOTFS_TAG"
  tar -C "$root" -c . | "$DOCKER" import \
    -c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' -c "LABEL $STANDIN_LABEL=1" -c 'CMD ["python3"]' - "$ROOTFS_TAG" >/dev/null
  rm -rf "$root"
}

without() { local t; for t in $1; do [[ " $2 " == *" $t "* ]] || printf '%s ' "$t"; done; }
label_of() { "$DOCKER" image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

# Appends to $1/Dockerfile what this machine's PyPI access (mode $PYPI) needs in a stand-in.
add_pypi_access() {
  local ctx="$1"
  case "$PYPI" in
    ca|host)
      cp "$HOST_CA" "$ctx/host-ca.crt"
      printf '%s\n' 'COPY host-ca.crt /etc/pyship/host-ca.crt' \
        'ENV PIP_CERT=/etc/pyship/host-ca.crt SSL_CERT_FILE=/etc/pyship/host-ca.crt REQUESTS_CA_BUNDLE=/etc/pyship/host-ca.crt UV_SYSTEM_CERTS=1' >>"$ctx/Dockerfile" ;;
    local)
      printf '[global]\nno-index = true\nfind-links = %s\n' "$PIP_INDEX" >"$ctx/pip.conf"
      printf 'COPY pip.conf /etc/pip.conf\nENV UV_NO_INDEX=1 UV_FIND_LINKS=%s\n' "$PIP_INDEX" >>"$ctx/Dockerfile" ;;
  esac
}

# The Debian seed = the pristine rootfs + what this machine's PyPI access needs (mode $PYPI).
build_seed() {
  if [ "$(label_of "$SEED_TAG" org.pyship.pypi)" = "$PYPI" ]; then say "$SEED_TAG present (PyPI mode $PYPI)"; return; fi
  local ctx; ctx="$(mktemp -d)"
  printf 'FROM %s\nLABEL org.pyship.pypi=%s\n' "$ROOTFS_TAG" "$PYPI" >"$ctx/Dockerfile"
  add_pypi_access "$ctx"
  say "building $SEED_TAG for PyPI mode $PYPI"
  "$DOCKER" build -q -t "$SEED_TAG" "$ctx" >/dev/null
  rm -rf "$ctx"
}

# The newest pyenv build of minor $1 (e.g. /root/.pyenv/versions/3.13.0), or nothing.
pyenv_build() {
  local root
  root="${PYSHIP_PYENV_VERSIONS:-$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")/versions}"
  find "$root" -maxdepth 1 -regex ".*/${1//./\\.}\.[0-9]+" -printf '%f\n' 2>/dev/null \
    | sort -t. -k3,3n | tail -n 1 | sed "s|^|$root/|"
}

# Copies pyenv build $1 into $2 as the official image's /usr/local: the interpreter's own
# scripts only, site-packages reduced to pip and setuptools (pyenv's may hold tools installed
# on this machine), no test suites or bytecode, and the build prefix rewritten to /usr/local
# (shebangs, and the sysconfig data C extension builds read; text files only, binaries keep
# their RPATH, which ldconfig makes moot).
stage_python() {
  local src="$1" dest="$2" minor="$3" site keep
  mkdir -p "$dest/bin" "$dest/lib"
  (cd "$src/bin" && cp -a python* pip* pydoc* idle* 2to3* "$dest/bin/" 2>/dev/null) || true
  rm -f "$dest/bin/python" "$dest/bin/pip"
  cp -a "$src/include" "$dest/"
  (cd "$src/lib" && tar -c --exclude="python$minor/site-packages" --exclude='__pycache__' \
    --exclude='*.pyc' --exclude='libpython*.a' .) | tar -C "$dest/lib" -x
  site="$src/lib/python$minor/site-packages"
  keep="$(cd "$site" && ls -d pip pip-*.dist-info setuptools setuptools-*.dist-info pkg_resources \
    _distutils_hack distutils-precedence.pth 2>/dev/null || true)"
  mkdir -p "$dest/lib/python$minor/site-packages"
  # shellcheck disable=SC2086 # one name per word
  (cd "$site" && cp -a $keep "$dest/lib/python$minor/site-packages/")
  find "$dest" -depth -type d \( -name test -o -name tests -o -name idle_test \) -exec rm -rf {} +
  find "$dest/bin" -type f -exec sed -i "1s|^#!$src/bin/|#!/usr/local/bin/|" {} +
  grep -rlIF "$src" "$dest/lib/python$minor" "$dest/lib/pkgconfig" "$dest/bin" 2>/dev/null \
    | xargs -r sed -i "s|$src|/usr/local|g"
}

# python:<minor>-slim from the real CPython build $2 (atomic: built untagged, then tagged).
build_real() {
  local minor="$1" src="$2" tag="python:$1-slim" version="${2##*/}" ctx id
  if have_image "$tag" && ! is_standin "$tag"; then say "$tag is a real image; left alone"; return; fi
  if [ "$(label_of "$tag" org.pyship.python)" = "$version" ] && [ "$(label_of "$tag" org.pyship.pypi)" = "$PYPI" ]; then
    say "$tag present (CPython $version, PyPI mode $PYPI)"; return
  fi
  ctx="$(mktemp -d /tmp/pyship-python.XXXXXX)"
  stage_python "$src" "$ctx/local" "$minor"
  # The official image's links: python3 → python3.X, python → python3, pip → pip3.
  {
    echo "FROM $ROOTFS_TAG"
    echo "COPY local/ /usr/local/"
    echo "RUN ln -sf python$minor /usr/local/bin/python3 && ln -sf python3 /usr/local/bin/python \\"
    echo " && ln -sf pip3 /usr/local/bin/pip && ldconfig \\"
    echo " && python3 -c 'import ssl, sqlite3, ctypes, venv, zlib, bz2, lzma, ensurepip' \\"
    echo " && python -c 'import sys; assert \"%d.%d\" % sys.version_info[:2] == \"$minor\"'"
    echo "LABEL $STANDIN_LABEL=1 org.pyship.pypi=$PYPI org.pyship.python=$version"
    echo "ENV PYTHON_VERSION=$version"
    echo 'CMD ["python3"]'
  } >"$ctx/Dockerfile"
  add_pypi_access "$ctx"
  say "building $tag from CPython $version ($src)"
  id="$("$DOCKER" build -q "$ctx")" || { rm -rf "$ctx"; die "building $tag from $src failed"; }
  "$DOCKER" tag "$id" "$tag"
  rm -rf "$ctx"
}

# Real stand-ins for the minors in REAL_PYTHONS that have a pyenv build; sets REAL_TAGS.
build_real_pythons() {
  local minor src
  REAL_TAGS=""
  for minor in $REAL_PYTHONS; do
    src="$(pyenv_build "$minor")"
    if [ -z "$src" ]; then say "no pyenv build of $minor: python:$minor-slim stays Debian's 3.11"; continue; fi
    build_real "$minor" "$src"
    REAL_TAGS="$REAL_TAGS $minor-slim"
  done
}

# Tags SOURCE as each python:<tag> that is missing or is an older stand-in.
tag_all() {
  local source="$1" tags="$2" tag
  for tag in $tags; do
    if have_image "python:$tag" && ! is_standin "python:$tag"; then
      say "python:$tag is a real image; left alone"
    elif [ "$("$DOCKER" image inspect -f '{{.Id}}' "python:$tag" 2>/dev/null)" != "$("$DOCKER" image inspect -f '{{.Id}}' "$source")" ]; then
      "$DOCKER" tag "$source" "python:$tag" && say "tagged python:$tag"
    fi
  done
}

build_full() {
  if [ "${PYSHIP_SETUP_FULL:-1}" = 0 ]; then say "full images skipped (PYSHIP_SETUP_FULL=0)"; return; fi
  local seed_id; seed_id="$("$DOCKER" image inspect -f '{{.Id}}' "$SEED_TAG")"
  # Full images must see the same pip setting: rebuild them when the seed changed.
  if [ "$(label_of "$FULL_SEED_TAG" org.pyship.seed)" = "$seed_id" ]; then say "$FULL_SEED_TAG present"; return; fi
  if have_image "$FULL_SEED_TAG" && ! is_standin "$FULL_SEED_TAG"; then say "$FULL_SEED_TAG is a real image; left alone"; return; fi
  say "building $FULL_SEED_TAG = slim + $FULL_EXTRA (~1 min)"
  local name="pyship-setup-full-$$"
  "$DOCKER" run --name "$name" $NET_FLAG "$SEED_TAG" sh -c \
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $FULL_EXTRA >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*" \
    || { "$DOCKER" rm -f "$name" >/dev/null 2>&1; die "installing full-image packages failed"; }
  "$DOCKER" commit -c 'CMD ["python3"]' -c "LABEL org.pyship.seed=$seed_id" "$name" "$FULL_SEED_TAG" >/dev/null
  "$DOCKER" rm -f "$name" >/dev/null
}

# A docker client "builds with BuildKit" when DOCKER_BUILDKIT=1 build of an empty image works.
buildkit_client() {
  local client
  for client in $(which -a docker 2>/dev/null | awk '!seen[$0]++'); do
    if printf 'FROM scratch\nLABEL org.pyship.probe=1\n' | DOCKER_BUILDKIT=1 timeout 60 "$client" build -q - >/dev/null 2>&1; then
      echo "$client"; return
    fi
  done
}

# Probes run on the pristine rootfs with no pip config, so an earlier mode can't bias them.
pypi_probe() {
  timeout 90 "$DOCKER" run --rm "$@" -e PIP_CONFIG_FILE=/dev/null "$ROOTFS_TAG" \
    pip download -q --no-deps --no-cache-dir -d /tmp/probe six >/dev/null 2>&1
}

choose_pypi_mode() {
  if [ -f "$ENV_FILE" ] && grep -q '^PYSHIP_TEST_PYPI=' "$ENV_FILE" && ! [ "${PYSHIP_SETUP_RECHECK:-0}" = 1 ]; then
    PYPI="$(sed -n 's/^PYSHIP_TEST_PYPI=//p' "$ENV_FILE")"
    say "PyPI access from builds: $PYPI (cached; PYSHIP_SETUP_RECHECK=1 to re-probe)"
  elif pypi_probe; then
    PYPI=direct; say "pip inside a container reaches PyPI"
  elif [ -f "$HOST_CA" ] && pypi_probe -v "$HOST_CA:/etc/pyship/host-ca.crt:ro" -e PIP_CERT=/etc/pyship/host-ca.crt; then
    PYPI=ca; say "pip reaches PyPI once the host's CA bundle is trusted"
  elif [ -f "$HOST_CA" ] && pypi_probe --network host -v "$HOST_CA:/etc/pyship/host-ca.crt:ro" -e PIP_CERT=/etc/pyship/host-ca.crt; then
    PYPI=host; say "pip reaches PyPI with --network host and the host's CA bundle"
  else
    PYPI=local; say "pip inside a container does NOT reach PyPI: using a local wheel directory"
  fi
}

# Fallback only: wheels downloaded on the host (which reaches PyPI), served on loopback.
serve_wheels() {
  local dir="$TMP/wheels" f
  mkdir -p "$dir"
  : >"$TMP/wheels.log"
  say "downloading wheels into $dir (log: .tmp/wheels.log)"
  # Host Python is 3.11 like the stand-in; sdists are kept (e.g. psycopg2 must build in-image).
  # One resolve per requirements file: fixtures pin conflicting versions on purpose.
  local base="pip setuptools wheel flask gunicorn uvicorn fastapi ${PYSHIP_WHEELS:-}"
  if ! grep -qxF "base: $base" "$dir/.done" 2>/dev/null; then
    python3 -m pip download -q -d "$dir" $base >>"$TMP/wheels.log" 2>&1 \
      && echo "base: $base" >>"$dir/.done" || say "some base wheels failed to download"
  fi
  # Each file is resolved once per content (its hash in .done), so re-runs take seconds.
  touch "$dir/.done"
  for f in "$REPO"/test/fixtures/*/requirements*.txt; do
    [ -f "$f" ] || continue
    local sum; sum="$(sha256sum "$f" | cut -d' ' -f1)"
    grep -q "$sum" "$dir/.done" && continue
    echo "$sum ${f#"$REPO"/}" >>"$dir/.done"
    timeout 120 python3 -m pip download -q -d "$dir" -r "$f" >>"$TMP/wheels.log" 2>&1 \
      || say "wheels for ${f#"$REPO"/} incomplete (expected for broken-* fixtures)"
  done
  if ! curl -sf "http://127.0.0.1:$WHEEL_PORT/" >/dev/null 2>&1; then
    say "serving $dir on 127.0.0.1:$WHEEL_PORT (log: .tmp/wheel-server.log)"
    # Own fds for the whole subshell, or a caller piping our output would wait on it forever.
    (cd "$dir" && exec setsid python3 -m http.server "$WHEEL_PORT" --bind 127.0.0.1) \
      >"$TMP/wheel-server.log" 2>&1 </dev/null &
    sleep 1
  fi
  PIP_INDEX="http://127.0.0.1:$WHEEL_PORT/"
}

write_env() {
  mkdir -p "$TMP"
  local slim="" full="" tag
  for tag in $SLIM_TAGS; do have_image "python:$tag" && slim="$slim python:$tag"; done
  for tag in $FULL_TAGS; do have_image "python:$tag" && full="$full python:$tag"; done
  cat >"$ENV_FILE" <<EOF
PYSHIP_TEST_DOCKER=$BUILDKIT_DOCKER
PYSHIP_TEST_DOCKER_LEGACY=$(command -v docker)
PYSHIP_TEST_NETWORK=$NETWORK
PYSHIP_TEST_PYPI=$PYPI
PYSHIP_TEST_PIP_INDEX=$PIP_INDEX
PYSHIP_TEST_SLIM_TAGS="${slim# }"
PYSHIP_TEST_FULL_TAGS="${full# }"
EOF
  say "wrote $ENV_FILE:"; sed 's/^/    /' "$ENV_FILE"
}

main() {
  NETWORK="" PYPI=direct PIP_INDEX="" NET_FLAG=""
  install_packages
  start_daemon
  build_rootfs
  choose_pypi_mode
  case "$PYPI" in
    host) NETWORK=host; NET_FLAG="--network host" ;;
    local) serve_wheels; NETWORK=host; NET_FLAG="--network host" ;;
  esac
  build_seed
  build_real_pythons
  tag_all "$SEED_TAG" "$(without "$SLIM_TAGS" "$REAL_TAGS")"
  build_full
  have_image "$FULL_SEED_TAG" && tag_all "$FULL_SEED_TAG" "$FULL_TAGS"
  BUILDKIT_DOCKER="$(buildkit_client)"
  [ -n "$BUILDKIT_DOCKER" ] && say "BuildKit-capable client: $BUILDKIT_DOCKER" || say "no docker client builds with BuildKit"
  write_env
  say "done"
}

main "$@"
