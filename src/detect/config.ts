// STUB — owned by the detect-deps helper. Loads [tool.pyship] / pyship.toml.
import type { PyshipConfig } from "../core/pipeline.js";
import type { ProjectFiles } from "./project-files.js";

export function loadConfig(_files: ProjectFiles): PyshipConfig {
  return { source: null };
}
