/*
 * When the plan creates a SQLite database's tables at build time, with which argv, and when
 * it does not: one row per shape (the facts as database-init.ts reports them).
 */
import { describe, expect, it } from "vitest";
import type {
  DatabaseInitFacts,
  DjangoFacts,
  InitCommandFact,
  ProjectFacts,
} from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { at, candidate, makeFacts, requirement } from "./make-facts.js";

const SQLITE = at("flaskr/db.py", 15, "g.db = sqlite3.connect(");
const cli = (words: string[], prompts = false): InitCommandFact => ({
  kind: "framework-cli",
  words,
  evidence: at("flaskr/db.py", 41, `click command ${words.join(" ")}`),
  prompts,
});
const script: InitCommandFact = {
  kind: "console-script",
  words: ["init_db"],
  evidence: at("pyproject.toml", null, "console script init_db = blog:init_db"),
  prompts: false,
};

function facts(databaseInit: DatabaseInitFacts, overrides: Partial<ProjectFacts> = {}) {
  return makeFacts({
    entrypoints: [candidate("wsgi", "flaskr:create_app()", "flask", "flaskr/__init__.py", 5)],
    databaseInit,
    ...overrides,
  });
}

const CONFIG_OFF = { initDb: false, source: at("pyproject.toml", 10, "[tool.pyship]") };
const INSTALLED = { installProject: true };

// [label, facts, argv expected (null: not at build time)]
const ROWS: readonly [string, ProjectFacts, string[] | null][] = [
  [
    "a SQLite file and the tutorial's init-db: at build time, through `flask --app`",
    facts({ commands: [cli(["init-db"])], sqlite: SQLITE }),
    ["flask", "--app", "flaskr", "init-db"],
  ],
  [
    "Flask pinned before 2.2: FLASK_APP instead of --app",
    facts(
      { commands: [cli(["initdb"])], sqlite: SQLITE },
      {
        dependencies: makeFacts({ requirements: [requirement("flask", "flask==1.1.2")] })
          .dependencies,
      },
    ),
    ["PYTHONPATH=/app", "FLASK_APP=flaskr", "flask", "initdb"],
  ],
  [
    "Flask-Migrate's upgrade before another command",
    facts({ commands: [cli(["db", "upgrade"]), cli(["init-db"])], sqlite: SQLITE }),
    ["flask", "--app", "flaskr", "db", "upgrade"],
  ],
  [
    "a command that prompts is skipped for the next one",
    facts({ commands: [cli(["create-db"], true), cli(["init-db"])], sqlite: SQLITE }),
    ["flask", "--app", "flaskr", "init-db"],
  ],
  [
    "only a prompting command: nothing",
    facts({ commands: [cli(["create-db"], true)], sqlite: SQLITE }),
    null,
  ],
  [
    "no SQLite in the code: the database is elsewhere, a release step's job",
    facts({ commands: [cli(["init-db"])], sqlite: null }),
    null,
  ],
  [
    "the configuration needs a variable the build has no value for (flasky's SERVER_NAME)",
    facts({
      commands: [cli(["db", "upgrade"])],
      sqlite: SQLITE,
      requiredEnv: [{ name: "SERVER_NAME", evidence: at("config.py", 45, "os.environ[...]") }],
    }),
    null,
  ],
  [
    "init-db = false in [tool.pyship]",
    facts({ commands: [cli(["init-db"])], sqlite: SQLITE }, { config: CONFIG_OFF }),
    null,
  ],
  [
    "a console script of the installed project",
    facts(
      { commands: [script], sqlite: SQLITE },
      { dependencies: makeFacts({ install: INSTALLED }).dependencies },
    ),
    ["PYTHONPATH=/app", "init_db"],
  ],
  [
    "a console script imports the server's code, not the venv's copy (Quart's blog, src/)",
    facts(
      { commands: [script], sqlite: SQLITE },
      {
        dependencies: makeFacts({ install: INSTALLED }).dependencies,
        entrypoints: [
          { ...candidate("asgi", "blog:app", "quart", "src/blog/__init__.py"), root: "src" },
        ],
      },
    ),
    ["PYTHONPATH=/app/src", "init_db"],
  ],
  [
    "a console script of a project the image does not install: nothing to run",
    facts({ commands: [script], sqlite: SQLITE }),
    null,
  ],
  [
    "a click command of an app that is not Flask",
    facts(
      { commands: [cli(["init-db"])], sqlite: SQLITE },
      { entrypoints: [candidate("asgi", "main:app", "fastapi")] },
    ),
    null,
  ],
  [
    "the Procfile's start command already runs it",
    facts(
      { commands: [cli(["db", "upgrade"])], sqlite: SQLITE },
      {
        config: {
          command: ["gunicorn", "flaskr:create_app()"],
          commandShell: {
            script: "flask db upgrade; gunicorn 'flaskr:create_app()'",
            last: ["gunicorn", "flaskr:create_app()"],
          },
          source: at("pyproject.toml", 3, "[tool.pyship]"),
        } as unknown as ProjectFacts["config"],
      },
    ),
    null,
  ],
];

