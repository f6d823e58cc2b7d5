/*
 * The common e2e case for a web fixture: `pyship build` on a temp copy, `pyship verify --json`
 * on the real engine, its numbers recorded in .tmp/e2e-metrics.json, and the fixture's page
 * (`hello from <name>`) served by a production-ready image that stops in < 3 s.
 */
import { expect } from "vitest";
import { check, expectProductionReady } from "./checks.js";
import type { E2eEngine } from "./engine.js";
import { buildImage, copyFixture, recordMetrics, removeDir, verifyJson } from "./pyship-cli.js";

export async function expectWebFixtureServes(
  engine: E2eEngine,
  name: string,
  tags: string[],
  /** The key in .tmp/e2e-metrics.json, when the fixture is measured on another engine too. */
  metricsKey = name,
): Promise<void> {
  const dir = await copyFixture(name);
  const tag = `pyship-e2e-${name}:test`;
  tags.push(tag);
  try {
    const started = performance.now();
    await buildImage(engine, dir, tag);
    const buildMs = Math.round(performance.now() - started);
    const { report, exitCode } = await verifyJson(engine, tag, ["--expect", `hello from ${name}`]);
    await recordMetrics({
      fixture: metricsKey,
      buildMs,
      sizeMB: report.sizeBytes === null ? null : Math.round(report.sizeBytes / 1e6),
      readyMs: report.readyMs,
      stopMs: report.stopMs,
    });
    expectProductionReady(report, exitCode);
    expect(report.mode).toBe("web");
    expect(check(report, "expect").status).toBe("pass");
    expect(report.stopMs).toBeLessThan(3000);
  } finally {
    await removeDir(dir);
  }
}
