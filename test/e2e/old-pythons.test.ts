/*
 * The Python of a project's era, for real: django-1-10-era pins Django 1.10, which Python 3.8
 * refuses, so the plan picks 3.6 — an image whose pip cannot fill a venv from outside (no
 * `--python` before pip 22.3) and which uv cannot target. The venv's own pip installs, and the
 * page it serves names the Python that ran it. Needs a real 3.6 stand-in (setup-engine).
 */
import { afterAll, expect, it } from "vitest";
import { describeE2e } from "./engine.js";
import { engineRun, removeImages } from "./pyship-cli.js";
import { expectWebFixtureServes } from "./web-fixture.js";

describeE2e("pyship build + verify: a Python older than uv supports", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it("django-1-10-era builds on Python 3.6 with the venv's own pip and answers", async () => {
    const label = '{{index .Config.Labels "org.pyship.python"}}';
    const real = await engineRun(engine, ["image", "inspect", "-f", label, "python:3.6-slim"]);
    expect(
      real.stdout.trim(),
      "python:3.6-slim must be a real CPython 3.6: PYSHIP_REAL_PYTHONS must include 3.6 in setup-engine",
    ).toMatch(/^3\.6\./);
    await expectWebFixtureServes(engine, "django-1-10-era", tags);
  });
});
