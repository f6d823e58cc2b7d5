// STUB — owned by the detect-deps helper.
import type { DependencyFacts, ProjectMeta, Warning } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";

export function detectDependencies(_files: ProjectFiles, _meta: ProjectMeta, _warnings: Warning[]): DependencyFacts {
  return {
    install: { tool: "pip", strategy: "none", files: [], installProject: false, evidence: { file: ".", line: null, why: "stub" } },
    requirements: [],
    ignored: [],
  };
}
