/*
 * Django in production on the real engine: a project whose settings demand a real
 * SECRET_KEY and serve static files with WhiteNoise. The build must collect the static
 * files without that secret (or a database), the image must serve them, and a run without
 * the secret must be explained by verify.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import { describeE2e } from "./engine.js";
import {
  buildImage,
  copyFixture,
  engineRun,
  failures,
  removeDir,
  removeImages,
  verifyJson,
} from "./pyship-cli.js";

const TAG = "pyship-e2e-django-static:test";
const SECRET = ["--env", "DJANGO_SECRET_KEY=e2e-not-a-secret"];

describeE2e("pyship build + verify: Django with collectstatic and WhiteNoise", (engine) => {
  let dir = "";
  beforeAll(async () => {
    dir = await copyFixture("django-static");
    await buildImage(engine, dir, TAG);
  }, 600_000);
  afterAll(async () => {
    await removeImages(engine, [TAG]);
    await removeDir(dir);
  });

  it("serves a collected static file through WhiteNoise", async () => {
    const { report, exitCode } = await verifyJson(engine, TAG, [
      ...SECRET,
      "--path",
      "/static/shop/site.css",
      "--expect",
      "django-static-css",
    ]);
    expect(exitCode, failures(report)).toBe(0);
  });

  it("collected them at build time, owned by the app user, with no key left in the image", async () => {
    const listing = await engineRun(engine, [
      "run",
      "--rm",
      "--entrypoint",
      "sh",
      TAG,
      "-c",
      'stat -c "%u %n" /app/staticfiles/shop/site.css; env',
    ]);
    expect(listing.exitCode, listing.stderr).toBe(0);
    expect(listing.stdout).toContain("10001 /app/staticfiles/shop/site.css");
    expect(listing.stdout).not.toContain("DJANGO_SECRET_KEY");
  });

  it("says which variable is missing when run without the secret", async () => {
    const { report, exitCode } = await verifyJson(engine, TAG, ["--timeout", "20"]);
    expect(exitCode).toBe(EXIT_CODES.E_CONTAINER_EXITED);
    expect(report.failure?.diagnosis).toMatchObject({
      cause: "missing-env",
      line: "KeyError: 'DJANGO_SECRET_KEY'",
    });
  });
});
