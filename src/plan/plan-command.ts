/*
 * Decides what CMD runs, in precedence order: --app (a flag) > [tool.pyship] command >
 * Procfile `web:` > the detected entrypoint. Commands are exec-form argv: no shell. Two
 * exceptions run through `/bin/sh -c`, where the shell expands `$PORT` from the environment
 * when the container starts: a written line with shell syntax (`set -e; …; exec last`, see
 * src/detect/shell-line.ts), and a command that reads `$PORT` (`exec gunicorn -b :$PORT …`),
 * so the platform's PORT wins over the image's.
 */

import { quote } from "shlex";
import { commandText } from "../core/command-text.js";
import type {
  EntrypointCandidate,
  Framework,
  Plan,
  PlannedShell,
  PlanOptions,
  ProjectFacts,
  ProjectMeta,
  ServerPlan,
  ShellCommand,
} from "../core/pipeline.js";
import { because, type Message, msg, withText } from "../i18n/message.js";
import { chooseEntrypoint } from "./choose-entrypoint.js";
import { fromFlag, type Notes } from "./notes.js";
import { planDjangoSetup, servingDjangoSetup } from "./plan-django-asgi.js";
import { planPort } from "./plan-port.js";
import { planServer, SIZED_SERVERS } from "./plan-server.js";
import { exitsFast, fastExitCommand, forcedBindCommand } from "./script-runners.js";

export interface CommandChoice {
  readonly command: readonly string[];
  /**
   * argv of the program that ends up as PID 1 and serves: the command itself, or the last
   * command of a shell line (its server decides the stop signal and the health probe).
   */
  readonly process: readonly string[];
  readonly commandSource: Plan["commandSource"];
  /** The detected entrypoint the command runs, when one is known. */
  readonly candidate: EntrypointCandidate | null;
  readonly port: number | null;
  /** Environment the server reads to listen on 0.0.0.0:PORT (e.g. GRADIO_SERVER_NAME). */
  readonly env: Readonly<Record<string, string>>;
  /** How pyship sizes the server it starts (detected gunicorn and uvicorn only). */
  readonly server?: ServerPlan;
  /** Why the command is `/bin/sh -c`, when it is. */
  readonly shell?: PlannedShell;
}

type Builder = (candidate: EntrypointCandidate, port: number, meta: ProjectMeta) => string[];

/** pyship's sized servers (src/plan/plan-server.ts): their file, in the image. */
const GUNICORN_CONFIG = SIZED_SERVERS.wsgi?.path ?? "";
const LAUNCHER = SIZED_SERVERS.asgi?.path ?? "";

/**
 * One command per kind of entrypoint. WSGI gets gunicorn with pyship's config file, which
 * sizes the workers and binds 0.0.0.0:$PORT when the container starts (and reads the
 * project's own gunicorn.conf.py after it). ASGI gets uvicorn itself, not gunicorn with
 * uvicorn's worker class: uvicorn is what the project already depends on, manages its own
 * workers (WEB_CONCURRENCY), and its gunicorn worker class is deprecated; pyship's launcher
 * sets those defaults at start and execs it, so uvicorn is PID 1.
 */
const BUILDERS: Readonly<Record<EntrypointCandidate["kind"], Builder>> = {
  // A Pyramid app is built by its ini (gunicorn --paste), not imported by name.
  wsgi: (c) => [
    "gunicorn",
    "--config",
    GUNICORN_CONFIG,
    ...(c.paste ? ["--paste", c.paste] : [c.app]),
  ],
  asgi: (c) => [
    ...["python", LAUNCHER, "uvicorn"],
    ...(c.app.endsWith("()") ? [c.app.slice(0, -2), "--factory"] : [c.app]),
    ...["--host", "0.0.0.0"],
  ],
  streamlit: (c, port) => [
    ...["streamlit", "run", c.app, "--server.port", String(port), "--server.address", "0.0.0.0"],
    ...["--server.headless", "true", "--browser.gatherUsageStats", "false"],
  ],
  panel: (c, port) => [
    ...["panel", "serve", c.app, "--address", "0.0.0.0", "--port", String(port)],
    // The browser's origin is whatever host name reaches the container: unknown here.
    "--allow-websocket-origin=*",
  ],
  // `shiny run` takes a file path, so app-core.py (not importable by name) runs as it is.
  shiny: (c, port) => ["shiny", "run", "--host", "0.0.0.0", "--port", String(port), c.app],
  celery: (c) => ["celery", "-A", c.app, "worker", "--loglevel", "INFO"],
  "console-script": (c, _port, meta) => [scriptName(c, meta)],
  script: (c) => ["python", c.app],
  // Run as written, plus what makes its own server listen on 0.0.0.0:PORT (--host 0.0.0.0).
  "server-script": (c, port) =>
    c.serves?.bind
      ? forcedBindCommand(c.app, c.serves.bind, port)
      : exitsFast(c)
        ? fastExitCommand(c.app, servingArgs(c, port))
        : ["python", c.app, ...servingArgs(c, port)],
  "server-console-script": (c, port, meta) => [scriptName(c, meta), ...servingArgs(c, port)],
};

