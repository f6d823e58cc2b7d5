/*
 * The Python of a project's era. When no Python version is pinned but requirements are, the
 * image gets the newest Python every pinned release supports: limits from pyship's table of
 * known facts (src/core/known-pins.ts), from the files a lock lists (Poetry, PDM and uv name
 * every wheel: offline and exact) and from the index's metadata (release-support.ts), looked
 * up concurrently with a short timeout. A declared range (requires-python, Poetry's python)
 * bounds the choice: the era picks within it, never outside. Offline, the known facts and the
 * lock still apply and a warning says what could not be checked. Releases that still have no
 * Linux wheel for the chosen Python are listed as source builds (the builder compiles them).
 */
import { lt } from "@renovatebot/pep440";
import { KNOWN_PINS } from "../../core/known-pins.js";
import type { ProjectFacts, PythonFacts, SourceBuild, Warning } from "../../core/pipeline.js";
import { DEFAULT_PYTHON } from "../../core/python-versions.js";
import { because, type Message, msg, textOf, withText } from "../../i18n/message.js";
import { candidateMinors } from "./era-candidates.js";
import { type ExactPin, exactPins, lockedPins } from "./exact-pins.js";
import type { PackageIndex } from "./package-index.js";
import { pinText } from "./pin-text.js";
import { minorRank } from "./python-releases.js";
import {
  compilesOn,
  firstUpload,
  type IndexFile,
  lockedLimit,
  type ReleaseLimit,
  releasedOn,
  releaseFloor,
  releaseLimit,
} from "./release-support.js";

/** A plan must stay fast: at most this many pins are asked of the index (the lock's are free). */
const MAX_LOOKUPS = 40;

interface Limit {
  readonly pin: ExactPin;
  readonly maxPython: string;
  /** Read from the release's upload date only (release-support.ts). */
  readonly byDate?: true;
  readonly why: string;
  readonly text?: Message;
}

/** What is known of one pin's release files: from the lock, the index, or nothing (offline). */
interface Looked {
  readonly pin: ExactPin;
  readonly files: readonly IndexFile[] | "offline";
  readonly from: "lock" | "index";
}

export async function withEraPython(
  facts: ProjectFacts,
  index: PackageIndex,
): Promise<ProjectFacts> {
  const { python } = facts;
  const pinnedPython = python.constraint !== null && python.ranges === undefined;
  if (pinnedPython || facts.config.python !== undefined) return facts;
  const exact = allPins(facts);
  const pins = [...exact, ...(await boundedPins(facts, index, exact))];
  if (pins.length === 0) return facts;
  const looked = await lookUp(pins, facts, index);
  const warnings: Warning[] = looked.some((l) => l.files === "offline") ? [offlineWarning()] : [];
  const chosen = chooseMinor(facts.python, pins, looked);
  const sourceBuilds = compiledWithoutWheels(looked, chosen?.python.version ?? python.version);
  const dependencies =
    sourceBuilds.length > 0 ? { ...facts.dependencies, sourceBuilds } : facts.dependencies;
  return {
    ...facts,
    dependencies,
    python: chosen?.python ?? python,
    warnings: [...facts.warnings, ...warnings, ...(chosen?.warnings ?? [])],
  };
}

/**
 * A marker that keeps a pin to older Pythons (`backports.zoneinfo==0.2.1; python_version <
 * "3.9"`): the pin is skipped on newer ones, so its wheels say nothing of the era — the marker
 * says the project runs on newer Pythons too.
 */
const OLD_PYTHONS_ONLY = /;.*\bpython_(?:full_)?version\s*(?:<|<=|==|~=)/;

/** Pins the manifest declares, then the lock's (transitive ones included). */
function allPins(facts: ProjectFacts): ExactPin[] {
  const { requirements, install } = facts.dependencies;
  const declared = exactPins(requirements.filter((r) => !OLD_PYTHONS_ONLY.test(r.spec)));
  const named = new Set(declared.map((pin) => pin.name));
  const resolved = install.resolved && {
    ...install.resolved,
    lines: install.resolved.lines.filter((line) => !OLD_PYTHONS_ONLY.test(line)),
  };
  const locked = lockedPins(resolved).filter((p) => !named.has(p.name));
  return [...declared, ...locked];
}

