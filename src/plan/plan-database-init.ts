/*
 * A SQLite database is a file, and in a container that file is part of the image: creating
 * its tables at build time, with the project's own command, is how a tutorial app answers
 * its first request instead of `no such table`. Like collectstatic it runs once, as the app
 * user, after the code is copied. Never for a database elsewhere (a server's tables belong
 * to a release step, which the build's hint names), never for a command that asks
 * questions, never when the start command already runs it, and `init-db = false` turns it off.
 */
import type {
  DatabaseInitFacts,
  DjangoFacts,
  EntrypointCandidate,
  Evidence,
  InitCommandFact,
  Plan,
  ProjectFacts,
} from "../core/pipeline.js";
import { because, type Message, msg, withText } from "../i18n/message.js";
import { BUILD_ONLY_VALUE } from "./build-only-env.js";
import type { Notes } from "./notes.js";
import type { CommandChoice } from "./plan-command.js";

/** Flask's `--app` option came with 2.2; before it, the CLI finds the app through FLASK_APP. */
const FLASK_BEFORE_APP_OPTION = /^flask\s*===?\s*(?:0\.|1\.|2\.[01](?:\.|$))/i;

export function planDatabaseInit(
  facts: ProjectFacts,
  { candidate, command }: Pick<CommandChoice, "candidate" | "command">,
  install: Plan["install"],
  notes: Notes,
): Pick<Plan, "initDatabase"> {
  const django = facts.django;
  if (django?.sqlite && django.manage)
    return djangoMigrate(
      facts,
      { ...django, sqlite: django.sqlite, manage: django.manage },
      command,
      notes,
    );
  const init = facts.databaseInit;
  if (!init?.sqlite || candidate === null) return {};
  const installsProject = install.installProject || install.strategy === "setup-py";
  const runnable = init.commands
    .filter((found) => !found.prompts)
    .map((found) => ({ found, argv: initArgv(facts, candidate, found, installsProject) }))
    .find((entry) => entry.argv !== null);
  if (!runnable?.argv) return {};
  const why = declined(facts, runnable.argv, command, runnable.found.words, init.requiredEnv);
  const followedBy = followingArgv(facts, candidate, runnable.found, installsProject);
  return planned(runnable.argv, runnable.found.evidence, init.sqlite, why, notes, followedBy);
}

type Required = DatabaseInitFacts["requiredEnv"];

/**
 * Django on a SQLite file: `manage.py migrate` at build time, with the settings module the
 * server runs and, like collectstatic, a throwaway SECRET_KEY (migrate stores no secret).
 */
function djangoMigrate(
  facts: ProjectFacts,
  django: DjangoFacts & { sqlite: Evidence; manage: string },
  command: readonly string[],
  notes: Notes,
): Pick<Plan, "initDatabase"> {
  const secret = django.secretKeyEnv ? [`${django.secretKeyEnv}=${BUILD_ONLY_VALUE}`] : [];
  const argv = [`DJANGO_SETTINGS_MODULE=${django.settings}`, ...secret];
  argv.push("python", django.manage, "migrate", "--noinput");
  const required = django.requiredEnv?.filter((read) => read.name !== django.secretKeyEnv);
  const evidence = { file: django.manage, line: null, why: "manage.py migrate" };
  const why = declined(facts, argv, command, ["migrate"], required);
  return planned(argv, evidence, django.sqlite, why, notes);
}

/** Why the command is not run at build time, or null when it is. */
function declined(
  facts: ProjectFacts,
  argv: readonly string[],
  command: readonly string[],
  words: readonly string[],
  required: Required,
): Message | null {
  const shown = argv.join(" ");
  const [needed] = required ?? [];
  if (needed) {
    const where = `${needed.evidence.file}:${needed.evidence.line ?? 1}`;
    return msg("ev.initDb.needsEnv", { command: shown, name: needed.name, where });
  }
  if (facts.config.initDb === false) return msg("ev.initDb.off", { command: shown });
  if (command.join(" ").includes(words.join(" ")))
    return msg("ev.initDb.atStart", { command: shown });
  return null;
}

function planned(
  argv: readonly string[],
  evidence: Evidence,
  sqlite: Evidence,
  declinedWhy: Message | null,
  notes: Notes,
  followedBy?: readonly string[],
): Pick<Plan, "initDatabase"> {
  if (declinedWhy !== null) {
    notes.evidence.push({ ...evidence, ...because(declinedWhy) });
    return {};
  }
  const { file, line } = sqlite;
  const where = `${file}:${line ?? 1}`;
  const shown = [argv, ...(followedBy ? [followedBy] : [])]
    .map((words) => words.join(" "))
    .join(" && ");
  notes.evidence.push({
    ...evidence,
    ...because(msg("ev.initDb.build", { command: shown, sqlite: where })),
  });
  notes.warnings.push({
    code: "W_SQLITE_IN_IMAGE",
    ...withText(msg("warn.sqliteInImage")),
    file,
    ...(line === null ? {} : { line }),
  });
  return { initDatabase: { argv, ...(followedBy ? { followedBy } : {}), evidence, sqlite } };
}

/** The argv of the command a found one is followed by, when it has one that can run. */
function followingArgv(
  facts: ProjectFacts,
  candidate: EntrypointCandidate,
  found: InitCommandFact,
  installsProject: boolean,
): string[] | undefined {
  if (found.followedBy === undefined) return undefined;
  const next = { ...found, kind: "console-script" as const, words: found.followedBy };
  return initArgv(facts, candidate, next, installsProject) ?? undefined;
}

/**
 * The argv that runs a found command in the image, or null when it cannot run there: a
 * console script exists only once the project is installed, and a CLI command needs the
 * Flask app it belongs to.
 */
export function initArgv(
  facts: ProjectFacts,
  candidate: Pick<EntrypointCandidate, "app" | "framework" | "root">,
  found: InitCommandFact,
  installsProject: boolean,
): string[] | null {
  // The server imports the code in its working directory. A console script imports the
  // venv's installed copy instead (which the app user cannot write: the database would go
  // elsewhere, or nowhere), and Flask before 1.0 finds FLASK_APP only on PYTHONPATH.
  const path = `PYTHONPATH=${candidate.root ? `/app/${candidate.root}` : "/app"}`;
  if (found.kind === "console-script") return installsProject ? [path, ...found.words] : null;
  if (found.kind === "program") return [path, ...found.words];
  if (candidate.framework !== "flask") return null;
  const module = candidate.app.split(":")[0] as string;
  return [...flaskCommand(facts, module, path), ...found.words];
}

/** `flask --app M`, or for a Flask pinned before 2.2 the variable its CLI reads instead. */
function flaskCommand(facts: ProjectFacts, module: string, path: string): string[] {
  const { requirements, install } = facts.dependencies;
  // The declared spec (`flask==1.1.2`), or the release a lock pins (a Pipfile's `flask = "*"`).
  const specs = [...requirements.map((r) => r.spec), ...(install.resolved?.lines ?? [])];
  const old = specs.some((spec) => FLASK_BEFORE_APP_OPTION.test(spec));
  return old ? [path, `FLASK_APP=${module}`, "flask"] : ["flask", "--app", module];
}
