/*
 * The newest Python one pinned release supports, from the index's per-file metadata (PEP 691
 * JSON: filename, requires-python, upload-time). Evidence in order of strength: an upper bound
 * in Requires-Python; otherwise version-specific Linux wheels (cp3X, no abi3) — the newest cp
 * tag is the last Python it installs on without compiling (the image is Debian: Windows and
 * macOS wheels say nothing about it); otherwise, with no Requires-Python at all, the upload
 * date — the newest Python that existed then.
 */
import { satisfies, validRange } from "@renovatebot/pep440";
import type { LockedFile } from "../../core/pipeline.js";
import { because, type Message, msg } from "../../i18n/message.js";
import { minorRank, newestMinorAt, PYTHON_RELEASES } from "./python-releases.js";

/** One file of a release, from the index (or a lock that lists it). */
export type IndexFile = LockedFile;

export interface ReleaseLimit {
  /** Newest Python minor the release supports. */
  readonly maxPython: string;
  /** Only the upload date says so: the weakest evidence (era-python.ts lets a floor win). */
  readonly byDate?: true;
  readonly why: string;
  /** `why` as a catalog message. */
  readonly text?: Message;
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
 * The limit from the files a lock lists: its wheels and, where the lock records it, the
 * release's Requires-Python. Never the upload date: a lock that doesn't record Requires-Python
 * (uv's) has not said there is none, and a date alone would take an old pure package's era
 * for the project's.
 */
export function lockedLimit(files: readonly IndexFile[]): ReleaseLimit | null {
  return requiresPythonBound(files) ?? wheelTags(files);
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
  return { maxPython: oldest, ...because(msg("ev.pin.requiresPython", { range })) };
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
    : { maxPython: newest, ...because(msg("ev.pin.requiresPython", { range })) };
}

function wheelTags(files: readonly IndexFile[]): ReleaseLimit | null {
  const minors = linuxWheelMinors(files);
  if (minors === "any" || minors.length === 0) return null;
  const newest = minors.reduce((a, b) => (minorRank(a) >= minorRank(b) ? a : b));
  const tag = `cp${newest.replace(".", "")}`;
  return { maxPython: newest, ...because(msg("ev.pin.wheelsUpTo", { tag })) };
}

/**
 * The CPython minors a release ships a glibc Linux wheel for, oldest first; "any" when one
 * of its Linux-usable wheels is pure or abi3 (it installs on every later Python).
 */
export function linuxWheelMinors(files: readonly IndexFile[]): string[] | "any" {
  const wheels = files.map((f) => wheelTag(f.filename)).filter((tag) => tag !== null);
  const usable = wheels.filter((tag) => tag.linux);
  if (usable.some((tag) => tag.universal)) return "any";
  const minors = new Set(usable.flatMap((tag) => tag.minors));
  return [...minors].sort((a, b) => minorRank(a) - minorRank(b));
}

/**
 * Whether a release ships wheels but none the Debian image can use for `minor`: pip builds
 * it from its sdist, so the builder needs a compiler. A release with no wheels at all is
 * usually pure Python and says nothing.
 */
export function compilesOn(files: readonly IndexFile[], minor: string): boolean {
  if (!files.some((f) => f.filename.endsWith(".whl"))) return false;
  const minors = linuxWheelMinors(files);
  return minors !== "any" && !minors.includes(minor);
}

/** name-version(-build)?-python-abi-platform.whl → the CPython minors it is built for. */
function wheelTag(
  filename: string,
): { universal: boolean; linux: boolean; minors: string[] } | null {
  const parts = filename.replace(/\.whl$/, "").split("-");
  if (!filename.endsWith(".whl") || parts.length < 5) return null;
  const [python = "", abi = "", platform = ""] = parts.slice(-3);
  const universal = abi === "none" || abi === "abi3";
  // glibc Linux (manylinux*, linux_*) or any platform; musllinux wheels are for Alpine.
  const linux = platform.split(".").some((tag) => tag === "any" || /^(manylinux|linux_)/.test(tag));
  const minors = python
    .split(".")
    .map((tag) => /^cp3(\d+)$/.exec(tag)?.[1])
    .filter((minor) => minor !== undefined)
    .map((minor) => `3.${minor}`);
  return { universal, linux, minors };
}

function uploadDate(files: readonly IndexFile[]): ReleaseLimit | null {
  if (declared(files) !== null) return null;
  const first = firstUpload(files);
  return first === null ? null : releasedOn(first);
}

/** The limit an upload day alone gives: the newest Python released by then (null before 3.6). */
export function releasedOn(isoTime: string): ReleaseLimit | null {
  const newest = newestMinorAt(isoTime);
  const day = isoTime.slice(0, 10);
  if (!newest) return null;
  return { maxPython: newest, byDate: true, ...because(msg("ev.pin.released", { day })) };
}

/** When the release's first file was uploaded (ISO time), or null when the index says nothing. */
export function firstUpload(files: readonly IndexFile[]): string | null {
  return (
    files
      .map((f) => f.uploadTime)
      .filter((time) => time !== null)
      .sort()[0] ?? null
  );
}
