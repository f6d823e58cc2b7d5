/*
 * The CI files for `pyship init --ci`, with paths relative to the project (init writes
 * everything there). A project in a subfolder of its repository needs its CI file at the
 * repository root, outside what init may write: `pyship ci` writes it there.
 */
import { PyshipError } from "../core/errors.js";
import type { CiOptions, RenderedFiles } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { planCi } from "./plan-ci.js";
import { renderCi } from "./render-ci.js";

export function ciFilesForProject(
  projectRoot: string,
  options: CiOptions,
  pyshipVersion: string,
): RenderedFiles {
  const plan = planCi(projectRoot, options, pyshipVersion);
  if (plan.projectDir !== ".")
    throw new PyshipError(
      "E_USAGE",
      msg("ci.notRoot", { dir: plan.projectDir, repo: plan.repoRoot }),
      {
        hint: msg("ci.notRoot.hint", {
          provider: options.provider,
          dir: plan.projectDir,
          repo: plan.repoRoot,
        }),
      },
    );
  return renderCi(plan);
}
