/*
 * The commands a project ships that create its tables, and whether its database is a SQLite
 * file. Tutorials and small apps keep their data in SQLite and document one command to run
 * before the first request (Flask's tutorial: `flask --app flaskr init-db`); without it every
 * page answers 500 with `no such table`. The plan runs such a command at build time when the
 * database is a file in the image (plan-database-init.ts); the build's hint names it
 * otherwise (init-hint.ts).
 */
import type {
  DatabaseInitFacts,
  DependencyFacts,
  EntrypointCandidate,
  InitCommandFact,
  ProjectMeta,
} from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { envReads } from "../python-ast/env-reads.js";
import { appSources, firstLine, type Source } from "./app-sources.js";
import { pyramidDatabaseInit } from "./pyramid-database.js";

/** Names such commands have: init-db, init_db, initdb, create-tables, reset-db … */
export const INIT_NAME =
  /^(?:init|create|setup|reset)[-_]?(?:db|database|tables?|schema)$|^initdb$/;
/**
 * A click command: `@click.command("init-db")`, or `@app.cli.command()` named after the
 * function under it; other decorators (`@click.option`, possibly over several lines) may sit
 * between, and are captured to see whether the command asks questions.
 */
const CLICK_COMMAND =
  /@(?:click|[\w.]*cli)\.command\(\s*(?:["']([\w-]+)["'])?([\s\S]*?)\n[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)/g;
/** An option that prompts: `prompt=True`, `@click.password_option()`, `@click.confirmation_option`. */
const PROMPTING = /\bprompt\s*=\s*(?!False\b|None\b)|password_option|confirmation_option/;
/**
 * Where the code opens a SQLite file: `sqlite3.connect(`, or a SQLAlchemy URL (`sqlite:///…`,
 * `sqlite+aiosqlite:///…`). `:memory:` is a test database, not the app's.
 */
const SQLITE_USE =
  /\bsqlite3\.connect\(|\bdbapi2\.connect\(|["']sqlite(?:\+\w+)?:\/\/\/(?!:memory:)/;
/** Frameworks whose CLI (`flask` and its `@app.cli.command`s) runs such commands. */
const CLI_FRAMEWORKS = new Set(["flask", "quart"]);

export function detectDatabaseInit(
  files: ProjectFiles,
  meta: ProjectMeta,
  dependencies: DependencyFacts,
  entry?: EntrypointCandidate,
): DatabaseInitFacts | undefined {
  if (entry?.paste !== undefined) return pyramidDatabaseInit(files, meta, entry);
  const names = new Set(dependencies.requirements.map((r) => r.name));
  const cli = [...CLI_FRAMEWORKS].some((name) => names.has(name));
  const sources = cli || hasInitScript(meta) ? appSources(files, entry) : [];
  const commands = [
    ...flaskMigrate(files, names),
    ...consoleScripts(meta),
    ...(cli ? sources.flatMap(clickCommands) : []),
  ];
  if (commands.length === 0) return undefined;
  const sqlite = firstLine(sources, SQLITE_USE);
  const requiredEnv = sqlite === null ? [] : configRequires(sources, sqlite.file);
  return { commands, sqlite, ...(requiredEnv.length > 0 ? { requiredEnv } : {}) };
}

/** A configuration module: where the database URL and the settings the app imports live. */
const CONFIG_FILE = /(?:^|\/)(?:config|configs|settings)\.py$/;

/**
 * Variables the configuration cannot load without (flasky's `os.environ['SERVER_NAME']`):
 * the command would fail at build time. No placeholder is made up for them, as collectstatic
 * gets: an init command may store what it reads (an admin's password) in the database.
 */
function configRequires(sources: readonly Source[], sqliteFile: string) {
  return sources
    .filter((source) => source.file === sqliteFile || CONFIG_FILE.test(source.file))
    .flatMap((source) => envReads(source.file, source.text))
    .filter((read) => read.required)
    .map(({ name, evidence }) => ({ name, evidence }));
}

function hasInitScript(meta: ProjectMeta): boolean {
  return Object.keys(meta.scripts).some((name) => INIT_NAME.test(name));
}

/** Flask-Migrate keeps Alembic in migrations/: `flask db upgrade` creates the tables. */
function flaskMigrate(files: ProjectFiles, names: ReadonlySet<string>): InitCommandFact[] {
  const env = files.paths.find((path) => /(^|\/)migrations\/env\.py$/.test(path));
  if (!env || !names.has("flask-migrate")) return [];
  const evidence = { file: env, line: null, why: "Flask-Migrate migrations" };
  return [{ kind: "framework-cli", words: ["db", "upgrade"], evidence, prompts: false }];
}

function consoleScripts(meta: ProjectMeta): InitCommandFact[] {
  return Object.entries(meta.scripts)
    .filter(([name]) => INIT_NAME.test(name))
    .map(([name, target]) => ({
      kind: "console-script",
      words: [name],
      evidence: { file: "pyproject.toml", line: null, why: `console script ${name} = ${target}` },
      prompts: false,
    }));
}

function clickCommands(source: Source): InitCommandFact[] {
  const found: InitCommandFact[] = [];
  for (const match of source.text.matchAll(CLICK_COMMAND)) {
    // The declared name, else click's (7.0+) from the function: underscores become dashes.
    const name = match[1] ?? (match[3] as string).replaceAll("_", "-");
    if (!INIT_NAME.test(name)) continue;
    const line = source.text.slice(0, match.index).split("\n").length;
    const evidence = { file: source.file, line, why: `click command ${name}` };
    found.push({
      kind: "framework-cli",
      words: [name],
      evidence,
      prompts: PROMPTING.test(match[2] ?? ""),
    });
  }
  return found;
}
