/*
 * Turns a failed VerifyReport into the PyshipError the CLI reports, so `pyship verify` and
 * `pyship build` exit with the same code for the same failure.
 */
import { PyshipError } from "../core/errors.js";
import type { VerifyReport } from "../core/pipeline.js";

const HINTS = {
  E_CONTAINER_EXITED: "the last log lines above say why; run the image by hand to reproduce",
  E_PORT_TIMEOUT:
    "check that the app listens on 0.0.0.0 and on the probed port (--port), or raise --timeout",
  E_VERIFY_FAILED: "see the failed checks above",
} as const;

export function verifyError(report: VerifyReport): PyshipError | null {
  if (report.failure === null) return null;
  const { code, message, logTail } = report.failure;
  return new PyshipError(code, `${report.image}: ${message}`, {
    details: logTail?.trim() ? logTail.trimEnd() : undefined,
    hint: HINTS[code],
  });
}
