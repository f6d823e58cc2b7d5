/*
 * The installer on the real engine beyond the default path (uv with BuildKit, which every
 * other e2e file builds): uv on the legacy builder, which has no cache mounts, and pip when
 * the user switches back with --installer pip.
 */
import { mkdtemp, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  buildFlags,
  copyFixture,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

describeE2e("pyship build: uv on the legacy builder, and pip on request", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it("uv fills a fresh venv on the legacy builder (no BuildKit, no cache mounts)", async () => {
    const legacy = engine.settings.PYSHIP_TEST_DOCKER_LEGACY;
    expect(legacy, "setup-engine.sh names a client without BuildKit").toBeTruthy();
    const dir = await copyFixture("flask-module");
    // pyship picks the best client on PATH: a PATH with only the legacy one leaves it no other.
    const bin = await mkdtemp(join(tmpdir(), "pyship-uv-legacy-bin-"));
    await symlink(legacy ?? "", join(bin, "docker"));
    const tag = "pyship-uv-e2e-legacy:test";
    tags.push(tag);
    try {
      const args = ["build", dir, "--tag", tag, "--no-verify", ...buildFlags(engine)];
      const build = await runPyship(engine, args, 600_000, { PATH: bin, PYSHIP_ENGINE: "" });
      expect(build.exitCode, `${build.stdout}\n${build.stderr}`).toBe(0);
      const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
      expect(dockerfile).not.toContain("--mount=");
      expect(dockerfile).toContain("/opt/tools/bin/uv pip sync");
      expect(dockerfile).toContain("UV_NO_CACHE=1");
      const { report, exitCode } = await verifyJson(engine, tag);
      expectProductionReady(report, exitCode);
    } finally {
      await removeDir(dir);
      await removeDir(bin);
    }
  });

  it("--installer pip builds with pip, uv nowhere in the Dockerfile", async () => {
    const dir = await copyFixture("flask-module");
    const tag = "pyship-uv-e2e-pip:test";
    tags.push(tag);
    try {
      const args = ["build", dir, "--tag", tag, "--no-verify", "--installer", "pip"];
      const build = await runPyship(engine, [...args, ...buildFlags(engine)]);
      expect(build.exitCode, `${build.stdout}\n${build.stderr}`).toBe(0);
      const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
      expect(dockerfile).toContain("pip install -r requirements.txt");
      expect(dockerfile).not.toMatch(/\buv\b/);
      const { report, exitCode } = await verifyJson(engine, tag);
      expectProductionReady(report, exitCode);
    } finally {
      await removeDir(dir);
    }
  });
});
