/*
 * Fixtures that serve no HTTP: a one-shot console script (must exit 0 and print its line)
 * and a long-running worker (must stay up, print unbuffered, and stop fast).
 */
import { afterAll, expect, it } from "vitest";
import { check, expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  buildImage,
  copyFixture,
  recordMetrics,
  removeDir,
  removeImages,
  verifyJson,
} from "./pyship-cli.js";

const PROCESSES = [
  { name: "console-script", mode: "script", output: "hello from console-script" },
  { name: "worker-script", mode: "worker", output: "worker tick" },
] as const;

describeE2e("pyship build + verify: scripts and workers", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(PROCESSES)("$name runs as a $mode and prints $output", async ({ name, mode, output }) => {
    const dir = await copyFixture(name);
    const tag = `pyship-e2e-${name}:test`;
    tags.push(tag);
    try {
      const started = performance.now();
      await buildImage(engine, dir, tag);
      const buildMs = Math.round(performance.now() - started);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", output]);
      await recordMetrics({
        fixture: name,
        buildMs,
        sizeMB: report.sizeBytes === null ? null : Math.round(report.sizeBytes / 1e6),
        readyMs: report.readyMs,
        stopMs: report.stopMs,
      });
      expectProductionReady(report, exitCode);
      expect(report.mode).toBe(mode);
      expect(check(report, "output").status).toBe("pass");
      if (mode === "worker") expect(report.stopMs).toBeLessThan(3000);
      else expect(check(report, "exit").status).toBe("pass");
    } finally {
      await removeDir(dir);
    }
  });
});
