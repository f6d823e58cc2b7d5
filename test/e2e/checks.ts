/*
 * Shared assertions for e2e tests: what every image pyship builds must satisfy, checked on
 * the verify report, with the failed checks in the assertion message.
 */
import { expect } from "vitest";
import type { VerifyCheck, VerifyReport } from "../../src/core/pipeline.js";
import { failures } from "./pyship-cli.js";

export function check(report: VerifyReport, name: string): VerifyCheck {
  const found = report.checks.find((c) => c.name === name);
  if (!found)
    throw new Error(`verify report has no ${name} check: ${JSON.stringify(report.checks)}`);
  return found;
}

/** What a fixture does on purpose that a production-ready check would otherwise reject. */
export interface Allowed {
  /** A secret-named literal in its source (a development default): no-secrets warns. */
  readonly secretDefault?: boolean;
  /** It writes next to its code at start: the restricted re-run (read-only root) warns. */
  readonly writesAtStart?: boolean;
}

/**
 * Passed every check, non-root as uid 10001 (numeric USER), stops in < 3 s, leaks nothing (in
 * any layer), no compiler, and still works under the restricted profile (read-only root, no
 * capabilities) — unless the fixture does on purpose what `allowed` says.
 */
export function expectProductionReady(
  report: VerifyReport,
  exitCode: number,
  allowed: Allowed = {},
): void {
  expect(failures(report), "failed verify checks").toBe("(none)");
  expect(exitCode).toBe(0);
  expect(report.ok).toBe(true);
  expect(report.uid).toBe(10001);
  expect(check(report, "no-leaks").status).toBe("pass");
  expect(check(report, "no-compiler").status).toBe("pass");
  expect(check(report, "numeric-user").status).toBe("pass");
  const secrets = check(report, "no-secrets");
  expect(secrets.status, secrets.detail).toBe(allowed.secretDefault ? "warn" : "pass");
  const restricted = check(report, "restricted");
  expect(restricted.status, restricted.detail).toBe(allowed.writesAtStart ? "warn" : "pass");
}
