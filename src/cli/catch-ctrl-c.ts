/*
 * Ctrl-C for whole commands. A terminal sends SIGINT to the whole foreground process group,
 * so the engine client pyship is running (docker build, run, save) gets it too and stops on
 * its own; pyship must not die before its cleanups run (test containers removed, temp
 * directories deleted in `finally` blocks). So SIGINT is caught while a command runs, and
 * the command then ends with one line and exit 130 (128 + SIGINT, what shells expect).
 */

import { isPyshipError, PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";

/** `run` gets a function saying whether Ctrl-C was pressed, to start nothing new after it. */
export async function catchCtrlC<T>(run: (interrupted: () => boolean) => Promise<T>): Promise<T> {
  let interrupted = false;
  const mark = () => {
    interrupted = true;
  };
  process.on("SIGINT", mark);
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await run(() => interrupted) };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    process.removeListener("SIGINT", mark);
  }
  if (interrupted) throw interruptedError(outcome.ok ? undefined : outcome.error);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

export function interruptedError(cause?: unknown): PyshipError {
  if (isPyshipError(cause) && cause.code === "E_INTERRUPTED") return cause;
  return new PyshipError("E_INTERRUPTED", msg("fault.interruptedClean"), {
    cause,
    hint: msg("fault.interruptedClean.hint"),
  });
}
