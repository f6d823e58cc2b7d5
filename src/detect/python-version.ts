// STUB — owned by the detect-deps helper.
import type { ProjectMeta, PythonFacts } from "../core/pipeline.js";
import type { ProjectFiles } from "./project-files.js";

export function detectPython(_files: ProjectFiles, _meta: ProjectMeta): PythonFacts {
  return { version: "3.13", constraint: null, evidence: { file: ".", line: null, why: "default" } };
}
