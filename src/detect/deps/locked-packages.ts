/*
 * The runtime packages a lock file pins, for each lock format pyship reads. Only the
 * runtime set is returned (Poetry's "main" group, PDM's "default" group, Pipenv's
 * "default" section, uv's closure from the project), because the image never installs dev
 * tools; transitive packages matter for system-library lookup (psycopg2 pulled in by a
 * dependency still needs libpq). Each comes with what pip needs to install exactly it:
 * environment marker, file hashes, and where it comes from when that is not the index.
 */

import { normalizeName } from "../../core/package-name.js";
import type { LockedFile } from "../../core/pipeline.js";
import { asString, asTable, type Table } from "./pyproject.js";
import { anyOf, uvClosure } from "./uv-closure.js";

export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  readonly line: number | null;
  /** PEP 508 environment marker the lock attaches, or null (always installed). */
  readonly marker: string | null;
  /** `sha256:…` of every file the lock allows for this version. */
  readonly hashes: readonly string[];
  /** PEP 440 direct reference (`git+https://…@commit`, a URL) when not from the index. */
  readonly direct: string | null;
  /** A path on the developer's disk (a directory or file dependency): not installable from the lock. */
  readonly local: boolean;
  /** The package index the lock found it on, when that is not PyPI. */
  readonly index?: string;
  /**
   * Extras other locked packages ask of this one (`uvicorn[standard]` from fastapi): pip's
   * hash-checking mode refuses a dependency's `uvicorn[standard]>=0.12` unless the pinned
   * line names the extra too.
   */
  readonly extras?: readonly string[];
  /** The files the lock lists for this release (wheels name the Pythons they are built for). */
  readonly files?: readonly LockedFile[];
}

export function poetryLocked(
  data: Table,
  text: string,
  declared: readonly string[] = [],
): LockedPackage[] {
  const lines = nameLines(text);
  const legacyFiles = asTable(asTable(data.metadata)?.files) ?? {};
  const runtime = packagesOf(data).filter(
    (pkg) => inGroup(pkg.groups, "main") && (pkg.category === undefined || pkg.category === "main"),
  );
  const wanted = poetryExtras(runtime);
  const fromEdges = poetryEdgeMarkers(runtime, declared);
  return runtime.map((pkg) => {
    const files = pkg.files ?? legacyFiles[String(pkg.name)];
    const markers = typeof pkg.markers === "string" ? pkg.markers : asTable(pkg.markers)?.main;
    const name = normalizeName(String(pkg.name));
    const extras = wanted.get(name);
    return locked(pkg, lines, {
      marker: asString(markers) ?? fromEdges.get(name) ?? null,
      hashes: hashesOf(files),
      files: filesOf(files, asString(pkg["python-versions"])),
      ...(extras ? { extras: [...extras].sort() } : {}),
      ...poetrySource(asTable(pkg.source)),
    });
  });
}

/**
 * Locks of Poetry before 1.5 (lock-version 1.x, 2.0) put no `markers` on a package: the
 * marker sits on the edge that pulls it in (`pywin32 = {version = ">=300", markers =
 * "sys_platform == \"win32\""}` under jupyter-core). A package the project does not declare
 * and that only marked edges reach gets their OR, so pip and uv skip it on Linux instead of
 * failing to find a Linux wheel; one unmarked edge, or a declared name, installs it always.
 */
function poetryEdgeMarkers(
  runtime: readonly Table[],
  declared: readonly string[],
): Map<string, string> {
  const incoming = new Map<string, (string | null)[]>();
  for (const { name, table } of poetryEdges(runtime)) {
    incoming.set(name, [...(incoming.get(name) ?? []), asString(table?.markers) ?? null]);
  }
  const roots = new Set(declared.map(normalizeName));
  const markers = new Map<string, string>();
  for (const [name, edges] of incoming) {
    if (roots.has(name) || edges.some((marker) => marker === null)) continue;
    markers.set(name, anyOf([...new Set(edges as string[])]));
  }
  return markers;
}

/**
 * Every edge of the runtime packages' `[package.dependencies]`, by normalized name, with its
 * table (absent for a plain version string). Optional ones are left out: they are only wanted
 * with an extra of their own, which the lock does not say was requested.
 */
function* poetryEdges(runtime: readonly Table[]): Generator<{ name: string; table?: Table }> {
  for (const pkg of runtime) {
    for (const [name, spec] of Object.entries(asTable(pkg.dependencies) ?? {})) {
      for (const entry of Array.isArray(spec) ? spec : [spec]) {
        const table = asTable(entry);
        if (table?.optional === true) continue;
        yield { name: normalizeName(name), ...(table ? { table } : {}) };
      }
    }
  }
}

