/*
 * The runtime packages a lock file pins, for each lock format pyship reads. Only the
 * runtime set is returned (Poetry's "main" group, PDM's "default" group, Pipenv's
 * "default" section, uv's closure from the project), because the image never installs dev
 * tools; transitive packages matter for system-library lookup (psycopg2 pulled in by a
 * dependency still needs libpq).
 */

import { normalizeName } from "../../core/package-name.js";
import { asString, asTable, type Table } from "./pyproject.js";

export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  readonly line: number | null;
}

export function poetryLocked(data: Table, text: string): LockedPackage[] {
  const lines = nameLines(text);
  return packagesOf(data)
    .filter(
      (pkg) =>
        inGroup(pkg.groups, "main") && (pkg.category === undefined || pkg.category === "main"),
    )
    .map((pkg) => locked(pkg, lines));
}

export function pdmLocked(data: Table, text: string): LockedPackage[] {
  const lines = nameLines(text);
  return packagesOf(data)
    .filter((pkg) => inGroup(pkg.groups, "default"))
    .map((pkg) => locked(pkg, lines));
}

/** uv.lock lists every group together: walk the dependency graph from the project itself. */
export function uvLocked(data: Table, text: string): LockedPackage[] {
  const packages = packagesOf(data);
  const byName = new Map(packages.map((pkg) => [normalizeName(String(pkg.name)), pkg]));
  const isRoot = (pkg: Table) =>
    asTable(pkg.source)?.virtual !== undefined || asTable(pkg.source)?.editable !== undefined;
  const roots = packages.filter(isRoot);
  const seen = new Set<string>();
  const queue = roots.flatMap(edges);
  for (let edge = queue.shift(); edge !== undefined; edge = queue.shift()) {
    const pkg = byName.get(edge.name);
    if (!pkg) continue;
    for (const key of [edge.name, ...edge.extras.map((extra) => `${edge.name}[${extra}]`)]) {
      if (seen.has(key)) continue;
      seen.add(key);
      const extra = /\[(.+)\]$/.exec(key)?.[1];
      const next = extra
        ? asArray(asTable(pkg["optional-dependencies"])?.[extra]).map(toEdge)
        : edges(pkg);
      queue.push(...next);
    }
  }
  const lines = nameLines(text);
  return [...seen]
    .filter((key) => !key.includes("[") && !isRoot(byName.get(key) as Table))
    .map((name) => locked(byName.get(name) as Table, lines));
}

/** Pipfile.lock is JSON: `default` holds the runtime packages. */
export function pipfileLocked(data: Table, text: string): LockedPackage[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^\s*"default"\s*:/.test(line));
  return Object.entries(asTable(data.default) ?? {}).map(([name, value]) => {
    const offset = lines.slice(start + 1).findIndex((line) => line.includes(`"${name}": {`));
    return {
      name: normalizeName(name),
      version: (asString(asTable(value)?.version) ?? "").replace(/^==/, ""),
      line: start === -1 || offset === -1 ? null : start + offset + 2,
    };
  });
}

function packagesOf(data: Table): Table[] {
  return asArray(data.package)
    .map((pkg) => asTable(pkg))
    .filter((pkg): pkg is Table => pkg !== undefined);
}

function inGroup(groups: unknown, group: string): boolean {
  return !Array.isArray(groups) || groups.includes(group);
}

function edges(pkg: Table): { name: string; extras: string[] }[] {
  return asArray(pkg.dependencies).map(toEdge);
}

function toEdge(entry: unknown): { name: string; extras: string[] } {
  const table = asTable(entry);
  const extras = asArray(table?.extra).filter(
    (extra): extra is string => typeof extra === "string",
  );
  return { name: normalizeName(String(table?.name ?? "")), extras };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function locked(pkg: Table, lines: ReadonlyMap<string, number>): LockedPackage {
  const name = String(pkg.name);
  return {
    name: normalizeName(name),
    version: String(pkg.version ?? ""),
    line: lines.get(name) ?? null,
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
