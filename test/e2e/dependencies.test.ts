/*
 * Dependencies pyship works out itself, on the real engine: a project with no manifest
 * (seed 000's Flask hello world, app.py alone) gets its requirements from its imports, and
 * lock files are read into pinned requirements so no project tool runs in the image.
 */
import { afterAll, expect, it } from "vitest";
import { check, expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  buildImage,
  copyFixture,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

/** Fixture → text its GET / answers with. */
const SERVED: ReadonlyArray<readonly [string, string]> = [
  ["seed-flask-hello", "Hello from Docker + Flask!"],
];

describeE2e("pyship build + verify: dependencies pyship resolves itself", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(SERVED)("%s builds, answers and passes verify", async (name, expected) => {
    const dir = await copyFixture(name);
    const tag = `pyship-e2e-deps-${name}:test`;
    tags.push(tag);
    try {
      await buildImage(engine, dir, tag);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", expected]);
      expectProductionReady(report, exitCode);
      expect(check(report, "expect").status).toBe("pass");
    } finally {
      await removeDir(dir);
    }
  });

  it("seed-flask-hello: init --write-requirements, then the build installs that file", async () => {
    const dir = await copyFixture("seed-flask-hello");
    const tag = "pyship-e2e-deps-written:test";
    tags.push(tag);
    try {
      const init = await runPyship(engine, ["init", dir, "--write-requirements"]);
      expect(init.exitCode, init.stderr).toBe(0);
      await buildImage(engine, dir, tag);
      const { report, exitCode } = await verifyJson(engine, tag, [
        "--expect",
        "Hello from Docker + Flask!",
      ]);
      expectProductionReady(report, exitCode);
    } finally {
      await removeDir(dir);
    }
  });
});
