/*
 * The environment variable names a project's Python code reads, each with file and line:
 * `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`, python-decouple's `config("X")`,
 * django-environ's `env("X")` / `env.str("X")` / `env.db()`, and the fields of a pydantic
 * `BaseSettings` class (upper-cased, with its `env_prefix`), or of a class derived from one
 * (`settingsBases`: the project's own base classes, found across files). Read from the syntax
 * tree, so a name in a comment or a docstring is not a read. Each read says whether the code
 * copes without the variable (env-required.ts): collectstatic's build-only placeholders and
 * compose's list of what is left to set go by that.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Evidence } from "../../core/pipeline.js";
import { callRequires, fieldRequires, subscriptRequires } from "./env-required.js";
import { nodesNamed, type PythonTree, parsePython } from "./parse-python.js";
import { keywordArgs, stringValue } from "./python-values.js";

export interface EnvRead {
  readonly name: string;
  readonly evidence: Evidence;
  /** The code fails without it: no default, no `in os.environ` guard, used right away. */
  readonly required: boolean;
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
export function envReads(
  file: string,
  text: string,
  settingsBases: ReadonlySet<string> = new Set(),
): EnvRead[] {
  if (!/environ|getenv|config|env|Settings/.test(text) && settingsBases.size === 0) return [];
  const tree = parsePython(text);
  const isSettings = (base: string) => SETTINGS_BASES.test(base) || settingsBases.has(base);
  return nodesNamed(tree, NODE_KINDS).flatMap((node) => {
    return readsOf(tree, node, isSettings).map(({ name, why, at, required }) => ({
      name,
      evidence: { file, line: tree.lineOf(at ?? node.from), why },
      required,
    }));
  });
}

/**
 * The pydantic settings classes of a project, by name: those based on BaseSettings, then
 * those based on one of them, across files (`class AppSettings(BaseAppSettings)`), until no
 * new one appears. Their fields are reads too.
 */
export function settingsClasses(texts: readonly string[]): Set<string> {
  const classes = texts.flatMap((text) =>
    [...text.matchAll(/^\s*class\s+(\w+)\s*\(([^)]*)\)/gm)].map((m) => ({
      name: m[1] as string,
      bases: (m[2] as string).split(",").map((b) => b.trim().split(".").at(-1) ?? ""),
    })),
  );
  const found = new Set<string>();
  for (let grew = true; grew; ) {
    const before = found.size;
    for (const c of classes)
      if (c.bases.some((b) => b === "BaseSettings" || found.has(b))) found.add(c.name);
    grew = found.size > before;
  }
  return found;
}

/** A read: the variable, why it counts, where (when not where the node starts), if required. */
type Read = { name: string; why: string; at?: number; required: boolean };

function readsOf(tree: PythonTree, node: SyntaxNode, isSettings: (base: string) => boolean) {
  if (node.name === "CallExpression") return callRead(tree, node);
  if (node.name === "MemberExpression") return subscriptRead(tree, node);
  return settingsFields(tree, node, isSettings);
}

function callRead(tree: PythonTree, call: SyntaxNode): Read[] {
  const callee = tree.textOf(call.firstChild as SyntaxNode).replace(/\s+/g, "");
  if (!NAME_CALLS.test(callee)) return [];
  const args = keywordArgs(tree, call);
  const first = args.positional[0];
  const value = first?.name === "String" ? stringValue(tree, first) : null;
  const name = value?.kind === "literal" ? value.value : DEFAULT_NAMES[callee];
  if (!name || !isVariableName(name)) return [];
  const defaulted = args.positional.length > 1 || args.named.has("default");
  const required = !defaulted && callRequires(tree, call, name);
  return [{ name, why: `${callee}(${JSON.stringify(name)})`, required }];
}

/** `os.environ["X"]`: a subscript of something ending in `environ`. */
function subscriptRead(tree: PythonTree, node: SyntaxNode): Read[] {
  const object = node.firstChild;
  const index = object?.nextSibling;
  if (!object || index?.name !== "[" || !/(?:^|\.)environ$/.test(tree.textOf(object))) return [];
  const key = index.nextSibling;
  const value = key?.name === "String" ? stringValue(tree, key) : null;
  if (value?.kind !== "literal" || !isVariableName(value.value)) return [];
  const why = `${tree.textOf(object)}[${JSON.stringify(value.value)}]`;
  // `os.environ["X"] = "1"` sets it: nothing is required of the environment.
  const parent = node.parent;
  const written = parent?.name === "AssignStatement" && parent.firstChild?.from === node.from;
  const required = !written && subscriptRequires(tree, node, value.value);
  return [{ name: value.value, why, required }];
}

/** A pydantic settings class: each annotated field is read from PREFIX + FIELD (any case). */
function settingsFields(
  tree: PythonTree,
  node: SyntaxNode,
  isSettings: (base: string) => boolean,
): Read[] {
  const bases = node.getChild("ArgList");
  const className = node.getChild("VariableName");
  if (!bases || !className || !baseNames(tree, bases).some((b) => isSettings(b))) return [];
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
    return [{ name: variable, why, at: field.from, required: fieldRequires(field) }];
  });
}

function baseNames(tree: PythonTree, args: SyntaxNode): string[] {
  const names: string[] = [];
  for (let child = args.firstChild; child !== null; child = child.nextSibling)
    if (child.name === "VariableName" || child.name === "MemberExpression")
      names.push(tree.textOf(child).split(".").at(-1) ?? "");
  return names;
}

function isVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
