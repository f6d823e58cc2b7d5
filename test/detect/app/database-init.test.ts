/*
 * What detection finds of a project's own command that creates its tables, and of a SQLite
 * database: one row per shape seen in real projects (Flask's tutorial, Quart's blog, Grey
 * Li's sayhello and greybook, Flask-Migrate apps).
 */
import { describe, expect, it } from "vitest";
import type { DatabaseInitFacts, DependencyFacts } from "../../../src/core/pipeline.js";
import { detectDatabaseInit } from "../../../src/detect/app/database-init.js";
import { at, candidate, makeFacts, requirement } from "../../plan/make-facts.js";
import { memoryFiles, meta } from "./memory-files.js";

const FLASK = makeFacts({ requirements: [requirement("flask")] }).dependencies;
const MIGRATE = makeFacts({
  requirements: [requirement("flask"), requirement("flask-migrate")],
}).dependencies;
const FASTAPI = makeFacts({ requirements: [requirement("fastapi")] }).dependencies;

const CONNECT = "import sqlite3\n\ndef get_db():\n    return sqlite3.connect('app.sqlite')\n";

type Row = [
  label: string,
  tree: Record<string, string>,
  dependencies: DependencyFacts,
  scripts: Record<string, string>,
  expected: {
    commands: [string, string, boolean][] /* words, file:line, prompts */;
    sqlite: string | null;
  } | null,
];

const ROWS: Row[] = [
  [
    "flaskr: @click.command('init-db') and sqlite3.connect",
    {
      "flaskr/__init__.py": "from flask import Flask\n",
      "flaskr/db.py": `${CONNECT}\n@click.command("init-db")\ndef init_db_command():\n    pass\n`,
    },
    FLASK,
    {},
    { commands: [["init-db", "flaskr/db.py:6", false]], sqlite: "flaskr/db.py:4" },
  ],
  [
    "sayhello: a nameless @app.cli.command() and a sqlite:/// URL prefix",
    {
      "sayhello/settings.py":
        "prefix = 'sqlite:///'\nURI = os.getenv('DATABASE_URL', prefix + 'data.db')\n",
      "sayhello/commands.py":
        "@app.cli.command()\n@click.option('--drop', is_flag=True, help='Create after drop.')\ndef initdb(drop):\n    if drop:\n        click.confirm('Sure?', abort=True)\n",
    },
    FLASK,
    {},
    { commands: [["initdb", "sayhello/commands.py:1", false]], sqlite: "sayhello/settings.py:1" },
  ],
  [
    "an option that prompts, over several lines, is marked (greybook's admin password)",
    {
      "app.py": "URI = 'sqlite+aiosqlite:///data.db'\n",
      "cmds.py":
        "@app.cli.command('create-db')\n@click.option(\n    '--password', prompt=True, hide_input=True\n)\ndef create_db(password):\n    pass\n",
    },
    FLASK,
    {},
    { commands: [["create-db", "cmds.py:1", true]], sqlite: "app.py:1" },
  ],
  [
    "underscores become dashes (click 7+), async functions too",
    { "app.py": "@app.cli.command()\nasync def create_tables():\n    pass\n" },
    FLASK,
    {},
    { commands: [["create-tables", "app.py:1", false]], sqlite: null },
  ],
  [
    "Flask-Migrate's migrations/env.py comes first",
    {
      "migrations/env.py": "from alembic import context\n",
      "app.py":
        "SQLALCHEMY_DATABASE_URI = 'sqlite:///app.db'\n\n@app.cli.command('init-db')\ndef init_db():\n    pass\n",
    },
    MIGRATE,
    {},
    {
      commands: [
        ["db upgrade", "migrations/env.py:null", false],
        ["init-db", "app.py:3", false],
      ],
      sqlite: "app.py:1",
    },
  ],
  [
    "Quart's blog: a console script init_db, sqlite3 from dbapi2",
    {
      "src/blog/__init__.py":
        "from sqlite3 import dbapi2 as sqlite3\n\ndef _connect_db():\n    engine = sqlite3.connect(app.config['DATABASE'])\n",
    },
    makeFacts({ requirements: [requirement("quart")] }).dependencies,
    { init_db: "blog:init_db", start: "blog:run" },
    { commands: [["init_db", "pyproject.toml:null", false]], sqlite: "src/blog/__init__.py:4" },
  ],
  [
    "only tests open SQLite, and :memory: or a comment is no database of the app",
    {
      "app.py":
        "# engine = 'sqlite:///old.db'\nTEST_URI = 'sqlite:///:memory:'\n\n@app.cli.command('init-db')\ndef init_db():\n    pass\n",
      "tests/test_db.py": CONNECT,
    },
    FLASK,
    {},
    { commands: [["init-db", "app.py:4", false]], sqlite: null },
  ],
  [
    "other names are no init command (seed-users, init-blog)",
    {
      "app.py": `${CONNECT}\n@app.cli.command("seed-users")\ndef seed():\n    pass\n\n@app.cli.command("init-blog")\ndef blog():\n    pass\n`,
    },
    FLASK,
    {},
    null,
  ],
  [
    "click commands of a project without Flask are not searched",
    { "cli.py": `${CONNECT}\n@cli.command()\ndef init_db():\n    pass\n` },
    FASTAPI,
    {},
    null,
  ],
];

