/*
 * What the context-aware rules may know about the build context: which paths exist, file
 * contents, and the .dockerignore that applies. A port, so rules stay pure and tests use an
 * in-memory context; the file-system one reads lazily and never outside the context dir.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";

export interface BuildContext {
  exists(path: string): boolean;
  /** File text, or null when missing, a directory or unreadable. */
  read(path: string): string | null;
  /** Contents of the .dockerignore used for this Dockerfile, or null when there is none. */
  readonly dockerignore: string | null;
}

export function memoryContext(files: Readonly<Record<string, string>>): BuildContext {
  const has = (path: string) => {
    const clean = normalize(path);
    return Object.keys(files).some((file) => file === clean || file.startsWith(`${clean}/`));
  };
  return {
    exists: has,
    read: (path) => files[normalize(path)] ?? null,
    dockerignore: files[".dockerignore"] ?? null,
  };
}

/** Docker prefers `<Dockerfile name>.dockerignore` next to the Dockerfile, then the context's. */
export function fsContext(dir: string, dockerfile: string): BuildContext {
  const root = resolve(dir);
  const inside = (path: string) => {
    const full = resolve(root, normalize(path));
    return relative(root, full).startsWith("..") ? null : full;
  };
  const read = (path: string) => {
    const full = inside(path);
    try {
      return full && statSync(full).isFile() ? readFileSync(full, "utf8") : null;
    } catch {
      return null;
    }
  };
  const specific = join(dirname(resolve(dockerfile)), `${basename(dockerfile)}.dockerignore`);
  const dockerignore = existsSync(specific)
    ? readFileSync(specific, "utf8")
    : read(".dockerignore");
  return {
    exists: (path) => {
      const full = inside(path);
      return full !== null && existsSync(full);
    },
    read,
    dockerignore,
  };
}

function normalize(path: string): string {
  return path
    .replace(/^\.\/+/, "")
    .replace(/^\/+/, "")
    .replace(/\/+$/, "");
}
