// STUB — owned by the detect-deps helper. Name, version, scripts, files the build needs.
import { basename } from "node:path";
import type { ProjectMeta } from "../core/pipeline.js";
import type { ProjectFiles } from "./project-files.js";

export function detectProjectMeta(files: ProjectFiles): ProjectMeta {
  const name = basename(files.root).toLowerCase();
  return { name, version: null, buildNeeds: [], scripts: {}, evidence: { file: ".", line: null, why: "directory name" } };
}
