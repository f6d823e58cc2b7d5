// STUB — owned by the detect-app helper.
import type { EntrypointCandidate, ProjectMeta, Warning } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";

export function detectEntrypoints(
  _files: ProjectFiles,
  _meta: ProjectMeta,
  _warnings: Warning[],
): EntrypointCandidate[] {
  return [];
}
