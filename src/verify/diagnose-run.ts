/*
 * Says why a run failed: the traceback's final line, and the usual cause it recognises
 * (src/verify/run-failures.ts), with what to change. A 404 or 5xx on "/" with no known
 * cause still gets a hint: the app may simply have no route there.
 */
import type { VerifyDiagnosis, VerifyFailure } from "../core/pipeline.js";
import { english, type Message, msg } from "../i18n/message.js";
import type { HttpAnswer } from "./probe-http.js";
import { RUN_FAILURES } from "./run-failures.js";

/** How many log lines explain a crash without flooding the terminal. */
export const LOG_TAIL_LINES = 20;

/** The HTTP side of a failure: what the probe asked and the last answer it got. */
export interface ProbedAnswer {
  readonly path: string;
  readonly answer: HttpAnswer | null;
}

/**
 * A Python exception line as tracebacks end: `KeyError: 'X'`, `sqlite3.OperationalError: …`,
 * `django.core.exceptions.ImproperlyConfigured: …`. Leading log prefixes are not allowed,
 * so a logged message that merely mentions an error does not count.
 */
const EXCEPTION_LINE =
  /^(?:[a-z_]\w*\.)*(?=[A-Z])\w*(?:Error|Exception|Exit|Interrupt|ImproperlyConfigured|DisallowedHost|NotFound)(?::\s.*)?$/;

/**
 * Sanic (tracerite) prints the exception in a box: `╰ AttributeError from previous: Setting`
 * and the message continued on lines starting `▐ `. Rewritten as the one line a traceback
 * ends with, so the last error line and the diagnosis read it like any other.
 */
export function unboxed(logs: string): string {
  const lines = logs.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*╰\s+((?:[a-z_]\w*\.)*[A-Z]\w*)(?: from previous)?:\s?(.*)$/.exec(
      lines[i] ?? "",
    );
    if (!head) {
      out.push(lines[i] ?? "");
      continue;
    }
    let text = head[2] ?? "";
    while (/^\s*▐ /.test(lines[i + 1] ?? ""))
      text += ` ${(lines[++i] ?? "").replace(/^\s*▐ /, "").trim()}`;
    out.push(`${head[1]}: ${text.trim()}`);
  }
  return out.join("\n");
}

export function lastErrorLine(logs: string): string | null {
  const lines = unboxed(logs)
    .split("\n")
    .map((line) => line.trimEnd());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (EXCEPTION_LINE.test(line)) return line;
  }
  return null;
}

export function diagnoseRun(logs: string, probed?: ProbedAnswer): VerifyDiagnosis | null {
  // The error line the report shows is tried first, so the diagnosis names the same table
  // or variable as that line when it can (greybook: `no such table: post`, then `admin`).
  const last = lastErrorLine(logs);
  const lines = [
    ...(last === null ? [] : [last]),
    ...unboxed(logs).split("\n"),
    ...(probed?.answer?.body.split("\n") ?? []),
  ];
  for (const failure of RUN_FAILURES) {
    for (const line of lines) {
      const match = failure.pattern.exec(line);
      if (match === null) continue;
      return diagnosis(failure.cause, failure.message(match), failure.hint(match), probed, line);
    }
  }
  return statusOnly(probed);
}

/**
 * The failure verify reports: the last lines of `logs`, and the final error line and the
 * diagnosis read from all of them (a cause can sit above the shown tail).
 */
export function runFailure(
  code: VerifyFailure["code"],
  message: string | Message,
  logs: string,
  probed?: ProbedAnswer,
): VerifyFailure {
  return {
    code,
    message: english(message),
    ...(typeof message === "string" ? {} : { text: message }),
    logTail: logTail(logs),
    lastError: lastErrorLine(logs),
    diagnosis: diagnoseRun(logs, probed),
  };
}

/**
 * The last lines, starting at the last traceback when it begins among them: a server that
 * fails every request logs the same traceback once per probe, and one copy is enough.
 */
function logTail(logs: string): string {
  const lines = logs.trimEnd().split("\n").slice(-LOG_TAIL_LINES);
  const start = lines.lastIndexOf("Traceback (most recent call last):");
  return lines.slice(Math.max(start, 0)).join("\n");
}

function failsOnRoot(probed: ProbedAnswer | undefined): number | null {
  const status = probed?.answer?.status;
  if (status === undefined || probed?.path !== "/") return null;
  return status === 404 || status >= 500 ? status : null;
}

/** A diagnosis in English (what --json prints) with its catalog messages beside it. */
function diagnosis(
  cause: string,
  message: Message,
  hint: Message,
  probed: ProbedAnswer | undefined,
  line: string | null,
): VerifyDiagnosis {
  const hintText = failsOnRoot(probed) === null ? hint : msg("run.otherRoute", { hint });
  return {
    cause,
    message: english(message),
    hint: english(hintText),
    line: line === null ? null : line.trim(),
    text: message,
    hintText,
  };
}

function statusOnly(probed: ProbedAnswer | undefined): VerifyDiagnosis | null {
  const status = failsOnRoot(probed);
  if (status === null) return null;
  const missing = status === 404;
  const hint = msg("run.statusOnly.hint");
  const text = missing ? msg("run.noRoute") : msg("run.serverError", { status });
  return { ...diagnosis(missing ? "no-route" : "server-error", text, hint, undefined, null) };
}
