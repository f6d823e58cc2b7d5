/*
 * What every probe receives, and what a run phase (web or process) hands back to
 * verifyImage. Kept apart so the probes do not import each other.
 */
import type { VerifyCheck, VerifyFailure, VerifyMode } from "../core/pipeline.js";
import { english, type Message, msg } from "../i18n/message.js";
import { runFailure } from "./diagnose-run.js";
import type { EngineSession } from "./engine-session.js";
import type { Clock, HttpGet } from "./probe-http.js";
import type { WebReach } from "./web-reach.js";

export interface ProbeContext {
  readonly session: EngineSession;
  readonly http: HttpGet;
  readonly clock: Clock;
  readonly progress: (message: Message) => void;
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  readonly path: string;
  /** The user chose the path (--path): then only 2xx/3xx counts as an answer. */
  readonly pathGiven: boolean;
  readonly expect: string | null;
  readonly timeoutMs: number;
  /** Where web probes reach the app (default: a port published on 127.0.0.1). */
  readonly reach?: WebReach;
}

export interface RunOutcome {
  readonly mode: VerifyMode;
  readonly checks: readonly VerifyCheck[];
  readonly failure: VerifyFailure | null;
  readonly readyMs: number | null;
  readonly stopMs: number | null;
  readonly uid: number | null;
}

/** How many are searched for a known cause (a long traceback can push it out of the tail). */
export const DIAGNOSIS_LOG_LINES = 200;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A check's detail as English text plus the catalog message the CLI translates. */
export function detailOf(note: Message): { detail: string; note: Message } {
  return { detail: english(note), note };
}

export function skipped(name: string, detail: string | Message): VerifyCheck {
  return typeof detail === "string"
    ? { name, status: "skip", detail }
    : { name, status: "skip", ...detailOf(detail) };
}

/** The outcome when the process died before it could be checked (web or worker). */
export function exitedEarly(
  mode: VerifyMode,
  check: string,
  message: string | Message,
  logs: string,
): RunOutcome {
  const detail = typeof message === "string" ? { detail: message } : detailOf(message);
  return {
    mode,
    checks: [
      { name: check, status: "fail", ...detail },
      skipped("non-root", msg("verify.d.notRunning")),
      skipped("stop", msg("verify.d.notRunning")),
    ],
    failure: runFailure("E_CONTAINER_EXITED", message, logs),
    readyMs: null,
    stopMs: null,
    uid: null,
  };
}
