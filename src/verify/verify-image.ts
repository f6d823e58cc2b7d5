/*
 * `pyship verify`: run an image the way production will and check that it really works —
 * it answers (or runs, or finishes), not as root, stops fast, ships no secrets, .git,
 * virtualenvs or compilers. Returns a report; never leaves a container behind.
 */
import type { CommandExecutor } from "../core/exec.js";
import type { VerifyCheck, VerifyFailure, VerifyOptions, VerifyReport } from "../core/pipeline.js";
import { english, type Message, msg } from "../i18n/message.js";
import { fileChecks } from "./check-files.js";
import { numericUserCheck, restrictedCheck } from "./check-restricted.js";
import { secretsCheck } from "./check-secrets.js";
import { chooseMode } from "./choose-mode.js";
import { chooseReach } from "./choose-reach.js";
import { EngineSession } from "./engine-session.js";
import { inspectImage } from "./inspect-image.js";
import type { ProbeContext, RunOutcome } from "./probe-context.js";
import { type Clock, fetchHttp, type HttpGet, realClock } from "./probe-http.js";
import { probeProcess } from "./probe-process.js";
import { probeWeb } from "./probe-web.js";

export const DEFAULT_TIMEOUT_SECONDS = 60;

export interface VerifyInput {
  readonly executor: CommandExecutor;
  /** The engine's client binary: docker or podman (name or path). */
  readonly client: string;
  readonly image: string;
  readonly options: VerifyOptions;
  /** A step as it starts, as a catalog message (the CLI says it in the user's language). */
  readonly onProgress?: (message: Message) => void;
  /** Aborting (e.g. on Ctrl-C) removes the test containers at once and stops verifying. */
  readonly signal?: AbortSignal;
  /** Ports for tests: the HTTP client and the clock (real ones by default). */
  readonly http?: HttpGet;
  readonly clock?: Clock;
  /** The image is of a foreign architecture, run under qemu: containers get `--init`. */
  readonly emulated?: boolean;
  /** Where DOCKER_HOST and contexts are read (process.env by default). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export async function verifyImage(input: VerifyInput): Promise<VerifyReport> {
  const session = new EngineSession(input.executor, input.client, null, input.emulated === true);
  // After Ctrl-C the remaining steps fail at once: don't announce them.
  const progress = (message: Message) => {
    if (!input.signal?.aborted) input.onProgress?.(message);
  };
  if (input.emulated) progress(msg("verify.p.emulated"));
  const interrupt = () => void session.interrupt();
  input.signal?.addEventListener("abort", interrupt, { once: true });
  try {
    const facts = await inspectImage(session, input.image);
    const plan = chooseMode(facts, input.options);
    const reach = await chooseReach({
      executor: input.executor,
      client: input.client,
      env: input.env ?? process.env,
      wish: input.options.probeFrom,
    });
    const ctx = { ...probeContext(input, session, progress), reach };
    const run =
      plan.mode === "web"
        ? await probeWeb(ctx, plan.port ?? 0)
        : await probeProcess(ctx, plan.mode);
    // Free the test container before the export, which is the heavy part.
    await session.removeAll();
    const where = plan.mode === "web" ? reach.check() : null;
    const runtime = [...(where ? [where] : []), numericUserCheck(facts)];
    if (run.failure === null)
      runtime.push(await restrictedCheck(ctx, run.mode, plan.port, run.uid));
    progress(msg("verify.p.files"));
    const files = await fileChecks(input.executor, session, input.image, facts);
    progress(msg("verify.p.layers"));
    const layers = await secretsCheck(session, input.image, facts.venvRoots);
    const checks = [...runtime, ...files, layers.check];
    return { ...report(input.image, plan.port, run, checks, facts.sizeBytes), sizes: layers.sizes };
  } finally {
    input.signal?.removeEventListener("abort", interrupt);
    await session.removeAll();
  }
}

function probeContext(
  input: VerifyInput,
  session: EngineSession,
  progress: (m: Message) => void,
): ProbeContext {
  const { options } = input;
  const path = options.path ?? "/";
  return {
    session,
    http: input.http ?? fetchHttp,
    clock: input.clock ?? realClock,
    progress,
    image: input.image,
    env: options.env ?? {},
    path: path.startsWith("/") ? path : `/${path}`,
    pathGiven: options.path !== undefined,
    expect: options.expect ?? null,
    timeoutMs: (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
  };
}

function report(
  image: string,
  port: number | null,
  run: RunOutcome,
  files: readonly VerifyCheck[],
  sizeBytes: number | null,
): VerifyReport {
  const checks = [...run.checks, ...files];
  const failure = run.failure ?? failedChecks(checks);
  return {
    image,
    ok: failure === null,
    mode: run.mode,
    port: run.mode === "web" ? port : null,
    failure,
    checks,
    sizeBytes,
    readyMs: run.readyMs,
    stopMs: run.stopMs,
    uid: run.uid,
  };
}

/** No crash or timeout, but some check failed: one E_VERIFY_FAILED naming them all. */
function failedChecks(checks: readonly VerifyCheck[]): VerifyFailure | null {
  const failed = checks.filter((check) => check.status === "fail").map((check) => check.name);
  if (failed.length === 0) return null;
  const text = msg("verify.f.checks", { names: failed.join(", ") });
  const message = english(text);
  return {
    code: "E_VERIFY_FAILED",
    message,
    text,
    logTail: null,
    lastError: null,
    diagnosis: null,
  };
}
