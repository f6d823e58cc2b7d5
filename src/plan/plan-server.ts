/*
 * Sizes the servers pyship starts itself (gunicorn for WSGI, uvicorn for ASGI) to the
 * container they run in. The worker count can't be written into the Dockerfile: the same
 * image runs under `--cpus 1` on one host and unlimited on another, so it is computed when
 * the container starts, from the CPUs the container may use (cgroup quota, cpuset, affinity),
 * by a small Python file pyship renders next to the Dockerfile (src/render/server-files.ts).
 * Commands the project writes itself (Procfile, [tool.pyship] command) are never touched.
 */
import type { EntrypointCandidate, ProjectFacts, ServerPlan } from "../core/pipeline.js";
import { because, type Message, msg } from "../i18n/message.js";
import { byDefault, type Notes } from "./notes.js";

/**
 * One plan per kind pyship starts a server for.
 * - gunicorn: one worker per CPU with 8 threads each (Cloud Run's documented gunicorn setting):
 *   a sync worker with threads is a gthread worker, so a request waiting on I/O holds one
 *   thread, not the whole worker, and the threads give the I/O concurrency that gunicorn's
 *   older 2 × CPUs + 1 advice (for thread-less sync workers) got from processes. Processes are
 *   for CPU parallelism only: more than the CPUs just boot slower (bench, issue 9: five workers
 *   on 2 CPUs were ready in 2.1 s, one in 1.1 s) and take longer to stop. A gunicorn config file, because gunicorn reads it at start in the master
 *   (PID 1) and `-w`, GUNICORN_CMD_ARGS and the project's gunicorn.conf.py still win over it.
 * - uvicorn: one event loop per CPU; async code needs no threads for I/O. uvicorn has no
 *   config file, so a launcher sets its defaults (WEB_CONCURRENCY, UVICORN_PORT) and execs it.
 * Both at most 12 workers: without a limit the host's CPUs count, and a 64-core host would
 * otherwise start 129 processes (WEB_CONCURRENCY sets any number). Graceful stop 5 s: in-flight
 * requests finish, well inside the 10 s `docker stop` grants before SIGKILL.
 */
export const SIZED_SERVERS: Readonly<Partial<Record<EntrypointCandidate["kind"], ServerPlan>>> = {
  wsgi: {
    program: "gunicorn",
    file: "pyship.gunicorn.conf.py",
    path: "/opt/pyship/gunicorn.conf.py",
    workers: { perCpu: 1, plus: 0, max: 12 },
    threads: 8,
    gracefulTimeout: 5,
    timeout: 30,
  },
  asgi: {
    program: "uvicorn",
    file: "pyship.serve.py",
    path: "/opt/pyship/serve.py",
    workers: { perCpu: 1, plus: 0, max: 12 },
    threads: null,
    gracefulTimeout: 5,
    timeout: null,
  },
};

/**
 * A server whose clients' sessions live in one process (Socket.IO): one worker, and for
 * gunicorn 100 threads, each WebSocket holding one (Flask-SocketIO's `gunicorn -w 1
 * --threads 100`); eight would serve eight clients at a time.
 */
const ONE_PROCESS = { workers: { perCpu: 0, plus: 1, max: 1 }, threads: 100 } as const;

/** The sizing of a detected entrypoint's server, with its evidence; undefined for others. */
export function planServer(
  candidate: EntrypointCandidate,
  notes: Notes,
  sessions?: ProjectFacts["sessionsInProcess"],
): ServerPlan | undefined {
  const sized = SIZED_SERVERS[candidate.kind];
  if (sized === undefined) return undefined;
  const server = sessions === undefined ? sized : oneProcess(sized);
  notes.evidence.push(byDefault(workersText(server)));
  if (sessions !== undefined) {
    const threads =
      server.threads === null
        ? ""
        : msg("ev.server.oneProcess.threads", { threads: server.threads });
    const why = msg("ev.server.oneProcess", { library: sessions.library, threads });
    notes.evidence.push({ ...sessions.evidence, ...because(why) });
  }
  if (candidate.serverConfig !== undefined) {
    notes.evidence.push({
      ...candidate.evidence,
      file: `${candidate.root}/${candidate.serverConfig}`,
      line: null,
      ...because(msg("ev.server.ownConfig", { config: candidate.serverConfig, file: server.file })),
    });
  }
  return server;
}

function oneProcess(server: ServerPlan): ServerPlan {
  const threads = server.threads === null ? null : ONE_PROCESS.threads;
  return { ...server, workers: ONE_PROCESS.workers, threads };
}

/** "one worker per CPU (at most 12), 8 threads each" — the count as plan and Dockerfile say it. */
export function workersCount(server: ServerPlan): string {
  const { perCpu, plus, max } = server.workers;
  const count =
    perCpu === 0
      ? "one worker"
      : perCpu === 1 && plus === 0
        ? "one worker per CPU"
        : `${perCpu} × CPUs${plus === 0 ? "" : ` + ${plus}`} workers`;
  const threads = server.threads === null ? "" : `, ${server.threads} threads each`;
  return `${count} (at most ${max})${threads}`;
}

/** The whole rule as a catalog message, for the plan's evidence (English: workersRule). */
function workersText(server: ServerPlan): Message {
  const { perCpu, plus, max } = server.workers;
  const count =
    perCpu === 0
      ? msg("ev.workers.one")
      : perCpu === 1 && plus === 0
        ? msg("ev.workers.perCpu")
        : msg(plus === 0 ? "ev.workers.times" : "ev.workers.timesPlus", { perCpu, plus });
  const threads =
    server.threads === null ? "" : msg("ev.workers.threads", { threads: server.threads });
  return msg("ev.workers", { program: server.program, count, max, threads });
}

/** The whole rule, for the plan's evidence. */
export function workersRule(server: ServerPlan): string {
  return (
    `${workersCount(server)}; CPUs = the fewest the container's cgroup quota, cpuset and ` +
    "affinity allow, read when it starts; WEB_CONCURRENCY overrides; binds 0.0.0.0:$PORT"
  );
}
