/*
 * A Flask project as developers really have it: a .env with a secret, a .git directory, a
 * virtualenv, bytecode caches and a private key. `pyship build` (which verifies) must
 * succeed and none of it may reach the image — checked by verify AND by listing /app
 * independently, so a broken scan in verify cannot hide a leak. Then the same dirt beside
 * the project's own .dockerignore that lists only `.venv` (astral's uv example): pyship
 * leaves that file alone and keeps the dirt out through Dockerfile.dockerignore.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { check } from "./checks.js";
import { describeE2e, type E2eEngine } from "./engine.js";
import {
  buildFlags,
  copyFixture,
  engineRun,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

const TAG = "pyship-e2e-dirty:test";

const DIRT: Record<string, string> = {
  ".env": "SECRET_KEY=sk_live_pyship_e2e_fake_secret\n",
  ".git/HEAD": "ref: refs/heads/main\n",
  "venv/pyvenv.cfg": "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n",
  "venv/bin/python": "",
  "__pycache__/web.cpython-311.pyc": "not really bytecode",
  id_rsa: "-----BEGIN OPENSSH PRIVATE KEY-----\nfake\n-----END OPENSSH PRIVATE KEY-----\n",
};

/** flask-module with the dirt (and `extra` files) written into a fresh copy. */
async function dirtyCopy(extra: Record<string, string>): Promise<string> {
  const dir = await copyFixture("flask-module");
  for (const [path, content] of Object.entries({ ...extra, ...DIRT })) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describeE2e("pyship build on a dirty project", (engine) => {
  let dir = "";
  beforeAll(async () => {
    dir = await dirtyCopy({});
  });
  afterAll(async () => {
    await removeImages(engine, [TAG]);
    await removeDir(dir);
  });

  it("builds and verifies (pyship build runs verify)", async () => {
    const result = await runPyship(engine, ["build", dir, "--tag", TAG, ...buildFlags(engine)]);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  });

  it("ships none of .env, .git, venv, __pycache__, id_rsa (verify's scan)", async () => {
    const { report } = await verifyJson(engine, TAG, ["--expect", "hello from flask-module"]);
    expect(check(report, "no-leaks"), JSON.stringify(report.checks)).toMatchObject({
      status: "pass",
    });
    expect(report.ok).toBe(true);
  });

  it("ships none of them (independent listing of the app directory)", async () => {
    await expectNoDirt(engine, TAG);
  });
});

describeE2e("pyship build beside the project's own .dockerignore", (engine) => {
  const tag = "pyship-e2e-own-ignore:test";
  const own = ".venv\n";
  let dir = "";
  beforeAll(async () => {
    dir = await dirtyCopy({ ".dockerignore": own });
  });
  afterAll(async () => {
    await removeImages(engine, [tag]);
    await removeDir(dir);
  });

  it("builds and verifies, leaving the user's .dockerignore as it was", async () => {
    const result = await runPyship(engine, ["build", dir, "--tag", tag, ...buildFlags(engine)]);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(await readFile(join(dir, ".dockerignore"), "utf8")).toBe(own);
    const generated = await readFile(join(dir, "Dockerfile.dockerignore"), "utf8");
    expect(generated).toMatch(/^\.git$/m);
  });

  it("ships none of the dirt (independent listing of the app directory)", async () => {
    await expectNoDirt(engine, tag);
  });
});

async function expectNoDirt(engine: E2eEngine, tag: string): Promise<void> {
  // Runs in the image's WORKDIR (the app directory); grep finds the secret in any file.
  const script = "find . -maxdepth 2 | sort; echo ---; grep -rl sk_live_pyship . || true";
  const listing = await engineRun(engine, [
    "run",
    "--rm",
    "--user",
    "0",
    "--entrypoint",
    "sh",
    tag,
    "-c",
    script,
  ]);
  expect(listing.exitCode, listing.stderr).toBe(0);
  const [files = "", secrets = ""] = listing.stdout.split("---\n");
  const names = files.split("\n").map((line) => line.replace(/^\.\//, ""));
  expect(names).toContain("web.py");
  for (const leaked of [".env", ".git", "venv", "__pycache__", "id_rsa"])
    expect(names).not.toContain(leaked);
  expect(secrets.trim(), "files containing the fake secret").toBe("");
}
