/*
 * One attempt of `runBuild`: build the image, verify it unless told not to, and then
 * (finishBuild) push it only if verification passed, so a broken image is never published.
 * Several platforms (`--platform a,b`) are built and verified one by one and pushed as one
 * manifest list (build-platforms.ts).
 */

import { PyshipError } from "../core/errors.js";
import type { Repair, VerifyReport } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { verifyError } from "../verify/verify-error.js";
import { verifyImage } from "../verify/verify-image.js";
import { pushImage } from "./build-image.js";
import { asBuilt, buildPlatforms } from "./build-platforms.js";
import type { BuildOutcome, BuildSession, Built } from "./build-ports.js";
import { engineBuild } from "./engine-build.js";
import { isForeignPlatform, isMultiPlatform } from "./platforms.js";
import { pushManifestList } from "./push-manifest-list.js";

export async function buildAndVerify(
  session: BuildSession,
  tags: readonly string[],
  generated: boolean,
): Promise<Built> {
  stopIfAsked(session);
  if (isMultiPlatform(session.options.platform)) {
    const build = await buildPlatforms(session, tags, generated, maybeVerify);
    session.ports.events.listed?.(build);
    return asBuilt(tags, build);
  }
  const result = await engineBuild(session, tags, generated);
  stopIfAsked(session);
  return { tags, result, report: await maybeVerify(session, tags[0] ?? "") };
}

/** Ctrl-C between steps: what is running finishes its cleanup, nothing new starts. */
function stopIfAsked({ ports }: BuildSession): void {
  if (ports.stopRequested?.()) throw new PyshipError("E_INTERRUPTED", msg("fault.interrupted"));
}

async function maybeVerify(
  { options, ports, engine }: BuildSession,
  image: string,
): Promise<VerifyReport | null> {
  if (!options.verify) return null;
  const env = options.verifyEnv ?? {};
  for (const [name, value] of Object.entries(env))
    ports.events.verifyProgress(msg("build.verifyEnv", { name, value }));
  const report = await ports.interruptible((signal) =>
    verifyImage({
      executor: ports.executor,
      client: engine.client,
      image,
      options: Object.keys(env).length > 0 ? { env } : {},
      signal,
      onProgress: ports.events.verifyProgress,
      emulated: isForeignPlatform(options.platform, engine.capabilities.platforms),
    }),
  );
  ports.events.verified(report);
  return report;
}

/** The failed verification comes back as `failure` (the caller shows the outcome first). */
export async function finishBuild(
  { options, ports, engine }: BuildSession,
  { tags, result, report, platforms }: Built,
  repairs: readonly Repair[],
): Promise<BuildOutcome> {
  if (!options.verify) ports.events.verifySkipped();
  const failure = report ? verifyError(report) : null;
  if (!failure && options.push && platforms) {
    for (const tag of tags) {
      await pushManifestList(ports.executor, engine, platforms.manifestList, tag);
      ports.events.pushed(tag);
    }
  } else if (!failure && options.push) {
    await pushImage(ports.executor, engine, tags);
    for (const tag of tags) ports.events.pushed(tag);
  }
  const repair = repairs[0] ?? null;
  return { result, report, repair, repairs, failure, ...(platforms ? { platforms } : {}) };
}
