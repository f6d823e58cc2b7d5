/*
 * The absolute modules a Python file imports, from its syntax tree: `import a.b as c` and
 * `from a.b import c` give `a.b`; relative imports (`from . import x`) are the project's own
 * and skipped. An import guarded by `try: … except ImportError` is optional (the code runs
 * without it); one under `if TYPE_CHECKING:` never runs and is skipped.
 */
import type { SyntaxNode } from "@lezer/common";
import { nodesNamed, type PythonTree } from "./parse-python.js";

export interface ModuleImport {
  /** Dotted module name as written, e.g. `google.protobuf.message`. */
  readonly module: string;
  /** 1-based line of the import statement. */
  readonly line: number;
  /** Inside a try whose handler catches ImportError: the code copes without it. */
  readonly optional: boolean;
}

const IMPORT_STATEMENT = new Set(["ImportStatement"]);
/** Handlers that make a failed import harmless; a bare `except:` does too. */
const IMPORT_ERRORS = new Set(["ImportError", "ModuleNotFoundError", "Exception"]);

export function moduleImports(tree: PythonTree): ModuleImport[] {
  return nodesNamed(tree, IMPORT_STATEMENT).flatMap((statement) => {
    if (underTypeChecking(tree, statement)) return [];
    const optional = underImportGuard(tree, statement);
    const line = tree.lineOf(statement.from);
    return importedModules(tree, statement).map((module) => ({ module, line, optional }));
  });
}

/** `import a.b, c as d` → [a.b, c]; `from a.b import x` → [a.b]; relative → []. */
function importedModules(tree: PythonTree, statement: SyntaxNode): string[] {
  const modules: string[] = [];
  let current = "";
  let afterAs = false;
  for (let child = statement.firstChild; child !== null; child = child.nextSibling) {
    const text = tree.textOf(child);
    if (child.name === "from" || child.name === "import") {
      if (child.name === "import" && statement.firstChild?.name === "from") break;
      continue;
    }
    if (child.name === "." && current === "") return []; // relative: the project's own code
    if (child.name === "VariableName" && !afterAs) current += text;
    else if (child.name === ".") current += ".";
    else if (child.name === "as") afterAs = true;
    else if (child.name === ",") {
      if (current) modules.push(current);
      current = "";
      afterAs = false;
    }
  }
  if (current) modules.push(current);
  return modules;
}

function underTypeChecking(tree: PythonTree, node: SyntaxNode): boolean {
  for (let parent = node.parent; parent !== null; parent = parent.parent) {
    if (parent.name !== "IfStatement") continue;
    const condition = parent.firstChild?.nextSibling;
    if (condition && /(^|\.)TYPE_CHECKING$/.test(tree.textOf(condition))) return true;
  }
  return false;
}

function underImportGuard(tree: PythonTree, node: SyntaxNode): boolean {
  for (let parent = node.parent; parent !== null; parent = parent.parent) {
    if (parent.name === "TryStatement" && catchesImportError(tree, parent)) return true;
  }
  return false;
}

/** An `except` clause naming ImportError (alone or in a tuple), or a bare `except:`. */
function catchesImportError(tree: PythonTree, statement: SyntaxNode): boolean {
  for (let child = statement.firstChild; child !== null; child = child.nextSibling) {
    if (child.name !== "except") continue;
    const next = child.nextSibling;
    if (next === null || next.name === "Body") return true;
    const names = tree.textOf(next).match(/[A-Za-z_][\w.]*/g) ?? [];
    if (names.some((name) => IMPORT_ERRORS.has(name.split(".").at(-1) ?? ""))) return true;
  }
  return false;
}
