/*
 * A Django ASGI module that imports the project's own modules before Django is set up:
 * Channels' asgi.py importing its routing (whose consumers import models) above
 * `get_asgi_application()`. `manage.py runserver` sets Django up before it imports the
 * module, so the project works there; uvicorn imports it first, and the models' import raises
 * (`AppRegistryNotReady`, or settings "not configured"). The plan then serves the app through
 * a module of pyship's own that sets Django up first, as runserver does (plan-command.ts).
 */
import type { EntrypointCandidate, Evidence } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { nodesNamed, parsePython } from "../python-ast/parse-python.js";

/** A top-level import: `import chat.routing`, `from chat import routing`, `from . import x`. */
const TOP_IMPORT =
  /^(?:import[ \t]+([A-Za-z_]\w*)|from[ \t]+(\.+\w*|[A-Za-z_]\w*)[\w.]*[ \t]+import\b)/;
/** The calls that set Django up: the first one ends the part of the module read. */
const SETUP_CALLEE = /^(?:[\w.]*\.)?get_asgi_application$|^django\.setup$/;
const CALLS = new Set(["CallExpression"]);

export function djangoImportsEarly(
  files: ProjectFiles,
  entry: EntrypointCandidate | undefined,
): Evidence | undefined {
  if (entry?.framework !== "django" || entry.kind !== "asgi") return undefined;
  const prefix = entry.root ? `${entry.root}/` : "";
  const file = `${prefix}${(entry.app.split(":")[0] ?? "").replaceAll(".", "/")}.py`;
  if (!files.has(file)) return undefined;
  const tree = parsePython(files.read(file));
  const setup = nodesNamed(tree, CALLS).find((call) =>
    SETUP_CALLEE.test(tree.textOf(call.firstChild ?? call)),
  );
  if (setup === undefined) return undefined;
  const imports = tree.tree.topNode.getChildren("ImportStatement");
  for (const statement of imports.filter((node) => node.from < setup.from)) {
    const text = tree.textOf(statement);
    const match = TOP_IMPORT.exec(text);
    const name = match?.[1] ?? match?.[2];
    if (name === undefined || !isProjectModule(files, prefix, name)) continue;
    const why = `${text} comes before Django is set up (line ${tree.lineOf(setup.from)})`;
    return { file, line: tree.lineOf(statement.from), why };
  }
  return undefined;
}

/** A relative import, or a package or module of the project (not django, channels, os …). */
function isProjectModule(files: ProjectFiles, prefix: string, name: string): boolean {
  if (name.startsWith(".")) return true;
  return files.has(`${prefix}${name}/__init__.py`) || files.has(`${prefix}${name}.py`);
}
