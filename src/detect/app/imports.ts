/*
 * What each name in a Python module refers to, from its import statements: `from flask
 * import Flask as F` makes `F` mean `flask.Flask`, `import flask as fl` makes `fl.Flask`
 * mean `flask.Flask`. Local subclasses and aliases of resolved names are followed too.
 */
import type { Statement } from "./python-source.js";

export interface ImportTable {
  /** Local name → fully qualified name. */
  readonly names: ReadonlyMap<string, string>;
  /** Modules imported with `from X import *`. */
  readonly stars: readonly string[];
  /** Statement line of each import binding, for evidence. */
  readonly lines: ReadonlyMap<string, number>;
}

const IMPORT = /^import\s+(.+)$/;
const FROM_IMPORT = /^from\s+(\.*)([\w.]*)\s+import\s+(.+)$/;
const CLASS = /^class\s+([A-Za-z_]\w*)\s*\(\s*([A-Za-z_][\w.]*)\s*[,)]/;
const ALIAS = /^([A-Za-z_]\w*)\s*=\s*([A-Za-z_][\w.]*)$/;

/**
 * Imports anywhere in the module count (factories often import inside the function);
 * subclass/alias lines count only at module level, where they define a module name.
 */
export function collectImports(statements: readonly Statement[], pkg: string): ImportTable {
  const names = new Map<string, string>();
  const lines = new Map<string, number>();
  const stars: string[] = [];
  const bind = (local: string, target: string, line: number) => {
    names.set(local, target);
    lines.set(local, line);
  };
  for (const statement of statements) {
    const { code, line } = statement;
    const plain = IMPORT.exec(code);
    const from = FROM_IMPORT.exec(code);
    if (plain) bindImports(plain[1] as string, line, bind);
    else if (from) {
      const base = absoluteModule(from[1] as string, from[2] as string, pkg);
      bindFromImports(base, from[3] as string, line, bind, stars);
    } else if (statement.indent === 0) bindLocal(code, line, names, stars, bind);
  }
  return { names, stars, lines };
}

type Bind = (local: string, target: string, line: number) => void;

function bindImports(list: string, line: number, bind: Bind): void {
  for (const part of splitNames(list)) {
    const [target, alias] = part.split(/\s+as\s+/);
    if (!target) continue;
    // `import a.b` binds `a`; `a.b.X` then resolves through it unchanged.
    if (alias) bind(alias, target, line);
    else bind(target.split(".")[0] as string, target.split(".")[0] as string, line);
  }
}

function bindFromImports(base: string, list: string, line: number, bind: Bind, stars: string[]) {
  const inner = list.replace(/^\(|\)$/g, "");
  for (const part of splitNames(inner)) {
    if (part === "*") {
      stars.push(base);
      continue;
    }
    const [name, alias] = part.split(/\s+as\s+/);
    if (name) bind(alias ?? name, base ? `${base}.${name}` : name, line);
  }
}

function bindLocal(
  code: string,
  line: number,
  names: Map<string, string>,
  stars: readonly string[],
  bind: Bind,
): void {
  const match = CLASS.exec(code) ?? ALIAS.exec(code);
  if (!match) return;
  const table = { names, stars, lines: new Map() };
  const target = resolveName(table, match[2] as string);
  if (target !== match[2] || names.has(match[2] as string)) bind(match[1] as string, target, line);
}

function splitNames(list: string): string[] {
  return list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** `from ..x import y` in package `pkg.sub` → `pkg.x` (one dot = the package itself). */
function absoluteModule(dots: string, name: string, pkg: string): string {
  if (!dots) return name;
  const parts = pkg ? pkg.split(".") : [];
  const base = parts.slice(0, Math.max(0, parts.length - (dots.length - 1)));
  return [...base, ...(name ? [name] : [])].join(".");
}

/** Fully qualified name of a dotted expression like `fl.Flask`, or the text itself. */
export function resolveName(table: ImportTable, dotted: string): string {
  const [head, ...rest] = dotted.split(".");
  if (head === undefined) return dotted;
  const target = table.names.get(head);
  if (target !== undefined) return [target, ...rest].join(".");
  return dotted;
}
