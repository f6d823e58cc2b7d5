/*
 * A repair's build constraints (`setuptools<46` for a 2017 setup.py): written to a file the
 * isolated sdist builds read, through each installer's own variable — uv's
 * UV_BUILD_CONSTRAINT, pip's PIP_BUILD_CONSTRAINT (pip >= 25.3) and PIP_CONSTRAINT, which
 * older pips pass on to the build environment's own pip (25.3 stops that once build
 * constraints are set, so both are needed for every pip a base image may carry).
 */
import type { Plan } from "../core/pipeline.js";
import { block, env, run } from "./dockerfile-syntax.js";

const FILE = "/opt/pyship/build-constraints.txt";

/** The block that writes the file and points the installers at it, or null without constraints. */
export function buildConstraintsBlock(plan: Plan): string | null {
  const constraints = plan.install.buildConstraints ?? [];
  if (constraints.length === 0) return null;
  const lines = constraints.map((spec) => `'${spec.replace(/'/g, "")}'`).join(" ");
  return block(
    `pyship repair: sdists build against ${constraints.join(" ")} (see the plan's repairs).`,
    run([`mkdir -p /opt/pyship`, `printf '%s\\n' ${lines} > ${FILE}`]),
    env([`UV_BUILD_CONSTRAINT=${FILE}`, `PIP_BUILD_CONSTRAINT=${FILE}`, `PIP_CONSTRAINT=${FILE}`]),
  );
}
