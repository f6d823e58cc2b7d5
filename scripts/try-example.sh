#!/usr/bin/env bash
# The README's "main job" command: on a fresh machine, install what pyship needs, then let
# pyship detect, plan, write, build and verify the bundled example (examples/flask-shop).
# The example is copied to a temporary directory so the repository stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."

# `npm install`, not `npm ci`: it follows package-lock.json just the same, but tolerates
# optional platform packages (biome's macOS/Windows builds) that a registry mirror may lack,
# where `npm ci` refuses the whole lock.
npm install --no-audit --no-fund
npm run build
bash scripts/setup-engine.sh

# setup-engine.sh records whether builds need host networking to reach PyPI here.
network=""
if [ -f .tmp/engine.env ]; then
  network=$(sed -n 's/^PYSHIP_TEST_NETWORK=//p' .tmp/engine.env)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r examples/flask-shop "$work/flask-shop"

node dist/cli.js plan "$work/flask-shop"
node dist/cli.js build "$work/flask-shop" --tag pyship-example/flask-shop:latest ${network:+--network "$network"}
