/*
 * Dependencies pyship works out itself, on the real engine: a project with no manifest
 * (seed 000's Flask hello world, app.py alone) gets its requirements from its imports, and
 * lock files are read into pinned requirements so no project tool runs in the image.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { check, expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  buildFlags,
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
  // pdm.lock without inherit_metadata: `pdm export` refuses it; pyship reads it itself.
  ["pdm-lock-legacy", "hello from pdm-lock-legacy"],
  // No lock: `pipenv requirements` would install nothing, `poetry lock` would need the JSON API.
  ["pipfile-nolock", "hello from pipfile-nolock"],
  ["poetry-nolock", "hello from poetry-nolock"],
  // UTF-16 with a BOM and CRLF (PowerShell's `pip freeze >`): pip in the image reads it as is.
  ["requirements-utf16", "hello from requirements-utf16"],
  // `-e .` in requirements.txt (typeidea): the dependency layer runs before the code exists.
  ["requirements-self-line", "hello from requirements-self-line"],
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

  it("a lock edited after pyship read it stops the build, naming the lock and the fix", async () => {
    const dir = await copyFixture("uv-lock");
    const tag = "pyship-e2e-deps-stale:test";
    tags.push(tag);
    try {
      const init = await runPyship(engine, ["init", dir]);
      expect(init.exitCode, init.stderr).toBe(0);
      appendFileSync(join(dir, "uv.lock"), "\n");
      const build = await runPyship(engine, [
        "build",
        dir,
        "--tag",
        tag,
        "--no-verify",
        ...buildFlags(engine),
      ]);
      expect(build.exitCode).not.toBe(0);
      expect(`${build.stdout}${build.stderr}`).toContain(
        "uv.lock changed since pyship.requirements.txt was generated from it; run pyship init --force",
      );
    } finally {
      await removeDir(dir);
    }
  });

  it("an install that lacks the program CMD runs fails the build, naming it and the manifest", async () => {
    const dir = await copyFixture("missing-server");
    try {
      const build = await runPyship(engine, [
        "build",
        dir,
        "--tag",
        "pyship-e2e-deps-missing:test",
        "--no-verify",
        ...buildFlags(engine),
      ]);
      expect(build.exitCode).not.toBe(0);
      expect(`${build.stdout}${build.stderr}`).toContain(
        "pserve (the command the image runs) is not installed by requirements.txt",
      );
    } finally {
      await removeDir(dir);
    }
  });
});
