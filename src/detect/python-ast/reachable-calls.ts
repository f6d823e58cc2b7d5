/*
 * The calls a script or an entry function makes when it runs: the statements of the entry
 * (a function's body, or a script's module-level code including its `__main__` block), and
 * one level into the module's own functions called from there (`main()` → `serve()`).
 * Deeper calls, other modules and nested function or class bodies are not followed: a call
 * site reached that way is a guess, not evidence.
 */
import type { SyntaxNode } from "@lezer/common";
import type { PythonTree } from "./parse-python.js";

/** A console script's function, or a script run as `python file.py`. */
export type Entry = { readonly function: string } | "script";

/** Scopes whose bodies do not run when the enclosing code runs. */
const DEFERRED = new Set(["FunctionDefinition", "ClassDefinition", "LambdaExpression"]);

export function reachableCalls(tree: PythonTree, entry: Entry): SyntaxNode[] {
  const functions = topLevelFunctions(tree);
  const start = entry === "script" ? scriptStatements(tree) : bodyOf(functions.get(entry.function));
  const direct = start.flatMap(callsIn);
  const followed = new Set<string>(entry === "script" ? [] : [entry.function]);
  const indirect: SyntaxNode[] = [];
  for (const call of direct) {
    const callee = call.firstChild;
    const name = callee?.name === "VariableName" ? tree.textOf(callee) : null;
    if (name === null || followed.has(name) || !functions.has(name)) continue;
    followed.add(name);
    indirect.push(...bodyOf(functions.get(name)).flatMap(callsIn));
  }
  return [...direct, ...indirect];
}

/** Module-level `def name` (decorated or not, async or not) → its definition. */
function topLevelFunctions(tree: PythonTree): Map<string, SyntaxNode> {
  const found = new Map<string, SyntaxNode>();
  for (let node = tree.tree.topNode.firstChild; node; node = node.nextSibling) {
    const definition =
      node.name === "DecoratedStatement" ? node.getChild("FunctionDefinition") : node;
    if (definition?.name !== "FunctionDefinition") continue;
    const name = definition.getChild("VariableName");
    if (name) found.set(tree.textOf(name), definition);
  }
  return found;
}

function scriptStatements(tree: PythonTree): SyntaxNode[] {
  const statements: SyntaxNode[] = [];
  for (let node = tree.tree.topNode.firstChild; node; node = node.nextSibling) {
    if (!DEFERRED.has(node.name) && node.name !== "DecoratedStatement") statements.push(node);
  }
  return statements;
}

function bodyOf(definition: SyntaxNode | undefined): SyntaxNode[] {
  const body = definition?.getChild("Body");
  return body ? [body] : [];
}

/** Every call under `node`, in source order, outside nested functions, classes and lambdas. */
export function callsIn(node: SyntaxNode): SyntaxNode[] {
  const calls: SyntaxNode[] = [];
  const cursor = node.cursor();
  const walk = (): void => {
    if (DEFERRED.has(cursor.name)) return;
    if (cursor.name === "CallExpression") calls.push(cursor.node);
    if (cursor.firstChild()) {
      do walk();
      while (cursor.nextSibling());
      cursor.parent();
    }
  };
  walk();
  return calls;
}
