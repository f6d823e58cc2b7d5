/*
 * The project's own Python files that could hold an entrypoint, read and scanned at most
 * once each. Files are read lazily and scanned only when a cheap substring test says a
 * detector cares, which keeps `pyship plan` fast on large trees. Unreadable files and
 * files that are not valid UTF-8 become warnings, never crashes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Warning } from "../../core/pipeline.js";
import { type Message, msg, withText } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import { collectImports, type ImportTable } from "./imports.js";
import { type ModulePath, modulePath } from "./module-path.js";
import { type Statement, scanPython } from "./python-source.js";

export interface PyModule extends ModulePath {
  readonly path: string;
  readonly statements: readonly Statement[];
  readonly imports: ImportTable;
}

/**
 * Never entrypoints, and searching them would invent ambiguity: tests build apps in
 * fixtures, migrations and docs are not run, and examples/ or samples/ show how to use a
 * library rather than what the project deploys. Hidden directories hold tooling.
 */
const SKIPPED_DIRS =
  /(^|\/)(tests?|testing|migrations|alembic|docs?|examples?|samples?|__pypackages__|vendor|third_party|\.[^/]+)\//;
/** Test modules, and files every tool runs but that never serve: setup, nox, manage.py. */
const SKIPPED_FILES =
  /(^|\/)(test_[^/]*|[^/]*_test|conftest|setup|noxfile|fabfile|manage|gunicorn\.conf)\.py$/;

export function isSearchedSource(path: string): boolean {
  return path.endsWith(".py") && !inSkippedDir(path) && !SKIPPED_FILES.test(path);
}

export function inSkippedDir(path: string): boolean {
  return SKIPPED_DIRS.test(path);
}

/** Package depth of a file: `app.py`, `shop/__init__.py`, `src/pkg/__init__.py` → 0. */
export function sourceDepth(path: string): number {
  const parts = path.replace(/^src\//, "").split("/");
  return parts.length - (parts.at(-1) === "__init__.py" ? 2 : 1);
}

export class PythonSources {
  /** Only files at most this deep are searched (see detect-entrypoints.ts). */
  maxDepth = Number.POSITIVE_INFINITY;
  private searched: ReadonlyMap<string, number> | null = null;
  private readonly modules = new Map<string, PyModule | null>();

  constructor(
    readonly files: ProjectFiles,
    private readonly warnings: Warning[],
  ) {}

  /** Searched files → their depth; computed on first use (port detection never needs it). */
  private get depths(): ReadonlyMap<string, number> {
    this.searched ??= new Map(
      this.files.paths.filter(isSearchedSource).map((path) => [path, sourceDepth(path)]),
    );
    return this.searched;
  }

  /** The deepest level any searched file is at. */
  get deepest(): number {
    let deepest = 0;
    for (const depth of this.depths.values()) deepest = Math.max(deepest, depth);
    return deepest;
  }

  /**
   * Searched files (within maxDepth) whose text contains `needle` and, when `pkg` is given,
   * has an import line naming that package — both cheap tests on the raw text, so only
   * files that can matter are scanned.
   */
  containing(needle: string, pkg?: string): PyModule[] {
    const imports = pkg === undefined ? null : importLine(pkg);
    const found: PyModule[] = [];
    for (const [path, depth] of this.depths) {
      if (depth > this.maxDepth) continue;
      const text = this.text(path);
      if (text?.includes(needle) && (imports === null || imports.test(text))) {
        const module = this.module(path);
        if (module) found.push(module);
      }
    }
    return found;
  }

  /** Any Python file (searched or not, e.g. manage.py), scanned; null when unreadable. */
  module(path: string): PyModule | null {
    const cached = this.modules.get(path);
    if (cached !== undefined) return cached;
    const text = this.text(path);
    const statements = text === null ? null : scanPython(text);
    const where = modulePath(path);
    const module = statements && {
      ...where,
      path,
      statements,
      imports: collectImports(statements, where.pkg),
    };
    this.modules.set(path, module);
    return module;
  }

  /** File text, or null (with one warning) when it can't be used as Python source. */
  text(path: string): string | null {
    if (this.modules.get(path) === null) return null;
    try {
      const text = this.files.read(path);
      if (
        !text.includes("\uFFFD") ||
        decodesAsUtf8(this.files.root, path) ||
        hasCodingCookie(text)
      ) {
        return text;
      }
      this.skip(path, msg("warn.sourceSkipped.encoding"));
    } catch (cause) {
      const errno = (cause as { cause?: NodeJS.ErrnoException }).cause?.code;
      this.skip(path, msg("warn.sourceSkipped.unreadable", { errno: errno ?? "error" }));
    }
    return null;
  }

  private skip(path: string, why: Message): void {
    this.modules.set(path, null);
    this.warnings.push({
      code: "W_SOURCE_SKIPPED",
      ...withText(msg("warn.sourceSkipped", { path, why })),
      file: path,
    });
  }
}

const IMPORT_LINES = new Map<string, RegExp>();

/** `from flask import …`, `import flask`, `import os, flask.app as f` at any indentation. */
function importLine(pkg: string): RegExp {
  let pattern = IMPORT_LINES.get(pkg);
  if (!pattern) {
    pattern = new RegExp(
      `^[ \\t]*(?:from[ \\t]+${pkg}\\b|import[ \\t]+(?:[\\w.]+(?:[ \\t]+as[ \\t]+\\w+)?[ \\t]*,[ \\t]*)*${pkg}\\b)`,
      "m",
    );
    IMPORT_LINES.set(pkg, pattern);
  }
  return pattern;
}

/** A lenient read shows U+FFFD for bad bytes; re-check strictly (rare, so read again). */
function decodesAsUtf8(root: string, path: string): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(join(root, path)));
    return true;
  } catch {
    return false;
  }
}

/** PEP 263: `# -*- coding: latin-1 -*-` on line 1 or 2 makes other encodings valid. */
function hasCodingCookie(text: string): boolean {
  const head = text.split("\n", 2);
  return head.some((line) => /^[ \t\f]*#.*?coding[:=][ \t]*(?!utf-?8)[-\w.]+/i.test(line));
}

/** `pkg.cli` → `pkg/cli.py`, `pkg/cli/__init__.py`, or the same under `src/`. */
export function moduleFile(sources: PythonSources, dotted: string): string | null {
  const base = dotted.replace(/\./g, "/");
  const paths = ["", "src/"].flatMap((root) => [`${root}${base}.py`, `${root}${base}/__init__.py`]);
  return paths.find((path) => sources.files.has(path)) ?? null;
}
