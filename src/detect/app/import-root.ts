/*
 * The importable root: the directory the app's own absolute imports resolve from, when it is
 * not the project root. Code in `src/`, `backend/`, `server/` often imports itself from there
 * (`from api.models import Item` in backend/api/main.py, run by its developers from backend/),
 * so run from the repository root it dies with ModuleNotFoundError. Found from the candidate's
 * file: a directory that is not importable (`src/`, `my-service/`, see module-path.ts), else
 * the nearest enclosing directory holding the first module of one of its absolute imports
 * that the project root does not hold. The candidate's target is then made relative to it.
 */
import { posix } from "node:path";
import type { EntrypointCandidate } from "../../core/pipeline.js";
import { because, english, type Message, msg, textOf } from "../../i18n/message.js";
import { modulePath, rootNote } from "./module-path.js";
import type { PyModule, PythonSources } from "./python-sources.js";

/**
 * Kinds whose target is imported from the working directory. Scripts and streamlit are not:
 * Python puts a script's own folder first on sys.path, wherever it runs from.
 */
const ROOTED_KINDS = new Set<EntrypointCandidate["kind"]>(["wsgi", "asgi", "celery"]);
/** A gunicorn config beside the app, read with `-c` when the process runs from the root. */
const GUNICORN_CONFIG = "gunicorn.conf.py";

export function withImportRoot(
  sources: PythonSources,
  candidate: EntrypointCandidate,
): EntrypointCandidate {
  if (candidate.root !== undefined || !ROOTED_KINDS.has(candidate.kind)) return candidate;
  const file = candidate.evidence.file;
  const module = sources.module(file);
  const root = module && (modulePath(file).root ?? importRoot(sources, module));
  if (!root) return candidate;
  if (root === "src" && module && importsSrcPackage(sources, module)) {
    const first = withoutNote(candidate.evidence, rootNote("src"));
    const why = because(msg("ev.then", { first, note: msg("ev.root.srcPackage") }));
    return {
      ...candidate,
      app: `src.${candidate.app}`,
      evidence: { ...candidate.evidence, ...why },
    };
  }
  const app = relative(candidate, file, root);
  if (app === null) return candidate;
  const config = sources.files.has(`${root}/${GUNICORN_CONFIG}`) && candidate.kind === "wsgi";
  const note = msg("ev.root.runsFrom", { root });
  const evidence = {
    ...candidate.evidence,
    ...because(msg("ev.then", { first: textOf(candidate.evidence), note })),
  };
  return {
    ...candidate,
    app,
    root,
    evidence,
    ...(config ? { serverConfig: GUNICORN_CONFIG } : {}),
  };
}

/** The reason without the src-layout note (keyed as `ev.then` when it has one). */
function withoutNote(evidence: EntrypointCandidate["evidence"], note: string): string | Message {
  const text = textOf(evidence);
  if (typeof text === "string") return text.replace(note, "");
  return text.key === "ev.then" && english(text.params.note as Message) === note
    ? (text.params.first as string | Message)
    : text;
}

/**
 * `from src.config import settings` with a src/__init__.py: `src` is not a layout folder but
 * the package itself, imported from the project root (`uvicorn src.main:app`).
 */
function importsSrcPackage(sources: PythonSources, module: PyModule): boolean {
  const names = [...module.imports.names.values(), ...module.imports.stars];
  return sources.files.has("src/__init__.py") && names.some((name) => name.startsWith("src."));
}

/** `backend.api.main:app` → `api.main:app` when the target module is the candidate's file. */
function relative(candidate: EntrypointCandidate, file: string, root: string): string | null {
  const [target = "", object] = candidate.app.split(":");
  const full = modulePath(file).module;
  const inRoot = modulePath(file.slice(root.length + 1)).module;
  if (target === inRoot) return candidate.app;
  if (target !== full) return null;
  return object === undefined ? inRoot : `${inRoot}:${object}`;
}

/** The nearest enclosing directory that resolves an absolute import the project root can't. */
function importRoot(sources: PythonSources, module: PyModule): string | null {
  const dirs = ancestors(posix.dirname(module.path));
  if (dirs.length === 0) return null;
  const tops = new Set(
    [...module.imports.names.values(), ...module.imports.stars].map(
      (n) => n.split(".")[0] as string,
    ),
  );
  for (const dir of dirs) {
    for (const top of tops) {
      if (holds(sources, "", top)) continue;
      if (holds(sources, dir, top)) return dir;
    }
  }
  return null;
}

/** `a/b/c` → [`a/b/c`, `a/b`, `a`]; the project root is not included. */
function ancestors(dir: string): string[] {
  if (dir === "." || dir === "") return [];
  const parts = dir.split("/");
  return parts.map((_, index) => parts.slice(0, parts.length - index).join("/"));
}

function holds(sources: PythonSources, dir: string, name: string): boolean {
  const prefix = dir ? `${dir}/` : "";
  return (
    sources.files.has(`${prefix}${name}.py`) ||
    sources.files.paths.some((path) => path.startsWith(`${prefix}${name}/`) && path.endsWith(".py"))
  );
}