/** An upper bound: `<3.10`, `<=2.0`, `~=1.4`, `==2.*` (not `!=`). */
const UPPER_BOUND = /(?:^|,)\s*(?:<=?|~=|==\s*[\d.]+\.\*)/;
const RANGE = /^\s*[A-Za-z0-9][\w.-]*\s*(?:\[[^\]]*\])?\s*([^;]*)/;

/**
 * A requirement with an upper bound (`aiohttp>=3.8.6,<3.10`) installs the newest release
 * inside it, and that release's wheels are an era limit as a pin's are (aiohttp 3.9.5 has
 * no wheel for 3.13: the build compiled it, without gcc). Ranges without one install the
 * newest release, which says nothing of an era.
 */
async function boundedPins(
  facts: ProjectFacts,
  index: PackageIndex,
  exact: readonly ExactPin[],
): Promise<ExactPin[]> {
  const newest = index.newestMatching?.bind(index);
  if (newest === undefined) return [];
  const named = new Set(exact.map((pin) => pin.name));
  const bounded = facts.dependencies.requirements.flatMap((r) => {
    const range = RANGE.exec(r.spec)?.[1]?.trim() ?? "";
    const skip = named.has(r.name) || OLD_PYTHONS_ONLY.test(r.spec) || !UPPER_BOUND.test(range);
    return skip ? [] : [{ requirement: r, range }];
  });
  const found = await Promise.all(
    bounded.slice(0, MAX_LOOKUPS).map(async ({ requirement, range }) => {
      const version = await newest(requirement.name, range);
      if (version === null) return [];
      const text = `${requirement.spec.split(";")[0]?.trim()} → ${version}`;
      return [{ name: requirement.name, version, text, evidence: requirement.evidence }];
    }),
  );
  return found.flat();
}

async function lookUp(
  pins: readonly ExactPin[],
  facts: ProjectFacts,
  index: PackageIndex,
): Promise<Looked[]> {
  const fromLock = new Map(
    (facts.dependencies.lockedFiles ?? []).map((r) => [`${r.name}==${r.version}`, r.files]),
  );
  const inLock = pins.flatMap((pin) => {
    const files = fromLock.get(`${pin.name}==${pin.version}`);
    return files ? [{ pin, files, from: "lock" as const }] : [];
  });
  const asked = pins.filter((pin) => !fromLock.has(`${pin.name}==${pin.version}`));
  const answered = await Promise.all(
    asked.slice(0, MAX_LOOKUPS).map(async (pin) => {
      const files = await index.releaseFiles(pin.name, pin.version);
      return { pin, files: files ?? ("offline" as const), from: "index" as const };
    }),
  );
  return [...inLock, ...answered];
}

/** The era's minor within the declared range, or null when nothing limits the default. */
function chooseMinor(
  python: PythonFacts,
  pins: readonly ExactPin[],
  looked: readonly Looked[],
): { python: PythonFacts; warnings: Warning[] } | null {
  const known = looked.flatMap((l) => (l.files === "offline" ? [] : [{ ...l, files: l.files }]));
  // A release's Requires-Python floor is a hard limit; an era ceiling below it gives way.
  const floor = extreme(known.flatMap(floorOf), (a, b) => minorRank(a) > minorRank(b));
  const ceilings = known.flatMap(ceilingOf);
  const limits = [
    ...pins.flatMap(knownLimits),
    ...ceilings.filter((limit) => !limit.byDate),
    ...projectDateLimit(ceilings, known),
  ];
  const lowest = extreme(limits, (a, b) => minorRank(a) < minorRank(b));
  if (lowest === null || minorRank(lowest.maxPython) >= minorRank(python.version)) return null;
  const limit = floor && minorRank(floor.maxPython) > minorRank(lowest.maxPython) ? floor : lowest;
  return eraFacts(python, limit);
}

/**
 * A release with no Requires-Python and no version-specific wheels (a pure package) says only
 * when it was made. The pins were chosen together, on or after the newest one's upload day:
 * that day, not each old release's, dates the project (dj-database-url 0.5.0 of 2018 pinned
 * beside Django 4.0.3 of 2022 is a 2022 project). One limit for all of them: the newest Python
 * released by then.
 */