/**
 * Extras the runtime packages ask of each other (`uvicorn = {version = ">=0.12", extras =
 * ["standard"]}`), over the non-optional edges.
 */
function poetryExtras(runtime: readonly Table[]): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const { name, table } of poetryEdges(runtime)) {
    const extras = asArray(table?.extras).filter((x): x is string => typeof x === "string");
    if (extras.length > 0) wanted.set(name, new Set([...(wanted.get(name) ?? []), ...extras]));
  }
  return wanted;
}

/** Locks written without `inherit_metadata` carry no groups: walk from the declared names. */
export function pdmLocked(data: Table, text: string, declared: readonly string[]): LockedPackage[] {
  const lines = nameLines(text);
  const packages = packagesOf(data);
  const grouped = packages.some((pkg) => Array.isArray(pkg.groups));
  const runtime = grouped
    ? packages
        .filter((pkg) => inGroup(pkg.groups, "default"))
        .map((pkg) => ({ pkg, marker: asString(pkg.marker) ?? null }))
    : pdmClosure(packages, declared);
  const legacyFiles = asTable(asTable(data.metadata)?.files) ?? {};
  return runtime.map(({ pkg, marker }) => {
    const files = pkg.files ?? legacyFiles[`${pkg.name} ${pkg.version}`];
    const extras = asArray(pkg.extras).filter((x): x is string => typeof x === "string");
    return locked(pkg, lines, {
      marker: asString(pkg.marker) ?? marker,
      hashes: hashesOf(files),
      files: filesOf(files, asString(pkg.requires_python)),
      ...(extras.length > 0 ? { extras } : {}),
      ...pdmSource(pkg),
    });
  });
}

/** uv.lock lists every group together: walk the dependency graph from the project itself. */
export function uvLocked(data: Table, text: string): LockedPackage[] {
  const lines = nameLines(text);
  return uvClosure(packagesOf(data)).map(({ pkg, marker, extras }) => {
    const source = asTable(pkg.source) ?? {};
    const sdist = asTable(pkg.sdist);
    const files = [...(sdist ? [sdist] : []), ...asArray(pkg.wheels)];
    return locked(pkg, lines, {
      marker,
      hashes: hashesOf(files),
      files: filesOf(files, undefined),
      ...(extras.length > 0 ? { extras } : {}),
      ...uvSource(source),
    });
  });
}

/** Pipfile.lock is JSON: `default` holds the runtime packages. */
export function pipfileLocked(data: Table, text: string): LockedPackage[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^\s*"default"\s*:/.test(line));
  return Object.entries(asTable(data.default) ?? {}).map(([name, value]) => {
    const entry = asTable(value) ?? {};
    const offset = lines.slice(start + 1).findIndex((line) => line.includes(`"${name}": {`));
    const git = asString(entry.git);
    return {
      name: normalizeName(name),
      version: (asString(entry.version) ?? "").replace(/^==/, ""),
      line: start === -1 || offset === -1 ? null : start + offset + 2,
      marker: asString(entry.markers) ?? null,
      hashes: asArray(entry.hashes).filter((hash): hash is string => typeof hash === "string"),
      direct: git
        ? `git+${git}${entry.ref ? `@${entry.ref}` : ""}`
        : (asString(entry.file) ?? null),
      local: entry.path !== undefined,
    };
  });
}

type Origin = Pick<LockedPackage, "direct" | "local" | "index">;

/** PyPI under its usual addresses; anything else is a private or mirror index. */
const PYPI = /^https?:\/\/(pypi\.org|pypi\.python\.org|files\.pythonhosted\.org)\//;

function otherIndex(url: string | undefined): { index?: string } {
  return url === undefined || PYPI.test(url) ? {} : { index: url };
}

function poetrySource(source: Table | undefined): Origin {
  const url = asString(source?.url) ?? "";
  const subdirectory = asString(source?.subdirectory);
  const fragment = subdirectory ? `#subdirectory=${subdirectory}` : "";
  switch (source?.type) {
    case "git":
      return {
        direct: `git+${url}@${asString(source.resolved_reference) ?? asString(source.reference) ?? ""}${fragment}`,
        local: false,
      };
    case "url":
      return { direct: `${url}${fragment}`, local: false };
    case "directory":
    case "file":
      return { direct: null, local: true };
    case "legacy":
      return { direct: null, local: false, ...otherIndex(url) };
    default:
      return { direct: null, local: false };
  }
}

