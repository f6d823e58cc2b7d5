/*
 * The end of the final stage: labels verify reads, the port, the health probe, the stop
 * signal and the command.
 */
import { quote } from "shlex";
import type { Evidence, Plan } from "../core/pipeline.js";
import { workersCount } from "../plan/plan-server.js";
import { block, env, execForm } from "./dockerfile-syntax.js";

export function runtimeDirectives(plan: Plan): string[] {
  return [
    ...runContext(plan),
    ...initDatabase(plan),
    labels(plan),
    ...web(plan),
    ...stopSignal(plan),
    command(plan),
  ];
}

/**
 * After the working directory the app runs in, as the app user: the file it creates is the
 * one the server opens, and the server may write to it (src/plan/plan-database-init.ts).
 */
function initDatabase(plan: Plan): string[] {
  if (plan.initDatabase === undefined) return [];
  const { argv, followedBy, evidence, sqlite } = plan.initDatabase;
  const commands = [argv, ...(followedBy ? [followedBy] : [])];
  return [
    block(
      `The database is a SQLite file in the image (${where(sqlite)}): the project's own command\n` +
        `(${where(evidence)}) creates its tables now, so the first request finds them.\n` +
        "What the app writes stays in the container: mount a volume on the file's folder to keep it.",
      `RUN ${commands.map((words) => words.map((word) => quote(word)).join(" ")).join(" && ")}`,
    ),
  ];
}

function where(evidence: Evidence): string {
  return evidence.line === null ? evidence.file : `${evidence.file}:${evidence.line}`;
}

/** The app's own environment and importable root (see src/plan/plan-run-context.ts). */
function runContext(plan: Plan): string[] {
  const settings = Object.entries(plan.env ?? {}).map(([name, value]) => `${name}=${value}`);
  return [
    ...(settings.length > 0
      ? [
          block(
            "What the app reads at start: its settings, and the host and port its own server listens on\n(`pyship plan` shows why each is set).",
            env(settings),
          ),
        ]
      : []),
    ...(plan.workdir
      ? [
          block(
            "The app imports itself from here; it runs where its developers run it.",
            `WORKDIR ${plan.workdir}`,
          ),
        ]
      : []),
  ];
}

function labels(plan: Plan): string {
  const pairs = [
    `org.opencontainers.image.title=${JSON.stringify(plan.project.name)}`,
    ...(plan.project.version === null
      ? []
      : [`org.opencontainers.image.version=${JSON.stringify(plan.project.version)}`]),
    `io.pyship.kind=${JSON.stringify(plan.kind)}`,
  ];
  return block(
    "io.pyship.kind tells `pyship verify` how to probe the image (web, worker or script).",
    `LABEL ${pairs.join(" \\\n      ")}`,
  );
}

/**
 * pyship's server file (src/render/server-files.ts), before the code: it changes only when
 * the plan does, so code edits keep this layer. The comment states the sizing rule.
 */
export function serverFile(plan: Plan): string[] {
  const server = plan.server;
  if (server === undefined) return [];
  return [
    block(
      "Workers are counted when the container starts, not here: the same image runs under\n" +
        "--cpus 1 on one host and unlimited on another.\n" +
        `${server.program}: ${workersCount(server)}; CPUs = the fewest the\n` +
        "container's cgroup quota, cpuset and affinity allow. WEB_CONCURRENCY overrides. The server\n" +
        "binds 0.0.0.0:$PORT, also read at start (Cloud Run, Heroku and Render set it).",
      `COPY ${server.file} ${server.path}`,
    ),
    ...(server.djangoSetup
      ? [
          block(
            "Django set up before the project's ASGI module is imported, as runserver does: the\n" +
              "module imports the project's code first (pyship.django_asgi.py says why).",
            `COPY ${server.djangoSetup.file} ${server.djangoSetup.path}`,
          ),
        ]
      : []),
  ];
}

/**
 * Slim images have no curl, so the probe is Python's standard library. Any HTTP answer
 * (even 404 or 500) proves the server is up; only no answer at all is unhealthy. A server
 * that binds $PORT at start is probed there too.
 */
function web(plan: Plan): string[] {
  if (plan.port === null) return [];
  const expose = block("The port the server listens on (also in $PORT).", `EXPOSE ${plan.port}`);
  if (plan.healthcheck === null) return [expose];
  const port = readsPortAtStart(plan)
    ? `' + os.environ.get('PORT', '${plan.port}') + '`
    : `${plan.port}`;
  const url = `http://127.0.0.1:${port}${plan.healthcheck.path}`;
  const probe = [
    `import ${readsPortAtStart(plan) ? "os, " : ""}sys, urllib.error, urllib.request`,
    "try:",
    `    urllib.request.urlopen('${url}', timeout=4)`,
    "except urllib.error.HTTPError:",
    "    pass",
    "except Exception:",
    "    sys.exit(1)",
  ].join("\n");
  const check = block(
    "Healthy while the server answers HTTP at all (any status); slim images have no curl.",
    `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\\n  CMD ${execForm(["python", "-c", probe])}`,
  );
  return [expose, check];
}

/** pyship's server config, or a shell that expands `$PORT`: the port is the one set at start. */
function readsPortAtStart(plan: Plan): boolean {
  return plan.server !== undefined || plan.shell?.readsPort === true;
}

function stopSignal(plan: Plan): string[] {
  if (plan.stopSignal === null) return [];
  return [
    block(
      `Python as PID 1 ignores SIGTERM, so \`docker stop\` would wait 10 s and kill it;\n` +
        `${plan.stopSignal} raises KeyboardInterrupt and the program exits at once.`,
      `STOPSIGNAL ${plan.stopSignal}`,
    ),
  ];
}

function command(plan: Plan): string {
  const source = plan.commandSource === "procfile" ? "Procfile" : "[tool.pyship] command";
  if (plan.shell?.reason === "port")
    return block(
      `The ${source} reads $PORT: a shell expands it when the container starts (the platform's\n` +
        "PORT, else the image's ENV PORT) and execs the server, which is PID 1 (gets SIGTERM).",
      `CMD ${execForm(plan.command)}`,
    );
  if (plan.shell?.reason === "list")
    return block(
      `The ${source} is a shell command list, run as the platforms run it: set -e stops the\n` +
        "container at a failing step, and the last command is exec'd to be PID 1 (gets SIGTERM).",
      `CMD ${execForm(plan.command)}`,
    );
  if (plan.server && plan.command[1] === plan.server.path)
    return block(
      `Exec form: pyship's launcher sets ${plan.server.program}'s defaults and execs it, so ${plan.server.program} is PID 1\n` +
        `and receives signals directly (from ${plan.app ?? "detection"}).`,
      `CMD ${execForm(plan.command)}`,
    );
  const why =
    plan.commandSource === "detected"
      ? `Exec form: the process is PID 1 and receives signals directly (from ${plan.app ?? "detection"}).`
      : `Exec form: the process is PID 1 and receives signals directly (from the ${plan.commandSource === "procfile" ? "Procfile" : "[tool.pyship] command"}).`;
  return block(why, `CMD ${execForm(plan.command)}`);
}
