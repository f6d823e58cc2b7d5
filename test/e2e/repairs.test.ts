/*
 * `pyship build` repairs a known failure once: repair-pkg-resources imports pkg_resources,
 * which nothing in its pins announces, so the first image fails verify with
 * `No module named 'pkg_resources'`; the build adds setuptools<82, rewrites the Dockerfile,
 * builds and verifies again, and reports the repair. flask-gevent-config lists gunicorn and
 * gevent apart, as projects written before gunicorn 26.2 do: its gevent worker then misses
 * packaging. A 2017 sdist (MarkupSafe 1.0) builds with
 * the plan's build constraint (setuptools<46, UV_BUILD_CONSTRAINT); a pin deleted from the
 * index is named as broken upstream.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Repair, VerifyReport } from "../../src/core/pipeline.js";
import { describeE2e, type E2eEngine } from "./engine.js";
import {
  buildFlags,
  copyFixture,
  engineRun,
  removeDir,
  removeImages,
  runPyship,
} from "./pyship-cli.js";
import { expectWebFixtureServes } from "./web-fixture.js";

interface RepairedBuild {
  readonly verify: VerifyReport;
  readonly repair: Repair | null;
  readonly dockerfile: string;
}

/** `pyship build --json` on a copy of the fixture, which must end in a passing verify. */
async function buildWithRepair(engine: E2eEngine, fixture: string, tag: string) {
  const dir = await copyFixture(fixture);
  try {
    const build = await runPyship(engine, [
      "build",
      dir,
      "--tag",
      tag,
      "--json",
      ...buildFlags(engine),
    ]);
    expect(build.exitCode, build.stderr.slice(-3000)).toBe(0);
    const result = JSON.parse(build.stdout) as Omit<RepairedBuild, "dockerfile">;
    return { ...result, dockerfile: await readFile(join(dir, "Dockerfile"), "utf8") };
  } finally {
    await removeDir(dir);
  }
}

describeE2e("pyship build repairs a known failure once", (engine) => {
  const tag = "pyship-e2e-repair-pkg-resources:test";
  const geventTag = "pyship-e2e-flask-gevent-config:test";
  afterAll(() => removeImages(engine, [tag, geventTag]));

  it("adds setuptools after `No module named 'pkg_resources'`, then passes verify", async () => {
    const result = await buildWithRepair(engine, "repair-pkg-resources", tag);
    expect(result.repair).toMatchObject({
      id: "setuptools-for-pkg-resources",
      packages: ["setuptools<82"],
    });
    expect(result.repair?.evidence.why).toContain("No module named 'pkg_resources'");
    expect(result.verify.ok).toBe(true);
    expect(result.dockerfile).toContain('"setuptools<82"');
  });

  it("gunicorn's gevent worker without gunicorn[gevent]: adds packaging, and stops fast", async () => {
    // The project's gunicorn.conf.py picks gevent's pywsgi, which waits at SIGTERM for every
    // open connection: the stop is fast only if verify's probe left none open.
    const result = await buildWithRepair(engine, "flask-gevent-config", geventTag);
    expect(result.repair).toMatchObject({
      id: "packaging-for-gunicorn-gevent",
      packages: ["packaging"],
    });
    expect(result.verify.ok).toBe(true);
    expect(result.verify.stopMs).toBeLessThan(3000);
    expect(result.dockerfile).toContain('"packaging"');
  });

  it("an old sdist that needs setuptools<46 builds through uv's build constraints", async () => {
    // MarkupSafe 1.0's setup.py fails on 3.11's re module: the fixture's 3.9 must be real.
    const label = '{{index .Config.Labels "org.pyship.python"}}';
    const real = await engineRun(engine, ["image", "inspect", "-f", label, "python:3.9-slim"]);
    expect(
      real.stdout.trim(),
      "python:3.9-slim must be a real CPython 3.9: PYSHIP_REAL_PYTHONS must include 3.9 in setup-engine",
    ).toMatch(/^3\.9\./);
    const tags: string[] = [];
    try {
      await expectWebFixtureServes(engine, "sdist-old-setuptools", tags);
    } finally {
      await removeImages(engine, tags);
    }
  });

  it("a pinned release no longer on the index is named as broken upstream, not repaired", async () => {
    const dir = await copyFixture("pin-gone-upstream");
    try {
      const build = await runPyship(engine, [
        "build",
        dir,
        "--tag",
        "pyship-e2e-pin-gone:test",
        ...buildFlags(engine),
      ]);
      expect(build.exitCode).not.toBe(0);
      expect(build.stderr).toContain(
        "the pinned release requests-async==0.5.0 is not on the package index",
      );
      expect(build.stderr).not.toContain("Known failure");
    } finally {
      await removeDir(dir);
    }
  });
});
