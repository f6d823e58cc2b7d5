/*
 * The app's own code, without the rest of the tree: detectors that read what the app does at
 * start (its database, the variables it cannot start without) look only here, so that
 * `pyship plan` stays fast on large trees and a script in tools/ does not speak for the app.
 */
import type { EntrypointCandidate, Evidence } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { isSearchedSource } from "./python-sources.js";

export interface Source {
  readonly file: string;
  readonly text: string;
}

/** Matches a top-level `import pkg` / `from pkg import …` / `from pkg.sub import …`. */
const TOP_IMPORT =
  /^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)[\w.]*[ \t]+import|import[ \t]+([A-Za-z_]\w*))/gm;

/**
 * Where the app's commands and database settings live: the package of its entry module
 * (flaskr/, src/blog/), or for a module at the root (greybook's app.py, flasky.py) the root's
 * files and the project packages it imports. Only these are read, so `pyship plan` stays
 * fast on large trees; with no entry, every searched file.
 */
function appScope(files: ProjectFiles, entry: EntrypointCandidate | undefined) {
  const file = entry?.evidence.file;
  if (file === undefined) return () => true;
  const parts = file.split("/");
  const depth = parts[0] === "src" ? 2 : 1;
  if (parts.length > depth) {
    const dir = `${parts.slice(0, depth).join("/")}/`;
    return (path: string) => path.startsWith(dir) || !path.includes("/");
  }
  const text = safeRead(files, file);
  const imported = [...text.matchAll(TOP_IMPORT)].map((m) => `${m[1] ?? m[2]}/`);
  return (path: string) => !path.includes("/") || imported.some((dir) => path.startsWith(dir));
}

function safeRead(files: ProjectFiles, file: string): string {
  try {
    return files.read(file);
  } catch {
    return "";
  }
}

/** The Python files of the app's scope, read (appScope). */
export function appSources(files: ProjectFiles, entry: EntrypointCandidate | undefined): Source[] {
  const inScope = appScope(files, entry);
  return files.paths
    .filter((path) => isSearchedSource(path) && inScope(path))
    .flatMap((file) => {
      try {
        return [{ file, text: files.read(file) }];
      } catch {
        return []; // unreadable: the entrypoint scan already warned about it
      }
    });
}

/**
 * The first line matching `pattern` that is not a comment, in the first source that has one,
 * quoted as the evidence's why.
 */
export function firstLine(sources: readonly Source[], pattern: RegExp): Evidence | null {
  for (const source of sources) {
    const lines = source.text.split("\n");
    const index = lines.findIndex((line) => pattern.test(line) && !/^\s*#/.test(line));
    if (index >= 0)
      return { file: source.file, line: index + 1, why: (lines[index] as string).trim() };
  }
  return null;
}
