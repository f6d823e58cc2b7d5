/*
 * The release's build port on top of the build stage (src/build/run-build.ts): the same
 * build, repair and verify as `pyship build`, and the built image as the thing to push —
 * identified by its config digest (the image id), which a registry's manifest names too.
 */
import type { BuildOutcome, BuildPorts } from "../build/build-ports.js";
import type { Engine } from "../build/engine.js";
import { runBuild } from "../build/run-build.js";
import { PyshipError } from "../core/errors.js";
import type { ReleaseImage } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { ReleasePorts } from "./release-ports.js";

export function releaseBuilder(ports: BuildPorts): ReleasePorts["build"] {
  return async (options) => {
    let engine: Engine | null = null;
    const events = {
      ...ports.events,
      engineChosen: (chosen: Engine) => {
        engine = chosen;
        ports.events.engineChosen(chosen);
      },
    };
    const outcome = await runBuild(options, { ...ports, events });
    if (engine === null) throw new PyshipError("E_INTERNAL", msg("release.noEngine"));
    return { outcome, engine, image: singleImage(outcome, options.platform) };
  };
}

export function singleImage(outcome: BuildOutcome, platform: string | undefined): ReleaseImage {
  const id = outcome.result.imageId;
  const digest = id.startsWith("sha256:") ? id : `sha256:${id}`;
  return {
    kind: "image",
    local: id || (outcome.result.tags[0] ?? ""),
    platforms: platform ? [platform] : [],
    configDigests: id ? [digest] : [],
  };
}
