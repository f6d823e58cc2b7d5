/*
 * A dependency written as a TOML table entry (Pipfile `[packages]`, Poetry
 * `[tool.poetry.dependencies]`) → one pip requirement line, so pip can install a Pipfile or
 * a Poetry project without Pipenv or Poetry. Versions arrive already as PEP 440; git and
 * URL sources become direct references; markers (and Pipfile's `sys_platform = "== 'x'"`
 * shorthand) are kept; a local path can't be installed before the code is copied: null.
 */
import { asString, asTable } from "./pyproject.js";

/** Pipfile keys that are environment-marker shorthands (`os_name = "== 'nt'"`). */
const MARKER_KEYS = [
  "os_name",
  "sys_platform",
  "platform_machine",
  "platform_system",
  "python_version",
  "python_full_version",
  "implementation_name",
];

/** `version` is a PEP 440 specifier ("" for any); null for a local path dependency. */
export function tableDependencyLine(name: string, value: unknown, version: string): string | null {
  const table = asTable(value);
  if (table === undefined) return `${name}${version}`;
  if (table.path !== undefined || table.file !== undefined) return null;
  const extras = Array.isArray(table.extras) ? `[${table.extras.join(",")}]` : "";
  const marker = markerOf(table);
  return `${name}${extras}${sourceOf(table) ?? version}${marker ? ` ; ${marker}` : ""}`;
}

function sourceOf(table: Record<string, unknown>): string | null {
  const git = asString(table.git);
  if (git) {
    const ref =
      asString(table.rev) ?? asString(table.ref) ?? asString(table.tag) ?? asString(table.branch);
    const subdirectory = asString(table.subdirectory);
    return ` @ git+${git}${ref ? `@${ref}` : ""}${subdirectory ? `#subdirectory=${subdirectory}` : ""}`;
  }
  const url = asString(table.url);
  return url ? ` @ ${url}` : null;
}

function markerOf(table: Record<string, unknown>): string | null {
  const parts = [asString(table.markers)].filter((m): m is string => m !== undefined);
  for (const key of MARKER_KEYS) {
    const shorthand = asString(table[key]);
    if (shorthand) parts.push(`${key} ${shorthand}`);
  }
  return parts.length === 0
    ? null
    : parts.map((part) => (parts.length > 1 ? `(${part})` : part)).join(" and ");
}
