/*
 * `runBuild` without a Dockerfile: plan and write one exactly like `init` (never overwriting
 * a file), build it, and give known failures their repairs (build-with-repairs.ts). With a repair,
 * only the Dockerfile this run wrote is rewritten: it is pyship's own.
 */

import { composeProject } from "../compose/compose-project.js";
import { isPyshipError, type PyshipError } from "../core/errors.js";
import type { ComposePlan, Plan, ProjectFacts, Repair, VerifyReport } from "../core/pipeline.js";
import { renderFiles } from "../render/render-files.js";
import { writeFiles } from "../write/write-files.js";
import { buildAndVerify, finishBuild } from "./build-and-verify.js";
import type { BuildOutcome, BuildSession, Built } from "./build-ports.js";
import { withPlanInputs } from "./build-secrets.js";
import { buildWithRepairs } from "./build-with-repairs.js";
import { withComposeHint } from "./compose-hint.js";
import { defaultTags } from "./default-tags.js";
import { initCommands, withInitHint } from "./init-hint.js";
import { withResolveDateHint } from "./resolve-date-hint.js";
import { resolveDateRepair } from "./resolve-date-repair.js";

interface Planned {
  readonly plan: Plan;
  readonly facts: ProjectFacts;
}

export async function buildGenerated(session: BuildSession): Promise<BuildOutcome> {
  let tags: readonly string[] = [];
  const last: { planned?: Planned } = {};
  const { outcome, repairs } = await buildWithRepairs<Built>({
    prepare: async (repairs) => {
      last.planned = await generate(session, repairs);
      tags = tagsFor(session.options.tags, last.planned.plan.project);
      return last.planned.plan.repairs;
    },
    run: () => buildAndVerify(withPlanInputs(session, last.planned?.plan), tags, true),
    onRepair: session.ports.events.repairing,
    runsAppCode: (error) => last.planned !== undefined && failedInAppStep(error, last.planned.plan),
    fallback: async () =>
      last.planned === undefined
        ? null
        : resolveDateRepair(
            session.ports.executor,
            session.options.root,
            last.planned.plan,
            last.planned.facts.dependencies.requirements,
          ),
  });
  // A failure after a good build may be today's releases breaking the project: say so.
  const hinted = (error: PyshipError) =>
    last.planned === undefined
      ? error
      : withResolveDateHint(error, last.planned.plan, last.planned.facts.dependencies.requirements);
  try {
    const finished = await finishBuild(session, outcome, repairs);
    if (!finished.failure) return finished;
    const outside = withOutsideHints(
      finished.failure,
      finished.report,
      last.planned,
      session.options.dir,
    );
    return { ...finished, failure: hinted(outside) };
  } catch (error) {
    if (!isPyshipError(error) || last.planned === undefined) throw error;
    throw hinted(error);
  }
}

/**
 * A verify failure that needs something outside the image: the services its code shows
 * (compose-hint.ts) or the command that creates its tables (init-hint.ts), named in the hint.
 */
function withOutsideHints(
  failure: PyshipError,
  report: VerifyReport | null,
  planned: Planned | undefined,
  dir: string,
): PyshipError {
  if (planned === undefined) return failure;
  const needs = withComposeHint(failure, report, composePlanOf(planned), dir);
  const cause = report?.failure?.diagnosis?.cause;
  if (cause !== "db-not-initialised") return needs;
  return withInitHint(needs, report, initCommands(planned.facts, planned.plan), planned.plan);
}

/**
 * The failed step is one that runs the app's code: the database's init command or
 * collectstatic (the error names the step by its first words: `RUN flask --app …`).
 */
function failedInAppStep(error: PyshipError, plan: Plan): boolean {
  const text = `${error.message}\n${error.details ?? ""}`;
  const init = plan.initDatabase?.argv[0];
  if (init !== undefined && text.includes(`RUN ${init}`)) return true;
  return plan.collectStatic !== null && text.includes("collectstatic");
}

/** The stack `pyship compose` would write, for the hint; none when it cannot be planned. */
function composePlanOf(planned: Planned): ComposePlan | null {
  try {
    return composeProject(planned.facts, planned.plan).plan;
  } catch {
    return null;
  }
}

async function generate(
  { options, ports, engine }: BuildSession,
  repairs: readonly Repair[],
): Promise<Planned> {
  // podman has cache mounts but not BuildKit's bind mounts of another stage.
  const { cacheMounts, buildkit } = engine.capabilities;
  const planned = await ports.plan(repairs, cacheMounts, buildkit);
  const files = renderFiles(planned.plan).filter(
    (f) => repairs.length === 0 || f.path === "Dockerfile",
  );
  const outcome = writeFiles(options.root, files, { dryRun: false, force: repairs.length > 0 });
  if (repairs.length === 0) {
    const paths = (actions: readonly string[]) =>
      outcome.files.filter((f) => actions.includes(f.action)).map((f) => f.path);
    ports.events.generated(paths(["create", "overwrite"]), paths(["skip"]));
  }
  return planned;
}

export function tagsFor(
  given: readonly string[],
  project: { readonly name: string; readonly version: string | null },
): readonly string[] {
  return given.length > 0 ? given : defaultTags(project.name, project.version);
}
