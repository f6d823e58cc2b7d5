// When containers cannot reach PyPI, scripts/setup-engine.sh serves a local wheel directory
// (.tmp/wheels) to builds. The benchmark adds what its apps need: their pinned requirements
// (with dependencies) as CPython 3.11 wheels, the extra packages of the dependency-change
// rebuild, and psycopg2 as the source archive — that app exists to measure a compile.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { appDir, EXTRA_PACKAGES, MANIFEST } from "./apps.mjs";

const SOURCE_ONLY = /^psycopg2\b(?!-binary)/i;

/** Requirement lines of the apps' manifests (comments and blank lines dropped). */
export async function appRequirements(benchDir, apps) {
  const texts = await Promise.all(
    apps.map((app) => readFile(join(appDir(benchDir, app), MANIFEST), "utf8")),
  );
  const lines = texts.flatMap((t) => t.split("\n")).map((l) => l.replace(/#.*/, "").trim());
  return [...new Set(lines.filter(Boolean))];
}

export async function ensureWheels({ executor, benchDir, wheelDir, apps }) {
  const specs = [...(await appRequirements(benchDir, apps)), ...EXTRA_PACKAGES];
  const sources = specs.filter((s) => SOURCE_ONLY.test(s));
  const wheels = specs.filter((s) => !SOURCE_ONLY.test(s));
  await pipDownload(executor, [
    ...["-d", wheelDir, "--only-binary=:all:", "--python-version", "3.11"],
    ...wheels,
  ]);
  if (sources.length > 0) {
    await pipDownload(executor, ["-d", wheelDir, "--no-deps", "--no-binary=:all:", ...sources]);
  }
}

async function pipDownload(executor, args) {
  const result = await executor.run("python3", ["-m", "pip", "download", "-q", ...args], {
    timeoutMs: 15 * 60_000,
  });
  if (result.exitCode !== 0) {
    throw new Error(
      `pip download for the local wheel index failed:\n${result.stderr.slice(-2000)}`,
    );
  }
}