const where = (e: { file: string; line: number | null }) => `${e.file}:${e.line}`;

function summary(found: DatabaseInitFacts | undefined) {
  if (!found) return null;
  return {
    commands: found.commands.map((c) => [c.words.join(" "), where(c.evidence), c.prompts]),
    sqlite: found.sqlite && where(found.sqlite),
  };
}

describe("detectDatabaseInit", () => {
  it.each(ROWS)("%s", (_label, tree, dependencies, scripts, expected) => {
    const found = detectDatabaseInit(memoryFiles(tree), meta(scripts), dependencies);
    expect(summary(found)).toEqual(expected);
  });

  it("names what the configuration cannot load without (flasky's SERVER_NAME), not optional reads", () => {
    const tree = {
      "config.py": [
        "import os",
        "class Config:",
        "    SERVER_NAME = os.environ['SERVER_NAME']",
        "    SECRET_KEY = os.environ.get('SECRET_KEY') or 'hard to guess'",
        "    URI = os.environ.get('DEV_DATABASE_URL') or 'sqlite:///data-dev.sqlite'",
        "",
      ].join("\n"),
      "app/cli.py": "@app.cli.command('init-db')\ndef init_db():\n    pass\n",
      "app/mail.py": "import os\nTOKEN = os.environ['MAIL_TOKEN']\n",
    };
    const found = detectDatabaseInit(memoryFiles(tree), meta(), FLASK);
    expect(found?.requiredEnv?.map((r) => [r.name, r.evidence.line])).toEqual([["SERVER_NAME", 3]]);
  });

  it.each([
    ["greybook: app.py at the root imports its package", "app.py", ["greybook/core/commands.py:1"]],
    [
      "flaskr: the entry's own package, not another folder's",
      "flaskr/__init__.py",
      ["flaskr/db.py:1"],
    ],
  ])("reads only the app's code: %s", (_label, entryFile, expected) => {
    const command = "@app.cli.command('init-db')\ndef init_db():\n    pass\n";
    const tree = {
      "app.py": "from greybook import create_app\napp = create_app()\n",
      "greybook/__init__.py": "URI = 'sqlite:///data.db'\n",
      "greybook/core/commands.py": command,
      "flaskr/__init__.py": "from flask import Flask\n",
      "flaskr/db.py": command,
      "tools/reset.py": command,
    };
    const entry = { ...candidate("wsgi", "app:app", "flask"), evidence: at(entryFile, 1, "app") };
    const found = detectDatabaseInit(memoryFiles(tree), meta(), FLASK, entry);
    expect(found?.commands.map((c) => where(c.evidence))).toEqual(expected);
  });

  it("a CLI command is a framework-cli command, a console script is not", () => {
    const tree = { "app.py": "@app.cli.command('init-db')\ndef init_db():\n    pass\n" };
    const found = detectDatabaseInit(memoryFiles(tree), meta({ initdb: "app:init" }), FLASK);
    expect(found?.commands.map((c) => c.kind)).toEqual(["console-script", "framework-cli"]);
  });
});

describe("detectDatabaseInit: a Pyramid app's ini (its cookiecutter's README steps)", () => {
  const INI = (url: string, alembic = true) =>
    `[app:main]\nuse = egg:wiki\nsqlalchemy.url = ${url}\n${alembic ? "\n[alembic]\nscript_location = wiki/alembic\n" : ""}`;
  const PYRAMID = { ...candidate("wsgi", "wiki:main", "pyramid"), paste: "production.ini" };
  const SCRIPTS = { initialize_wiki_db: "wiki.scripts.initialize_db:main" };

  it.each<[string, string, Record<string, string>, object | undefined]>([
    [
      "Alembic's upgrade, then the initialize script, on a SQLite URL",
      INI("sqlite:///%(here)s/wiki.sqlite"),
      SCRIPTS,
      {
        commands: [
          {
            kind: "program",
            words: ["alembic", "-c", "production.ini", "upgrade", "head"],
            followedBy: ["initialize_wiki_db", "production.ini"],
            evidence: { file: "production.ini", line: 5 },
          },
        ],
        sqlite: { file: "production.ini", line: 3 },
      },
    ],
    [
      "no Alembic: the initialize script alone (it creates the tables itself)",
      INI("sqlite:///%(here)s/wiki.sqlite", false),
      SCRIPTS,
      { commands: [{ words: ["initialize_wiki_db", "production.ini"] }] },
    ],
    [
      "a database server: a release step, not the build's",
      INI("postgresql://db/wiki"),
      SCRIPTS,
      undefined,
    ],
  ])("%s", (_label, ini, scripts, expected) => {
    const tree = {
      "production.ini": ini,
      "wiki/__init__.py": "from pyramid.config import Configurator\n",
    };
    const found = detectDatabaseInit(memoryFiles(tree), meta(scripts), FLASK, PYRAMID);
    if (expected === undefined) return expect(found).toBeUndefined();
    expect(found).toMatchObject(expected);
  });
});
