/*
 * The contract every framework detector implements: read what it needs from the shared,
 * lazily scanned sources and return candidates, each with the line that convinced it.
 */
import type { EntrypointCandidate, ProjectMeta, Warning } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import type { PythonSources } from "./python-sources.js";

export interface DetectContext {
  readonly files: ProjectFiles;
  readonly meta: ProjectMeta;
  readonly sources: PythonSources;
  readonly warnings: Warning[];
  /** Candidates from detectors earlier in the table. */
  readonly found: readonly EntrypointCandidate[];
}

export interface AppDetector {
  readonly name: string;
  detect(context: DetectContext): EntrypointCandidate[];
}
