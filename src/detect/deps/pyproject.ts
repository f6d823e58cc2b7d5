/*
 * Typed access to the parts of pyproject.toml that detection reads ([project],
 * [tool.poetry], [build-system]), parsed once through ProjectFiles' cache.
 */
import type { ProjectFiles } from "../project-files.js";

export type Table = Record<string, unknown>;

export interface Pyproject {
  readonly file: "pyproject.toml";
  readonly text: string;
  readonly data: Table;
  /** PEP 621 [project], when present. */
  readonly project: Table | undefined;
  /** [tool.poetry], when present. */
  readonly poetry: Table | undefined;
}

export function readPyproject(files: ProjectFiles): Pyproject | null {
  if (!files.has("pyproject.toml")) return null;
  const data = files.toml("pyproject.toml");
  return {
    file: "pyproject.toml",
    text: files.read("pyproject.toml"),
    data,
    project: asTable(data.project),
    poetry: asTable(asTable(data.tool)?.poetry),
  };
}

export function asTable(value: unknown): Table | undefined {
  return typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
    ? (value as Table)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The strings of an array, ignoring anything else (callers validate where it matters). */
export function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}
