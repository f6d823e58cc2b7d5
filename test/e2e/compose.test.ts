/*
 * `pyship init --compose` on real fixtures, run by the real Compose v2 (scripts/setup-services.sh)
 * with the stand-in postgres:15 and redis:7 images: `up --wait` must get every service
 * healthy, the app must write and read a row (PostgreSQL, through SQLAlchemy + psycopg 3 and
 * an Alembic migration) or a key and a Celery task (Redis) through the generated wiring, and
 * `pyship verify --compose` must pass. Every stack is torn down with `down -v`.
 */
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { RunResult } from "../../src/core/exec.js";
import { NodeExecutor } from "../../src/core/node-executor.js";
import type { ComposeReport } from "../../src/core/pipeline.js";
import { describeE2e, type E2eEngine, REPO } from "./engine.js";
import { buildFlags, removeDir, removeImages, runPyship } from "./pyship-cli.js";

const executor = new NodeExecutor();
const METRICS = resolve(REPO, ".tmp/e2e-compose-metrics.json");

interface Stack {
  readonly dir: string;
  readonly image: string;
  readonly project: string;
  compose(args: readonly string[]): Promise<RunResult>;
}

/** A copy of the fixture (named so its images and project carry this helper's prefix), init'ed and built. */
async function initAndBuild(engine: E2eEngine, fixture: string): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), `pyship-compose-${fixture.replace("compose-", "")}-`));
  await cp(resolve(REPO, "test/fixtures", fixture), dir, { recursive: true });
  const init = await runPyship(engine, ["init", dir, "--compose", "--yes"]);
  expect(init.exitCode, init.stdout + init.stderr).toBe(0);
  const project = basename(dir).toLowerCase();
  const build = await runPyship(engine, ["build", dir, "--no-verify", ...buildFlags(engine)]);
  expect(build.exitCode, build.stdout + build.stderr).toBe(0);
  const compose = (args: readonly string[]) =>
    executor.run(engine.client, ["compose", "-p", project, ...args], {
      cwd: dir,
      env: { WEB_PORT: "0" },
      timeoutMs: 300_000,
    });
  return { dir, image: `${project}:latest`, project, compose };
}

async function upHealthy(stack: Stack): Promise<{ ms: number; base: string }> {
  const started = performance.now();
  const up = await stack.compose(["up", "-d", "--wait", "--wait-timeout", "150"]);
  const ms = Math.round(performance.now() - started);
  if (up.exitCode !== 0) {
    const logs = await stack.compose(["logs", "--no-color", "--tail", "30"]);
    throw new Error(`compose up --wait failed:\n${up.stderr}\n${logs.stdout}`);
  }
  const port = (await stack.compose(["port", "web", "8000"])).stdout.trim();
  return { ms, base: `http://${port}` };
}

async function recordCompose(fixture: string, numbers: Record<string, number>): Promise<void> {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(await readFile(METRICS, "utf8"));
  } catch {
    // first entry
  }
  all[fixture] = numbers;
  await writeFile(METRICS, `${JSON.stringify(all, null, 2)}\n`);
}

describeE2e("pyship init --compose: real stacks", (engine) => {
  const images: string[] = [];
  const stacks: Stack[] = [];
  afterAll(async () => {
    for (const stack of stacks) {
      await stack.compose(["down", "-v", "--remove-orphans"]);
      await removeDir(stack.dir);
    }
    await removeImages(engine, images);
  });

  it("PostgreSQL: the migration runs first, the app writes and reads a row, verify --compose passes", async () => {
    const started = performance.now();
    const stack = await initAndBuild(engine, "compose-postgres");
    stacks.push(stack);
    images.push(stack.image);
    const compose = await readFile(join(stack.dir, "compose.yaml"), "utf8");
    const secrets = await readFile(join(stack.dir, ".env.compose"), "utf8");
    const password = /^POSTGRES_PASSWORD=(\w+)$/m.exec(secrets)?.[1] ?? "";
    expect(password).toMatch(/^[0-9a-f]{32}$/);
    expect(compose).not.toContain(password);
    expect(secrets).toContain(
      `DATABASE_URL=postgresql+psycopg://app:${password}@postgres:5432/app`,
    );
    const { ms, base } = await upHealthy(stack);
    const migrate = await stack.compose([
      "ps",
      "-a",
      "--format",
      "{{.Service}} {{.State}} {{.ExitCode}}",
    ]);
    expect(migrate.stdout).toMatch(/^migrate exited 0$/m);
    const created = await fetch(`${base}/notes`, { method: "POST", body: "through compose" });
    const { id } = (await created.json()) as { id: number };
    const row = (await (await fetch(`${base}/notes/${id}`)).json()) as { body: string };
    expect(row.body).toBe("through compose");
    await stack.compose(["down", "-v"]);
    const verifyStarted = performance.now();
    const verify = await runPyship(engine, ["verify", "--compose", stack.dir, "--json"]);
    const report = JSON.parse(verify.stdout) as ComposeReport;
    expect(report, verify.stderr).toMatchObject({ ok: true, probe: { status: 200 } });
    expect(report.services.map((s) => `${s.name}:${s.health || s.state}`).sort()).toEqual([
      "migrate:exited",
      "postgres:healthy",
      "web:healthy",
    ]);
    await recordCompose("compose-postgres", {
      upHealthyMs: ms,
      verifyMs: Math.round(performance.now() - verifyStarted),
      verifyHealthyMs: report.healthyMs ?? -1,
      totalMs: Math.round(performance.now() - started),
    });
  });

  it("Redis + Celery: a key round-trips, a task runs on the worker, beat is up", async () => {
    const started = performance.now();
    const stack = await initAndBuild(engine, "compose-celery");
    stacks.push(stack);
    images.push(stack.image);
    const { ms, base } = await upHealthy(stack);
    const health = await stack.compose(["ps", "--format", "{{.Service}} {{.Health}}"]);
    expect(health.stdout.trim().split("\n").sort()).toEqual([
      "beat healthy",
      "redis healthy",
      "web healthy",
      "worker healthy",
    ]);
    await fetch(`${base}/kv/greeting`, { method: "PUT", body: "hello redis" });
    expect(await (await fetch(`${base}/kv/greeting`)).json()).toEqual({ value: "hello redis" });
    const taskStarted = performance.now();
    expect(await (await fetch(`${base}/add?x=2&y=40`)).json()).toEqual({ sum: 42 });
    const taskMs = Math.round(performance.now() - taskStarted);
    const worker = await stack.compose(["logs", "--no-color", "worker"]);
    expect(worker.stdout).toMatch(/Task tasks\.add\[[^\]]+\] succeeded/);
    await recordCompose("compose-celery", {
      upHealthyMs: ms,
      taskMs,
      totalMs: Math.round(performance.now() - started),
    });
  });
});
