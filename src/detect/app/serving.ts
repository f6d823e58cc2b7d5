/*
 * Whether a script (or a console script's function) starts an HTTP server when it runs, and
 * how it listens: the first SERVER_CALLS call reachable from its entry, with the host and
 * port it passes (or the server's defaults), turned into what the command needs to listen
 * on 0.0.0.0:$PORT — an argument (`--host 0.0.0.0` for a command-line option), or an
 * environment variable the server reads (GRADIO_SERVER_NAME). A host hard-coded to
 * loopback cannot be changed from outside: that is a warning.
 */
import type { SyntaxNode } from "@lezer/common";
import type { ForcedBind, ServingFacts, Warning } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import type { PythonTree } from "../python-ast/parse-python.js";
import { evaluate, keywordArgs, type PyValue } from "../python-ast/python-values.js";
import { type Entry, reachableCalls } from "../python-ast/reachable-calls.js";
import { isPort } from "./code-port.js";
import { resolveName } from "./imports.js";
import type { PyModule } from "./python-sources.js";
import { type ArgPosition, type Default, SERVER_CALLS, type ServerCall } from "./server-calls.js";

export interface ServerStart {
  readonly row: ServerCall;
  /** The qualified function called, for a function row (`aiohttp.web.run_app`). */
  readonly function?: string;
  readonly call: SyntaxNode;
  /** The call whose arguments hold host and port (the call itself, or the constructor). */
  readonly addressCall: SyntaxNode;
  readonly line: number;
}

const ANY_HOSTS = new Set(["0.0.0.0", "", "::", "*"]);
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Whether the project's own module `dotted` (e.g. `gradio_app`) imports `pkg`: a receiver
 * imported from, or built by a function of, such a module is taken to be `pkg`'s object
 * (`from gradio_app import demo` … `demo.launch()`).
 */
export type ImportsPackage = (dotted: string, pkg: string) => boolean;

export function findServerStart(
  tree: PythonTree,
  module: PyModule,
  entry: Entry,
  importsPackage: ImportsPackage = () => false,
): ServerStart | null {
  for (const call of reachableCalls(tree, entry)) {
    const start = matchCall(tree, module, call, importsPackage);
    if (start) return start;
  }
  return null;
}

function matchCall(
  tree: PythonTree,
  module: PyModule,
  call: SyntaxNode,
  importsPackage: ImportsPackage,
): ServerStart | null {
  const callee = call.firstChild as SyntaxNode;
  const line = tree.lineOf(call.from);
  const text = tree.textOf(callee);
  if (/^[\w.]+$/.test(text)) {
    const qualified = resolveName(module.imports, text);
    const row = SERVER_CALLS.find((candidate) => candidate.functions.includes(qualified));
    if (row) return { row, function: qualified, call, addressCall: call, line };
  }
  if (callee.name !== "MemberExpression") return null;
  const method = tree.textOf(callee.lastChild as SyntaxNode);
  const rows = SERVER_CALLS.filter((candidate) => candidate.method?.names.includes(method));
  const receiver = callee.firstChild as SyntaxNode;
  const found = rows.length ? constructorOf(tree, receiver) : null;
  // `app = make_app()` where `def make_app(): return tornado.web.Application(...)`.
  const built = found && (returnedCall(tree, found) ?? found);
  const origin = tree.textOf(built ? (built.firstChild as SyntaxNode) : receiver);
  const made = resolveName(module.imports, origin);
  const row = rows.find(
    (candidate) =>
      candidate.method?.on.some((on) => (on.endsWith(".") ? made.startsWith(on) : made === on)) ||
      (candidate.address === "call" &&
        fromProjectModule(module, origin, candidate, importsPackage)),
  );
  if (!row) return null;
  const addressCall = row.address === "constructor" && built ? built : call;
  return { row, call, addressCall, line };
}

