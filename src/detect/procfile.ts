// STUB — owned by the detect-app helper.
import type { ProcfileFacts } from "../core/pipeline.js";
import type { ProjectFiles } from "./project-files.js";

export function detectProcfile(_files: ProjectFiles): ProcfileFacts | null {
  return null;
}
