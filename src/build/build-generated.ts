/*
 * `runBuild` without a Dockerfile: plan and write one exactly like `init` (never overwriting
 * a file), build it, and give known failures their repairs (build-with-repairs.ts). With a repair,
 * only the Dockerfile this run wrote is rewritten: it is pyship's own.
 */
import { isPyshipError, type PyshipError } from "../core/errors.js";
import type { Plan, ProjectFacts, Repair } from "../core/pipeline.js";
import { renderFiles } from "../render/render-files.js";
import { writeFiles } from "../write/write-files.js";
import { buildAndVerify, finishBuild } from "./build-and-verify.js";
import type { BuildOutcome, BuildSession, Built } from "./build-ports.js";
import { withPlanInputs } from "./build-secrets.js";
import { buildWithRepairs } from "./build-with-repairs.js";
import { defaultTags } from "./default-tags.js";
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
    return finished.failure ? { ...finished, failure: hinted(finished.failure) } : finished;
  } catch (error) {
    if (!isPyshipError(error) || last.planned === undefined) throw error;
    throw hinted(error);
  }
}

async function generate(
  { options, ports, engine }: BuildSession,
  repairs: readonly Repair[],
): Promise<Planned> {
  const planned = await ports.plan(repairs, engine.capabilities.cacheMounts);
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
