/*
 * Finds every runnable thing in the project by reading its code (no Python needed), best
 * first. Each framework is a small detector in an ordered table; ranking is separate
 * (rank-entrypoints.ts), so the table order only matters where a detector looks at what
 * earlier ones found.
 */
import type { EntrypointCandidate, ProjectMeta, Warning } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import type { AppDetector, DetectContext } from "./detector.js";
import { celery } from "./detectors/celery.js";
import { consoleScripts } from "./detectors/console-scripts.js";
import { django } from "./detectors/django.js";
import { mainScripts } from "./detectors/main-scripts.js";
import { panel } from "./detectors/panel.js";
import { pyramid } from "./detectors/pyramid.js";
import { serverScripts } from "./detectors/server-scripts.js";
import { shiny } from "./detectors/shiny.js";
import { streamlit } from "./detectors/streamlit.js";
import { webApps } from "./detectors/web-apps.js";
import { withImportRoot } from "./import-root.js";
import { PythonSources } from "./python-sources.js";
import { compareEntrypoints } from "./rank-entrypoints.js";

/**
 * Strongest signal first, so that output order is stable before ranking. serverScripts
 * comes after webApps: a file whose app object was found is served by that object.
 */
export const APP_DETECTORS: readonly AppDetector[] = [
  webApps,
  django,
  pyramid,
  streamlit,
  panel,
  shiny,
  serverScripts,
  celery,
  consoleScripts,
  mainScripts,
];

/**
 * Searches depth by depth (app.py before pkg/app.py before pkg/sub/app.py) and stops after
 * the first depth that yields a web app or a Django project: deeper code could only rank
 * lower, so it is not even read, which keeps `pyship plan` fast on large trees. (A web app
 * nested deeper than a Django project's manage.py is thereby ignored: the repository is the
 * Django project.) Projects with only workers or scripts are searched completely.
 */
export function detectEntrypoints(
  files: ProjectFiles,
  meta: ProjectMeta,
  warnings: Warning[],
): EntrypointCandidate[] {
  const sources = new PythonSources(files, warnings);
  const found: EntrypointCandidate[] = [];
  const deepest = sources.deepest;
  for (let depth = 0; depth <= deepest && !found.some(isDecisive); depth += 1) {
    sources.maxDepth = depth;
    for (const detector of APP_DETECTORS) {
      const context: DetectContext = { files, meta, sources, warnings, found };
      for (const candidate of detector.detect(context)) {
        if (!found.some((seen) => seen.app === candidate.app && seen.kind === candidate.kind)) {
          found.push(candidate);
        }
      }
    }
  }
  return withoutShadowedScripts(found)
    .map((candidate) => withImportRoot(sources, candidate))
    .sort(compareEntrypoints);
}

/**
 * A file that gave a stronger candidate is not also a script: its `__main__` block is a dev
 * server. A console script found serving HTTP is not also listed as a plain console script.
 */
function withoutShadowedScripts(found: readonly EntrypointCandidate[]): EntrypointCandidate[] {
  const claimed = new Set(found.filter((c) => c.kind !== "script").map((c) => c.evidence.file));
  const serving = new Set(
    found.filter((c) => c.kind === "server-console-script").map((c) => c.app),
  );
  return found.filter(
    (c) =>
      (c.kind !== "script" || !claimed.has(c.evidence.file)) &&
      (c.kind !== "console-script" || !serving.has(c.app)),
  );
}

function isDecisive(candidate: EntrypointCandidate): boolean {
  return candidate.kind === "wsgi" || candidate.kind === "asgi";
}
