/*
 * The two checks that need a live container: who PID 1 really runs as (read from
 * /proc/1/status, because USER in a Dockerfile can be overridden or undone by an
 * entrypoint script), and how long `stop` takes (a PID 1 that ignores SIGTERM costs the
 * full grace period on every deploy).
 */
import type { VerifyCheck } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { EngineSession } from "./engine-session.js";
import { detailOf, seconds } from "./probe-context.js";
import type { Clock } from "./probe-http.js";

export const STOP_LIMIT_MS = 3000;

/** The real uid (first number on the `Uid:` line) of /proc/<pid>/status text. */
export function parseUid(status: string): number | null {
  const match = /^Uid:\s+(\d+)/m.exec(status);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** uid of PID 1 in a running container. */
export async function readRunningUid(session: EngineSession, name: string): Promise<number | null> {
  const result = await session.try(["exec", name, "cat", "/proc/1/status"]);
  return result.exitCode === 0 ? parseUid(result.stdout) : null;
}

/** uid a fresh container of the image runs as (for scripts, whose PID 1 is already gone). */
export async function readImageUid(session: EngineSession, image: string): Promise<number | null> {
  const result = await session.runToEnd({
    image,
    env: {},
    entrypoint: "cat",
    args: ["/proc/self/status"],
  });
  return result.exitCode === 0 ? parseUid(result.stdout) : null;
}

export function userCheck(uid: number | null): VerifyCheck {
  if (uid === null) {
    return {
      name: "non-root",
      status: "skip",
      ...detailOf(msg("verify.d.noProc")),
    };
  }
  if (uid === 0) {
    return {
      name: "non-root",
      status: "fail",
      ...detailOf(msg("verify.d.root")),
      value: 0,
    };
  }
  return { name: "non-root", status: "pass", detail: `uid ${uid}`, value: uid };
}

/** Near the 10 s grace period means SIGKILL ended it; less means a slow graceful shutdown. */
function slowStopCause(stopMs: number): string {
  return stopMs >= KILLED_AFTER_MS
    ? "PID 1 ignores SIGTERM (shell-form CMD or a shell wrapper?); use an exec-form CMD"
    : "it handles SIGTERM but shuts down slowly (waiting on connections or tasks?); shorten its graceful shutdown";
}

const KILLED_AFTER_MS = 9_500;

export async function stopCheck(
  session: EngineSession,
  clock: Clock,
  name: string,
): Promise<{ check: VerifyCheck; stopMs: number }> {
  const started = clock.now();
  const result = await session.try(["stop", "-t", "10", name], 60_000);
  const stopMs = Math.round(clock.now() - started);
  if (result.exitCode !== 0) {
    const detail = `stop failed: ${result.stderr.trim()}`;
    return { check: { name: "stop", status: "fail", detail, value: stopMs }, stopMs };
  }
  if (stopMs >= STOP_LIMIT_MS && session.emulated && stopMs < KILLED_AFTER_MS) {
    // Graceful but slow under qemu: the native platform's stop time is the one that counts.
    const detail = `took ${seconds(stopMs)} to stop under emulation (SIGTERM handled, not killed)`;
    return { check: { name: "stop", status: "warn", detail, value: stopMs }, stopMs };
  }
  if (stopMs >= STOP_LIMIT_MS) {
    const detail = `took ${seconds(stopMs)} to stop: ${slowStopCause(stopMs)}`;
    return { check: { name: "stop", status: "fail", detail, value: stopMs }, stopMs };
  }
  return {
    check: {
      name: "stop",
      status: "pass",
      ...detailOf(msg("verify.d.stopped", { time: seconds(stopMs) })),
      value: stopMs,
    },
    stopMs,
  };
}
