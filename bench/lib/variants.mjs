// How each variant gets its Dockerfile into a work copy of an app. The three baselines are
// hand-written files in bench/baselines/<app>/<variant>.Dockerfile; pyship's is whatever
// `pyship init` writes, untouched. All four are then built by the same `docker build`.
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * @typedef {{ executor: any, benchDir: string, cli: string, buildkitFlag: string[] }} VariantEnv
 * @type {Record<string, (env: VariantEnv, app: string, workDir: string) => Promise<void>>}
 */
export const VARIANTS = {
  naive: copyBaseline("naive"),
  better: copyBaseline("better"),
  production: copyBaseline("production"),
  "one-worker": copyBaseline("one-worker"),
  pyship: runPyshipInit,
};

function copyBaseline(variant) {
  return async ({ benchDir }, app, workDir) => {
    await copyFile(
      join(benchDir, "baselines", app, `${variant}.Dockerfile`),
      join(workDir, "Dockerfile"),
    );
  };
}

/**
 * Runs before every pyship build (not timed), as `pyship build` re-plans on each run: if an
 * edit changed what pyship would generate, the measured build uses the new files.
 */
async function runPyshipInit({ executor, cli, buildkitFlag }, _app, workDir) {
  const args = [cli, "init", workDir, "--force", "--yes", ...buildkitFlag];
  const result = await executor.run(process.execPath, args, { timeoutMs: 120_000 });
  if (result.exitCode !== 0) {
    throw new Error(
      `pyship init exited with ${result.exitCode}:\n${result.stderr}${result.stdout}`,
    );
  }
}

/**
 * The flag that makes `pyship init` render BuildKit cache mounts, when this CLI has one and
 * the engine builds with BuildKit ([] otherwise: init then renders for any engine).
 */
export async function pyshipBuildkitFlag(executor, cli, buildkit) {
  if (!buildkit) return [];
  const help = await executor.run(process.execPath, [cli, "init", "--help"]);
  return help.stdout.includes("--buildkit") ? ["--buildkit"] : [];
}

/** Whether the Dockerfile pyship wrote uses cache mounts (explains dependency rebuilds). */
export async function usesCacheMounts(workDir) {
  const text = await readFile(join(workDir, "Dockerfile"), "utf8").catch(() => "");
  return /--mount=type=cache/.test(text);
}
