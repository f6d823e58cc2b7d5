/*
 * What an expression in a server call evaluates to, as far as the code says without running
 * it: a literal (`8080`, `"0.0.0.0"`), an environment variable with its fallback
 * (`os.environ.get("PORT", "8080")`), a command-line option with its default
 * (`args.port` from `add_argument("--port", default=8080)`, click's `--port` option), or
 * unknown. Names are followed to their assignment a few hops deep.
 */
import type { SyntaxNode } from "@lezer/common";
import { nodesNamed, type PythonTree } from "./parse-python.js";

export type PyValue =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "env"; readonly name: string; readonly fallback: string | null }
  | {
      readonly kind: "flag";
      readonly flag: string;
      readonly fallback: string | null;
      /** The option takes its value only as `--port=8000` (tornado.options). */
      readonly joined?: boolean;
    }
  | { readonly kind: "unknown" };

const UNKNOWN: PyValue = { kind: "unknown" };
/** How far `port=PORT` → `PORT = int(...)` → ... is followed. */
const MAX_HOPS = 3;
const CONVERSIONS = new Set(["int", "str", "float"]);
const ENV_READS = /(?:^|\.)(?:environ\.get|getenv|environ\.setdefault)$/;
/** Calls that declare a command-line option: argparse, click, typer. */
const OPTION_DECLARATIONS = /(?:^|\.)(?:add_argument|option|Option)$/;
/** tornado.options: `define("port", default=8888)`, read as `options.port`, set as `--port=N`. */
const TORNADO_DEFINE = /^(?:tornado\.options\.|options\.)?define$/;

export function evaluate(tree: PythonTree, node: SyntaxNode | null, hops = 0): PyValue {
  if (node === null) return UNKNOWN;
  switch (node.name) {
    case "Number":
      return { kind: "literal", value: tree.textOf(node).replace(/_/g, "") };
    case "String":
      return stringValue(tree, node);
    case "CallExpression":
      return callValue(tree, node, hops);
    case "ParenthesizedExpression":
      return evaluate(tree, node.firstChild?.nextSibling ?? null, hops);
    case "BinaryExpression":
      return orValue(tree, node, hops);
    case "MemberExpression":
      return optionValue(tree, node.lastChild ? tree.textOf(node.lastChild) : "");
    case "VariableName":
      return nameValue(tree, node, hops);
    default:
      return UNKNOWN;
  }
}