/** `origin` is imported from a project module that imports the row's package. */
function fromProjectModule(
  module: PyModule,
  origin: string,
  row: ServerCall,
  importsPackage: ImportsPackage,
): boolean {
  const target = module.imports.names.get(origin.split(".")[0] as string);
  if (target === undefined || row.pkg === target.split(".")[0]) return false;
  return importsPackage(target.split(".").slice(0, -1).join(".") || target, row.pkg);
}

/** The call a module-level function returns (`return X(...)`), when `call` calls one. */
function returnedCall(tree: PythonTree, call: SyntaxNode): SyntaxNode | null {
  const callee = call.firstChild;
  if (callee?.name !== "VariableName") return null;
  const name = tree.textOf(callee);
  for (let node = tree.tree.topNode.firstChild; node; node = node.nextSibling) {
    const named = node.name === "FunctionDefinition" ? node.getChild("VariableName") : null;
    if (!named || tree.textOf(named) !== name) continue;
    const body = node.getChild("Body");
    for (let statement = body?.firstChild ?? null; statement; statement = statement.nextSibling) {
      const value = statement.name === "ReturnStatement" ? statement.lastChild : null;
      if (value?.name === "CallExpression") return value;
    }
  }
  return null;
}

/** The call that built `receiver`: itself, `name = Call(...)`, or `with Call(...) as name`. */
function constructorOf(tree: PythonTree, receiver: SyntaxNode): SyntaxNode | null {
  if (receiver.name === "CallExpression") return receiver;
  if (receiver.name !== "VariableName") return null;
  const name = tree.textOf(receiver);
  let found: SyntaxNode | null = null;
  tree.tree.iterate({
    enter: (ref) => {
      if (found) return false;
      const node = ref.node;
      if (ref.name === "AssignStatement" && node.firstChild?.name === "VariableName") {
        const value = node.lastChild;
        if (tree.textOf(node.firstChild) === name && value?.name === "CallExpression")
          found = value;
      }
      if (ref.name === "as" && node.nextSibling && tree.textOf(node.nextSibling) === name) {
        const value = node.prevSibling;
        if (value?.name === "CallExpression") found = value;
      }
      return undefined;
    },
  });
  return found;
}

export interface Listening {
  readonly facts: ServingFacts;
  readonly warning: Warning | null;
}

/**
 * `script`: the file is run as a script, so pyship may wrap it (forcedBind), with `module`
 * its import name when it sits in a package; null for a console script, run by its name.
 */
export function listening(
  tree: PythonTree,
  start: ServerStart,
  file: string,
  script: { readonly module: string | null } | null = null,
): Listening {
  const hostValue = argument(tree, start, start.row.host);
  const forced = script && forcedBind(start, hostValue, script.module);
  if (forced) return forced.listening(tree, file);
  const args: string[] = [];
  const env: Record<string, string> = {};
  const host = bindHost(hostValue, start.row.defaultHost, args, env);
  const port = bindPort(argument(tree, start, start.row.port), start.row.defaultPort, args, env);
  const where = { label: start.row.label, line: start.line };
  const why = because(msg("ev.serves", { ...where, port: port ?? msg("ev.portUnknown") }));
  const facts = { port, args, env, evidence: { file, line: start.line, ...why } };
  if (host === null) return { facts, warning: null };
  const text = withText(msg("warn.loopbackBind", { server: start.row.label, host }));
  return { facts, warning: { code: "W_LOOPBACK_BIND", ...text, file, line: start.line } };
}

/** The argument at `where`, or null when the call leaves it out. */
function argument(tree: PythonTree, start: ServerStart, where: ArgPosition): PyValue | null {
  const args = keywordArgs(tree, start.addressCall);
  const keyword = where.keyword === null ? undefined : args.named.get(where.keyword);
  if (keyword) return evaluate(tree, keyword);
  const first = args.positional[0];
  const list =
    start.row.address === "constructor" && first?.name === "TupleExpression"
      ? tupleItems(first)
      : args.positional;
  const node = where.position === null ? undefined : list[where.position];
  return node ? evaluate(tree, node) : null;
}

