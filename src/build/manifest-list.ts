/*
 * One name for the images of every platform: a manifest list (an OCI image index). podman
 * keeps one locally (`manifest create/add`); docker's buildx has none before a push, so there
 * the list is made in the registry by push-manifest-list.ts.
 */
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import { msg } from "../i18n/message.js";
import type { Engine } from "./engine.js";
import { splitPlatform } from "./platforms.js";

/** One verified single-platform image, under its local per-platform name. */
export interface PlatformImage {
  readonly platform: string;
  readonly ref: string;
}

/** The images of one multi-platform build and the list that gathers them. */
export interface ManifestList {
  /** podman: the local list's name (the first tag); buildx: the first tag, made at push. */
  readonly ref: string;
  readonly tags: readonly string[];
  readonly images: readonly PlatformImage[];
}

/** Gathers the images in a local list under every tag (podman only; buildx: at push). */
export async function createManifestList(
  executor: CommandExecutor,
  engine: Engine,
  tags: readonly string[],
  images: readonly PlatformImage[],
): Promise<ManifestList> {
  const ref = tags[0] ?? "";
  const list: ManifestList = { ref, tags, images };
  if (engine.name !== "podman") return list;
  // `manifest create` refuses an existing name: a list from an earlier build goes first.
  await executor.run(engine.client, ["manifest", "rm", ref], { timeoutMs: 30_000 });
  await must(executor, engine, ["manifest", "create", ref]);
  for (const image of images) await must(executor, engine, addArgs(ref, image));
  for (const tag of tags.slice(1)) {
    await executor.run(engine.client, ["manifest", "rm", tag], { timeoutMs: 30_000 });
    await must(executor, engine, ["tag", ref, tag]);
  }
  return list;
}

function addArgs(ref: string, image: PlatformImage): string[] {
  const { os, architecture, variant } = splitPlatform(image.platform);
  return [
    "manifest",
    "add",
    "--os",
    os,
    "--arch",
    architecture,
    ...(variant ? ["--variant", variant] : []),
    ref,
    // Without the transport podman looks for the image in a registry; without a domain
    // containers-storage reads `shop:1` as docker.io/library/shop:1, not podman's localhost/.
    `containers-storage:${qualified(image.ref)}`,
  ];
}

/** `shop:1` → `localhost/shop:1`; `registry:5000/shop:1` and `localhost/shop:1` stay. */
function qualified(ref: string): string {
  const first = ref.split("/")[0] ?? "";
  const hasDomain = ref.includes("/") && (/[.:]/.test(first) || first === "localhost");
  return hasDomain ? ref : `localhost/${ref}`;
}

export async function must(
  executor: CommandExecutor,
  engine: Engine,
  args: readonly string[],
): Promise<void> {
  const result = await executor.run(engine.client, args, { timeoutMs: 120_000 });
  if (result.exitCode === 0) return;
  throw new PyshipError(
    "E_MANIFEST_FAILED",
    msg("manifest.failed", { command: `${engine.client} ${args.join(" ")}` }),
    {
      details: result.stderr.trim() || undefined,
      hint: msg("manifest.failed.hint"),
    },
  );
}

export function unsupported(engine: Engine): PyshipError {
  return new PyshipError(
    "E_PLATFORM_UNSUPPORTED",
    msg("platform.engineCannot", { engine: engine.name }),
    {
      hint: msg("platform.engineCannot.hint"),
    },
  );
}
