/*
 * `no such table` after a good build: the project's tables were never created. Many projects
 * ship the command that creates them (Flask's tutorial: `flask --app flaskr init-db`; a
 * console script `init_db`; Flask-Migrate's `flask db upgrade`), found by detection
 * (src/detect/app/database-init.ts). For a SQLite file in the image the build runs it
 * (plan-database-init.ts); otherwise the hint names it with where it was found, because
 * pyship never runs it at start unasked: a release step runs once against the real
 * database. The hint also shows the `[tool.pyship] command` that would run it at every start.
 */
import { quote } from "shlex";
import { PyshipError } from "../core/errors.js";
import type { Evidence, Plan, ProjectFacts, VerifyReport } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { initArgv } from "../plan/plan-database-init.js";

export interface InitCommand {
  readonly argv: readonly string[];
  readonly evidence: Evidence;
}

/** The commands detection found (src/detect/app/database-init.ts), as the user would type them. */
export function initCommands(facts: ProjectFacts, plan: Plan): InitCommand[] {
  const app = plan.app;
  if (app === null) return [];
  return (facts.databaseInit?.commands ?? []).flatMap((found) => {
    // A console script is named even when the image does not install it: the hint is advice.
    const argv = initArgv(facts, { app, framework: plan.framework }, found, true);
    // The user's own command runs where they run it: no PYTHONPATH of pyship's.
    const words = argv?.filter((word) => !word.startsWith("PYTHONPATH="));
    return words === undefined ? [] : [{ argv: words, evidence: found.evidence }];
  });
}

export function withInitHint(
  error: PyshipError,
  report: VerifyReport | null,
  commands: readonly InitCommand[],
  plan: Plan,
): PyshipError {
  const [first] = commands;
  if (report?.failure?.diagnosis?.cause !== "db-not-initialised" || !first) return error;
  // The build ran it already (plan-database-init.ts): naming it again would not help.
  if (plan.initDatabase !== undefined) return error;
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
