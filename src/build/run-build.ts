/*
 * The build stage behind `pyship build [DIR]`: pick the engine that really works here
 * (detect-engine.ts), use DIR/Dockerfile or generate it like `init` (cache mounts only if the
 * engine has them), build, verify the image (unless told not to) and optionally push it.
 * It never prints: progress goes to the caller's events, the outcome comes back as a value,
 * and failures as diagnosed PyshipErrors.
 */
import { basename } from "node:path";
import { scanProject } from "../detect/project-files.js";
import { detectProjectMeta } from "../detect/project-meta.js";
import { buildAndVerify, finishBuild } from "./build-and-verify.js";
import { buildGenerated, tagsFor } from "./build-generated.js";
import type { BuildOptions, BuildOutcome, BuildPorts } from "./build-ports.js";
import { withUserDockerfileInputs } from "./build-secrets.js";
import { checkBuildOptions, engineWish } from "./check-build-options.js";
import { detectEngine } from "./detect-engine.js";
import { dockerfileNeeds } from "./dockerfile-needs.js";
import { isMultiPlatform } from "./platforms.js";

export async function runBuild(options: BuildOptions, ports: BuildPorts): Promise<BuildOutcome> {
  const existing = checkBuildOptions(options);
  const engine = await detectEngine(ports.executor, ports.env, {
    wish: engineWish(options.engine, ports.env),
    needsCacheMounts: existing !== null && dockerfileNeeds(existing).cacheMounts,
    multiPlatform: isMultiPlatform(options.platform),
  });
  ports.events.engineChosen(engine);
  const session = { options, ports, engine };
  if (existing === null) return buildGenerated(session);
  const tags = tagsFor(options.tags, existingProject(options.root));
  // The user's Dockerfile gets the mirror values too (unused ones only draw a warning).
  const withArgs = withUserDockerfileInputs(session, existing);
  return finishBuild(withArgs, await buildAndVerify(withArgs, tags, false), []);
}

/**
 * A Dockerfile of the user's: the tag still comes from the project's metadata if any. Only
 * the metadata is read: dependencies and entrypoints don't matter to a Dockerfile we build as is.
 */
function existingProject(root: string): { name: string; version: string | null } {
  try {
    return detectProjectMeta(scanProject(root));
  } catch {
    return { name: basename(root), version: null };
  }
}
