/*
 * The dotted import name of a Python file, as a server would import it: `shop/__init__.py`
 * → `shop`, `src/pkg/x.py` → `pkg.x`. When a directory is not importable from the project
 * root (src layout, a folder named `my-service`), `root` says which directory must be on
 * sys.path (or the package installed) for the import to work.
 */
import { english, type Message, msg } from "../../i18n/message.js";

export interface ModulePath {
  /** Dotted module name, e.g. `shop.views`. */
  readonly module: string;
  /** The package that holds it (itself for `__init__.py`), for relative imports. */
  readonly pkg: string;
  /** Directory (relative, POSIX) the import works from, or null for the project root. */
  readonly root: string | null;
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

export function modulePath(path: string): ModulePath {
  const parts = path.replace(/\.py$/, "").split("/");
  const isPackage = parts.at(-1) === "__init__";
  if (isPackage) parts.pop();
  // The import root is the deepest directory below which every part is an identifier;
  // `src/` is the usual such root even though `src` itself would be importable.
  let cut = parts[0] === "src" && parts.length > 1 ? 1 : 0;
  parts.forEach((part, index) => {
    if (!IDENTIFIER.test(part)) cut = Math.max(cut, index + 1);
  });
  const names = parts.slice(cut);
  const module = names.join(".");
  const pkg = isPackage ? module : names.slice(0, -1).join(".");
  return { module, pkg, root: cut > 0 ? parts.slice(0, cut).join("/") : null };
}

/** Evidence text for a module that only imports from a sub-directory. */
export function rootNote(root: string | null): string {
  const note = rootNoteText(root);
  return note === null ? "" : english(note);
}

/** rootNote as a catalog message; null when the module imports from the project root. */
export function rootNoteText(root: string | null): Message | null {
  if (root === null) return null;
  return msg(root === "src" ? "ev.root.srcNote" : "ev.root.note", { root });
}
