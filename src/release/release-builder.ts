/*
 * The release's build port on top of the build stage (src/build/run-build.ts): the same
 * build, repair and verify as `pyship build`, and the built image as the thing to push —
 * identified by its config digest (the image id), which a registry's manifest names too.
 * Several platforms: the manifest list, identified by the set of its images' config digests.
 */
import type { MultiPlatformBuild } from "../build/build-platforms.js";
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
    const image = outcome.platforms
      ? listImage(outcome.platforms)
      : singleImage(outcome, options.platform);
    return { outcome, engine, image };
  };
}

export function singleImage(outcome: BuildOutcome, platform: string | undefined): ReleaseImage {
  const id = outcome.result.imageId;
  return {
    kind: "image",
    local: id || (outcome.result.tags[0] ?? ""),
    platforms: platform ? [platform] : [],
    configDigests: id ? [configDigest(id)] : [],
  };
}

/** The local manifest list; what a registry's copy of it must hold to be "the same". */
export function listImage(build: MultiPlatformBuild): ReleaseImage {
  const ids = build.images.map((image) => image.result.imageId);
  return {
    kind: "manifest-list",
    local: build.manifestList.ref,
    platforms: build.images.map((image) => image.platform),
    // Order-free: the registry's index may list the platforms in another order.
    configDigests: ids.filter(Boolean).map(configDigest).sort(),
  };
}

/** podman prints a bare hex image id, docker `sha256:…`; a manifest names `sha256:…`. */
function configDigest(id: string): string {
  return id.startsWith("sha256:") ? id : `sha256:${id}`;
}
