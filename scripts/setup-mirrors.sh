#!/usr/bin/env bash
# What the mirror and private-index e2e tests need (test/e2e/mirrors.test.ts), idempotent:
# Debian's apt-cacher-ng (a caching apt proxy the test starts on its own port and folders;
# the package's own service is not used) and a Python venv with pypiserver and passlib (a
# private index that requires basic auth from an htpasswd file).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v apt-cacher-ng >/dev/null 2>&1 && [ ! -x /usr/sbin/apt-cacher-ng ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends apt-cacher-ng >/dev/null
fi

VENV=.tmp/mirrors-venv
if ! "$VENV/bin/python" -c 'import pypiserver, passlib' >/dev/null 2>&1; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pypiserver>=2.3,<3" "passlib>=1.7,<2"
fi
echo "setup-mirrors: apt-cacher-ng $(dpkg-query -W -f '${Version}' apt-cacher-ng), $("$VENV/bin/python" -c 'import pypiserver; print("pypiserver", pypiserver.__version__)')"
