/*
 * The compose stage in one call: read the project's sources, plan, render the files.
 * `pyship compose`, `pyship init --compose` and `pyship verify --compose` start here.
 */
import type { ComposePlan, Plan, ProjectFacts } from "../core/pipeline.js";
import { type ComposeFiles, composeFiles } from "./compose-files.js";
import type { RandomSecret } from "./compose-secrets.js";
import { type ComposeOptions, planCompose } from "./plan-compose.js";
import { readSources } from "./read-sources.js";

export interface ComposeProject {
  readonly plan: ComposePlan;
  readonly files: ComposeFiles;
}

export function composeProject(
  facts: ProjectFacts,
  plan: Plan,
  options: ComposeOptions = {},
  generate?: RandomSecret,
): ComposeProject {
  const composePlan = planCompose(facts, plan, readSources(facts.root), options);
  return { plan: composePlan, files: composeFiles(facts.root, composePlan, generate) };
}
