/*
 * The entrypoint shapes real projects have (issue 8), built and verified on the real engine:
 * each fixture's page says which setup step, settings or root it ran with, so a pass proves
 * the image runs the app the way its developers deploy it.
 */
import { afterAll, expect, it } from "vitest";
import { type Allowed, check, expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import { buildImage, copyFixture, removeDir, removeImages, verifyJson } from "./pyship-cli.js";

/** fixture → text the page must contain, and what it does on purpose (see Allowed). */
const CASES: ReadonlyArray<readonly [string, string, Allowed]> = [
  // manage.py computes the settings name; the production module of the package is chosen.
  // Its base settings keep a development SECRET_KEY literal, as many projects do.
  ["django-settings-package", "shop running with production settings", { secretDefault: true }],
  // A Procfile command list: its setup step ran (with its env assignment) before gunicorn;
  // that step writes a data file next to the code, which a read-only root refuses.
  ["procfile-shell", "ahoy from a prepared app", { writesAtStart: true }],
  // backend/ is the import root: its data file, gunicorn.conf.py and requirements are used.
  ["app-subroot", "hello from the backend root (settings from gunicorn.conf.py)", {}],
  // src/ is the package itself (`from src.config import …`): run from the root as src.main.
  ["src-package", "hello from the src package", {}],
];

describeE2e("pyship build + verify: entrypoint shapes", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(CASES)("%s answers %j, runs non-root, stops fast", async (name, expected, allowed) => {
    const dir = await copyFixture(name);
    const tag = `pyship-e2e-${name}:test`;
    tags.push(tag);
    try {
      await buildImage(engine, dir, tag);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", expected]);
      expectProductionReady(report, exitCode, allowed);
      expect(report.mode).toBe("web");
      expect(check(report, "expect").status).toBe("pass");
      expect(report.stopMs).toBeLessThan(3000);
    } finally {
      await removeDir(dir);
    }
  });

  it("procfile-job: a `web: python main.py` that prints and exits verifies as a job", async () => {
    const dir = await copyFixture("procfile-job");
    const tag = "pyship-e2e-procfile-job:test";
    tags.push(tag);
    try {
      await buildImage(engine, dir, tag);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", "report done"]);
      expect(report.mode).toBe("script");
      expect(check(report, "exit").status).toBe("pass");
      expect(check(report, "output").detail).toContain("report done");
      expect(report.ok).toBe(true);
      expect(exitCode).toBe(0);
    } finally {
      await removeDir(dir);
    }
  });
});
