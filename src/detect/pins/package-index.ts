/*
 * The package index's per-file metadata for one pinned release, through PEP 691's JSON simple
 * API (`Accept: application/vnd.pypi.simple.v1+json`), which PyPI and most mirrors serve —
 * unlike PyPI's /pypi/<name>/<version>/json, which proxies often don't. PIP_INDEX_URL is
 * honoured. Answers are cached on disk (they never change for a published release, except
 * wheels added later: hence a TTL), and every request times out fast: a plan must not wait on
 * the network.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { eq, maxSatisfying } from "@renovatebot/pep440";
import type { IndexFile } from "./release-support.js";

export interface PackageIndex {
  /**
   * The files of release `version` of `name` (empty when the index has none), or null when
   * the index could not be asked (offline, timeout, an index without the JSON API).
   */
  releaseFiles(name: string, version: string): Promise<readonly IndexFile[] | null>;
  /**
   * The newest final release of `name` inside `range` (`>=3.8.6,<3.10`): what an installer
   * picks for a bounded requirement. null when none matches or the index could not be asked.
   */
  newestMatching?(name: string, range: string): Promise<string | null>;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpIndexOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: Fetch;
  readonly timeoutMs?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

const PYPI = "https://pypi.org/simple";
const WEEK = 7 * 24 * 3600 * 1000;

export function httpIndex(options: HttpIndexOptions): PackageIndex {
  const base = (options.env.PIP_INDEX_URL ?? PYPI).replace(/\/+$/, "");
  const cache = join(
    cacheRoot(options.env),
    createHash("sha256").update(base).digest("hex").slice(0, 12),
  );
  const now = options.now ?? Date.now;
  const ask = options.fetch ?? fetch;
  // One listing per project and plan: the newest match and its files come from the same answer.
  const listings = new Map<string, { at: number; files: Promise<IndexFile[] | null> }>();
  const listing = (name: string) => {
    const known = listings.get(name);
    if (known && now() - known.at < (options.ttlMs ?? WEEK)) return known.files;
    const files = askIndex(ask, `${base}/${name}/`, options.timeoutMs ?? 2500);
    listings.set(name, { at: now(), files });
    return files;
  };
  return {
    async releaseFiles(name, version) {
      const file = join(cache, `${name}==${version}.json`.replace(/[^\w.=+-]/g, "_"));
      const cached = readCache(file, now(), options.ttlMs ?? WEEK);
      if (cached) return cached;
      const files = await listing(name);
      if (files === null) return null;
      const release = files.filter((f) => fileVersionIs(f.filename, version));
      writeCache(file, now(), release);
      return release;
    },
    async newestMatching(name, range) {
      const files = await listing(name);
      if (files === null) return null;
      const versions = [...new Set(files.flatMap((f) => fileVersion(f.filename) ?? []))];
      const final = versions.filter((v) => /^\d+(\.\d+)*$/.test(v));
      try {
        return maxSatisfying(final, range);
      } catch {
        return null;
      }
    },
  };
}

function cacheRoot(env: HttpIndexOptions["env"]): string {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pyship", "index");
}

interface SimpleFile {
  readonly filename?: unknown;
  readonly "requires-python"?: unknown;
  readonly "upload-time"?: unknown;
}

async function askIndex(ask: Fetch, url: string, timeoutMs: number): Promise<IndexFile[] | null> {
  try {
    const response = await ask(url, {
      headers: { Accept: "application/vnd.pypi.simple.v1+json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 404) return [];
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.includes("json")) return null;
    const body = (await response.json()) as { files?: readonly SimpleFile[] };
    return (body.files ?? []).map(toIndexFile).filter((f) => f !== null);
  } catch {
    return null;
  }
}

function toIndexFile(file: SimpleFile): IndexFile | null {
  if (typeof file.filename !== "string") return null;
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  return {
    filename: file.filename,
    requiresPython: text(file["requires-python"]),
    uploadTime: text(file["upload-time"]),
  };
}

/** Wheels: name-VERSION-…whl; sdists: name-VERSION.tar.gz (the name may hold dashes). */
function fileVersion(filename: string): string | undefined {
  const stem = filename.replace(/\.(whl|tar\.gz|tar\.bz2|tgz|zip|egg)$/, "");
  return filename.endsWith(".whl") ? stem.split("-")[1] : stem.split("-").at(-1);
}

function fileVersionIs(filename: string, version: string): boolean {
  const found = fileVersion(filename);
  try {
    return found !== undefined && eq(found, version);
  } catch {
    return found === version;
  }
}

function readCache(file: string, now: number, ttlMs: number): IndexFile[] | null {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as { at: number; files: IndexFile[] };
    return now - entry.at < ttlMs ? entry.files : null;
  } catch {
    return null;
  }
}

/** A cache that can't be written only costs the next plan a request. */
function writeCache(file: string, now: number, files: readonly IndexFile[]): void {
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, JSON.stringify({ at: now, files }));
  } catch {
    // read-only home, full disk: nothing to do
  }
}
