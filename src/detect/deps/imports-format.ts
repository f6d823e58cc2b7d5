/*
 * No manifest at all (a tutorial's lone app.py): the dependencies are in the imports. Every
 * absolute import that is neither the standard library nor the project's own code becomes
 * an unpinned requirement, with the file and line that imports it; imports guarded by
 * `except ImportError` are optional and only noted. Last in the format table: any manifest
 * the authors wrote beats a guess.
 */
import type { Requirement, Warning } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import { isSearchedSource } from "../app/python-sources.js";
import type { ProjectFiles } from "../project-files.js";
import { type ModuleImport, moduleImports } from "../python-ast/module-imports.js";
import { parsePython } from "../python-ast/parse-python.js";
import type { DependencyFormat, FormatMatch, FormatSkip } from "./dependency-format.js";
import { distributionFor, distributionName } from "./import-distributions.js";
import { STDLIB_MODULES } from "./stdlib-modules.js";

/** Namespace roots shared by many distributions: without a table entry, no guess is safe. */
const SHARED_NAMESPACES = new Set(["google", "azure", "zope", "jaraco", "backports"]);

/** Parsing is the cost: a project with no manifest and more files than this is cut short. */
const MAX_PARSED_FILES = 500;

const IMPORT_LINES = /^[ \t]*(?:import|from)[ \t]/gm;
/** Lines that continue a statement begun above them at the left margin (try/if/def bodies). */
const CONTINUES = /^(?:except|else|elif|finally)\b|^[ \t#]|^$/;

export const importsFormat: DependencyFormat = {
  name: "imports",
  manifests: () => [],
  detect: ({ files }) => inferFromImports(files),
};

function inferFromImports(files: ProjectFiles): FormatMatch | FormatSkip {
  const own = ownModules(files);
  const found = new Map<string, Requirement>();
  const warnings: Warning[] = [];
  const optional = new Map<string, Warning>();
  const sources = sourceFiles(files);
  for (const path of sources.slice(0, MAX_PARSED_FILES)) {
    const text = importRegion(files.read(path));
    if (text === "") continue;
    for (const imported of moduleImports(parsePython(text))) {
      const top = imported.module.split(".")[0] as string;
      if (STDLIB_MODULES.has(top) || own.has(top)) continue;
      const at = { file: path, line: imported.line };
      if (imported.optional) optional.set(top, optionalWarning(imported, at));
      else addRequirement(found, warnings, imported, at);
    }
  }
  if (sources.length > MAX_PARSED_FILES) warnings.push(truncated(sources.length));
  const requirements = [...found.values()];
  for (const [top, warning] of optional) {
    if (!requirements.some((req) => req.name === distributionName(distributionFor(top))))
      warnings.push(warning);
  }
  if (requirements.length === 0) return { kind: "skip", ignored: [] };
  return match(requirements, warnings);
}

function addRequirement(
  found: Map<string, Requirement>,
  warnings: Warning[],
  imported: ModuleImport,
  at: { file: string; line: number },
): void {
  const top = imported.module.split(".")[0] as string;
  const spec = distributionFor(imported.module);
  if (spec === top && SHARED_NAMESPACES.has(top)) {
    const text = withText(msg("warn.importUnknown", { module: imported.module }));
    if (!warnings.some((w) => w.message === text.message))
      warnings.push({ code: "W_IMPORT_UNKNOWN", ...text, ...at });
    return;
  }
  const name = distributionName(spec);
  if (found.has(name)) return;
  const why =
    name === distributionName(top)
      ? msg("ev.imported", { module: top })
      : msg("ev.importedFrom", { module: imported.module, spec });
  found.set(name, { name, spec, evidence: { ...at, ...because(why) } });
}

function match(requirements: Requirement[], warnings: Warning[]): FormatMatch {
  const first = requirements[0]?.evidence;
  return {
    kind: "match",
    tool: "pip",
    strategy: "imports",
    files: [],
    requirements,
    resolved: { lines: requirements.map((req) => req.spec), source: null, hashed: false },
    evidence: {
      file: first?.file ?? ".",
      line: null,
      ...because(msg("ev.deps.imports", { specs: requirements.map((r) => r.spec).join(", ") })),
    },
    warnings: [
      {
        code: "W_DEPS_FROM_IMPORTS",
        ...withText(msg("warn.depsFromImports")),
      },
      ...warnings,
    ],
  };
}

function optionalWarning(imported: ModuleImport, at: { file: string; line: number }): Warning {
  return {
    code: "W_OPTIONAL_IMPORT",
    ...withText(msg("warn.optionalImport", { module: imported.module })),
    ...at,
  };
}

function truncated(count: number): Warning {
  return {
    code: "W_IMPORTS_TRUNCATED",
    ...withText(msg("warn.importsTruncated", { max: MAX_PARSED_FILES, count })),
  };
}

/**
 * The part of a file that holds its imports: up to the last import line, and on to where
 * the statement around it ends (the next line at the left margin that doesn't continue it:
 * an `except ImportError:` after a guarded import is kept). Parsing costs time in proportion
 * to length, and imports sit at the top, so most of a file is never parsed. "" when none.
 */
export function importRegion(text: string): string {
  let last = -1;
  for (const match of text.matchAll(IMPORT_LINES)) last = match.index;
  if (last === -1) return "";
  let end = text.indexOf("\n", last);
  while (end !== -1) {
    const next = text.indexOf("\n", end + 1);
    const line = text.slice(end + 1, next === -1 ? undefined : next);
    if (!CONTINUES.test(line)) break;
    end = next;
  }
  return end === -1 ? text : text.slice(0, end);
}

/** Non-test project sources, shallowest first (the entry module is near the root). */
function sourceFiles(files: ProjectFiles): string[] {
  const depth = (path: string) => path.split("/").length;
  return files.paths.filter(isSearchedSource).sort((a, b) => depth(a) - depth(b));
}

/**
 * Names the project itself provides: every module file and package directory, at any
 * depth (a script in bot/ imports its sibling `utils` as a top-level module).
 */
function ownModules(files: ProjectFiles): Set<string> {
  const own = new Set<string>();
  for (const path of files.paths) {
    if (!path.endsWith(".py")) continue;
    const parts = path.split("/");
    own.add((parts.at(-1) as string).slice(0, -3));
    for (const dir of parts.slice(0, -1)) own.add(dir);
  }
  return own;
}
