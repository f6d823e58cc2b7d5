/*
 * Drives the real CLI (dist/cli.js, built by `npm test`) and the real engine for e2e
 * tests: temp copies of fixtures, build, verify --json, cleanup, and the measurements the
 * issue's closing note reports (.tmp/e2e-metrics.json).
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunResult } from "../../src/core/exec.js";
import { NodeExecutor } from "../../src/core/node-executor.js";
import type { VerifyReport } from "../../src/core/pipeline.js";
import { type E2eEngine, REPO } from "./engine.js";

const CLI = resolve(REPO, "dist/cli.js");
const METRICS = resolve(REPO, ".tmp/e2e-metrics.json");
const executor = new NodeExecutor();

/** A throwaway copy of test/fixtures/<name>: tests never write into the fixtures. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `pyship-e2e-${name}-`));
  await cp(resolve(REPO, "test/fixtures", name), dir, { recursive: true });
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function runPyship(
  engine: E2eEngine,
  args: readonly string[],
  timeoutMs = 600_000,
  env: Readonly<Record<string, string>> = {},
): Promise<RunResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does)`);
  return executor.run(process.execPath, [CLI, ...args], {
    timeoutMs,
    env: { PYSHIP_ENGINE: engine.client, PYSHIP_LANG: "en", NO_COLOR: "1", CI: "1", ...env },
  });
}

/**
 * Flags every e2e build gets: the network setup-engine.sh asks for, and --no-cache under
 * PYSHIP_E2E_NO_CACHE=1 (to measure cold builds without pruning the shared engine's cache).
 */
export function buildFlags(engine: E2eEngine): string[] {
  const network = engine.network ? ["--network", engine.network] : [];
  return process.env.PYSHIP_E2E_NO_CACHE === "1" ? [...network, "--no-cache"] : network;
}

/** `pyship build DIR --tag TAG --no-verify` (verify runs separately, with --json). */
export async function buildImage(engine: E2eEngine, dir: string, tag: string): Promise<void> {
  const flags = ["--tag", tag, "--no-verify", ...buildFlags(engine)];
  const result = await runPyship(engine, ["build", dir, ...flags]);
  if (result.exitCode !== 0) {
    throw new Error(`pyship build ${dir} failed (exit ${result.exitCode}):\n${tail(result)}`);
  }
}

/** `pyship verify TAG --json ...`: the report, whatever the exit code. */
export async function verifyJson(
  engine: E2eEngine,
  tag: string,
  flags: readonly string[] = [],
): Promise<{
  report: VerifyReport;
  exitCode: number;
  stderr: string;
}> {
  const result = await runPyship(engine, ["verify", tag, "--json", "--timeout", "90", ...flags]);
  try {
    return {
      report: JSON.parse(result.stdout) as VerifyReport,
      exitCode: result.exitCode,
      stderr: result.stderr,
    };
  } catch {
    throw new Error(
      `pyship verify ${tag} printed no JSON (exit ${result.exitCode}):\n${tail(result)}`,
    );
  }
}

/** The failed checks, for assertion messages that say what went wrong. */
export function failures(report: VerifyReport): string {
  const failed = report.checks.filter((check) => check.status === "fail");
  return failed.map((check) => `${check.name}: ${check.detail}`).join("\n") || "(none)";
}

export async function removeImages(engine: E2eEngine, tags: readonly string[]): Promise<void> {
  if (tags.length > 0)
    await executor.run(engine.client, ["rmi", "-f", ...tags], { timeoutMs: 60_000 });
}

/** Runs the engine client directly (hand-written Dockerfiles for verify's own e2e tests). */
export function engineRun(
  engine: E2eEngine,
  args: readonly string[],
  cwd?: string,
): Promise<RunResult> {
  return executor.run(engine.client, args, {
    cwd,
    timeoutMs: 600_000,
    env: { DOCKER_BUILDKIT: "1" },
  });
}

export interface Metrics {
  readonly fixture: string;
  readonly buildMs: number;
  readonly sizeMB: number | null;
  readonly readyMs: number | null;
  readonly stopMs: number | null;
}

/** Appends one fixture's numbers to .tmp/e2e-metrics.json (keyed by fixture). */
export async function recordMetrics(metrics: Metrics): Promise<void> {
  let all: Record<string, Metrics> = {};
  try {
    all = JSON.parse(await readFile(METRICS, "utf8"));
  } catch {
    // first entry
  }
  all[metrics.fixture] = metrics;
  await writeFile(METRICS, `${JSON.stringify(all, null, 2)}\n`);
}

function tail(result: RunResult): string {
  return `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-30).join("\n");
}
