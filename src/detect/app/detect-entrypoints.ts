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
import { streamlit } from "./detectors/streamlit.js";
import { webApps } from "./detectors/web-apps.js";
import { PythonSources } from "./python-sources.js";
import { compareEntrypoints } from "./rank-entrypoints.js";

/**
 * Strongest signal first. main-scripts must stay last: it skips files that an earlier
 * detector already claimed (a Flask app's `if __name__ == "__main__": app.run()`).
 */
export const APP_DETECTORS: readonly AppDetector[] = [
  webApps,
  django,
  streamlit,
  celery,
  consoleScripts,
  mainScripts,
];

export function detectEntrypoints(
  files: ProjectFiles,
  meta: ProjectMeta,
  warnings: Warning[],
): EntrypointCandidate[] {
  const sources = new PythonSources(files, warnings);
  const found: EntrypointCandidate[] = [];
  for (const detector of APP_DETECTORS) {
    const context: DetectContext = { files, meta, sources, warnings, found };
    for (const candidate of detector.detect(context)) {
      if (!found.some((seen) => seen.app === candidate.app && seen.kind === candidate.kind)) {
        found.push(candidate);
      }
    }
  }
  return found.sort(compareEntrypoints);
}
