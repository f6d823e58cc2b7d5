/*
 * Every web fixture: `pyship build` on a temp copy, then `pyship verify --json` on the real
 * engine. Each must answer GET / with `hello from <name>`, as uid 10001, stop in < 3 s and
 * ship no leaked files or compilers. Numbers go to .tmp/e2e-metrics.json.
 */
import { afterAll, expect, it } from "vitest";
import { describeE2e } from "./engine.js";
import { copyFixture, removeDir, removeImages, runPyship } from "./pyship-cli.js";
import { expectWebFixtureServes } from "./web-fixture.js";

const WEB_FIXTURES = [
  "flask-module",
  "flask-factory",
  "fastapi-pep621",
  "django-site",
  "poetry-lock",
  "pipenv",
  "uv-lock",
  "pdm-lock",
  "native-psycopg2",
  "shiny-app",
  // `/` reads a table: it answers only because migrate ran at build time (a SQLite file).
  "django-sqlite-notes",
  // Built by its ini through gunicorn --paste; `/` reads the row its init script adds to the
  // table Alembic creates, both at build time.
  "pyramid-wiki",
  // A `pip freeze` from Windows: its pywin32 and Twisted-IOCPSupport lines build nowhere else.
  "requirements-windows-freeze",
];

describeE2e("pyship build + verify: web apps", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(WEB_FIXTURES)("%s answers, runs non-root, stops fast, leaks nothing", (name) =>
    expectWebFixtureServes(engine, name, tags),
  );

  it("builds native-psycopg2 in two stages (compiler only in the builder)", async () => {
    const dir = await copyFixture("native-psycopg2");
    try {
      const plan = await runPyship(engine, ["plan", dir, "--json"]);
      expect(plan.exitCode, plan.stderr).toBe(0);
      const stages = (JSON.parse(plan.stdout) as { stages: { name: string }[] }).stages;
      expect(stages.map((stage) => stage.name)).toEqual(["builder", "runtime"]);
    } finally {
      await removeDir(dir);
    }
  });
});
