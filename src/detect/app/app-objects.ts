/*
 * Finds application objects in a scanned module: module-level `name = Class(...)`
 * (annotated and chained assignments included) and module-level functions that build and
 * return one (factories). Which classes count is the caller's: a framework gives the
 * qualified names of its class, resolved through the module's imports.
 */
import { resolveName } from "./imports.js";
import { blockBody, type Statement } from "./python-source.js";
import type { PyModule } from "./python-sources.js";

/** A framework's application class, e.g. `flask.Flask`. */
export interface AppClass {
  /** Short class name; also the substring a file must contain to be worth scanning. */
  readonly name: string;
  readonly qualified: readonly string[];
}

export interface FoundObject {
  readonly name: string;
  readonly line: number;
  /** The callee as written, e.g. `fl.Flask`. */
  readonly callee: string;
}

export interface FoundFactory extends FoundObject {
  /** Parameters without defaults: a server calls the factory with none. */
  readonly required: readonly string[];
  /**
   * Found by what it builds (it constructs or is annotated as the class), not by its
   * conventional name alone: tells Falcon's WSGI App from its ASGI App in one factory.
   */
  readonly builds: boolean;
}

/** `app: Flask = application = Flask(` → targets `app`, callee `Flask`. */
const ASSIGNMENT = /^((?:[A-Za-z_]\w*\s*(?::[^=]+)?=(?!=)\s*)+)([A-Za-z_][\w.]*)\s*\(/;
const DEF = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\((.*)\)\s*(?:->\s*(.+?))?\s*:$/;
const RETURN = /^return\s+(.+)$/;
/** Factory names so conventional that the module importing the framework is enough. */
const CONVENTIONAL_FACTORIES = new Set(["create_app", "make_app"]);

/** Whether `callee` (as written in `module`) constructs `cls`. */
export function constructs(module: PyModule, callee: string, cls: AppClass): boolean {
  const resolved = resolveName(module.imports, callee);
  if (cls.qualified.includes(resolved)) return true;
  // Not imported under that name (star import, or imported elsewhere): trust the exact name.
  return callee === cls.name && !module.imports.names.has(callee);
}

export function findObjects(module: PyModule, cls: AppClass): FoundObject[] {
  const found: FoundObject[] = [];
  for (const statement of module.statements) {
    if (statement.indent !== 0) continue;
    const match = ASSIGNMENT.exec(statement.code);
    if (!match || !constructs(module, match[2] as string, cls)) continue;
    const name = /^[A-Za-z_]\w*/.exec(match[1] as string)?.[0] as string;
    found.push({ name, line: statement.line, callee: match[2] as string });
  }
  return found;
}

/** Module-level functions returning a new `cls`, plus create_app/make_app in modules using it. */
export function findFactories(module: PyModule, cls: AppClass): FoundFactory[] {
  const found: FoundFactory[] = [];
  module.statements.forEach((statement, index) => {
    const def = statement.indent === 0 ? DEF.exec(statement.code) : null;
    if (!def) return;
    const [, name, params, returns] = def as unknown as [string, string, string, string?];
    const body = blockBody(module.statements, index);
    const annotated = returns !== undefined && constructs(module, returns.trim(), cls);
    const conventional = CONVENTIONAL_FACTORIES.has(name) && usesClass(module, cls);
    const builds = annotated || returnsNew(module, body, cls);
    if (builds || conventional) {
      found.push({
        name,
        line: statement.line,
        callee: cls.name,
        required: requiredParams(params),
        builds,
      });
    }
  });
  return found;
}

/** Whether the module imports anything from the class's top-level package. */
function usesClass(module: PyModule, cls: AppClass): boolean {
  const packages = new Set(cls.qualified.map((name) => name.split(".")[0]));
  return [...module.imports.names.values()].some((target) => packages.has(target.split(".")[0]));
}

/** `x = Flask(...)` … `return x`, or `return Flask(...)`, anywhere in the body. */
function returnsNew(module: PyModule, body: readonly Statement[], cls: AppClass): boolean {
  const built = new Set<string>();
  for (const statement of body) {
    const assignment = ASSIGNMENT.exec(statement.code);
    if (assignment && constructs(module, assignment[2] as string, cls)) {
      for (const target of (assignment[1] as string).matchAll(/([A-Za-z_]\w*)\s*(?::[^=]+)?=/g)) {
        built.add(target[1] as string);
      }
    }
    const returned = RETURN.exec(statement.code)?.[1]?.trim();
    if (returned === undefined) continue;
    if (built.has(returned)) return true;
    const call = /^([A-Za-z_][\w.]*)\s*\(/.exec(returned);
    if (call && constructs(module, call[1] as string, cls)) return true;
  }
  return false;
}

/** Parameter names without a default value (`*args`, `**kw`, `/`, `*` never required). */
/**
 * A module-level function that takes no required arguments and returns `factory(...)`:
 * `def get_app(): return create_app(ImageStore(path))` — what a server can call when the
 * factory itself needs arguments.
 */
export function noArgumentWrapper(
  module: PyModule,
  factory: string,
): { name: string; line: number } | null {
  const returnsFactory = new RegExp(`^return\\s+${factory}\\s*\\(`);
  for (const [index, statement] of module.statements.entries()) {
    const def = statement.indent === 0 ? DEF.exec(statement.code) : null;
    if (!def || def[1] === factory || requiredParams(def[2] ?? "").length > 0) continue;
    const body = blockBody(module.statements, index);
    if (body.some((line) => returnsFactory.test(line.code)))
      return { name: def[1] as string, line: statement.line };
  }
  return null;
}

function requiredParams(params: string): string[] {
  return splitTopLevel(params)
    .map((param) => param.trim())
    .filter((param) => param && !param.includes("=") && !/^[*/]/.test(param))
    .map((param) => param.split(":")[0]?.trim() as string)
    .filter((param) => param !== "self");
}

/** Splits on commas outside brackets (defaults like `x=(1, 2)`). */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if ("([{".includes(ch)) depth += 1;
    if (")]}".includes(ch)) depth -= 1;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
