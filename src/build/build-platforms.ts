/*
 * `pyship build --platform linux/amd64,linux/arm64`: one build per platform under its own
 * local name (platforms.ts), each checked to really be that architecture and verified like
 * any image (foreign ones run under qemu emulation: starts, answers, not root, …), then one
 * manifest list under the requested tags (manifest-list.ts). The release stage calls this
 * and `pushManifestList`; `pyship build --push` does the same.
 */
import { PyshipError } from "../core/errors.js";
import type { BuildResult, VerifyReport } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { BuildSession, Built } from "./build-ports.js";
import type { Engine } from "./engine.js";
import { engineBuild } from "./engine-build.js";
import { createManifestList, type ManifestList, unsupported } from "./manifest-list.js";
import { parsePlatforms, platformRef, splitPlatform } from "./platforms.js";

/** One platform of the build: its image, build result and verification (null: skipped). */
export interface PlatformBuild {
  readonly platform: string;
  readonly ref: string;
  readonly result: BuildResult;
  readonly report: VerifyReport | null;
}

export interface MultiPlatformBuild {
  readonly images: readonly PlatformBuild[];
  readonly manifestList: ManifestList;
}

/** Engines that can gather several platforms under one name. */
const MANIFEST_ENGINES: readonly Engine["name"][] = ["podman", "buildx"];

export type VerifyOne = (session: BuildSession, image: string) => Promise<VerifyReport | null>;

export async function buildPlatforms(
  session: BuildSession,
  tags: readonly string[],
  generated: boolean,
  verify: VerifyOne,
): Promise<MultiPlatformBuild> {
  const { engine, ports } = session;
  if (!MANIFEST_ENGINES.includes(engine.name)) throw unsupported(engine);
  const images: PlatformBuild[] = [];
  for (const platform of parsePlatforms(session.options.platform)) {
    const ref = platformRef(tags[0] ?? "", platform);
    const one = { ...session, options: { ...session.options, platform } };
    const result = await engineBuild(one, [ref], generated);
    await checkArchitecture(session, ref, platform);
    images.push({ platform, ref, result, report: await verify(one, ref) });
  }
  const manifestList = await createManifestList(ports.executor, engine, tags, images);
  return { images, manifestList };
}

/** The multi-platform build as the one `Built` the repair loop and finishBuild read. */
export function asBuilt(tags: readonly string[], build: MultiPlatformBuild): Built {
  const first = build.images[0];
  if (!first) throw new PyshipError("E_USAGE", msg("platform.none"));
  const failed = build.images.find((image) => image.report?.failure);
  const durationMs = build.images.reduce((sum, image) => sum + image.result.durationMs, 0);
  return {
    tags,
    result: { ...first.result, tags, durationMs },
    report: (failed ?? first).report,
    platforms: build,
  };
}

/**
 * An engine without emulation may build the host's architecture whatever `--platform` says,
 * or fail late; the image's own config says which it is.
 */
async function checkArchitecture(
  { ports, engine }: BuildSession,
  ref: string,
  platform: string,
): Promise<void> {
  const result = await ports.executor.run(
    engine.client,
    ["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", ref],
    { timeoutMs: 20_000 },
  );
  const { os, architecture } = splitPlatform(platform);
  const got = result.stdout.trim();
  if (result.exitCode === 0 && got === `${os}/${architecture}`) return;
  throw mismatch(ref, platform, got || result.stderr.trim());
}

function mismatch(ref: string, platform: string, got: string): PyshipError {
  return new PyshipError("E_PLATFORM_MISMATCH", msg("platform.mismatch", { ref, got, platform }), {
    hint: msg("platform.mismatch.hint"),
  });
}
