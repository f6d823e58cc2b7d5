/*
 * A Django project shaped like the cloud quickstarts (test/fixtures/django-platform-env): its
 * production settings read the database's parts and the site's host name from the platform's
 * environment, with no defaults. On the real engine:
 *   - `pyship build` collects the static files with build-only placeholders (none reach the
 *     image's environment), and the failed verify names the missing variable and points at
 *     `pyship verify --compose`;
 *   - following that hint, the stack (stand-in postgres:15, the variables wired, the host name
 *     the platform would set) answers from the database.
 */
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import type { ComposeReport } from "../../src/core/pipeline.js";
import { describeE2e, REPO } from "./engine.js";
import { buildFlags, engineRun, removeDir, removeImages, runPyship } from "./pyship-cli.js";

const TAG = "pyship-e2e-platform-env:test";

describeE2e("the platform's environment: build-only placeholders, then compose", (engine) => {
  let dir = "";
  let build: Awaited<ReturnType<typeof runPyship>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pyship-e2e-platform-env-"));
    await cp(join(REPO, "test/fixtures/django-platform-env"), dir, { recursive: true });
    build = await runPyship(engine, ["build", dir, "--tag", TAG, ...buildFlags(engine)]);
  }, 600_000);
  afterAll(async () => {
    await removeImages(engine, [TAG, `${basename(dir).toLowerCase()}:latest`]);
    await removeDir(dir);
  });

  it("builds with placeholders only for collectstatic, and says what the app needs", async () => {
    expect(build.exitCode, build.stdout + build.stderr).toBe(EXIT_CODES.E_CONTAINER_EXITED);
    const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/RUN .*CLOUD_PG_NAME=collectstatic-build-only .*collectstatic/);
    const env = await engineRun(engine, ["image", "inspect", TAG, "--format", "{{.Config.Env}}"]);
    expect(env.stdout).not.toContain("CLOUD_PG");
    expect(env.stdout).not.toContain("collectstatic-build-only");
    expect(build.stderr).toContain("KeyError: 'APP_SECRET_KEY'");
    expect(build.stderr).toContain("its code shows the app needs postgres when it starts");
    expect(build.stderr).toContain(`pyship verify --compose ${dir}`);
  });

  it("passes verify --compose once compose.yaml is written, answering from the database", async () => {
    const written = await runPyship(engine, ["compose", dir, "--yes"]);
    expect(written.exitCode, written.stderr).toBe(0);
    const verify = await runPyship(engine, ["verify", "--compose", dir, "--json"]);
    const report = JSON.parse(verify.stdout) as ComposeReport;
    expect(report, verify.stderr).toMatchObject({ ok: true, probe: { status: 200 } });
  }, 300_000);
});
