/*
 * detect + plan for one directory, shared by `pyship plan`, `init` and `build`. When several
 * web apps tie and a person is at the terminal, it asks which one to run (then re-plans
 * with that choice); in CI the ambiguity stays an error with a hint.
 */
import { resolve } from "node:path";
import { isCancel, select } from "@clack/prompts";
import { isPyshipError, PyshipError } from "../core/errors.js";
import type { EntrypointCandidate, Plan, PlanOptions, ProjectFacts } from "../core/pipeline.js";
import { detectProject } from "../detect/detect-project.js";
import { detectIndexSettings } from "../detect/index-settings.js";
import { detectIndexSources, mergeIndexSettings } from "../detect/index-sources.js";
import { withEraPython } from "../detect/pins/era-python.js";
import { manifestDate } from "../detect/pins/manifest-date.js";
import { httpIndex } from "../detect/pins/package-index.js";
import { scanProject } from "../detect/project-files.js";
import { msg } from "../i18n/message.js";
import { ambiguousCandidates } from "../plan/choose-entrypoint.js";
import { planProject } from "../plan/plan-project.js";
import type { CliContext } from "./context.js";
import { localeOf, t } from "./i18n.js";

export interface LoadedPlan {
  readonly root: string;
  readonly facts: ProjectFacts;
  readonly plan: Plan;
}

/** Asks the user for one of the candidates; returns its `app`. Tests pass a fake. */
export type ChooseEntrypoint = (
  candidates: readonly EntrypointCandidate[],
  ctx: CliContext,
) => Promise<string>;

export async function loadPlan(
  dir: string | undefined,
  given: PlanOptions,
  ctx: CliContext,
  choose: ChooseEntrypoint = askEntrypoint,
): Promise<LoadedPlan> {
  const root = resolve(ctx.cwd, dir ?? ".");
  const facts = await withEraPython(detectProject(root), ctx.index ?? httpIndex({ env: ctx.env }));
  const machine = ctx.pip === undefined ? undefined : detectIndexSettings(ctx.pip);
  const merged = mergeIndexSettings(machine, detectIndexSources(scanProject(root)));
  const index = merged === undefined ? {} : { index: merged };
  const locale = { locale: localeOf(ctx.lang) };
  const options = { ...(await resolvedDate(given, facts, root, ctx)), ...index, ...locale };
  try {
    return { root, facts, plan: planProject(facts, options) };
  } catch (error) {
    const ambiguous = isPyshipError(error) && error.code === "E_AMBIGUOUS_ENTRYPOINT";
    if (!ambiguous || !ctx.interactive) throw error;
    const app = await choose(ambiguousCandidates(facts.entrypoints), ctx);
    return { root, facts, plan: planProject(facts, { ...options, app }) };
  }
}

/** `--resolve-date auto` becomes the day git last changed the dependency manifest or the code. */
async function resolvedDate(
  options: PlanOptions,
  facts: ProjectFacts,
  root: string,
  ctx: CliContext,
): Promise<PlanOptions> {
  if (options.resolveDate !== "auto") return options;
  const day = await manifestDate(ctx.executor, root, facts.dependencies.install.files);
  return { ...options, resolveDate: day };
}

async function askEntrypoint(
  candidates: readonly EntrypointCandidate[],
  ctx: CliContext,
): Promise<string> {
  const answer = await select({
    message: t(ctx.lang, "loadPlan.which"),
    options: candidates.map((c) => ({
      value: c.app,
      label: c.app,
      hint: `${c.framework}, ${c.evidence.file}:${c.evidence.line ?? 1}`,
    })),
  });
  if (isCancel(answer)) {
    throw new PyshipError("E_AMBIGUOUS_ENTRYPOINT", msg("entry.notChosen"), {
      hint: msg("entry.notChosen.hint"),
    });
  }
  return answer;
}
