/*
 * podman as the e2e engine (scripts/setup-podman.sh writes PYSHIP_TEST_PODMAN into
 * .tmp/engine.env): the same E2eEngine shape, so the shared helpers build, verify and clean
 * up with podman. With PYSHIP_ENGINE set to podman's path, `pyship build` picks podman and
 * `pyship verify` runs its containers.
 */
import type { E2eEngine } from "./engine.js";

export function podmanEngine(engine: E2eEngine): E2eEngine {
  const client = process.env.PYSHIP_TEST_PODMAN || engine.settings.PYSHIP_TEST_PODMAN;
  if (!client) {
    throw new Error("PYSHIP_TEST_PODMAN is not in .tmp/engine.env: run scripts/setup-podman.sh");
  }
  return { ...engine, client };
}
