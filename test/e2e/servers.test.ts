/*
 * What serves HTTP beyond the classic app objects: a script and a console script that start
 * their own server (bound to 0.0.0.0:PORT by the plan, not by editing the code), a framework
 * pyship learned (Falcon), and a Dash dashboard served through its Flask server. Each is built
 * with `pyship build` and must answer GET / with `hello from <name>` through a published port.
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

const SERVING_FIXTURES = [
  "http-server-script",
  "uvicorn-console-script",
  "falcon-app",
  "dash-app",
  "sanic-app",
  "aiohttp-app",
];

describeE2e("pyship build + verify: what serves HTTP", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(SERVING_FIXTURES)("%s answers on its published port", async (name) => {
    const dir = await copyFixture(name);
    const tag = `pyship-e2e-${name}:test`;
    tags.push(tag);
    try {
      const started = performance.now();
      await buildImage(engine, dir, tag);
      const buildMs = Math.round(performance.now() - started);
      const { report, exitCode } = await verifyJson(engine, tag, [
        "--expect",
        `hello from ${name}`,
      ]);
      await recordMetrics({
        fixture: name,
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
  });
});