/**
 * Frameworks whose app objects a different server runs than their kind's default: Sanic
 * has its own production server and CLI (one worker, its default, in a single process: the
 * worker manager triples the time `docker stop` takes). aiohttp apps run under aiohttp's own
 * `web.run_app`, which handles SIGTERM and awaits an async factory; `python -m aiohttp.web`
 * only takes a function of argv, and gunicorn's aiohttp worker polls once a second, so it
 * takes over 3 s to stop.
 */
const FRAMEWORK_BUILDERS: Readonly<Partial<Record<Framework, Builder>>> = {
  sanic: (c, port) => [
    "sanic",
    ...(c.app.endsWith("()") ? [c.app.slice(0, -2), "--factory"] : [c.app]),
    ...["--host", "0.0.0.0", "--port", String(port), "--single-process"],
  ],
  aiohttp: (c, port) => {
    const [module, target = "app"] = c.app.split(":");
    const name = target.replace(/\(\)$/, "");
    const run = `web.run_app(${target}, host="0.0.0.0", port=${port})`;
    return ["python", "-c", `from aiohttp import web; from ${module} import ${name}; ${run}`];
  },
};

export function planCommand(
  facts: ProjectFacts,
  options: PlanOptions,
  notes: Notes,
): CommandChoice {
  const { config, procfile } = facts;
  if (options.app === undefined && config.command !== undefined && config.command.length > 0) {
    const source = config.source ?? fromFlag("[tool.pyship]", "");
    notes.evidence.push({ ...source, ...because(msg("ev.command.config")) });
    return fixed(facts, { argv: config.command, shell: config.commandShell }, "config", notes);
  }
  if (options.app === undefined && procfile?.web) {
    notes.evidence.push({ ...procfile.evidence, ...because(msg("ev.command.procfile")) });
    return fixed(facts, { argv: procfile.web, shell: procfile.shell }, "procfile", notes);
  }
  const candidate = chooseEntrypoint(facts.entrypoints, options.app, notes);
  const port = planPort(facts, { source: "detected", candidate, command: [] }, notes);
  const builder = FRAMEWORK_BUILDERS[candidate.framework] ?? BUILDERS[candidate.kind];
  const framework = FRAMEWORK_BUILDERS[candidate.framework] !== undefined;
  const setup = framework ? undefined : planDjangoSetup(candidate, facts, notes);
  const built = builder(candidate, port ?? 0, facts.meta);
  const command = setup ? servingDjangoSetup(built, setup) : built;
  notes.evidence.push({
    ...candidate.evidence,
    ...because(
      msg("ev.command", {
        command: commandText(command),
        kind: candidate.kind,
        app: candidate.app,
      }),
    ),
  });
  if (exitsFast(candidate) && !candidate.serves?.bind)
    notes.evidence.push({ ...candidate.evidence, ...because(msg("ev.command.fastExit")) });
  const env = servingEnv(candidate, port, notes);
  const sized = framework ? undefined : planServer(candidate, notes, facts.sessionsInProcess);
  const server = sized && setup ? { ...sized, djangoSetup: setup } : sized;
  // The launcher execs the server: the program after it is PID 1.
  const process = command[1] === LAUNCHER ? command.slice(2) : command;
  return {
    command,
    process,
    commandSource: "detected",
    candidate,
    port,
    env,
    ...(server ? { server } : {}),
  };
}

function servingArgs(candidate: EntrypointCandidate, port: number): string[] {
  return (candidate.serves?.args ?? []).map((arg) => arg.replace("$PORT", String(port)));
}

