/*
 * Flask's tutorial shape (test/fixtures/flask-sqlite-init): a SQLite file in the instance
 * folder and an `init-db` click command. `pyship build` creates the tables at build time, so
 * verify's GET / finds them (on a build without that step it answers 500), and the app user
 * writes to the file. On the real engine. `init-db = false` and the hint: unit tests.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeE2e, type E2eEngine } from "./engine.js";
import {
  buildFlags,
  copyFixture,
  engineRun,
  removeDir,
  removeImages,
  runPyship,
} from "./pyship-cli.js";

const FIXTURE = "flask-sqlite-init";
const TAG = "pyship-e2e-sqlite-init:test";

async function docker(engine: E2eEngine, args: readonly string[]): Promise<string> {
  const result = await engineRun(engine, args);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/** GET or POST on the running container until it answers (the server may still be starting). */
async function ask(base: string, path: string, method = "GET"): Promise<Response> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const signal = AbortSignal.timeout(2000);
    const answer = await fetch(`${base}${path}`, { method, signal }).catch(() => null);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer on ${base}${path}`);
}

describeE2e("a SQLite app whose tables its own command creates", (engine) => {
  const names: string[] = [];
  afterAll(async () => {
    for (const name of names) await engineRun(engine, ["rm", "-f", name]);
    await removeImages(engine, [TAG]);
  });

  it("builds, passes verify, and the app user writes to the database", async () => {
    const dir = await copyFixture(FIXTURE);
    try {
      const build = await runPyship(engine, ["build", dir, "--tag", TAG, ...buildFlags(engine)]);
      expect(build.exitCode, build.stderr).toBe(0);
      expect(build.stdout).toContain("works and is ready to ship");
      const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
      expect(dockerfile).toContain("RUN flask --app notes init-db");
    } finally {
      await removeDir(dir);
    }
    const name = `pyship-sqlite-init-${Date.now()}`;
    names.push(name);
    await docker(engine, ["run", "-d", "--name", name, "-p", "127.0.0.1:0:8000", TAG]);
    const base = `http://${(await docker(engine, ["port", name, "8000/tcp"])).split("\n")[0]}`;
    expect(await (await ask(base, "/")).text()).toBe("hello from flask-sqlite-init (0 notes)");
    expect((await ask(base, "/notes", "POST")).status).toBe(201);
    expect(await (await ask(base, "/")).text()).toBe("hello from flask-sqlite-init (1 notes)");
    const owner = await docker(engine, ["exec", name, "stat", "-c", "%u", "instance/notes.sqlite"]);
    expect(owner).toBe("10001");
  });
});