function pdmSource(pkg: Table): Origin {
  const git = asString(pkg.git);
  if (git) return { direct: `git+${git}@${asString(pkg.revision) ?? ""}`, local: false };
  if (pkg.path !== undefined) return { direct: null, local: true };
  return { direct: asString(pkg.url) ?? null, local: false };
}

/** uv writes git sources as `https://host/repo?rev=main#<commit>`. */
function uvSource(source: Table): Origin {
  const git = asString(source.git);
  if (git) {
    const [base, commit] = git.split("#");
    return { direct: `git+${(base ?? "").split("?")[0]}@${commit ?? ""}`, local: false };
  }
  if (source.url !== undefined) return { direct: asString(source.url) ?? null, local: false };
  const local = ["path", "directory", "editable", "virtual"].some((key) => key in source);
  return { direct: null, local, ...otherIndex(asString(source.registry)) };
}

/**
 * PDM's package `dependencies` are PEP 508 strings, markers included: follow them from the
 * declared names. An entry per requested extra (`fastapi` with `extras = ["all"]`) adds its
 * own dependencies. A package reached only through marked edges keeps their markers.
 */
function pdmClosure(packages: readonly Table[], declared: readonly string[]): PdmReached[] {
  const byName = new Map<string, Table[]>();
  for (const pkg of packages) {
    const name = normalizeName(String(pkg.name));
    byName.set(name, [...(byName.get(name) ?? []), pkg]);
  }
  const markers = new Map<string, Set<string> | null>();
  const queue: [string, string | null][] = declared.map((name) => [name, null]);
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [name, marker] = item;
    const known = markers.get(name);
    if (known === null || (known !== undefined && marker !== null && known.has(marker))) continue;
    markers.set(name, marker === null ? null : new Set([...(known ?? []), marker]));
    if (known !== undefined) continue; // already walked: only its marker set grew
    for (const pkg of byName.get(name) ?? []) {
      for (const dependency of asArray(pkg.dependencies)) {
        const [, depName, depMarker] =
          /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)[^;]*(?:;\s*(.+))?$/.exec(String(dependency)) ?? [];
        if (depName) queue.push([normalizeName(depName), depMarker?.trim() ?? null]);
      }
    }
  }
  return packages.flatMap((pkg) => {
    const name = normalizeName(String(pkg.name));
    if (!markers.has(name)) return [];
    const set = markers.get(name);
    const marker = set ? anyOf([...set]) : null;
    return [{ pkg, marker }];
  });
}

interface PdmReached {
  readonly pkg: Table;
  readonly marker: string | null;
}

/**
 * Poetry and PDM name a file (`file = "x-1.0-cp312-cp312-manylinux….whl"`), uv and PDM give
 * its URL: either way the file name ends the string. The release's Requires-Python, where
 * the lock records it ("*" is Poetry's "any"), goes with each file as the index gives it.
 */
function filesOf(files: unknown, requiresPython: string | undefined): LockedFile[] {
  const range = requiresPython && requiresPython.trim() !== "*" ? requiresPython.trim() : null;
  return asArray(files).flatMap((file) => {
    const entry = asTable(file);
    const where = asString(entry?.file) ?? asString(entry?.url);
    const filename = where?.split(/[?#]/)[0]?.split("/").at(-1);
    if (!entry || !where || !filename) return [];
    const uploadTime = asString(entry["upload-time"]) ?? null;
    return [{ filename, requiresPython: range, uploadTime }];
  });
}

function hashesOf(files: unknown): string[] {
  return asArray(files)
    .map((file) => asString(asTable(file)?.hash))
    .filter((hash): hash is string => hash !== undefined);
}

export function packagesOf(data: Table): Table[] {
  return asArray(data.package)
    .map((pkg) => asTable(pkg))
    .filter((pkg): pkg is Table => pkg !== undefined);
}

function inGroup(groups: unknown, group: string): boolean {
  return !Array.isArray(groups) || groups.includes(group);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function locked(
  pkg: Table,
  lines: ReadonlyMap<string, number>,
  details: Omit<LockedPackage, "name" | "version" | "line">,
): LockedPackage {
  const name = String(pkg.name);
  return {
    name: normalizeName(name),
    version: String(pkg.version ?? ""),
    line: lines.get(name) ?? null,
    ...details,
  };
}

/** Line of each `name = "…"` in one pass, so big lock files stay cheap. */
function nameLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split("\n").forEach((line, index) => {
    const name = /^name = "([^"]+)"/.exec(line)?.[1];
    if (name !== undefined && !lines.has(name)) lines.set(name, index + 1);
  });
  return lines;
}