function tupleItems(tuple: SyntaxNode): SyntaxNode[] {
  const items: SyntaxNode[] = [];
  for (let child = tuple.firstChild; child; child = child.nextSibling) {
    if (!["(", ")", ","].includes(child.name)) items.push(child);
  }
  return items;
}

/** Records how to make the server bind every interface; returns the loopback host it is stuck on. */
function bindHost(
  value: PyValue | null,
  fallback: Default,
  args: string[],
  env: Record<string, string>,
): string | null {
  const host = value ?? defaultValue(fallback);
  if (host.kind === "env") env[host.name] = "0.0.0.0";
  if (host.kind === "flag") args.push(...flagArgs(host, "0.0.0.0"));
  if (host.kind !== "literal" || ANY_HOSTS.has(host.value)) return null;
  return LOOPBACK_HOSTS.has(host.value) ? host.value : null;
}

/** The port the server listens on when PORT is not set otherwise; records how to set it. */
function bindPort(
  value: PyValue | null,
  fallback: Default | null,
  args: string[],
  env: Record<string, string>,
): number | null {
  const port = value ?? (fallback === null ? null : defaultValue(fallback));
  if (port === null || port.kind === "unknown") return null;
  if (port.kind === "env" && port.name !== "PORT") env[port.name] = "$PORT";
  if (port.kind === "flag") args.push(...flagArgs(port, "$PORT"));
  const number = Number(port.kind === "literal" ? port.value : port.fallback);
  return isPort(number) ? number : null;
}

function flagArgs(option: Extract<PyValue, { kind: "flag" }>, value: string): string[] {
  return option.joined ? [`${option.flag}=${value}`] : [option.flag, value];
}

function defaultValue(fallback: Default): PyValue {
  return fallback.kind === "value"
    ? { kind: "literal", value: fallback.value }
    : { kind: "env", name: fallback.name, fallback: fallback.fallback };
}

/**
 * A server function called with a host nothing outside the script can change — a value read
 * from a config file (`conf["host"]`) or loopback — gets its host and port forced around the
 * call (plan-command.ts wraps the script). Only for functions taking both as keywords
 * (`web.run_app`, `uvicorn.run`, `waitress.serve`, `bottle.run`): a wrapper can't reorder
 * positional arguments.
 */
function forcedBind(start: ServerStart, host: PyValue | null, module: string | null) {
  const { row } = start;
  const keywords = row.host.keyword !== null && row.port.keyword !== null;
  if (start.function === undefined || !keywords || row.host.position !== null) return null;
  const value = host ?? defaultValue(row.defaultHost);
  const stuck =
    value.kind === "unknown" || (value.kind === "literal" && LOOPBACK_HOSTS.has(value.value));
  if (!stuck) return null;
  const bind: ForcedBind = {
    function: start.function,
    hostKeyword: row.host.keyword as string,
    portKeyword: row.port.keyword as string,
    module,
  };
  return {
    listening: (tree: PythonTree, file: string) => forcedListening(tree, start, value, bind, file),
  };
}

/** The facts of a forced bind: the port the call names (if literal), the evidence why. */
function forcedListening(
  tree: PythonTree,
  start: ServerStart,
  host: PyValue,
  bind: ForcedBind,
  file: string,
): Listening {
  const { row } = start;
  const found = argument(tree, start, row.port) ?? defaultValue(row.defaultPort ?? ANY_PORT);
  const number = Number(found.kind === "literal" ? found.value : Number.NaN);
  const port = isPort(number) ? number : null;
  const text = msg(host.kind === "literal" ? "ev.serve.forced" : "ev.serve.forcedRead", {
    server: row.label,
    line: start.line,
    host: host.kind === "literal" ? host.value : "",
    hostKeyword: bind.hostKeyword,
    portKeyword: bind.portKeyword,
  });
  const evidence = { file, line: start.line, ...because(text) };
  return { facts: { port, args: [], env: {}, bind, evidence }, warning: null };
}

const ANY_PORT: Default = { kind: "value", value: "" };
