/*
 * The Python of a project's era. When nothing states a Python version but requirements are
 * pinned, the image gets the newest Python every pinned release supports: limits from
 * pyship's table of known facts (src/core/known-pins.ts) and from the index's metadata
 * (release-support.ts), looked up concurrently with a short timeout. Offline, the known facts
 * still apply and a warning says what could not be checked.
 */
import { lt } from "@renovatebot/pep440";
import { KNOWN_PINS } from "../../core/known-pins.js";
import type { ProjectFacts, PythonFacts, Warning } from "../../core/pipeline.js";
import { DEFAULT_PYTHON, SUPPORTED_PYTHON_MINORS } from "../../core/python-versions.js";
import { type ExactPin, exactPins, lockedPins } from "./exact-pins.js";
import type { PackageIndex } from "./package-index.js";
import { minorRank } from "./python-releases.js";
import { releaseFloor, releaseLimit } from "./release-support.js";

/** A plan must stay fast: a project pinning more than this is looked up only in part. */
const MAX_LOOKUPS = 40;

interface Limit {
  readonly pin: ExactPin;
  readonly maxPython: string;
  readonly why: string;
}

export async function withEraPython(
  facts: ProjectFacts,
  index: PackageIndex,
): Promise<ProjectFacts> {
  if (facts.python.constraint !== null || facts.config.python !== undefined) return facts;
  const declared = exactPins(facts.dependencies.requirements);
  const named = new Set(declared.map((pin) => pin.name));
  const locked = lockedPins(facts.dependencies.install.resolved).filter((p) => !named.has(p.name));
  const pins = [...declared, ...locked];
  if (pins.length === 0) return facts;
  const looked = await Promise.all(pins.slice(0, MAX_LOOKUPS).map((pin) => indexLimit(pin, index)));
  const answered = looked.flatMap((l) => (l === "offline" ? [] : [l]));
  const limits = [...pins.flatMap(knownLimits), ...answered.flatMap((l) => l.ceilings)];
  const floor = answered
    .flatMap((l) => l.floors)
    .reduce<Limit | null>(
      (high, f) => (high === null || minorRank(f.maxPython) > minorRank(high.maxPython) ? f : high),
      null,
    );
  const warnings: Warning[] = looked.includes("offline") ? [offlineWarning()] : [];
  const lowest = limits.reduce<Limit | null>(
    (low, limit) =>
      low === null || minorRank(limit.maxPython) < minorRank(low.maxPython) ? limit : low,
    null,
  );
  if (lowest === null || minorRank(lowest.maxPython) >= minorRank(DEFAULT_PYTHON)) {
    return warnings.length > 0 ? { ...facts, warnings: [...facts.warnings, ...warnings] } : facts;
  }
  // A release's Requires-Python floor is a hard limit; an era ceiling below it gives way.
  const limit = floor && minorRank(floor.maxPython) > minorRank(lowest.maxPython) ? floor : lowest;
  const chosen = eraFacts(limit, warnings);
  return { ...facts, python: chosen.python, warnings: [...facts.warnings, ...chosen.warnings] };
}

function knownLimits(pin: ExactPin): Limit[] {
  return KNOWN_PINS.filter(
    (known) => known.name === pin.name && known.maxPython && below(pin.version, known.below),
  ).map((known) => ({
    pin,
    maxPython: known.maxPython ?? DEFAULT_PYTHON,
    why: `${known.why}, supported up to ${known.maxPython}`,
  }));
}

function below(version: string, bound: string): boolean {
  try {
    return lt(version, bound);
  } catch {
    return false;
  }
}

interface IndexLimits {
  /** The newest Python the release supports (its era), when limited. */
  readonly ceilings: readonly Limit[];
  /** The oldest Python it installs on (Requires-Python `>=`), when limited. */
  readonly floors: readonly Limit[];
}

async function indexLimit(pin: ExactPin, index: PackageIndex): Promise<IndexLimits | "offline"> {
  const files = await index.releaseFiles(pin.name, pin.version);
  if (files === null) return "offline";
  const toLimit = (found: { maxPython: string; why: string } | null): Limit[] =>
    found ? [{ pin, maxPython: found.maxPython, why: `${found.why} (index metadata)` }] : [];
  return { ceilings: toLimit(releaseLimit(files)), floors: toLimit(releaseFloor(files)) };
}

/** The newest supported minor within the limit; the oldest supported one if none is. */
function eraFacts(limit: Limit, warnings: Warning[]): { python: PythonFacts; warnings: Warning[] } {
  const fitting = SUPPORTED_PYTHON_MINORS.filter((m) => minorRank(m) <= minorRank(limit.maxPython));
  const version = fitting.at(-1) ?? SUPPORTED_PYTHON_MINORS[0];
  const { file, line } = limit.pin.evidence;
  const why = `${limit.pin.text} ${limit.why}: the newest Python every pinned release supports`;
  const python: PythonFacts = { version, constraint: null, evidence: { file, line, why } };
  if (fitting.length > 0) return { python, warnings };
  const message = `${limit.pin.text} supports Python up to ${limit.maxPython}, older than any pyship builds; using ${version} (pin a newer release, or set a base image with --base-image)`;
  return {
    python,
    warnings: [...warnings, { code: "W_PYTHON_ERA", message, file, ...(line ? { line } : {}) }],
  };
}

function offlineWarning(): Warning {
  return {
    code: "W_INDEX_OFFLINE",
    message:
      "could not ask the package index which Python the pinned releases support (offline, or PIP_INDEX_URL has no JSON API); chose without it",
  };
}
