/*
 * The hints `pyship build` adds when verify fails on something outside the image: the
 * backing services the code shows (compose-hint.ts) and the project's own command that
 * creates its tables (init-hint.ts). One row per failure shape; a hint must never appear for
 * a failure it does not explain.
 */
import { describe, expect, it } from "vitest";
import { withComposeHint } from "../../src/build/compose-hint.js";
import { initCommands, withInitHint } from "../../src/build/init-hint.js";
import { PyshipError } from "../../src/core/errors.js";
import type { ComposePlan, ProjectFacts, VerifyReport } from "../../src/core/pipeline.js";
import { detectDatabaseInit } from "../../src/detect/app/database-init.js";
import { planProject } from "../../src/plan/plan-project.js";
import { memoryFiles } from "../detect/app/memory-files.js";
import { candidate, makeFacts, requirement } from "../plan/make-facts.js";

const failed = (cause: string | null): VerifyReport => ({
  image: "demo:latest",
  ok: false,
  mode: "web",
  port: 8000,
  failure: {
    code: "E_CONTAINER_EXITED",
    message: "the container exited with code 3",
    logTail: "",
    lastError: null,
    diagnosis: cause === null ? null : { cause, message: cause, hint: "", line: null },
  },
  checks: [],
  sizeBytes: null,
  readyMs: null,
  stopMs: null,
  uid: null,
});

const error = () => new PyshipError("E_CONTAINER_EXITED", "demo: exited", { hint: "see the log" });

const stack = (services: string[], left: string[] = [], migrate = false): ComposePlan =>
  ({
    services: services.map((name) => ({ kind: name, name, image: `${name}:1`, evidence: [] })),
    processes: migrate ? [{ name: "migrate", role: "migrate" }] : [],
    warnings: left.map((name) => ({ code: "compose-required-env", message: `${name} is read …` })),
  }) as unknown as ComposePlan;

// [label, diagnosed cause, compose plan, hint contains (null: unchanged)]
const COMPOSE: readonly [string, string | null, ComposePlan | null, string | null][] = [
  [
    "a missing variable, postgres in the code",
    "missing-env",
    stack(["postgres"]),
    "the app needs postgres",
  ],
  ["an unreachable database", "db-unreachable", stack(["postgres", "redis"]), "postgres, redis"],
  ["redis on localhost", "service-localhost", stack(["redis"]), "pyship verify --compose ./shop"],
  [
    "redis at a compose host name",
    "service-host-unknown",
    stack(["redis"]),
    "pyship verify --compose ./shop",
  ],

  [
    "and what compose cannot set",
    "missing-env",
    stack(["postgres"], ["TELEGRAM_TOKEN", "PROJECT_NAME"]),
    "compose cannot make up a value for TELEGRAM_TOKEN, PROJECT_NAME",
  ],
  [
    "no such table, and compose migrates a database (bakerydemo: SQLite without DATABASE_URL)",
    "db-not-initialised",
    stack(["postgres", "redis"], [], true),
    "postgres, redis",
  ],
  [
    "no such table, a database but no migration compose runs",
    "db-not-initialised",
    stack(["postgres"]),
    null,
  ],
  [
    "no such table, a migration but only a cache",
    "db-not-initialised",
    stack(["redis"], [], true),
    null,
  ],
  ["no services in the code", "missing-env", stack([]), null],
  ["no compose plan", "missing-env", null, null],
  ["a failure compose does not explain", "module-not-found", stack(["postgres"]), null],
  ["no diagnosis", null, stack(["postgres"]), null],
];

describe("withComposeHint", () => {
  it.each(COMPOSE)("%s", (_label, cause, compose, contains) => {
    const hinted = withComposeHint(error(), failed(cause), compose, "./shop");
    if (contains === null) expect(hinted.hint).toBe("see the log");
    else {
      expect(hinted.hint).toContain("see the log; ");
      expect(hinted.hint).toContain(contains);
      expect(hinted.code).toBe("E_CONTAINER_EXITED");
    }
  });
});

const flaskPlan = () =>
  planProject(makeFacts({ entrypoints: [candidate("wsgi", "flaskr:create_app()", "flask")] }));

/** facts with what detection finds in these files (no SQLite in them: the build runs nothing). */
function detected(tree: Record<string, string>, facts: ProjectFacts = makeFacts()): ProjectFacts {
  const flask = facts.dependencies.requirements.some((r) => r.name === "flask");
  const dependencies = flask
    ? facts.dependencies
    : { ...facts.dependencies, requirements: [requirement("flask", "flask")] };
  const databaseInit = detectDatabaseInit(memoryFiles(tree), facts.meta, dependencies);
  return { ...facts, ...(databaseInit ? { databaseInit } : {}) };
}