/** The environment a self-serving script reads for its host and port, with the planned port. */
function servingEnv(
  candidate: EntrypointCandidate | null,
  port: number | null,
  notes: Notes,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(candidate?.serves?.env ?? {})) {
    env[name] = value.replace("$PORT", String(port ?? ""));
  }
  const names = Object.keys(env);
  if (candidate?.serves && names.length > 0) {
    const set = names.map((name) => `${name}=${env[name]}`).join(" ");
    notes.evidence.push({
      ...candidate.serves.evidence,
      ...because(msg("ev.env.serving", { set, port: port ?? "" })),
    });
  }
  return env;
}

interface Written {
  /** The command's argv (a shell line's last command). */
  readonly argv: readonly string[];
  readonly shell: ShellCommand | undefined;
}

/**
 * The written command runs this candidate: it names its target, or only the module of an
 * `application` object, which gunicorn loads by default (`gunicorn tutorial.wsgi`).
 */
function runsCandidate(written: readonly string[], candidate: EntrypointCandidate): boolean {
  if (written.includes(candidate.app)) return true;
  const [module, object] = candidate.app.split(":");
  return written[0] === "gunicorn" && object === "application" && written.includes(module ?? "");
}

/** A command written by the user: taken verbatim except for `$PORT`. */
function fixed(
  facts: ProjectFacts,
  { argv: written, shell }: Written,
  source: "config" | "procfile",
  notes: Notes,
): CommandChoice {
  const candidate = facts.entrypoints.find((c) => runsCandidate(written, c)) ?? null;
  const port = planPort(facts, { source, candidate, command: written }, notes);
  const where = source === "procfile" ? facts.procfile?.evidence : facts.config.source;
  const at = { file: where?.file ?? source, line: where?.line ?? null };
  if (shell !== undefined) {
    notes.evidence.push({ ...at, ...because(shellWhy(shell)) });
    if (!shell.execd)
      notes.warnings.push({
        code: "W_SHELL_PID1",
        ...withText(msg("warn.shellPid1")),
        file: at.file,
        line: at.line ?? undefined,
      });
    const command = ["/bin/sh", "-c", shell.script];
    const env = servingEnv(candidate, port, notes);
    const planned: PlannedShell = {
      reason: "list",
      readsPort: new RegExp(PORT_REFERENCE.source).test(shell.script),
      program: shell.execd ? (shell.last[0] ?? null) : null,
    };
    return {
      command,
      process: written,
      commandSource: source,
      candidate,
      port,
      env,
      shell: planned,
    };
  }
  const command = written.map((word) => word.replace(PORT_REFERENCE, String(port ?? "")));
  const env = servingEnv(candidate, port, notes);
  const choice = { command, process: command, commandSource: source, candidate, port, env };
  if (command.every((word, index) => word === written[index])) return choice;
  if (port === null) {
    notes.evidence.push({
      ...at,
      ...because(msg("ev.port.replaced", { port: msg("ev.port.nothing") })),
    });
    return choice;
  }
  // `$PORT` as written: the platform's PORT (Cloud Run, Koyeb, Render, Heroku) when the
  // container starts, the image's ENV PORT otherwise. A shell expands it and execs the
  // server, which stays PID 1 and gets SIGTERM.
  const script = `exec ${written.map(shellWord).join(" ")}`;
  notes.evidence.push({ ...at, ...because(msg("ev.port.atStart", { port, script })) });
  const planned: PlannedShell = { reason: "port", readsPort: true, program: written[0] ?? null };
  return { ...choice, command: ["/bin/sh", "-c", script], shell: planned };
}

/** `$PORT`, `${PORT}` and `${PORT:-8000}` as a Procfile or config command writes them. */
const PORT_REFERENCE = /\$\{PORT(?::-[^}]*)?\}|\$PORT\b/g;

/** One argv word for `sh -c`: quoted, except its PORT references, which the shell expands. */
function shellWord(word: string): string {
  return word
    .split(new RegExp(`(${PORT_REFERENCE.source})`))
    .map((part, index) => (index % 2 === 1 ? part : part === "" ? "" : quote(part)))
    .join("");
}

function shellWhy(shell: ShellCommand): Message {
  const last = shell.last.join(" ");
  return msg(shell.execd ? "ev.shell.exec" : "ev.shell.noExec", { last });
}

/** The [project.scripts] name that runs a console-script candidate. */
function scriptName(candidate: EntrypointCandidate, meta: ProjectMeta): string {
  if (Object.hasOwn(meta.scripts, candidate.app)) return candidate.app;
  const entry = Object.entries(meta.scripts).find(([, target]) => target === candidate.app);
  return entry?.[0] ?? candidate.app;
}
