/*
 * CiPlan → RenderedFiles, paths relative to the repository root. One renderer per provider,
 * in a table; the write stage (src/write) decides create / overwrite / skip as for the
 * Dockerfile.
 */
import type { CiPlan, CiProvider, RenderedFile, RenderedFiles } from "../core/pipeline.js";
import { renderGithubWorkflow } from "./render-github-workflow.js";
import { renderGitlabCi } from "./render-gitlab-ci.js";

const RENDERERS: Readonly<Record<CiProvider, (plan: CiPlan) => RenderedFile>> = {
  github: renderGithubWorkflow,
  gitlab: renderGitlabCi,
};

export function renderCi(plan: CiPlan): RenderedFiles {
  return [RENDERERS[plan.provider](plan)];
}
