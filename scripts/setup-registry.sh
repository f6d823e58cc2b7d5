#!/usr/bin/env bash
# A container registry on loopback for the release tests: Debian's `docker-registry` (the
# distribution server, 2.8) with htpasswd basic auth, listening on 127.0.0.1. Idempotent: a
# second run finds it answering and only checks. Docker trusts it without TLS because dockerd
# allows 127.0.0.0/8 registries over plain HTTP by default.
#
# Outcome, written to .tmp/registry.env (KEY=VALUE, read by the e2e tests):
#   PYSHIP_TEST_REGISTRY=127.0.0.1:PORT   the registry's host:port
#   PYSHIP_TEST_REGISTRY_USER=...         a user of its htpasswd file
#   PYSHIP_TEST_REGISTRY_PASSWORD=...     that user's password (made here, test-only)
# Data and logs stay in .tmp/registry/. PYSHIP_REGISTRY_PORT picks the port (default: random
# in 20000-60000, kept across runs).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$REPO/.tmp"
DIR="$TMP/registry"
ENV_FILE="$TMP/registry.env"
USER_NAME="pyship-release"

say() { printf '\033[1m[setup-registry]\033[0m %s\n' "$*"; }
die() { printf '[setup-registry] ERROR: %s\n' "$*" >&2; exit 1; }

install_packages() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  # The reproducible-release e2e test pushes with podman (its login, its push) as well.
  command -v podman >/dev/null || missing+=(podman)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "must run as root to install ${missing[*]}"
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # The package's own service (port 5000, no auth) is not the one the tests use.
  if command -v systemctl >/dev/null && systemctl is-active -q docker-registry 2>/dev/null; then
    systemctl stop docker-registry || true
  fi
}

answers() { # 401 from /v2/ means: up, and asking for credentials
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$1/v2/" || true)
  [ "$code" = 401 ]
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    port_busy "$port" || { echo "$port"; return; }
  done
  die "no free loopback port found"
}

write_config() {
  cat >"$DIR/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$1
auth:
  htpasswd:
    realm: pyship-test-registry
    path: $DIR/htpasswd
YAML
}

start_registry() {
  local port="$1" password="$2"
  mkdir -p "$DIR/data"
  htpasswd -Bbc "$DIR/htpasswd" "$USER_NAME" "$password" 2>/dev/null
  write_config "$port"
  say "starting docker-registry on 127.0.0.1:$port"
  setsid docker-registry serve "$DIR/config.yml" >"$DIR/registry.log" 2>&1 < /dev/null &
  echo $! >"$DIR/pid"
  for _ in $(seq 50); do
    answers "127.0.0.1:$port" && return
    sleep 0.2
  done
  die "docker-registry did not answer on 127.0.0.1:$port (log: $DIR/registry.log)"
}

main() {
  mkdir -p "$DIR"
  install_packages
  if [ -f "$ENV_FILE" ]; then
    # shellcheck disable=SC1090
    source "$ENV_FILE"
    if answers "$PYSHIP_TEST_REGISTRY"; then
      say "registry answers on $PYSHIP_TEST_REGISTRY"
      return
    fi
  fi
  # The same port as last time when it is free: images tagged for it stay meaningful.
  local port="${PYSHIP_REGISTRY_PORT:-}"
  [ -z "$port" ] && [ -n "${PYSHIP_TEST_REGISTRY:-}" ] && port="${PYSHIP_TEST_REGISTRY#127.0.0.1:}"
  if [ -z "$port" ] || port_busy "$port"; then port="$(free_port)"; fi
  local password="${PYSHIP_TEST_REGISTRY_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
  start_registry "$port" "$password"
  printf 'PYSHIP_TEST_REGISTRY=127.0.0.1:%s\nPYSHIP_TEST_REGISTRY_USER=%s\nPYSHIP_TEST_REGISTRY_PASSWORD=%s\n' \
    "$port" "$USER_NAME" "$password" >"$ENV_FILE"
  say "registry ready on 127.0.0.1:$port (settings in ${ENV_FILE#"$REPO"/})"
}

main "$@"
