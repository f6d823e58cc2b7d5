/*
 * Web apps: start the image where its port can be reached (src/verify/web-reach.ts: published
 * on 127.0.0.1, or probed from inside the container's network), poll HTTP until a
 * 2xx/3xx answer or the timeout, and watch the container meanwhile so a crash is reported
 * at once (with its logs) instead of as a port timeout.
 */
import type { VerifyCheck, VerifyFailure, VerifyMode } from "../core/pipeline.js";
import { type Message, type MessageKey, msg } from "../i18n/message.js";
import { readRunningUid, stopCheck, userCheck } from "./check-user-and-stop.js";
import { runFailure } from "./diagnose-run.js";
import {
  DIAGNOSIS_LOG_LINES,
  detailOf,
  exitedEarly,
  type ProbeContext,
  type RunOutcome,
  seconds,
} from "./probe-context.js";
import type { HttpAnswer } from "./probe-http.js";
import { hostReach, type WebTarget } from "./web-reach.js";

// Each HTTP attempt gets a little longer than the last: short ones early keep readyMs
// accurate while the app boots, longer ones later let a slow first request finish.
const FIRST_ATTEMPT_MS = 500;
const LAST_ATTEMPT_MS = 5000;
const POLL_MS = 250;

type Wait =
  | { readonly kind: "answered"; readonly answer: HttpAnswer; readonly ms: number }
  | { readonly kind: "exited"; readonly exitCode: number; readonly ms: number }
  | { readonly kind: "timeout"; readonly last: HttpAnswer | null };

export async function probeWeb(ctx: ProbeContext, port: number): Promise<RunOutcome> {
  const reach = ctx.reach ?? hostReach;
  ctx.progress(msg("verify.p.starting", { image: ctx.image, how: reach.describe(port) }));
  let target: WebTarget;
  try {
    const app = { image: ctx.image, env: ctx.env, port, path: ctx.path };
    target = await reach.start(ctx.session, ctx.http, app);
  } catch (error) {
    return notStarted("web", error);
  }
  const { name } = target;
  const started = ctx.clock.now();
  const wait = await waitForHttp(ctx, target, started);
  if (wait.kind === "exited") return exited(ctx, name, wait);
  const uid = await readRunningUid(ctx.session, name);
  const stop = await stopCheck(ctx.session, ctx.clock, name);
  const checks = [...answerChecks(ctx, wait), userCheck(uid), stop.check];
  const failure = wait.kind === "timeout" ? await timedOut(ctx, name, port, wait.last) : null;
  const readyMs = wait.kind === "answered" ? Math.round(wait.ms) : null;
  return { mode: "web", checks, failure, readyMs, stopMs: stop.stopMs, uid };
}

async function waitForHttp(ctx: ProbeContext, target: WebTarget, started: number): Promise<Wait> {
  let last: HttpAnswer | null = null;
  for (let attempt = 0; ; attempt++) {
    const answer = await target.get(Math.min(FIRST_ATTEMPT_MS * 2 ** attempt, LAST_ATTEMPT_MS));
    const ms = ctx.clock.now() - started;
    if (answer !== null && answers(ctx, answer)) return { kind: "answered", answer, ms };
    last = answer ?? last;
    const state = await ctx.session.state(target.name);
    if (!state.running) return { kind: "exited", exitCode: state.exitCode, ms };
    if (ms >= ctx.timeoutMs) return { kind: "timeout", last };
    await ctx.clock.sleep(POLL_MS);
  }
}

/**
 * Refusals the app's own code makes on the default `/`, meaning the server works: nothing
 * routed there (404), credentials required (401, 403), another method (405), a required
 * parameter missing (422, FastAPI's validation). Never 400: that is Django refusing the host,
 * a real misconfiguration. A path the user chose must really answer.
 */
const APP_REFUSALS: Readonly<Record<number, MessageKey>> = {
  401: "verify.d.refused401",
  403: "verify.d.refused403",
  404: "verify.d.refused404",
  405: "verify.d.refused405",
  422: "verify.d.refused422",
};

