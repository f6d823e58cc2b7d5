/*
 * Pure checks over the list of paths in an image: files that must never leave the
 * developer's machine (secrets, .git, virtualenvs, bytecode caches) and compilers that must
 * not reach the final stage. Leaks are only looked for outside system directories, so
 * Python's own caches under /usr and the image's virtualenv never count.
 */

/** Top-level directories that belong to the OS and its packages, not to the app. */
const SYSTEM_DIRS = [
  "/proc",
  "/sys",
  "/dev",
  "/usr",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/bin",
  "/sbin",
  "/etc",
  "/boot",
  "/run",
  "/var/lib",
  "/var/cache",
  "/var/log",
];

interface LeakRule {
  readonly what: string;
  /** Index of the offending path segment, or -1 when the path is fine. */
  readonly match: (segments: readonly string[]) => number;
}

const ENV_EXAMPLES = /^\.env\.(example|sample|template|dist|defaults?)$/;
const KEY_FILE = /(\.pem|\.key)$|^id_(rsa|dsa|ecdsa|ed25519)/;

// Order only affects which reason is shown when one path matches several rules.
const LEAK_RULES: readonly LeakRule[] = [
  { what: ".git", match: (s) => s.indexOf(".git") },
  { what: "virtualenv", match: (s) => (s.at(-1) === "pyvenv.cfg" ? s.length - 2 : -1) },
  {
    what: ".env",
    match: (s) => lastIndex(s, (x) => /^\.env(\..+)?$/.test(x) && !ENV_EXAMPLES.test(x)),
  },
  { what: "private key", match: (s) => lastIndex(s, (x) => KEY_FILE.test(x)) },
  { what: "__pycache__", match: (s) => s.indexOf("__pycache__") },
];

export interface Leak {
  readonly what: string;
  /** The offending directory or file (e.g. /app/.git, not each file inside it). */
  readonly path: string;
}

/** Normalizes `./app/x/` or `app/x` (tar listings) to `/app/x`. */
export function normalizePath(name: string): string {
  const trimmed = name.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  return `/${trimmed}`;
}

/** Inside the OS's own directories or a virtualenv: not the app's files. */
export function isSystemPath(path: string, venvRoots: readonly string[]): boolean {
  return [...SYSTEM_DIRS, ...venvRoots].some((dir) => path === dir || path.startsWith(`${dir}/`));
}

export function findLeaks(paths: readonly string[], venvRoots: readonly string[]): Leak[] {
  const found = new Map<string, Leak>();
  for (const path of paths) {
    if (isSystemPath(path, venvRoots)) continue;
    const segments = path.split("/").filter(Boolean);
    for (const rule of LEAK_RULES) {
      const index = rule.match(segments);
      if (index < 0) continue;
      const root = `/${segments.slice(0, index + 1).join("/")}`;
      if (!found.has(root)) found.set(root, { what: rule.what, path: root });
      break;
    }
  }
  return [...found.values()].filter((leak) => !hasAncestor(found, leak.path));
}

/** Compiler drivers in any bin directory: gcc, cc, g++, c++, clang (versioned or triplet). */
const COMPILER =
  /^(?:[\w.]+-linux-gnu-)?(?:gcc|cc|g\+\+|c\+\+|clang|clang\+\+)(?:-\d+(?:\.\d+)*)?$/;

export function findCompilers(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    const slash = path.lastIndexOf("/");
    return path.slice(0, slash).endsWith("/bin") && COMPILER.test(path.slice(slash + 1));
  });
}

function lastIndex(segments: readonly string[], test: (segment: string) => boolean): number {
  for (let i = segments.length - 1; i >= 0; i--) if (test(segments[i] ?? "")) return i;
  return -1;
}

/** A leaked venv is reported once, not once per __pycache__ inside it. */
function hasAncestor(found: ReadonlyMap<string, Leak>, path: string): boolean {
  for (const root of found.keys()) if (path.startsWith(`${root}/`)) return true;
  return false;
}