describe("planDatabaseInit", () => {
  it.each(ROWS)("%s", (_label, projectFacts, argv) => {
    const plan = planProject(projectFacts);
    expect(plan.initDatabase?.argv ?? null).toEqual(argv);
    const warned = plan.warnings.some((w) => w.code === "W_SQLITE_IN_IMAGE");
    expect(warned).toBe(argv !== null);
  });

  it("says why, with the command's and the database's lines", () => {
    const plan = planProject(facts({ commands: [cli(["init-db"])], sqlite: SQLITE }));
    const why = plan.evidence.find((e) => e.file === "flaskr/db.py");
    expect(why).toMatchObject({ line: 41 });
    expect(why?.why).toContain("flask --app flaskr init-db");
    expect(why?.why).toContain("flaskr/db.py:15");
    expect(plan.initDatabase?.sqlite).toEqual(SQLITE);
  });

  it("Pyramid: Alembic's upgrade, then the initialize script, in one step", () => {
    const alembic: InitCommandFact = {
      kind: "program",
      words: ["alembic", "-c", "production.ini", "upgrade", "head"],
      followedBy: ["initialize_wiki_db", "production.ini"],
      evidence: at("production.ini", 5, "[alembic] in production.ini"),
      prompts: false,
    };
    const pyramid = { ...candidate("wsgi", "wiki:main", "pyramid"), paste: "production.ini" };
    const plan = planProject(
      makeFacts({
        entrypoints: [pyramid],
        databaseInit: { commands: [alembic], sqlite: at("production.ini", 3, "sqlite:///") },
        install: INSTALLED,
      }),
    );
    expect(plan.command.slice(-2)).toEqual(["--paste", "production.ini"]);
    expect(plan.initDatabase).toMatchObject({
      argv: ["PYTHONPATH=/app", "alembic", "-c", "production.ini", "upgrade", "head"],
      followedBy: ["PYTHONPATH=/app", "initialize_wiki_db", "production.ini"],
    });
    const why = plan.evidence.find((e) => e.file === "production.ini" && e.line === 5);
    expect(why?.why).toContain("upgrade head && PYTHONPATH=/app initialize_wiki_db");
  });

  it("a start command that already runs it is said in the evidence", () => {
    const row = ROWS.find(([label]) => label.startsWith("the Procfile"));
    const plan = planProject(row?.[1] as ProjectFacts);
    expect(plan.command.join(" ")).toContain("flask db upgrade");
    expect(plan.evidence.some((e) => e.why.includes("already runs in the start command"))).toBe(
      true,
    );
  });

  it("a variable the configuration needs is named in the evidence, with its line", () => {
    const row = ROWS.find(([label]) => label.includes("SERVER_NAME"));
    const plan = planProject(row?.[1] as ProjectFacts);
    expect(plan.evidence.some((e) => e.why.includes("without SERVER_NAME (config.py:45)"))).toBe(
      true,
    );
  });

  it("init-db = false is said in the evidence too", () => {
    const plan = planProject(
      facts({ commands: [cli(["init-db"])], sqlite: SQLITE }, { config: CONFIG_OFF }),
    );
    expect(plan.evidence.some((e) => e.why.includes("init-db = false"))).toBe(true);
  });
});

describe("planDatabaseInit: Django on a SQLite file", () => {
  const SETTINGS = "shop/settings.py";
  const DJANGO: DjangoFacts = {
    settings: "shop.settings",
    settingsFile: SETTINGS,
    manage: "manage.py",
    staticRoot: null,
    staticfiles: false,
    whitenoise: null,
    debug: false,
    allowedHosts: null,
    secretKeyEnv: "DJANGO_SECRET_KEY",
    migrations: true,
    sqlite: at(SETTINGS, 20, "DATABASES set"),
  };
  const django = (overrides: Partial<DjangoFacts>, rest: Partial<ProjectFacts> = {}) =>
    planProject(
      makeFacts({
        entrypoints: [candidate("wsgi", "shop.wsgi:application", "django", SETTINGS, 28)],
        requirements: [requirement("django", "Django==5.1.2")],
        django: { ...DJANGO, ...overrides },
        ...rest,
      }),
    );

  it("migrates at build time with the server's settings and a throwaway SECRET_KEY", () => {
    const plan = django({});
    expect(plan.initDatabase?.argv).toEqual([
      "DJANGO_SETTINGS_MODULE=shop.settings",
      "DJANGO_SECRET_KEY=collectstatic-build-only",
      "python",
      "manage.py",
      "migrate",
      "--noinput",
    ]);
    expect(plan.warnings.map((w) => w.code)).toContain("W_SQLITE_IN_IMAGE");
    // The release-step advice is for a database server, not for a file the build fills.
    expect(plan.evidence.some((e) => e.why.includes("once per release"))).toBe(false);
  });

  it.each([
    ["a database server", { sqlite: undefined }, {}],
    ["init-db = false", {}, { config: CONFIG_OFF }],
    [
      "settings that need another variable",
      { requiredEnv: [{ name: "TELEGRAM_TOKEN", evidence: at(SETTINGS, 156, "read") }] },
      {},
    ],
  ] as const)("not for %s", (_label, overrides, rest) => {
    const facts = { ...DJANGO, ...overrides } as DjangoFacts;
    const plan = django(facts, rest as Partial<ProjectFacts>);
    expect(plan.initDatabase).toBeUndefined();
  });
});
