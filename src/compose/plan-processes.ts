/*
 * The processes compose runs from the app's own image: the app itself (its CMD), the task
 * queue's worker (Celery, RQ, Dramatiq) and Celery beat when a schedule is configured, and a
 * one-shot migration (Django, Alembic) the app waits for. Each carries a health check that
 * fits what it runs: the image's HEALTHCHECK probes HTTP, which a worker does not serve.
 */

import type { ComposeProcess, Evidence, Plan, ProjectFacts } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** PID 1 is still the process compose started (for processes with nothing to ask). */
const ALIVE = (program: string) => [
  "python",
  "-c",
  `import sys; sys.exit(b'${program}' not in open('/proc/1/cmdline', 'rb').read())`,
];
const BEAT_SCHEDULE =
  /\bbeat_schedule\b|CELERY_BEAT_SCHEDULE|CELERYBEAT_SCHEDULE|add_periodic_task|django_celery_beat/;
const DRAMATIQ_ACTOR = /@(?:dramatiq\.)?actor\b/;

export function planProcesses(
  facts: ProjectFacts,
  plan: Plan,
  sources: readonly SourceText[],
): ComposeProcess[] {
  const processes: ComposeProcess[] = [mainProcess(plan)];
  const celery = facts.entrypoints.find((e) => e.framework === "celery");
  const has = (name: string) => facts.dependencies.requirements.find((r) => r.name === name);
  if (celery && plan.framework !== "celery")
    processes.push(celeryWorker(celery.app, celery.evidence));
  const beat = celery ? findLine(sources, BEAT_SCHEDULE) : null;
  if (celery && beat) processes.push(celeryBeat(celery.app, beat));
  const rq = has("rq");
  if (rq) processes.push(rqWorker(rq.evidence));
  const actor = has("dramatiq") ? findLine(sources, DRAMATIQ_ACTOR) : null;
  if (actor) processes.push(dramatiqWorker(actor));
  const migrate = migration(facts, sources) ?? flaskMigration(facts, plan, sources);
  return uniqueNames(migrate ? [migrate, ...processes] : processes);
}

/** Two queues in one project (Celery and RQ): the second worker is named after its program. */
function uniqueNames(processes: readonly ComposeProcess[]): ComposeProcess[] {
  const seen = new Set<string>();
  return processes.map((process) => {
    const name = seen.has(process.name) ? `${process.command?.[0]}-${process.name}` : process.name;
    seen.add(name);
    return { ...process, name };
  });
}

function mainProcess(plan: Plan): ComposeProcess {
  const evidence = { file: "Dockerfile", line: null, ...because(msg("compose.ev.cmd")) };
  if (plan.kind === "web")
    return { name: "web", role: "web", command: null, healthcheck: null, evidence };
  const test =
    plan.framework === "celery" && plan.app
      ? celeryPing(plan.app)
      : { test: ALIVE(plan.command[0] ?? "python"), shell: false };
  return { name: "app", role: "app", command: null, healthcheck: test, evidence };
}

function celeryPing(app: string) {
  // $$ is compose's escape for a literal $: the shell in the container expands HOSTNAME.
  // Starting a Celery client takes seconds on a busy machine: render-compose gives it time.
  return { test: [`celery -A ${app} inspect ping -d celery@$$HOSTNAME --timeout 5`], shell: true };
}

function celeryWorker(app: string, evidence: Evidence): ComposeProcess {
  const command = ["celery", "-A", app, "worker", "--loglevel=INFO"];
  return { name: "worker", role: "worker", command, healthcheck: celeryPing(app), evidence };
}

function celeryBeat(app: string, evidence: Evidence): ComposeProcess {
  // The schedule file goes to /tmp: the app's user cannot write the application directory.
  const command = [
    "celery",
    "-A",
    app,
    "beat",
    "--loglevel=INFO",
    "-s",
    "/tmp/celerybeat-schedule",
  ];
  const healthcheck = { test: ALIVE("celery"), shell: false };
  return { name: "beat", role: "beat", command, healthcheck, evidence };
}

function rqWorker(evidence: Evidence): ComposeProcess {
  // rq's CLI reads RQ_REDIS_URL (plan-compose.ts sets it for this process).
  const healthcheck = { test: ["rq", "info", "--only-workers"], shell: false };
  return { name: "worker", role: "worker", command: ["rq", "worker"], healthcheck, evidence };
}

function dramatiqWorker(actor: Evidence): ComposeProcess {
  const module = actor.file
    .replace(/\.py$/, "")
    .replace(/\/__init__$/, "")
    .replaceAll("/", ".");
  const healthcheck = { test: ALIVE("dramatiq"), shell: false };
  return {
    name: "worker",
    role: "worker",
    command: ["dramatiq", module],
    healthcheck,
    evidence: actor,
  };
}

function migration(facts: ProjectFacts, sources: readonly SourceText[]): ComposeProcess | null {
  const off = { test: ["NONE"], shell: false };
  const django = facts.django;
  if (django?.migrations && django.manage) {
    const command = ["python", `/app/${django.manage}`, "migrate", "--noinput"];
    const evidence = {
      file: django.manage,
      line: null,
      ...because(msg("compose.ev.djangoMigrations")),
    };
    return { name: "migrate", role: "migrate", command, healthcheck: off, evidence };
  }
  const alembic = sources.find((s) => s.file === "alembic.ini");
  if (alembic) {
    const evidence = { file: "alembic.ini", line: null, ...because(msg("compose.ev.alembic")) };
    // `python -m` puts the working directory on sys.path, as `alembic`'s console script does
    // not: env.py usually imports the app's models (`from app.models import …`).
    const command = ["python", "-m", "alembic", "upgrade", "head"];
    return { name: "migrate", role: "migrate", command, healthcheck: off, evidence };
  }
  return null;
}

/**
 * Flask-Migrate keeps Alembic in migrations/ and runs it as `flask db upgrade`, which must
 * find the app: FLASK_APP names the plan's (flasky:app; Flask 1.x has no --app option).
 */
function flaskMigration(
  facts: ProjectFacts,
  plan: Plan,
  sources: readonly SourceText[],
): ComposeProcess | null {
  const env = sources.find((s) => /(^|\/)migrations\/env\.py$/.test(s.file));
  const installed = facts.dependencies.requirements.some((r) => r.name === "flask-migrate");
  if (!env || !installed || plan.app === null) return null;
  const app = plan.app.replace(/\(\)$/, "");
  const command = ["sh", "-c", `FLASK_APP='${app}' exec flask db upgrade`];
  const evidence = { file: env.file, line: null, ...because(msg("compose.ev.flaskMigrate")) };
  return {
    name: "migrate",
    role: "migrate",
    command,
    healthcheck: { test: ["NONE"], shell: false },
    evidence,
  };
}

function findLine(sources: readonly SourceText[], pattern: RegExp): Evidence | null {
  for (const source of sources) {
    const index = source.text.split("\n").findIndex((line) => pattern.test(line));
    if (index >= 0)
      return { file: source.file, line: index + 1, why: `${pattern.exec(source.text)?.[0]}` };
  }
  return null;
}
