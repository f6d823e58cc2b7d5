/*
 * `pyship build` on a Dockerfile it generated: when the build or the image's verification
 * fails with a known signature (failure-repairs.ts), apply that repair once — re-plan, rewrite
 * the Dockerfile, build and verify again — and say exactly what changed and why. A failure no
 * signature explains may get the caller's fallback repair instead (resolve-date-repair.ts). Never twice:
 * a second failure is reported as it is, and so is a failure the plan's own repairs didn't
 * prevent. The caller supplies the steps, so this stays free of printing and engines.
 */
import { isPyshipError } from "../core/errors.js";
import type { Repair, VerifyReport } from "../core/pipeline.js";
import { type Phase, repairForFailure } from "./failure-repairs.js";

export interface RepairLoop<T extends { readonly report: VerifyReport | null }> {
  /** Plans with these extra repairs and writes the Dockerfile; returns the plan's repairs. */
  readonly prepare: (repairs: readonly Repair[]) => Promise<readonly Repair[]>;
  /** Builds and verifies; throws when the build fails. */
  readonly run: () => Promise<T>;
  /** Told before the second attempt. */
  readonly onRepair: (repair: Repair) => void;
  /**
   * The repair to try when verification fails and no signature matches (today's releases
   * breaking unpinned old code: resolve as of the manifest's day), or null.
   */
  readonly fallback?: () => Promise<Repair | null>;
}

export interface Repaired<T> {
  readonly outcome: T;
  /** The repair applied after a failure, if any. */
  readonly repair: Repair | null;
}

/**
 * The app raised (`TypeError: …`, `AttributeError: …`): only then is the fallback worth a
 * rebuild. A slow stop, a root user or a secret in a layer is not today's releases' doing.
 */
const APP_EXCEPTION = /\b[A-Z]\w*(?:Error|Exception)\b:/;
/**
 * Causes verify has named that no release date changes: the app's environment or its
 * services (`KeyError: 'DBUSER'` is an exception too, but older releases won't set DBUSER).
 */
const OUTSIDE_CAUSES = new Set([
  "missing-env",
  "settings-rejected",
  "db-unreachable",
  "db-not-initialised",
  "service-localhost",
  "allowed-hosts",
  "localhost-bind",
  "port-in-use",
]);

export async function buildWithOneRepair<T extends { readonly report: VerifyReport | null }>(
  loop: RepairLoop<T>,
): Promise<Repaired<T>> {
  const planned = await loop.prepare([]);
  const fresh = (repair: Repair | null) =>
    repair !== null && !planned.some((r) => r.id === repair.id) ? repair : null;
  let first: T;
  try {
    first = await loop.run();
  } catch (error) {
    const repair = fresh(isPyshipError(error) ? repairFor(error, "build") : null);
    if (repair === null) throw error;
    return { outcome: await again(loop, repair), repair };
  }
  const failure = first.report?.failure;
  // The last error line too: with several workers failing at boot, the tail can be all
  // tracebacks of the arbiter, the ModuleNotFoundError scrolled out of it.
  const text = failure
    ? `${failure.logTail ?? ""}\n${failure.lastError ?? ""}\n${failure.message}`
    : null;
  const known = text === null ? null : repairForFailure(text, "run");
  const outside = OUTSIDE_CAUSES.has(failure?.diagnosis?.cause ?? "");
  const fallback =
    text !== null && !outside && APP_EXCEPTION.test(text) ? loop.fallback : undefined;
  const repair = fresh(known ?? (fallback ? await fallback() : null));
  return repair === null
    ? { outcome: first, repair }
    : { outcome: await again(loop, repair), repair };
}

async function again<T extends { readonly report: VerifyReport | null }>(
  loop: RepairLoop<T>,
  repair: Repair,
): Promise<T> {
  loop.onRepair(repair);
  await loop.prepare([repair]);
  return loop.run();
}

function repairFor(error: { message: string; details: string | undefined }, phase: Phase) {
  return repairForFailure(`${error.details ?? ""}\n${error.message}`, phase);
}

/** What a repair changes, in one line: "adds setuptools<82 (…why…)". */
export function repairSummary(repair: Repair): string {
  const changes = [
    ...(repair.packages.length > 0 ? [`adds ${repair.packages.join(" ")}`] : []),
    ...(repair.python ? [`uses Python ${repair.python}`] : []),
    ...(repair.apt
      ? [`installs ${[...repair.apt.build, ...repair.apt.runtime].join(" ")} (apt)`]
      : []),
    ...(repair.resolveDate ? [`installs the releases of ${repair.resolveDate}`] : []),
  ];
  return `${changes.join(", ")} (${repair.why})`;
}
