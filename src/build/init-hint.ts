/*
 * `no such table` after a good build: the project's tables were never created. Many projects
 * ship the command that creates them (Flask's tutorial: `flask --app flaskr init-db`; a
 * console script `init_db`; Flask-Migrate's `flask db upgrade`; Django's `migrate`), and the
 * build's hint names it with where it was found. pyship never runs it at start unasked: a
 * release step runs once against the real database. For a SQLite file inside the container
 * (tutorials), the hint shows the `[tool.pyship] command` that asks for it at every start.
 */
import { quote } from "shlex";
import { PyshipError } from "../core/errors.js";
import type { Evidence, Plan, ProjectFacts, VerifyReport } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";

/** Names such commands have: init-db, init_db, initdb, create-tables, reset-db … */
const INIT_NAME = /^(?:init|create|setup|reset)[-_]?(?:db|database|tables?|schema)$|^initdb$/;
/**
 * A click command: `@click.command("init-db")`, or `@app.cli.command()` named after the
 * function under it (other decorators, e.g. `@click.option`, may sit between).
 */
const CLICK_COMMAND =
  /@(?:click|[\w.]*cli)\.command\(\s*(?:["']([\w-]+)["'])?[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:async\s+)?def\s+(\w+)/g;
/** Flask's `--app` option came with 2.2; before it, the CLI finds the app through FLASK_APP. */
const FLASK_BEFORE_APP_OPTION = /^flask\s*===?\s*(?:0\.|1\.|2\.[01](?:\.|$))/i;

export interface InitCommand {
  readonly argv: readonly string[];
  readonly evidence: Evidence;
}

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

export function initCommands(
  facts: ProjectFacts,
  plan: Plan,
  sources: readonly SourceText[],
): InitCommand[] {
  const found: InitCommand[] = Object.entries(facts.meta.scripts)
    .filter(([name]) => INIT_NAME.test(name))
    .map(([name, target]) => ({ argv: [name], evidence: scriptEvidence(name, target) }));
  const module = plan.app?.split(":")[0];
  if (!module) return found;
  const flask = flaskCommand(facts, module);
  for (const source of sources) {
    for (const match of source.text.matchAll(CLICK_COMMAND)) {
      const name = clickName(match);
      if (!INIT_NAME.test(name)) continue;
      const line = source.text.slice(0, match.index).split("\n").length;
      const evidence = { file: source.file, line, why: `click command ${name}` };
      found.push({ argv: [...flask, name], evidence });
    }
  }
  return found;
}

/** The declared name, else click's (7.0+) from the function: underscores become dashes. */
function clickName(match: RegExpMatchArray): string {
  return match[1] ?? (match[2] as string).replaceAll("_", "-");
}

/** `flask --app M`, or for a Flask pinned before 2.2 the variable its CLI reads instead. */
function flaskCommand(facts: ProjectFacts, module: string): string[] {
  const { requirements, install } = facts.dependencies;
  // The declared spec (`flask==1.1.2`), or the release a lock pins (a Pipfile's `flask = "*"`).
  const specs = [...requirements.map((r) => r.spec), ...(install.resolved?.lines ?? [])];
  const old = specs.some((spec) => FLASK_BEFORE_APP_OPTION.test(spec));
  return old ? [`FLASK_APP=${module}`, "flask"] : ["flask", "--app", module];
}

export function withInitHint(
  error: PyshipError,
  report: VerifyReport | null,
  commands: readonly InitCommand[],
  plan: Plan,
): PyshipError {
  const [first] = commands;
  if (report?.failure?.diagnosis?.cause !== "db-not-initialised" || !first) return error;
  const init = first.argv.map((word) => quote(word)).join(" ");
  const server = serverText(plan);
  const where = `${first.evidence.file}${first.evidence.line === null ? "" : `:${first.evidence.line}`}`;
  // pyship execs the last command of a shell line itself (shell-line.ts).
  const config = `[tool.pyship] command = ${JSON.stringify(`${init} && ${server}`)}`;
  return new PyshipError(error.code, error.text, {
    details: error.details,
    file: error.file,
    line: error.line,
    hint: msg("build.initHint", { init, where, config }),
  });
}

/** The server as shell text: a `/bin/sh -c` command's script (minus a leading exec), else argv. */
function serverText(plan: Plan): string {
  const [program, flag, script] = plan.command;
  if (program === "/bin/sh" && flag === "-c" && script !== undefined)
    return script.replace(/^exec /, "");
  return ownCommand(plan)
    .map((word) => quote(word))
    .join(" ");
}

/**
 * The server command as a user writes it: without pyship's launcher (`python
 * /opt/pyship/serve.py`) and config file, which a command of the user's does not get, so
 * with the address they gave it (gunicorn and uvicorn bind 127.0.0.1 by default).
 */
function ownCommand(plan: Plan): string[] {
  const { command, port } = plan;
  const launched = command[1] === "/opt/pyship/serve.py";
  const words = launched ? command.slice(2) : [...command];
  const config = words.findIndex(
    (w, i) => w === "--config" && words[i + 1]?.startsWith("/opt/pyship/"),
  );
  if (config < 0 && !launched) return words;
  if (config >= 0) words.splice(config, 2);
  const has = (...flags: string[]) => words.some((w) => flags.some((f) => w.startsWith(f)));
  if (words[0] === "gunicorn" && !has("--bind", "-b"))
    words.splice(1, 0, "--bind", `0.0.0.0:${port}`);
  if (words[0] === "uvicorn" && !has("--port")) words.push("--port", String(port));
  return words;
}

function scriptEvidence(name: string, target: string): Evidence {
  return { file: "pyproject.toml", line: null, why: `console script ${name} = ${target}` };
}
