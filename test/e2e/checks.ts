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

/**
 * Passed every check, non-root as uid 10001, stops in < 3 s, leaks nothing (in any layer),
 * no compiler, and still works under the restricted profile (read-only root, no capabilities).
 */
export function expectProductionReady(report: VerifyReport, exitCode: number): void {
  expect(failures(report), "failed verify checks").toBe("(none)");
  expect(exitCode).toBe(0);
  expect(report.ok).toBe(true);
  expect(report.uid).toBe(10001);
  expect(check(report, "no-leaks").status).toBe("pass");
  expect(check(report, "no-compiler").status).toBe("pass");
  expect(check(report, "no-secrets").status).toBe("pass");
  expect(check(report, "numeric-user").status).toBe("pass");
  expect(check(report, "restricted"), "works under the restricted profile").toMatchObject({
    status: "pass",
  });
}
