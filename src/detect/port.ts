// STUB — owned by the detect-app helper.
import type { EntrypointCandidate, PortFacts, ProcfileFacts } from "../core/pipeline.js";
import type { ProjectFiles } from "./project-files.js";

export function detectPort(
  _files: ProjectFiles,
  _entrypoints: readonly EntrypointCandidate[],
  _procfile: ProcfileFacts | null,
): PortFacts | null {
  return null;
}