/** Plain and raw strings; f-strings and concatenations are not evaluated. */
export function stringValue(tree: PythonTree, node: SyntaxNode): PyValue {
  const match = /^[rRuU]?('''|"""|'|")([\s\S]*)\1$/.exec(tree.textOf(node));
  return match ? { kind: "literal", value: match[2] as string } : UNKNOWN;
}

function callValue(tree: PythonTree, call: SyntaxNode, hops: number): PyValue {
  const callee = tree.textOf(call.firstChild as SyntaxNode);
  const args = keywordArgs(tree, call);
  if (CONVERSIONS.has(callee)) return evaluate(tree, args.positional[0] ?? null, hops);
  if (!ENV_READS.test(callee)) return UNKNOWN;
  const name = evaluate(tree, args.positional[0] ?? null, hops);
  if (name.kind !== "literal") return UNKNOWN;
  const fallback = evaluate(tree, args.positional[1] ?? args.named.get("default") ?? null, hops);
  return { kind: "env", name: name.value, fallback: literalOf(fallback) };
}

/** `os.environ.get("PORT") or 8080`: the environment variable, falling back to the right. */
function orValue(tree: PythonTree, node: SyntaxNode, hops: number): PyValue {
  const operator = node.firstChild?.nextSibling;
  if (!operator || tree.textOf(operator) !== "or") return UNKNOWN;
  const left = evaluate(tree, node.firstChild, hops);
  const right = evaluate(tree, operator.nextSibling, hops);
  if (left.kind === "env" && left.fallback === null) return { ...left, fallback: literalOf(right) };
  return left;
}

function nameValue(tree: PythonTree, node: SyntaxNode, hops: number): PyValue {
  const name = tree.textOf(node);
  if (hops < MAX_HOPS) {
    for (const assignment of nodesNamed(tree, ASSIGNMENTS)) {
      const target = assignment.firstChild;
      if (target?.name !== "VariableName" || tree.textOf(target) !== name) continue;
      const value = evaluate(tree, assignment.lastChild, hops + 1);
      if (value.kind !== "unknown") return value;
    }
  }
  // A click/typer option arrives as a parameter of the same name.
  return optionValue(tree, name);
}

const ASSIGNMENTS: ReadonlySet<string> = new Set(["AssignStatement"]);

/** `args.port` / a `port` parameter: the `--port` option's default, when one is declared. */
function optionValue(tree: PythonTree, attribute: string): PyValue {
  const flag = `--${attribute.replace(/_/g, "-")}`;
  for (const call of nodesNamed(tree, OPTION_CALLS)) {
    const callee = calleeText(tree, call);
    if (TORNADO_DEFINE.test(callee)) {
      const defined = tornadoOption(tree, call, attribute);
      if (defined) return defined;
      continue;
    }
    if (!OPTION_DECLARATIONS.test(callee)) continue;
    const args = keywordArgs(tree, call);
    const flags = args.positional.map((arg) => evaluate(tree, arg));
    if (!flags.some((value) => value.kind === "literal" && value.value === flag)) continue;
    const fallback = literalOf(evaluate(tree, args.named.get("default") ?? null));
    return { kind: "flag", flag, fallback };
  }
  return UNKNOWN;
}

/** tornado.options keeps the name as written (`--max_size=…`; dashes work too). */
function tornadoOption(tree: PythonTree, call: SyntaxNode, attribute: string): PyValue | null {
  const args = keywordArgs(tree, call);
  const name = evaluate(tree, args.positional[0] ?? null);
  if (name.kind !== "literal" || name.value !== attribute) return null;
  const fallback = literalOf(
    evaluate(tree, args.named.get("default") ?? args.positional[1] ?? null),
  );
  return { kind: "flag", flag: `--${attribute}`, fallback, joined: true };
}

/** click declares options in decorators, which the tree keeps apart from calls. */
const OPTION_CALLS: ReadonlySet<string> = new Set(["CallExpression", "Decorator"]);

/** `click.option` of `click.option(...)` or of `@click.option(...)`. */
function calleeText(tree: PythonTree, call: SyntaxNode): string {
  const args = call.getChild("ArgList");
  const from = call.name === "Decorator" ? (call.firstChild?.to ?? call.from) : call.from;
  return tree.text.slice(from, args?.from ?? call.to).trim();
}

function literalOf(value: PyValue): string | null {
  return value.kind === "literal" ? value.value : null;
}

export interface NamedArgs {
  readonly positional: readonly SyntaxNode[];
  readonly named: ReadonlyMap<string, SyntaxNode>;
}

/** A call's arguments: positional ones in order, keyword ones by name. */
export function keywordArgs(tree: PythonTree, call: SyntaxNode): NamedArgs {
  const positional: SyntaxNode[] = [];
  const named = new Map<string, SyntaxNode>();
  const list = call.getChild("ArgList");
  let child = list?.firstChild ?? null;
  while (child) {
    const value = child.nextSibling?.name === "AssignOp" ? child.nextSibling.nextSibling : null;
    if (child.name === "VariableName" && value) {
      named.set(tree.textOf(child), value);
      child = value.nextSibling;
      continue;
    }
    const starred = child.prevSibling && ["*", "**"].includes(tree.textOf(child.prevSibling));
    if (!["(", ")", ","].includes(child.name) && !starred && tree.textOf(child) !== "*")
      positional.push(child);
    child = child.nextSibling;
  }
  return { positional, named };
}
