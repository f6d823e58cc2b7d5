/*
 * The environment variable names a project's Python code reads, each with file and line:
 * `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`, python-decouple's `config("X")`,
 * django-environ's `env("X")` / `env.str("X")` / `env.db()`, and the fields of a pydantic
 * `BaseSettings` class (upper-cased, with its `env_prefix`). Read from the syntax tree, so a
 * name in a comment or a docstring is not a read.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Evidence } from "../core/pipeline.js";
import { nodesNamed, type PythonTree, parsePython } from "../detect/python-ast/parse-python.js";
import { keywordArgs, stringValue } from "../detect/python-ast/python-values.js";

export interface EnvRead {
  readonly name: string;
  readonly evidence: Evidence;
}

/** Calls whose first argument is a variable name: os, decouple, django-environ, environs. */
const NAME_CALLS =
  /(?:^|\.)(?:environ\.get|environ\.setdefault|environ\.pop|getenv)$|^dj_database_url\.config$|^(?:config|env|env\.(?:str|int|bool|float|url|db|db_url|cache|cache_url|list|json|path))$/;
/** django-environ readers that default to a conventional variable when given no name. */
const DEFAULT_NAMES: Readonly<Record<string, string>> = {
  "dj_database_url.config": "DATABASE_URL",
  "env.db": "DATABASE_URL",
  "env.db_url": "DATABASE_URL",
  "env.cache": "CACHE_URL",
  "env.cache_url": "CACHE_URL",
};
const SETTINGS_BASES = /(?:^|\.)BaseSettings$/;
const NODE_KINDS = new Set(["CallExpression", "MemberExpression", "ClassDefinition"]);

/** Every read in one file (the same name may appear more than once). */
export function envReads(file: string, text: string): EnvRead[] {
  if (!/environ|getenv|config|env|BaseSettings/.test(text)) return [];
  const tree = parsePython(text);
  return nodesNamed(tree, NODE_KINDS).flatMap((node) => {
    return readsOf(tree, node).map(({ name, why, at }) => ({
      name,
      evidence: { file, line: tree.lineOf(at ?? node.from), why },
    }));
  });
}

/** A read: the variable, why it counts, and where (when not where the node starts). */
type Read = { name: string; why: string; at?: number };

function readsOf(tree: PythonTree, node: SyntaxNode): Read[] {
  if (node.name === "CallExpression") return callRead(tree, node);
  if (node.name === "MemberExpression") return subscriptRead(tree, node);
  return settingsFields(tree, node);
}

function callRead(tree: PythonTree, call: SyntaxNode): { name: string; why: string }[] {
  const callee = tree.textOf(call.firstChild as SyntaxNode).replace(/\s+/g, "");
  if (!NAME_CALLS.test(callee)) return [];
  const first = keywordArgs(tree, call).positional[0];
  const value = first?.name === "String" ? stringValue(tree, first) : null;
  const name = value?.kind === "literal" ? value.value : DEFAULT_NAMES[callee];
  return name && isVariableName(name) ? [{ name, why: `${callee}(${JSON.stringify(name)})` }] : [];
}

/** `os.environ["X"]`: a subscript of something ending in `environ`. */
function subscriptRead(tree: PythonTree, node: SyntaxNode): { name: string; why: string }[] {
  const object = node.firstChild;
  const index = object?.nextSibling;
  if (!object || index?.name !== "[" || !/(?:^|\.)environ$/.test(tree.textOf(object))) return [];
  const key = index.nextSibling;
  const value = key?.name === "String" ? stringValue(tree, key) : null;
  if (value?.kind !== "literal" || !isVariableName(value.value)) return [];
  return [{ name: value.value, why: `${tree.textOf(object)}[${JSON.stringify(value.value)}]` }];
}

/** A pydantic settings class: each annotated field is read from PREFIX + FIELD (any case). */
function settingsFields(tree: PythonTree, node: SyntaxNode): Read[] {
  const bases = node.getChild("ArgList");
  const className = node.getChild("VariableName");
  if (!bases || !className || !baseNames(tree, bases).some((b) => SETTINGS_BASES.test(b)))
    return [];
  const body = node.getChild("Body");
  const prefix = /env_prefix\s*=\s*["']([^"']*)["']/.exec(body ? tree.textOf(body) : "")?.[1];
  const fields = (body?.getChildren("AssignStatement") ?? []).filter(
    (field) => field.getChild("TypeDef") !== null,
  );
  return fields.flatMap((field) => {
    const name = tree.textOf(field.firstChild as SyntaxNode);
    if (name.startsWith("_") || name === "model_config") return [];
    const variable = `${prefix ?? ""}${name}`.toUpperCase();
    const why = `${tree.textOf(className)}.${name} (pydantic BaseSettings)`;
    return [{ name: variable, why, at: field.from }];
  });
}

function baseNames(tree: PythonTree, args: SyntaxNode): string[] {
  const names: string[] = [];
  for (let child = args.firstChild; child !== null; child = child.nextSibling)
    if (child.name === "VariableName" || child.name === "MemberExpression")
      names.push(tree.textOf(child));
  return names;
}

function isVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
