/*
 * The newest Python one pinned release supports, from the index's per-file metadata (PEP 691
 * JSON: filename, requires-python, upload-time). Evidence in order of strength: an upper bound
 * in Requires-Python; otherwise version-specific wheels (cp3X, no abi3) — the newest cp tag is
 * the last Python it installs on without compiling; otherwise, with no Requires-Python at all,
 * the upload date — the newest Python that existed then.
 */
import { satisfies, validRange } from "@renovatebot/pep440";
import { minorRank, newestMinorAt, PYTHON_RELEASES } from "./python-releases.js";

export interface IndexFile {
  readonly filename: string;
  readonly requiresPython: string | null;
  /** ISO 8601, or null when the index doesn't say. */
  readonly uploadTime: string | null;
}

export interface ReleaseLimit {
  /** Newest Python minor the release supports. */
  readonly maxPython: string;
  readonly why: string;
}

type Reader = (files: readonly IndexFile[]) => ReleaseLimit | null;

/** Strongest evidence first (see the header). */
const READERS: readonly Reader[] = [requiresPythonBound, wheelTags, uploadDate];

/** The limit for `files` (one release's files), or null when nothing limits it. */
export function releaseLimit(files: readonly IndexFile[]): ReleaseLimit | null {
  for (const read of READERS) {
    const limit = read(files);
    if (limit) return limit;
  }
  return null;
}

/**
 * The oldest Python minor a release installs on, when its Requires-Python excludes older ones
 * (`>=3.10` → 3.10): a hard floor, where the limits above are the era's ceiling.
 */
export function releaseFloor(files: readonly IndexFile[]): ReleaseLimit | null {
  const range = declared(files);
  if (range === null || !validRange(range)) return null;
  const allows = allowsMinor(range);
  const oldest = PYTHON_RELEASES.find((r) => allows(r.minor))?.minor ?? null;
  if (oldest === null || oldest === PYTHON_RELEASES[0]?.minor) return null;
  return { maxPython: oldest, why: `Requires-Python ${range}` };
}

/** Whether a Requires-Python range admits a minor (its first or a late patch release). */
function allowsMinor(range: string): (minor: string) => boolean {
  return (minor) => [0, 99].some((patch) => satisfies(`${minor}.${patch}`, range));
}

function declared(files: readonly IndexFile[]): string | null {
  return files.find((f) => f.requiresPython?.trim())?.requiresPython?.trim() ?? null;
}

function requiresPythonBound(files: readonly IndexFile[]): ReleaseLimit | null {
  const range = declared(files);
  if (range === null || !validRange(range)) return null;
  const allows = allowsMinor(range);
  const newest = PYTHON_RELEASES.filter((r) => allows(r.minor)).at(-1)?.minor ?? null;
  const unbounded = newest === PYTHON_RELEASES.at(-1)?.minor || allows("3.99");
  return unbounded || newest === null
    ? null
    : { maxPython: newest, why: `Requires-Python ${range}` };
}

function wheelTags(files: readonly IndexFile[]): ReleaseLimit | null {
  const wheels = files.map((f) => wheelTag(f.filename)).filter((tag) => tag !== null);
  if (wheels.length === 0 || wheels.some((tag) => tag.universal)) return null;
  const minors = wheels.flatMap((tag) => tag.minors);
  if (minors.length === 0) return null;
  const newest = minors.reduce((a, b) => (minorRank(a) >= minorRank(b) ? a : b));
  return { maxPython: newest, why: `wheels only up to cp${newest.replace(".", "")}` };
}

/** name-version(-build)?-python-abi-platform.whl → the CPython minors it is built for. */
function wheelTag(filename: string): { universal: boolean; minors: string[] } | null {
  const parts = filename.replace(/\.whl$/, "").split("-");
  if (!filename.endsWith(".whl") || parts.length < 5) return null;
  const [python = "", abi = ""] = parts.slice(-3, -1);
  const universal = abi === "none" || abi === "abi3";
  const minors = python
    .split(".")
    .map((tag) => /^cp3(\d+)$/.exec(tag)?.[1])
    .filter((minor) => minor !== undefined)
    .map((minor) => `3.${minor}`);
  return { universal, minors };
}

function uploadDate(files: readonly IndexFile[]): ReleaseLimit | null {
  if (declared(files) !== null) return null;
  const first = files
    .map((f) => f.uploadTime)
    .filter((time) => time !== null)
    .sort()[0];
  const newest = first ? newestMinorAt(first) : null;
  return newest ? { maxPython: newest, why: `released ${first?.slice(0, 10)}` } : null;
}
