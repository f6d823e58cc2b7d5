/*
 * The cheap facts every detector starts from, gathered once: the list of files (walked
 * once, skipping virtualenvs, caches, VCS and vendored trees), and cached reads and TOML
 * parses. Detectors never walk the tree themselves, so `pyship plan` stays fast on large
 * projects.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml, TomlError } from "smol-toml";
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";

/** Directories never searched: environments, caches, VCS, build output, vendored code. */
const SKIPPED_DIRS = new Set([
  ".git",
  ".hg",
  ".svn",
  ".venv",
  "venv",
  "env",
  ".env",
  "virtualenv",
  ".tox",
  ".nox",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  "node_modules",
  "site-packages",
  "dist-packages",
  "build",
  "dist",
  ".eggs",
  ".idea",
  ".vscode",
]);

/** Keeps the walk bounded on huge monorepos; deeper code is rarely an entrypoint. */
const MAX_DEPTH = 8;

export interface ProjectFiles {
  readonly root: string;
  /** Every file found, relative POSIX paths, sorted. */
  readonly paths: readonly string[];
  has(path: string): boolean;
  /** UTF-8 text of a file; throws E_IO naming the file when it can't be read. */
  read(path: string): string;
  /** Parsed TOML; throws E_PARSE naming the file and line when malformed. */
  toml(path: string): Record<string, unknown>;
}

export function scanProject(root: string): ProjectFiles {
  const paths = walk(root, "", 0).sort();
  const set = new Set(paths);
  const texts = new Map<string, string>();
  const tomls = new Map<string, Record<string, unknown>>();
  const read = (path: string): string => {
    const cached = texts.get(path);
    if (cached !== undefined) return cached;
    const text = readText(root, path);
    texts.set(path, text);
    return text;
  };
  return {
    root,
    paths,
    has: (path) => set.has(path),
    read,
    toml(path) {
      const cached = tomls.get(path);
      if (cached) return cached;
      const parsed = parseTomlFile(path, read(path));
      tomls.set(path, parsed);
      return parsed;
    },
  };
}

/** A directory holding a virtualenv under any name (pyvenv.cfg marks one). */
function isVirtualenv(dir: string): boolean {
  try {
    return statSync(join(dir, "pyvenv.cfg")).isFile();
  } catch {
    return false;
  }
}

function walk(root: string, relative: string, depth: number): string[] {
  const dir = relative ? join(root, relative) : root;
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (cause) {
    if (depth === 0) throw unreadable(root, cause);
    return []; // an unreadable subdirectory is skipped, not fatal
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isFile()) found.push(path);
    else if (entry.isDirectory() && depth < MAX_DEPTH && shouldDescend(root, path, entry.name)) {
      found.push(...walk(root, path, depth + 1));
    }
  }
  return found;
}

function shouldDescend(root: string, path: string, name: string): boolean {
  if (SKIPPED_DIRS.has(name) || name.endsWith(".egg-info")) return false;
  return !isVirtualenv(join(root, path));
}

function readText(root: string, path: string): string {
  try {
    return readFileSync(join(root, path), "utf8");
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

function unreadable(path: string, cause: unknown): PyshipError {
  const reason = (cause as NodeJS.ErrnoException)?.code ?? "unreadable";
  return new PyshipError("E_IO", msg("io.cannotRead", { path, reason }), {
    file: path,
    hint: msg("io.cannotRead.hint"),
    cause,
  });
}

function parseTomlFile(path: string, text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (cause) {
    const line = cause instanceof TomlError ? cause.line : undefined;
    const reason = (cause instanceof Error && cause.message.split("\n")[0]) || "invalid TOML";
    throw new PyshipError("E_PARSE", msg("parse.toml", { reason }), {
      file: path,
      line,
      hint: msg("parse.toml.hint", { path }),
      cause,
    });
  }
}
