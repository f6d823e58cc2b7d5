/*
 * Turns a failed VerifyReport into the PyshipError the CLI reports, so `pyship verify` and
 * `pyship build` exit with the same code for the same failure. The details say why: the
 * traceback's final line first, then the last lines the app logged, then the usual cause
 * when one was recognised (whose hint replaces the generic one).
 */
import { PyshipError } from "../core/errors.js";
import type { VerifyFailure, VerifyReport } from "../core/pipeline.js";
import { type Message, msg } from "../i18n/message.js";

const HINTS = {
  E_CONTAINER_EXITED: msg("verify.e.exited.hint"),
  E_PORT_TIMEOUT: msg("verify.e.portTimeout.hint"),
  E_VERIFY_FAILED: msg("verify.e.failed.hint"),
} as const;

export function verifyError(report: VerifyReport): PyshipError | null {
  if (report.failure === null) return null;
  const { code, message, diagnosis, text } = report.failure;
  const said = text ?? message;
  return new PyshipError(code, msg("verify.e.failure", { image: report.image, message: said }), {
    details: failureDetails(report.failure),
    hint: diagnosis?.hintText ?? diagnosis?.hint ?? HINTS[code],
  });
}

/** The lines under the message, each keyed where it is pyship's words (the log is the app's). */
function failureDetails(failure: VerifyFailure): Message | undefined {
  const { logTail, lastError, diagnosis } = failure;
  const parts: (string | Message)[] = [];
  if (lastError) parts.push(msg("verify.x.lastError", { line: lastError }));
  if (logTail?.trim()) {
    const lines = logTail.trimEnd().split("\n");
    parts.push(msg("verify.x.logTail", { count: lines.length }), ...lines);
  }
  if (diagnosis) parts.push(msg("verify.x.cause", { cause: diagnosis.text ?? diagnosis.message }));
  if (parts.length === 0) return undefined;
  return parts.reduceRight<Message | undefined>(
    (rest, line) =>
      rest === undefined ? msg("text.line", { line }) : msg("text.lines", { line, rest }),
    undefined,
  );
}
