/*
 * Names of the Python packages a build installs, read from the manifests in the build
 * context (requirements files, pyproject, Pipfile) and from inline `pip install` words.
 * Only names matter here (for the musl-wheel rule), so a lenient read is enough; broken
 * manifests are detect's business, not lint's.
 */
import { parse } from "smol-toml";
import { normalizeName } from "../core/package-name.js";
import type { BuildContext } from "./build-context.js";

const STANDARD = [
  "requirements.txt",
  "requirements/base.txt",
  "requirements/prod.txt",
  "requirements/production.txt",
];

/** The distribution name a requirement line or PEP 508 spec starts with, as written. */
export function leadingName(spec: string): string | null {
  return /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1] ?? null;
}

/** Package names from requirement lines, following `-r other.txt` includes once. */
export function requirementNames(build: BuildContext, files: readonly string[]): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, depth: number) => {
    if (seen.has(file) || depth > 5) return;
    seen.add(file);
    const text = build.read(file);
    if (text === null) return;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/\s#.*$/, "").trim();
      const include = /^(?:-r|--requirement)\s*=?\s*(\S+)/.exec(line);
      if (include?.[1]) visit(joinRelative(file, include[1]), depth + 1);
      const name = leadingName(line);
      if (name) names.add(normalizeName(name));
    }
  };
  for (const file of [...files, ...STANDARD]) visit(file, 0);
  for (const name of manifestNames(build)) names.add(name);
  return names;
}

function joinRelative(from: string, include: string): string {
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  return include.startsWith("/") ? include : `${dir}${include}`;
}

function manifestNames(build: BuildContext): string[] {
  const names: string[] = [];
  const pyproject = readToml(build, "pyproject.toml");
  const project = pyproject?.project as { dependencies?: unknown } | undefined;
  if (Array.isArray(project?.dependencies)) {
    for (const spec of project.dependencies) {
      const name = leadingName(String(spec));
      if (name) names.push(normalizeName(name));
    }
  }
  const poetry = (pyproject?.tool as { poetry?: { dependencies?: object } } | undefined)?.poetry;
  names.push(...Object.keys(poetry?.dependencies ?? {}).map(normalizeName));
  const pipfile = readToml(build, "Pipfile");
  names.push(...Object.keys((pipfile?.packages as object | undefined) ?? {}).map(normalizeName));
  return names.filter((name) => name !== "python");
}

function readToml(build: BuildContext, path: string): Record<string, unknown> | null {
  const text = build.read(path);
  if (text === null) return null;
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}
