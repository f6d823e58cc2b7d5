#!/usr/bin/env bash
# The README's test command, and what .ci/run calls: installs everything the tests need on a
# fresh machine (npm packages, a Docker engine, local stand-in base images), then runs the
# whole suite. End-to-end tests are mandatory here: without an engine the run fails, it never
# silently skips.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm install`, not `npm ci`: it follows package-lock.json just the same, but tolerates
# optional platform packages (biome's macOS/Windows builds) that a registry mirror may lack,
# where `npm ci` refuses the whole lock.
npm install --no-audit --no-fund
bash scripts/setup-engine.sh
bash scripts/setup-services.sh
bash scripts/setup-podman.sh
bash scripts/setup-registry.sh
bash scripts/setup-mirrors.sh
npm run typecheck
npm run check
PYSHIP_E2E=required npm test
