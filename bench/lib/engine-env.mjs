// Which docker client and build network the benchmark uses: the outcome of
// scripts/setup-engine.sh (.tmp/engine.env), overridable from the environment.
import { readFile } from "node:fs/promises";

/** Parses KEY=VALUE lines (optional quotes, `#` comments) as the setup script writes them. */
export function parseEnvFile(text) {
  const env = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match || line.startsWith("#")) continue;
    env[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return env;
}

/**
 * @returns {Promise<{ docker: string, buildkit: boolean, network: string, pypi: string, source: string }>}
 */
export async function loadEngineEnv(file) {
  let fromFile = {};
  try {
    fromFile = parseEnvFile(await readFile(file, "utf8"));
  } catch {
    // No setup outcome: fall back to whatever docker is on PATH.
  }
  const pick = (key) => process.env[key] ?? fromFile[key] ?? "";
  const buildkitClient = pick("PYSHIP_TEST_DOCKER");
  return {
    // An empty PYSHIP_TEST_DOCKER means no client builds with BuildKit: use the legacy one.
    docker: buildkitClient || pick("PYSHIP_TEST_DOCKER_LEGACY") || "docker",
    buildkit: buildkitClient !== "",
    network: pick("PYSHIP_TEST_NETWORK"),
    pypi: pick("PYSHIP_TEST_PYPI") || "unknown",
    source: Object.keys(fromFile).length > 0 ? file : "environment",
  };
}
