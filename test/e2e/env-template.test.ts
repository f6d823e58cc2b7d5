/*
 * A project whose code cannot start without two variables its .env.example gives
 * (test/fixtures/flask-env-template), on the real engine:
 *   - `pyship build` verifies the image with the example's values for those two only, in the
 *     test container: it passes, and the image's own environment holds none of them;
 *   - the image alone, with nothing set, exits naming the variable: the pass came from the
 *     test container's environment, not from the image;
 *   - run with real values, it serves them, and DEBUG keeps the code's default (the example's
 *     `DEBUG=true` is a development value, never given).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { VerifyReport } from "../../src/core/pipeline.js";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  buildFlags,
  copyFixture,
  engineRun,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

const TAG = "pyship-e2e-flask-env-template:test";

describeE2e("the project's .env.example in the build's test container", (engine) => {
  let build: Awaited<ReturnType<typeof runPyship>>;
  beforeAll(async () => {
    const dir = await copyFixture("flask-env-template");
    try {
      build = await runPyship(engine, [
        "build",
        dir,
        "--tag",
        TAG,
        "--json",
        ...buildFlags(engine),
      ]);
    } finally {
      await removeDir(dir);
    }
  }, 600_000);
  afterAll(() => removeImages(engine, [TAG]));

  it("passes verify with the example's required values, none of them in the image", async () => {
    expect(build.exitCode, build.stderr.slice(-3000)).toBe(0);
    const verify = (JSON.parse(build.stdout) as { verify: VerifyReport }).verify;
    expect(verify.ok).toBe(true);
    const env = await engineRun(engine, ["image", "inspect", TAG, "--format", "{{.Config.Env}}"]);
    expect(env.stdout).not.toMatch(/SECRET_KEY|SITE_NAME|change-me|DEBUG/);
  });

  it("the image alone exits naming the variable the example gave", async () => {
    const { report } = await verifyJson(engine, TAG);
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).toContain("SECRET_KEY");
  });

  it("serves the values it is given, with the code's own DEBUG default", async () => {
    const real = ["--env", "SECRET_KEY=s3cret", "--env", "SITE_NAME=Production"];
    const { report } = await verifyJson(engine, TAG, [
      ...real,
      "--expect",
      "Production (debug False)",
    ]);
    expect(report.ok).toBe(true);
    expect(check(report, "expect").status).toBe("pass");
  });
});
