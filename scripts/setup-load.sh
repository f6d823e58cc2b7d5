#!/usr/bin/env bash
# The load generator `npm run bench` uses for its throughput numbers: hey, from Debian's
# packages (idempotent: a second run only checks it is there).
set -euo pipefail
if command -v hey >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-load: hey is missing; run as root (apt-get install hey)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends hey >/dev/null 2>&1 \
  || { apt-get update >/dev/null && apt-get install -y --no-install-recommends hey >/dev/null; }
command -v hey >/dev/null
