/*
 * An install that quietly installs nothing (an empty requirements file, a Pipfile whose lock
 * is stale) would only show at run time as "exec: gunicorn: not found". So right after the
 * step that should provide it, the build checks that the program CMD starts is in the venv
 * and stops with a message naming the manifest when it is not.
 */
import type { Plan } from "../core/pipeline.js";

/** First words that are not programs a dependency installs. */
const NOT_FROM_DEPENDENCIES = /^(python[\d.]*|sh|bash|exec|env|\/.*)$/;
const PROGRAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Where the program is expected to come from, for the message. */
function manifestOf(plan: Plan): string {
  const { install } = plan;
  if (install.resolved?.source) return install.resolved.source.file;
  if (install.strategy === "imports") return "the imports pyship found";
  return install.files[0] ?? "the project's dependencies";
}

/** A shell command for the install RUN, or null when CMD doesn't start a venv program. */
export function executableCheck(plan: Plan): string | null {
  const program = programOf(plan);
  if (program === undefined || !PROGRAM_NAME.test(program)) return null;
  if (NOT_FROM_DEPENDENCIES.test(program)) return null;
  const manifest = manifestOf(plan);
  const message = `pyship: ${program} (the command the image runs) is not installed by ${manifest}; add it there`;
  return `{ test -x /opt/venv/bin/${program} || { echo "${message}" >&2; exit 1; }; }`;
}

/**
 * The program CMD ends up running: pyship's uvicorn launcher (python /opt/pyship/serve.py)
 * execs the server from the venv; a `/bin/sh -c` command (a shell line, or one that reads
 * $PORT at start) execs its last command.
 */
function programOf(plan: Plan): string | undefined {
  if (plan.server) return plan.server.program;
  if (plan.shell) return plan.shell.program ?? undefined;
  return plan.command[0];
}
