/*
 * `pyship build` on a Dockerfile it generated: when the build or the image's verification
 * fails with a known signature (failure-repairs.ts), apply that repair — re-plan, rewrite the
 * Dockerfile, build and verify again — and say exactly what changed and why. A failure no
 * signature explains may get the caller's fallback repair instead (resolve-date-repair.ts).
 * Repairs chain, each one reported, up to MAX_REPAIRS: an old sdist can fail on one removed
 * module, then on the next (bottle 0.12's cgi, then inspect.getargspec). The chain stops at a
 * failure no signature explains, a repair already applied (it did not help), or the bound.
 * The caller supplies the steps, so this stays free of printing and engines.
 */
import { isPyshipError, type PyshipError } from "../core/errors.js";
import type { Repair, VerifyReport } from "../core/pipeline.js";
import { type Message, msg, textOf } from "../i18n/message.js";
import { type Phase, repairForFailure } from "./failure-repairs.js";

/** A chain longer than this is a project pyship cannot repair: the last failure stands. */
export const MAX_REPAIRS = 3;

export interface RepairLoop<T extends { readonly report: VerifyReport | null }> {
  /** Plans with these extra repairs and writes the Dockerfile; returns the plan's repairs. */
  readonly prepare: (repairs: readonly Repair[]) => Promise<readonly Repair[]>;
  /** Builds and verifies; throws when the build fails. */
  readonly run: () => Promise<T>;
  /** Told before each repaired attempt (the first is 1). */
  readonly onRepair: (repair: Repair, attempt: number) => void;
  /**
   * The repair to try when verification fails and no signature matches (today's releases
   * breaking unpinned old code: resolve as of the manifest's day), or null.
   */
  readonly fallback?: () => Promise<Repair | null>;
  /**
   * Whether a failed build failed in a step that runs the app's own code (a database's init
   * command, collectstatic): an exception there is the app's, as at run time.
   */
  readonly runsAppCode?: (error: PyshipError) => boolean;
}

export interface Repaired<T> {
  readonly outcome: T;
  /** The repairs applied after failures, in order (empty when the first attempt stood). */
  readonly repairs: readonly Repair[];
}

/**
 * The app raised (`TypeError: …`, `AttributeError: …`): only then is the fallback worth a
 * rebuild. A slow stop, a root user or a secret in a layer is not today's releases' doing.
 */
const APP_EXCEPTION = /\b[A-Z]\w*(?:Error|Exception)\b:/;

type Attempt<T> = { readonly outcome: T } | { readonly error: unknown };

export async function buildWithRepairs<T extends { readonly report: VerifyReport | null }>(
  loop: RepairLoop<T>,
): Promise<Repaired<T>> {
  const planned = await loop.prepare([]);
  const applied: Repair[] = [];
  let attempt = await tryRun(loop);
  while (applied.length < MAX_REPAIRS) {
    const found = await nextRepair(loop, attempt);
    const known = [...planned, ...applied];
    if (found === null || known.some((r) => r.id === found.id)) break;
    applied.push(found);
    loop.onRepair(found, applied.length);
    await loop.prepare(applied);
    attempt = await tryRun(loop);
  }
  if ("error" in attempt) throw attempt.error;
  return { outcome: attempt.outcome, repairs: applied };
}

async function tryRun<T>(loop: { readonly run: () => Promise<T> }): Promise<Attempt<T>> {
  try {
    return { outcome: await loop.run() };
  } catch (error) {
    return { error };
  }
}

/** The repair a failed attempt calls for, or null (it passed, or nothing is known). */
async function nextRepair<T extends { readonly report: VerifyReport | null }>(
  loop: RepairLoop<T>,
  attempt: Attempt<T>,
): Promise<Repair | null> {
  if ("error" in attempt) {
    const { error } = attempt;
    if (!isPyshipError(error)) return null;
    const known = repairFor(error, "build");
    if (known !== null || !loop.runsAppCode?.(error)) return known;
    const text = `${error.details ?? ""}\n${error.message}`;
    return APP_EXCEPTION.test(text) && loop.fallback ? loop.fallback() : null;
  }
  const failure = attempt.outcome.report?.failure;
  if (!failure) return null;
  // The last error line too: with several workers failing at boot, the tail can be all
  // tracebacks of the arbiter, the ModuleNotFoundError scrolled out of it.
  const text = `${failure.logTail ?? ""}\n${failure.lastError ?? ""}\n${failure.message}`;
  const known = repairForFailure(text, "run");
  if (known !== null) return known;
  // A cause verify named (a missing variable, no database) is not today's releases' doing.
  const explained = failure.diagnosis && !RELEASES_SUSPECT.has(failure.diagnosis.cause);
  return APP_EXCEPTION.test(text) && !explained && loop.fallback ? loop.fallback() : null;
}

/**
 * Diagnoses that leave today's releases a suspect: those that only repeat the HTTP status
 * (the cause is still unknown), and a name a package of the venv lacks (a release that
 * dropped it, or a manifest behind the code).
 */
const RELEASES_SUSPECT = new Set(["no-route", "server-error", "package-version-mismatch"]);

function repairFor(error: { message: string; details: string | undefined }, phase: Phase) {
  return repairForFailure(`${error.details ?? ""}\n${error.message}`, phase);
}

/** What a repair changes, in one line ("adds setuptools<82, uses Python 3.11 (…why…)"), for the build's "repairing" line in the user's language. */
export function repairSummaryText(repair: Repair): Message {
  const parts = [
    repair.packages.length > 0 && msg("warn.repair.adds", { packages: repair.packages.join(" ") }),
    repair.python && msg("build.repair.python", { version: repair.python }),
    repair.apt &&
      msg("warn.repair.apt", { packages: [...repair.apt.build, ...repair.apt.runtime].join(" ") }),
    repair.resolveDate && msg("warn.repair.dated", { date: repair.resolveDate }),
    repair.buildConstraints?.length &&
      msg("build.repair.constraints", { constraints: repair.buildConstraints.join(" ") }),
  ].filter((part): part is Message => Boolean(part));
  const changes =
    parts.length === 0
      ? ""
      : parts.reduce((first, rest) => msg("warn.repair.and", { first, rest }));
  return msg("build.repair.summary", { changes, why: textOf(repair) });
}
