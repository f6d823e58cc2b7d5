/*
 * Scripts and console scripts that serve HTTP themselves (`httpd.serve_forever()`,
 * `uvicorn.run(...)`, `web.run_app(app)`, `demo.launch()`): web processes run as they are,
 * with the port they use. Only files that contain a server call's text and import its
 * package are parsed. A file that also defines a web app object (found earlier in the
 * table) is served by the production server instead; its dev-server call is only noted.
 */
import type { EntrypointCandidate, Warning } from "../../../core/pipeline.js";
import { because, msg, textOf, withText } from "../../../i18n/message.js";
import { type PythonTree, parsePython } from "../../python-ast/parse-python.js";
import type { Entry } from "../../python-ast/reachable-calls.js";
import type { AppDetector, DetectContext } from "../detector.js";
import { moduleFile, type PyModule, type PythonSources } from "../python-sources.js";
import { SERVER_CALLS } from "../server-calls.js";
import { findServerStart, type ImportsPackage, listening } from "../serving.js";

const TARGET = /^([A-Za-z_][\w.]*):([A-Za-z_]\w*)$/;

export const serverScripts: AppDetector = {
  name: "server-scripts",
  detect(context) {
    return [...fromScripts(context), ...fromConsoleScripts(context)];
  },
};

function fromScripts(context: DetectContext): EntrypointCandidate[] {
  const found: EntrypointCandidate[] = [];
  for (const module of candidateModules(context.sources)) {
    // A factory no server can call (`init(conf)`) serves nothing: the script is how it runs.
    const served = context.found.some(
      (c) =>
        (c.kind === "wsgi" || c.kind === "asgi") &&
        c.evidence.file === module.path &&
        !c.needs?.length,
    );
    const tree = treeOf(context.sources, module.path);
    const start = tree && findServerStart(tree, module, "script", importsPackage(context));
    if (!tree || !start) continue;
    const inPackage = module.pkg !== "" ? module.module : null;
    const { facts, warning } = listening(tree, start, module.path, { module: inPackage });
    if (served) {
      // The app object runs under gunicorn/uvicorn on 0.0.0.0 instead of this dev server.
      if (warning)
        warnOnce(context, {
          ...warning,
          ...withText(msg("warn.devServerReplaced", { warning: warning.text ?? warning.message })),
        });
      continue;
    }
    if (warning) warnOnce(context, warning);
    const runs = facts.bind?.module ? `-m ${facts.bind.module}` : module.path;
    const why = because(
      msg("ev.serverScript", { path: module.path, why: textOf(facts.evidence), runs }),
    );
    found.push({
      framework: start.row.framework,
      app: module.path,
      kind: "server-script",
      evidence: { ...facts.evidence, ...why },
      serves: facts,
    });
  }
  return found;
}

function fromConsoleScripts(context: DetectContext): EntrypointCandidate[] {
  const found: EntrypointCandidate[] = [];
  for (const [name, target] of Object.entries(context.meta.scripts)) {
    const [, dotted, fn] = TARGET.exec(target.trim()) ?? [];
    const path = dotted && moduleFile(context.sources, dotted);
    const module = path ? context.sources.module(path) : null;
    const tree =
      module && mentionsServer(context.sources, module.path)
        ? treeOf(context.sources, module.path)
        : null;
    const entry: Entry = { function: fn as string };
    const start = module && tree && findServerStart(tree, module, entry, importsPackage(context));
    if (!module || !tree || !start) continue;
    const { facts, warning } = listening(tree, start, module.path);
    if (warning) warnOnce(context, warning);
    const serves = { name, target, fn: fn ?? "", why: textOf(facts.evidence) };
    const why = because(msg("ev.serverConsoleScript", serves));
    found.push({
      framework: start.row.framework,
      app: name,
      kind: "server-console-script",
      evidence: { ...facts.evidence, ...why },
      serves: facts,
    });
  }
  return found;
}

/** Detectors run once per depth searched: a warning is given once. */
function warnOnce(context: DetectContext, warning: Warning): void {
  if (!context.warnings.some((seen) => seen.message === warning.message))
    context.warnings.push(warning);
}

/**
 * Searched files that contain some server call's text and import its package, or (for a
 * method that can be called on an object imported from elsewhere, `demo.launch()`) any file
 * with the method's text.
 */
function candidateModules(sources: PythonSources): PyModule[] {
  const seen = new Map<string, PyModule>();
  for (const row of SERVER_CALLS) {
    const pkg = row.importedReceiver ? undefined : row.pkg;
    for (const module of sources.containing(row.needle, pkg)) seen.set(module.path, module);
  }
  return [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function mentionsServer(sources: PythonSources, path: string): boolean {
  const text = sources.text(path) ?? "";
  return SERVER_CALLS.some((row) => text.includes(row.needle));
}

function importsPackage(context: DetectContext): ImportsPackage {
  return (dotted, pkg) => {
    const path = moduleFile(context.sources, dotted);
    const imports = path ? context.sources.module(path)?.imports : undefined;
    return [...(imports?.names.values() ?? [])].some((name) => name.split(".")[0] === pkg);
  };
}

/** Parsed once per detection run: detectors run again for every depth searched. */
const TREES = new WeakMap<PythonSources, Map<string, PythonTree | null>>();

function treeOf(sources: PythonSources, path: string): PythonTree | null {
  const trees = TREES.get(sources) ?? new Map<string, PythonTree | null>();
  TREES.set(sources, trees);
  if (!trees.has(path)) {
    const text = sources.text(path);
    trees.set(path, text === null ? null : parsePython(text));
  }
  return trees.get(path) ?? null;
}