/** 2xx/3xx, or one of the app's own refusals on the default `/`. */
function answers(ctx: ProbeContext, answer: HttpAnswer): boolean {
  return isAnswer(answer.status, ctx.pathGiven);
}

/** The same rule for any probe (`verify --compose` too): a 400 or a 5xx never passes. */
export function isAnswer(status: number, pathGiven: boolean): boolean {
  return status < 400 || (status in APP_REFUSALS && !pathGiven);
}

function refusalDetail(ctx: ProbeContext, status: number, ms: number): Message {
  const key = APP_REFUSALS[status];
  const what = key ? msg(key, { path: ctx.path }) : "";
  return msg("verify.d.refusal", { path: ctx.path, status, time: seconds(ms), what });
}

function answerChecks(ctx: ProbeContext, wait: Wait): VerifyCheck[] {
  if (wait.kind === "timeout") {
    const time = seconds(ctx.timeoutMs);
    const note = wait.last
      ? msg("verify.d.badStatus", { path: ctx.path, status: wait.last.status, time })
      : msg("verify.d.noAnswer", { path: ctx.path, time });
    return [{ name: "http", status: "fail", ...detailOf(note) }];
  }
  if (wait.kind !== "answered") return [];
  const { answer, ms } = wait;
  const http: VerifyCheck = {
    name: "http",
    status: "pass",
    ...(answer.status >= 400
      ? detailOf(refusalDetail(ctx, answer.status, ms))
      : detailOf(
          msg("verify.d.http", {
            path: ctx.path,
            status: String(answer.status),
            time: seconds(ms),
          }),
        )),
    value: Math.round(ms),
  };
  if (ctx.expect === null) return [http];
  const found = answer.body.includes(ctx.expect);
  const text = JSON.stringify(ctx.expect);
  const note = found
    ? msg("verify.d.bodyHas", { text })
    : msg("verify.d.bodyLacks", { text, body: JSON.stringify(answer.body.slice(0, 120)) });
  return [http, { name: "expect", status: found ? "pass" : "fail", ...detailOf(note) }];
}

/** No good answer in time: silence is a port timeout, a 4xx/5xx a failed check; both say why. */
async function timedOut(
  ctx: ProbeContext,
  name: string,
  port: number,
  last: HttpAnswer | null,
): Promise<VerifyFailure> {
  const logs = await ctx.session.logs(name, DIAGNOSIS_LOG_LINES);
  if (last === null) {
    const message = msg("verify.f.portTimeout", { port, time: seconds(ctx.timeoutMs) });
    return runFailure("E_PORT_TIMEOUT", message, logs);
  }
  const time = seconds(ctx.timeoutMs);
  const message = msg("verify.d.badStatus", { path: ctx.path, status: last.status, time });
  return runFailure("E_VERIFY_FAILED", message, logs, { path: ctx.path, answer: last });
}

async function exited(
  ctx: ProbeContext,
  name: string,
  wait: { exitCode: number; ms: number },
): Promise<RunOutcome> {
  const message = msg("verify.f.exitedBeforeHttp", {
    code: wait.exitCode,
    time: seconds(wait.ms),
  });
  return exitedEarly("web", "http", message, await ctx.session.logs(name, DIAGNOSIS_LOG_LINES));
}

/** `run` itself failed (e.g. the CMD's executable does not exist in the image). */
export function notStarted(mode: VerifyMode, error: unknown): RunOutcome {
  const details = (error as { details?: string }).details ?? String((error as Error).message);
  const message = "the container did not start";
  return {
    mode,
    checks: [{ name: "start", status: "fail", detail: `${message}: ${details.split("\n")[0]}` }],
    failure: runFailure("E_CONTAINER_EXITED", message, details),
    readyMs: null,
    stopMs: null,
    uid: null,
  };
}
