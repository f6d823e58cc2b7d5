/*
 * Whether a read of an environment variable fails without it, from where the read sits in the
 * syntax tree. `os.environ["X"]` raises KeyError unless a test (`if "X" in os.environ`) or a
 * `try` guards it; `os.environ.get("X")` returns None, which fails only when it is used right
 * away (`.split(" ")`) or when the code checks for it and gives up (`if X is None: exit`); a
 * settings field without a value has no default. Anything else counts as optional: a
 * placeholder for an optional variable can do harm (a fake Sentry DSN is refused).
 */
import type { SyntaxNode } from "@lezer/common";
import type { PythonTree } from "./parse-python.js";

const GUARDS = new Set(["IfStatement", "ConditionalExpression", "TryStatement"]);

export function subscriptRequires(tree: PythonTree, node: SyntaxNode, name: string): boolean {
  // `os.environ.setdefault("X", …)` in the same file gives it a value first (pyship's serve.py).
  const given = new RegExp(`environ\\.setdefault\\(\\s*["']${name}["']`).test(tree.text);
  return !given && !guarded(tree, node, name);
}

export function callRequires(tree: PythonTree, call: SyntaxNode, name: string): boolean {
  if (guarded(tree, call, name)) return false;
  const parent = call.parent;
  if (parent?.name === "MemberExpression" && same(parent.firstChild, call)) return true;
  if (parent?.name !== "AssignStatement" || !same(parent.lastChild, call)) return false;
  const target = parent.firstChild;
  if (target?.name !== "VariableName") return false;
  const variable = tree.textOf(target);
  return new RegExp(`\\bif\\s+(?:not\\s+${variable}\\b|${variable}\\s+is\\s+None\\b)`).test(
    tree.text,
  );
}

/** The tree hands out a new node object per visit: compare where they are. */
function same(a: SyntaxNode | null, b: SyntaxNode): boolean {
  return a !== null && a.from === b.from && a.to === b.to;
}

/** `database_url: PostgresDsn` has no default; `debug: bool = False` has one. */
export function fieldRequires(field: SyntaxNode): boolean {
  return field.getChild("AssignOp") === null;
}

/** Inside a test that names the variable (`"X" in os.environ`), or inside a `try`. */
function guarded(tree: PythonTree, node: SyntaxNode, name: string): boolean {
  const tested = new RegExp(`["']${name}["']\\s+(?:not\\s+)?in\\b`);
  for (let up = node.parent; up !== null; up = up.parent) {
    if (!GUARDS.has(up.name)) continue;
    if (up.name === "TryStatement") return true;
    const test = up.name === "IfStatement" ? ifTest(tree, up) : tree.textOf(up);
    if (tested.test(test)) return true;
  }
  return false;
}

/** The condition of an `if` (up to its first colon), not its body. */
function ifTest(tree: PythonTree, statement: SyntaxNode): string {
  const text = tree.textOf(statement);
  return text.slice(0, text.indexOf(":") + 1);
}