describe("withInitHint", () => {
  it("finds a Flask click command that creates the tables, with its line", () => {
    const facts = detected({
      "flaskr/db.py":
        'import click\n\n@click.command("init-db")\ndef init_db_command():\n    ...\n',
    });
    const commands = initCommands(facts, flaskPlan());
    expect(commands).toEqual([
      {
        argv: ["flask", "--app", "flaskr", "init-db"],
        evidence: { file: "flaskr/db.py", line: 3, why: "click command init-db" },
      },
    ]);
    const hint = withInitHint(error(), failed("db-not-initialised"), commands, flaskPlan()).hint;
    expect(hint).toContain("`flask --app flaskr init-db` (flaskr/db.py:3)");
    expect(hint).toContain("never runs it at start unasked");
    expect(hint).toContain(
      `[tool.pyship] command = "flask --app flaskr init-db && gunicorn --bind 0.0.0.0:8000 `,
    );
    expect(hint).toContain("'flaskr:create_app()'");
    expect(hint).not.toContain("/opt/pyship/");
  });

  it("says nothing more when the build already ran the command (a SQLite file in the image)", () => {
    const commands = [
      { argv: ["init_db"], evidence: { file: "pyproject.toml", line: null, why: "" } },
    ];
    const plan = {
      ...flaskPlan(),
      initDatabase: {
        argv: ["init_db"],
        evidence: commands[0]?.evidence as ProjectFacts["meta"]["evidence"],
        sqlite: { file: "blog.py", line: 3, why: "sqlite3.connect(" },
      },
    };
    expect(withInitHint(error(), failed("db-not-initialised"), commands, plan).hint).toBe(
      "see the log",
    );
  });

  it("shows the server command without pyship's launcher, with the port it listened on", () => {
    const plan = {
      ...flaskPlan(),
      command: ["python", "/opt/pyship/serve.py", "uvicorn", "blog:app", "--host", "0.0.0.0"],
    };
    const commands = [
      { argv: ["init_db"], evidence: { file: "pyproject.toml", line: null, why: "" } },
    ];
    expect(withInitHint(error(), failed("db-not-initialised"), commands, plan).hint).toContain(
      `command = "init_db && uvicorn blog:app --host 0.0.0.0 --port 8000"`,
    );
  });

  it("a Procfile command that reads $PORT is shown as the shell text it runs, $PORT kept", () => {
    const plan = {
      ...flaskPlan(),
      command: ["/bin/sh", "-c", "exec gunicorn -b :$PORT 'flaskr:create_app()'"],
    };
    const commands = [
      { argv: ["init_db"], evidence: { file: "pyproject.toml", line: null, why: "" } },
    ];
    expect(withInitHint(error(), failed("db-not-initialised"), commands, plan).hint).toContain(
      `command = "init_db && gunicorn -b :$PORT 'flaskr:create_app()'"`,
    );
  });

  // sayhello (Grey Li's Flask book): `@app.cli.command()` over `def initdb`, Flask 1.1.2.
  it.each([
    ["a nameless command, named after its function", "flask==3.0.3", "initdb", false],
    ["Flask pinned before 2.2 has no --app: FLASK_APP", "flask==1.1.2", "initdb", true],
    ["Flask 2.1.x too", "Flask==2.1.3", "initdb", true],
  ])("%s", (_label, flaskSpec, name, old) => {
    const text = `@app.cli.command()\n@click.option('--drop', is_flag=True)\ndef ${name}(drop):\n    db.create_all()\n`;
    const facts = detected(
      { "sayhello/commands.py": text },
      makeFacts({ requirements: [requirement("flask", flaskSpec)] }),
    );
    const [found] = initCommands(facts, flaskPlan());
    const app = "flaskr";
    expect(found?.argv).toEqual(
      old ? [`FLASK_APP=${app}`, "flask", name] : ["flask", "--app", app, name],
    );
    expect(found?.evidence.line).toBe(1);
  });

  it("a Flask the lock pins before 2.2 counts too (sayhello: Pipfile says *, Pipfile.lock 1.1.2)", () => {
    const facts = makeFacts({
      requirements: [requirement("flask", 'flask = "*"', "Pipfile", 7)],
      install: {
        strategy: "pipfile-lock",
        resolved: {
          lines: ['flask==1.1.2 ; python_version >= "3.5" --hash=sha256:8a4f'],
          source: { file: "Pipfile.lock", sha256: "ab" },
          hashed: true,
        },
      },
    });
    const text = "@app.cli.command()\ndef initdb():\n    pass\n";
    const [found] = initCommands(detected({ "sayhello/commands.py": text }, facts), flaskPlan());
    expect(found?.argv).toEqual(["FLASK_APP=flaskr", "flask", "initdb"]);
  });

  it("the FLASK_APP form reaches the hint as a shell assignment, unquoted", () => {
    const facts = makeFacts({ requirements: [requirement("flask", "flask==1.1.2")] });
    const text = "@app.cli.command()\ndef initdb():\n    pass\n";
    const commands = initCommands(detected({ "sayhello/commands.py": text }, facts), flaskPlan());
    const hint = withInitHint(error(), failed("db-not-initialised"), commands, flaskPlan()).hint;
    expect(hint).toContain("`FLASK_APP=flaskr flask initdb` (sayhello/commands.py:1)");
  });

  it("finds a console script named for it (Quart's blog: init_db)", () => {
    const facts = makeFacts({
      meta: { ...makeFacts().meta, scripts: { init_db: "blog:init_db", start: "blog:run" } },
    });
    expect(initCommands(detected({}, facts), flaskPlan()).map((c) => c.argv)).toEqual([
      ["init_db"],
    ]);
  });

  it.each([
    ["another failure", "missing-env"],
    ["no diagnosis", null],
  ])("leaves the hint alone on %s", (_label, cause) => {
    const commands = [
      { argv: ["init_db"], evidence: { file: "pyproject.toml", line: null, why: "" } },
    ];
    expect(withInitHint(error(), failed(cause), commands, flaskPlan()).hint).toBe("see the log");
  });

  it("leaves it alone when the project has no such command", () => {
    const other = { "app.py": '@app.cli.command("seed-users")\ndef seed(): ...\n' };
    expect(initCommands(detected(other), flaskPlan())).toEqual([]);
  });
});
