/*
 * `pyship verify --compose`: the generated stack, really run. `docker compose up --wait`
 * (every health check passing, the migration finished), then one HTTP GET against the web
 * process through its published loopback port (chosen by the engine: WEB_PORT=0), then
 * `down -v` whatever happened, so a check never leaves containers or volumes behind. Runs
 * under its own project name, so a stack the user has up is not touched.
 */
import type { CommandExecutor, RunResult } from "../core/exec.js";
import type { ComposePlan, ComposeReport } from "../core/pipeline.js";
import type { Clock, HttpGet } from "../verify/probe-http.js";
import { isAnswer } from "../verify/probe-web.js";

export interface ComposeVerifyPorts {
  readonly executor: CommandExecutor;
  /** docker (or podman) client; compose runs as `<client> compose`. */
  readonly client: string;
  readonly http: HttpGet;
  readonly clock: Clock;
}

export interface ComposeVerifyOptions {
  readonly root: string;
  /** Compose project name; default `<project>-verify`. */
  readonly project?: string;
  readonly timeoutSeconds?: number;
  readonly path?: string;
}

type Services = ComposeReport["services"];

export async function verifyCompose(
  plan: ComposePlan,
  ports: ComposeVerifyPorts,
  options: ComposeVerifyOptions,
): Promise<ComposeReport> {
  const project = options.project ?? `${plan.project}-verify`;
  const timeout = options.timeoutSeconds ?? 120;
  const compose = composeRunner(ports, options.root, project, plan.file);
  const base = { project, services: [] as Services, healthyMs: null, probe: null, logTail: null };
  try {
    const started = ports.clock.now();
    const up = await compose(
      ["up", "-d", "--wait", "--wait-timeout", String(timeout)],
      timeout + 600,
    );
    const healthyMs = Math.round(ports.clock.now() - started);
    const services = parseServices((await compose(["ps", "-a", "--format", "json"], 60)).stdout);
    if (up.exitCode !== 0) {
      const failure = `docker compose up --wait failed: ${lastLine(up)}`;
      return { ...base, ok: false, services, failure, logTail: await logTail(compose) };
    }
    const probe = await probeWeb(plan, ports, compose, options.path ?? "/", timeout);
    // As `pyship verify` judges: Django's 400 for a host it refuses is not an answer.
    // The CLI's --path defaults to "/": only another path is one the user chose.
    const chosen = (options.path ?? "/") !== "/";
    const ok = probe === null || (probe.status !== null && isAnswer(probe.status, chosen));
    const failure = ok
      ? null
      : `the web service did not answer ${probe?.url} (status ${probe?.status ?? "none"})`;
    return {
      ...base,
      ok,
      services,
      healthyMs,
      probe,
      failure,
      logTail: ok ? null : await logTail(compose),
    };
  } finally {
    await compose(["down", "-v", "--remove-orphans", "--timeout", "10"], 120);
  }
}

type Compose = (args: readonly string[], timeoutSeconds: number) => Promise<RunResult>;

function composeRunner(
  ports: ComposeVerifyPorts,
  root: string,
  project: string,
  file: string,
): Compose {
  // WEB_PORT=0: the engine picks a free loopback port (read back with `compose port`).
  const env = { WEB_PORT: "0" };
  return (args, timeoutSeconds) =>
    ports.executor.run(ports.client, ["compose", "-p", project, "-f", file, ...args], {
      cwd: root,
      env,
      timeoutMs: timeoutSeconds * 1000,
    });
}

/** GETs the web process until it answers below 500 or the time is up; null without one. */
async function probeWeb(
  plan: ComposePlan,
  ports: ComposeVerifyPorts,
  compose: Compose,
  path: string,
  timeoutSeconds: number,
): Promise<ComposeReport["probe"]> {
  const web = plan.processes.find((p) => p.role === "web");
  if (!web || plan.port === null) return null;
  const published = (await compose(["port", web.name, String(plan.port)], 30)).stdout.trim();
  const url = `http://${published.replace(/^0\.0\.0\.0:/, "127.0.0.1:")}${path}`;
  const deadline = ports.clock.now() + timeoutSeconds * 1000;
  let status: number | null = null;
  while (ports.clock.now() < deadline) {
    status = (await ports.http(url, 5000))?.status ?? null;
    if (status !== null && isAnswer(status, path !== "/")) break;
    await ports.clock.sleep(500);
  }
  return { url, status };
}

/** `compose ps --format json`: an array (older releases) or one object per line. */
export function parseServices(text: string): Services {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const rows: Record<string, string>[] = trimmed.startsWith("[")
    ? JSON.parse(trimmed)
    : trimmed.split("\n").map((line) => JSON.parse(line));
  return rows.map((row) => ({
    name: row.Service ?? row.Name ?? "?",
    state: row.State ?? "?",
    health: row.Health ?? "",
  }));
}

async function logTail(compose: Compose): Promise<string> {
  const logs = await compose(["logs", "--no-color", "--tail", "20"], 60);
  return (logs.stdout + logs.stderr).trim();
}

function lastLine(result: RunResult): string {
  const lines = (result.stderr || result.stdout).trim().split("\n");
  return lines.at(-1) ?? `exit ${result.exitCode}`;
}
