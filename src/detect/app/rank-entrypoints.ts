/*
 * How candidates compare: by kind first (a web server beats a worker beats a script),
 * then shallower paths, then conventional file names (app.py, main.py, wsgi.py), then the
 * conventional object names `app`/`application`. Candidates equal on all of these are
 * ambiguous: `leadingEntrypoints` returns them so the plan can ask or fail.
 */
import type { EntrypointCandidate } from "../../core/pipeline.js";

/**
 * Web frameworks first: if the code builds a Flask/FastAPI/Starlette app, serving it is the
 * point of the project. Django next (its wsgi.py is generated boilerplate, and a project
 * mixing Django with a hand-written app object usually deploys the latter). Streamlit is a
 * web UI too but an explicit tool choice, as is Panel; a script that starts its own server
 * serves HTTP but with whatever server it chose (often a development one), so it ranks with
 * them, below any app object a production server can run. Celery and console scripts are
 * processes without HTTP; a bare `__main__` block is the weakest signal of all.
 */
const TIERS: Record<EntrypointCandidate["kind"], number> = {
  wsgi: 0,
  asgi: 0,
  streamlit: 2,
  panel: 2,
  shiny: 2,
  "server-console-script": 2,
  "server-script": 2,
  celery: 3,
  "console-script": 4,
  script: 5,
};

const CONVENTIONAL_FILES = new Set([
  "app",
  "main",
  "wsgi",
  "asgi",
  "application",
  "server",
  "streamlit_app",
]);
const CONVENTIONAL_OBJECTS = new Set(["app", "application"]);

/** Sort key: lower is better, compared element by element. */
/**
 * A factory that requires arguments (`init(conf)`) is called with none by every server: it
 * ranks below a script that starts the server itself (its author's way of running it).
 */
const NEEDS_ARGUMENTS_TIER = 2.5;

export function rankKey(candidate: EntrypointCandidate): number[] {
  const tier = candidate.needs?.length
    ? NEEDS_ARGUMENTS_TIER
    : candidate.framework === "django"
      ? 1
      : TIERS[candidate.kind];
  const byModule =
    candidate.kind === "wsgi" || candidate.kind === "asgi" || candidate.kind === "celery";
  const [target = "", object = ""] = candidate.app.split(":");
  const parts = byModule
    ? target.split(".")
    : target
        .replace(/^src\//, "")
        .replace(/\.py$/, "")
        .split("/");
  if (candidate.kind === "console-script" || candidate.kind === "server-console-script")
    return [tier, 0, 0, 0];
  const file = parts.at(-1) ?? "";
  const objectName = object.replace(/\(\)$/, "");
  return [
    tier,
    parts.length,
    CONVENTIONAL_FILES.has(file) ? 0 : 1,
    !byModule || candidate.kind === "celery" || CONVENTIONAL_OBJECTS.has(objectName) ? 0 : 1,
  ];
}

/** Compares by rank alone, so a stable sort keeps the given order among equals. */
export function compareRank(a: EntrypointCandidate, b: EntrypointCandidate): number {
  const ka = rankKey(a);
  const kb = rankKey(b);
  for (let i = 0; i < ka.length; i += 1) {
    const diff = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A total order: rank, then the target name, so detection output is deterministic. */
export function compareEntrypoints(a: EntrypointCandidate, b: EntrypointCandidate): number {
  return compareRank(a, b) || (a.app < b.app ? -1 : a.app > b.app ? 1 : 0);
}

/** The best candidates: the first one and every other that ranks exactly the same. */
export function leadingEntrypoints(
  sorted: readonly EntrypointCandidate[],
): readonly EntrypointCandidate[] {
  const first = sorted[0];
  if (!first) return [];
  const key = rankKey(first).join(",");
  return sorted.filter((candidate) => rankKey(candidate).join(",") === key);
}
