/*
 * uv.lock holds every group of the project in one graph, with environment markers on the
 * edges (`{ name = "colorama", marker = "sys_platform == 'win32'" }`) rather than on the
 * packages. The runtime set is what the project's own entries reach; a package's marker is
 * the OR over the paths that reach it of the AND of the edge markers along each path, so a
 * Windows-only dependency's own dependencies stay Windows-only. Forked resolutions (one
 * name, several versions) keep the package's `resolution-markers`.
 */
import { normalizeName } from "../../core/package-name.js";
import type { Table } from "./pyproject.js";

/** Marker atoms that must all hold; [] means always. */
type Condition = readonly string[];

/** Beyond this many alternative paths a package is treated as always needed (safe side). */
const MAX_ALTERNATIVES = 8;

export interface ReachedPackage {
  readonly pkg: Table;
  readonly marker: string | null;
  /** Extras some reached package asks of it (`uvicorn[standard]`), sorted. */
  readonly extras: readonly string[];
}

interface Edge {
  readonly name: string;
  readonly version: string | undefined;
  readonly marker: string | undefined;
  readonly extras: readonly string[];
}

export function uvClosure(packages: readonly Table[]): ReachedPackage[] {
  const byName = new Map<string, Table[]>();
  for (const pkg of packages) {
    const name = normalizeName(String(pkg.name));
    byName.set(name, [...(byName.get(name) ?? []), pkg]);
  }
  // Keyed by package and extra: `pkg[extra]` pulls in the extra's dependencies.
  const reached = new Map<string, Condition[]>();
  const keys = new Map(packages.map((pkg, index) => [pkg, String(index)]));
  const queue: [Table, string | null, Condition][] = packages
    .filter(isRoot)
    .map((pkg) => [pkg, null, []]);
  const order: Table[] = []; // first reached first, like the walk of the graph
  const wantedExtras = new Map<Table, Set<string>>();
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [pkg, extra, condition] = item;
    const key = `${keys.get(pkg)}[${extra ?? ""}]`;
    if (!reached.has(key) && extra === null) order.push(pkg);
    if (extra !== null) wantedExtras.set(pkg, new Set([...(wantedExtras.get(pkg) ?? []), extra]));
    if (!record(reached, key, condition)) continue;
    for (const edge of edgesOf(pkg, extra)) {
      const next = edge.marker === undefined ? condition : and(condition, edge.marker);
      for (const target of targets(byName, edge)) {
        queue.push([target, null, next]);
        for (const wanted of edge.extras) queue.push([target, wanted, next]);
      }
    }
  }
  return order.flatMap((pkg) => {
    const conditions = reached.get(`${keys.get(pkg)}[]`);
    if (conditions === undefined || isRoot(pkg)) return [];
    const extras = [...(wantedExtras.get(pkg) ?? [])].sort();
    return [{ pkg, marker: markerOf(pkg, conditions, byName), extras }];
  });
}

/** Adds a path condition; false when an existing, weaker one already covers it. */
function record(reached: Map<string, Condition[]>, key: string, condition: Condition): boolean {
  const existing = reached.get(key) ?? [];
  if (existing.some((known) => known.every((atom) => condition.includes(atom)))) return false;
  const kept = existing.filter((known) => !condition.every((atom) => known.includes(atom)));
  reached.set(key, kept.length >= MAX_ALTERNATIVES ? [[]] : [...kept, condition]);
  return true;
}

function and(condition: Condition, marker: string): Condition {
  return condition.includes(marker) ? condition : [...condition, marker].sort();
}

function isRoot(pkg: Table): boolean {
  const source = pkg.source as Table | undefined;
  return source?.virtual !== undefined || source?.editable !== undefined;
}

function edgesOf(pkg: Table, extra: string | null): Edge[] {
  const entries =
    extra === null
      ? asArray(pkg.dependencies)
      : asArray((pkg["optional-dependencies"] as Table | undefined)?.[extra]);
  return entries.map((entry) => {
    const table = (entry ?? {}) as Table;
    return {
      name: normalizeName(String(table.name ?? "")),
      version: typeof table.version === "string" ? table.version : undefined,
      marker: typeof table.marker === "string" ? table.marker : undefined,
      extras: asArray(table.extra).filter((x): x is string => typeof x === "string"),
    };
  });
}

function targets(byName: ReadonlyMap<string, Table[]>, edge: Edge): Table[] {
  const candidates = byName.get(edge.name) ?? [];
  if (edge.version === undefined) return candidates;
  return candidates.filter((pkg) => pkg.version === edge.version);
}

function markerOf(
  pkg: Table,
  conditions: readonly Condition[],
  byName: ReadonlyMap<string, Table[]>,
): string | null {
  const paths = conditions.some((condition) => condition.length === 0)
    ? null
    : anyOf(conditions.map((condition) => allOf(condition)));
  const forked = (byName.get(normalizeName(String(pkg.name))) ?? []).length > 1;
  const resolution = forked
    ? asArray(pkg["resolution-markers"]).filter((m): m is string => typeof m === "string")
    : [];
  const fork = resolution.length > 0 ? anyOf(resolution) : null;
  if (paths === null || fork === null) return paths ?? fork;
  return `(${paths}) and (${fork})`;
}

function allOf(atoms: readonly string[]): string {
  return atoms.length === 1 ? (atoms[0] as string) : atoms.map((atom) => `(${atom})`).join(" and ");
}

/** Markers of several paths to one package: any of them installs it. */
export function anyOf(alternatives: readonly string[]): string {
  return alternatives.length === 1
    ? (alternatives[0] as string)
    : alternatives.map((alternative) => `(${alternative})`).join(" or ");
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