function projectDateLimit(
  ceilings: readonly Limit[],
  known: readonly (Looked & { files: readonly IndexFile[] })[],
): Limit[] {
  if (!ceilings.some((limit) => limit.byDate)) return [];
  const dated = known.flatMap((looked) => {
    const day = firstUpload(looked.files);
    return day === null ? [] : [{ looked, day }];
  });
  const newest = dated.reduce<(typeof dated)[number] | null>(
    (best, next) => (best === null || next.day > best.day ? next : best),
    null,
  );
  const found = newest === null ? null : releasedOn(newest.day);
  return newest && found ? [toLimit(newest.looked, found)] : [];
}

function ceilingOf(looked: Looked & { files: readonly IndexFile[] }): Limit[] {
  const found = (looked.from === "lock" ? lockedLimit : releaseLimit)(looked.files);
  return found ? [toLimit(looked, found)] : [];
}

function floorOf(looked: Looked & { files: readonly IndexFile[] }): Limit[] {
  const found = releaseFloor(looked.files);
  return found ? [toLimit(looked, found)] : [];
}

function toLimit(looked: Looked, found: ReleaseLimit): Limit {
  const source = msg(looked.from === "lock" ? "ev.pin.fromLock" : "ev.pin.fromIndex");
  const why = because(msg("ev.pin.source", { why: textOf(found), source }));
  const byDate = found.byDate ? { byDate: true as const } : {};
  return { pin: looked.pin, maxPython: found.maxPython, ...byDate, ...why };
}

function extreme(limits: readonly Limit[], better: (a: string, b: string) => boolean) {
  return limits.reduce<Limit | null>(
    (best, limit) => (best === null || better(limit.maxPython, best.maxPython) ? limit : best),
    null,
  );
}

function knownLimits(pin: ExactPin): Limit[] {
  return KNOWN_PINS.filter(
    (known) => known.name === pin.name && known.maxPython && below(pin.version, known.below),
  ).map((known) => ({
    pin,
    maxPython: known.maxPython ?? DEFAULT_PYTHON,
    ...because(msg("ev.pin.known", { why: pinText(known.why), max: known.maxPython ?? "" })),
  }));
}

function below(version: string, bound: string): boolean {
  try {
    return lt(version, bound);
  } catch {
    return false;
  }
}

/** The newest candidate within the limit; the oldest candidate if none is. */
function eraFacts(
  declared: PythonFacts,
  limit: Limit,
): { python: PythonFacts; warnings: Warning[] } {
  const candidates = candidateMinors(declared);
  const fitting = candidates.filter((m) => minorRank(m) <= minorRank(limit.maxPython));
  const version = fitting.at(-1) ?? candidates[0] ?? declared.version;
  const { file, line } = limit.pin.evidence;
  const within = declared.ranges
    ? msg("ev.pin.within", { constraint: declared.constraint ?? "" })
    : "";
  const why = because(msg("ev.pin.era", { pin: limit.pin.text, why: textOf(limit), within }));
  const python: PythonFacts = { ...declared, version, evidence: { file, line, ...why } };
  if (fitting.length > 0) return { python, warnings: [] };
  const older = declared.ranges
    ? msg("warn.pythonEra.allows", { constraint: declared.constraint ?? "" })
    : msg("warn.pythonEra.builds");
  const text = withText(
    msg("warn.pythonEra", { pin: limit.pin.text, max: limit.maxPython, older, version }),
  );
  return {
    python,
    warnings: [{ code: "W_PYTHON_ERA", ...text, file, ...(line ? { line } : {}) }],
  };
}

/** Pinned releases with wheels, but none for `minor` on Linux: pip compiles them. */
function compiledWithoutWheels(looked: readonly Looked[], minor: string): SourceBuild[] {
  return looked.flatMap(({ pin, files }) =>
    files !== "offline" && compilesOn(files, minor)
      ? [
          {
            name: pin.name,
            version: pin.version,
            evidence: {
              ...pin.evidence,
              ...because(msg("ev.pin.noWheel", { pin: pin.text, minor })),
            },
          },
        ]
      : [],
  );
}

function offlineWarning(): Warning {
  return {
    code: "W_INDEX_OFFLINE",
    ...withText(msg("warn.indexOffline")),
  };
}
