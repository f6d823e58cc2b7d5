/*
 * Where uv and the cached venv go with BuildKit (issue 9). uv gets a stage of its own that
 * holds nothing else; the stage that fills the venv bind-mounts it from there, so uv never
 * lands in a layer that ships and its download runs in parallel with the other stages.
 * Without compilers the venv is synced in the runtime stage itself: one copy of the venv
 * (cache mount → layer) instead of two (→ builder layer → COPY --from). Measured on data-api
 * (numpy, pandas), dependency change: the second copy was 1.5-2.7 s of a 4.7-6.3 s rebuild.
 */
import type { Plan } from "../core/pipeline.js";
import { block } from "./dockerfile-syntax.js";
import { indexArgNames } from "./index-args.js";
import { installStep } from "./install-steps.js";
import { usesVenvCache } from "./uv-steps.js";

/**
 * "runtime": uv's stage is the planned builder and the runtime stage installs.
 * "builder": compilers are needed, so the builder installs (bind-mounting uv's own stage)
 * and the runtime stage copies the venv from it. null: the layout without a uv stage
 * (legacy builder, pip, setup.py and inferred-import installs).
 */
export type UvLayout = "runtime" | "builder" | null;

export function uvLayout(plan: Plan): UvLayout {
  if (!usesVenvCache(plan) || installStep(plan).commands.length === 0) return null;
  // Without stage bind mounts uv is installed where it runs, in the builder (podman).
  if (plan.stageMounts === false) return null;
  return plan.systemPackages.build.length === 0 ? "runtime" : "builder";
}

/** The stage uv is installed in: the builder itself when nothing else needs one. */
export function uvStageName(plan: Plan): "builder" | "uv" {
  return uvLayout(plan) === "runtime" ? "builder" : "uv";
}

/** uv's files, read-only, for one RUN: never copied into that RUN's layer. */
export function uvToolMount(plan: Plan): string {
  return `--mount=type=bind,from=${uvStageName(plan)},source=/opt/tools,target=/opt/tools`;
}

/** The header of uv's stage: what it holds and why it is apart. */
export function uvStageComment(plan: Plan): string {
  const user = uvLayout(plan) === "runtime" ? "the runtime stage" : "the builder";
  return (
    `── ${uvStageName(plan)}: uv alone, bind-mounted by ${user} while it installs; never in the\n` +
    "final image. A stage of its own, so it is fetched while the other stages run (apt, user)."
  );
}

/**
 * The index settings of uv's stage, for the runtime stage's install: build arguments that a
 * RUN of the final stage used would be in the image's history (PY402), so that stage
 * declares none and reads them from this file of uv's stage, which never ships.
 */
export const INDEX_ENV = "/opt/tools/pyship-index.env";

/** Whether the runtime stage's install needs INDEX_ENV (the user's index, a mirror, a secret). */
export function carriesIndexEnv(plan: Plan): boolean {
  if (uvLayout(plan) !== "runtime") return false;
  return indexArgNames(plan).length > 0 || Boolean(plan.mirror?.indexUrl || plan.index?.secret);
}

/** Writes INDEX_ENV: uv's variables as the shell quotes them (`export -p`), nothing else. */
export const SAVE_INDEX_ENV = `{ export -p | grep -E '^export (UV_[A-Z_]+|NETRC|PYSHIP_INDEX_SECRET_HASH)=' || true; } > ${INDEX_ENV}`;

/** The tool's install RUN, as a block. */
export function toolBlock(name: string, runLine: string): string {
  return block(
    `${name} lives in /opt/tools in the builder; it is not needed to run the app.`,
    runLine,
  );
}

/** uv's install RUN in its own stage. */
export function uvToolBlock(runLine: string): string {
  return block(
    "uv from the package index with the base image's pip (your index settings apply), into /opt/tools.",
    runLine,
  );
}
