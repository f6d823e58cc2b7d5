/*
 * Workers and scripts (no HTTP): run the image and watch it. A worker must stay up for a
 * few seconds and print something (an empty log usually means buffered stdout); a script
 * must exit 0 and print something. With no label or flag, what the process does decides.
 */
import type { VerifyCheck, VerifyMode } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { readImageUid, readRunningUid, stopCheck, userCheck } from "./check-user-and-stop.js";
import { runFailure } from "./diagnose-run.js";
import {
  DIAGNOSIS_LOG_LINES,
  detailOf,
  exitedEarly,
  type ProbeContext,
  type RunOutcome,
  seconds,
  skipped,
} from "./probe-context.js";
import { notStarted } from "./probe-web.js";

/** How long a worker must stay up, and how long an unlabelled image is watched. */
export const WORKER_WINDOW_MS = 4000;
const POLL_MS = 250;

interface Watch {
  readonly running: boolean;
  readonly exitCode: number;
  readonly ms: number;
  /** ms until the first output, or null when there was none. */
  readonly firstOutputMs: number | null;
}

export async function probeProcess(
  ctx: ProbeContext,
  mode: VerifyMode | "observe",
): Promise<RunOutcome> {
  const how = mode === "observe" ? msg("verify.p.watching") : mode;
  ctx.progress(msg("verify.p.starting", { image: ctx.image, how }));
  let name: string;
  try {
    name = await ctx.session.start({ image: ctx.image, env: ctx.env });
  } catch (error) {
    return notStarted(mode === "observe" ? "script" : mode, error);
  }
  const limit = mode === "script" ? ctx.timeoutMs : WORKER_WINDOW_MS;
  const watch = await watchProcess(ctx, name, limit);
  const decided: VerifyMode = mode !== "observe" ? mode : watch.running ? "worker" : "script";
  return decided === "worker" ? workerOutcome(ctx, name, watch) : scriptOutcome(ctx, name, watch);
}

/** Polls until the process exits or `limit` ms pass, noting when output first appears. */
async function watchProcess(ctx: ProbeContext, name: string, limit: number): Promise<Watch> {
  const started = ctx.clock.now();
  let firstOutputMs: number | null = null;
  for (;;) {
    const state = await ctx.session.state(name);
    const ms = ctx.clock.now() - started;
    if (firstOutputMs === null && (await ctx.session.logs(name, 1)).trim() !== "")
      firstOutputMs = ms;
    if (!state.running || ms >= limit) return { ...state, ms, firstOutputMs };
    await ctx.clock.sleep(POLL_MS);
  }
}

async function workerOutcome(ctx: ProbeContext, name: string, watch: Watch): Promise<RunOutcome> {
  if (!watch.running) {
    const message = msg("verify.f.workerExited", {
      code: watch.exitCode,
      time: seconds(watch.ms),
    });
    const logs = await ctx.session.logs(name, DIAGNOSIS_LOG_LINES);
    return exitedEarly("worker", "stays-up", message, logs);
  }
  const firstOutputMs = watch.firstOutputMs ?? (await waitForOutput(ctx, name, watch.ms));
  const output = outputCheck(ctx, await ctx.session.logs(name), firstOutputMs, "worker");
  const uid = await readRunningUid(ctx.session, name);
  const stop = await stopCheck(ctx.session, ctx.clock, name);
  const up: VerifyCheck = {
    name: "stays-up",
    status: "pass",
    ...detailOf(msg("verify.d.running", { time: seconds(watch.ms) })),
  };
  return {
    mode: "worker",
    checks: [up, output, userCheck(uid), stop.check],
    failure: null,
    readyMs: firstOutputMs === null ? null : Math.round(firstOutputMs),
    stopMs: stop.stopMs,
    uid,
  };
}

/** A worker that is up but silent gets until the timeout to print its first line. */
async function waitForOutput(
  ctx: ProbeContext,
  name: string,
  elapsed: number,
): Promise<number | null> {
  const started = ctx.clock.now() - elapsed;
  for (;;) {
    const ms = ctx.clock.now() - started;
    if ((await ctx.session.logs(name, 1)).trim() !== "") return ms;
    if (ms >= ctx.timeoutMs) return null;
    await ctx.clock.sleep(POLL_MS);
  }
}

async function scriptOutcome(ctx: ProbeContext, name: string, watch: Watch): Promise<RunOutcome> {
  const logs = await ctx.session.logs(name);
  const exit = exitCheck(watch);
  const uid = await readImageUid(ctx.session, ctx.image);
  const checks = [
    exit,
    outputCheck(ctx, logs, logs.trim() ? watch.ms : null, "script"),
    userCheck(uid),
    skipped("stop", msg("verify.d.scriptStops")),
  ];
  const failure =
    exit.status === "fail"
      ? runFailure(
          "E_VERIFY_FAILED",
          msg("verify.f.script", { detail: exit.note ?? exit.detail }),
          logs,
        )
      : null;
  return { mode: "script", checks, failure, readyMs: null, stopMs: null, uid };
}

function exitCheck(watch: Watch): VerifyCheck {
  if (watch.running) {
    const detail = detailOf(msg("verify.d.stillRunning", { time: seconds(watch.ms) }));
    return { name: "exit", status: "fail", ...detail };
  }
  if (watch.exitCode === 0) {
    return {
      name: "exit",
      status: "pass",
      ...detailOf(msg("verify.d.exited0", { time: seconds(watch.ms) })),
    };
  }
  const detail = detailOf(msg("verify.d.exitedCode", { code: String(watch.exitCode) }));
  return { name: "exit", status: "fail", ...detail, value: watch.exitCode };
}

function outputCheck(
  ctx: ProbeContext,
  logs: string,
  firstMs: number | null,
  what: string,
): VerifyCheck {
  if (firstMs === null || logs.trim() === "") {
    const key = what === "worker" ? "verify.d.workerSilent" : "verify.d.silent";
    return { name: "output", status: "fail", ...detailOf(msg(key, { what })) };
  }
  if (ctx.expect !== null && !logs.includes(ctx.expect)) {
    return {
      name: "output",
      status: "fail",
      ...detailOf(msg("verify.d.noExpect", { text: JSON.stringify(ctx.expect) })),
    };
  }
  const first = logs.trim().split("\n")[0] ?? "";
  return {
    name: "output",
    status: "pass",
    ...detailOf(msg("verify.d.firstLine", { time: seconds(firstMs), line: first.slice(0, 60) })),
  };
}
