/*
 * The values `pyship build` passes for the mirror build arguments the Dockerfile declares
 * with empty defaults (src/render/mirror-steps.ts): the Dockerfile stays the same inside and
 * outside China, only the build command differs. pip reads PIP_*, uv UV_* (uv ignores pip's).
 */
import type { MirrorPlan } from "../core/pipeline.js";
import { BASE_REGISTRY_ARG, baseRegistryPrefix } from "./base-registry.js";

export const APT_MIRROR_ARG = "PYSHIP_APT_MIRROR";

/** The index variables the install stages declare (without a value) for a mirror. */
export const INDEX_ARGS = ["PIP_INDEX_URL", "UV_DEFAULT_INDEX"] as const;
/** Declared too: a plain-http mirror must be trusted by host, by both tools. */
export const INSECURE_ARGS = ["PIP_TRUSTED_HOST", "UV_INSECURE_HOST"] as const;

/** `K=V` pairs for `--build-arg`, in the order the Dockerfile reads them. */
export function mirrorBuildArgs(mirror: MirrorPlan | undefined, baseImage: string): string[] {
  if (mirror === undefined) return [];
  const args: string[] = [];
  const prefix = mirror.baseRegistry && baseRegistryPrefix(mirror.baseRegistry, baseImage);
  if (prefix) args.push(`${BASE_REGISTRY_ARG}=${prefix}`);
  if (mirror.aptMirror) args.push(`${APT_MIRROR_ARG}=${mirror.aptMirror}`);
  if (mirror.indexUrl) {
    const url = mirror.indexUrl;
    args.push(...INDEX_ARGS.map((name) => `${name}=${url}`));
    if (url.startsWith("http://")) {
      const host = new URL(url).host;
      args.push(...INSECURE_ARGS.map((name) => `${name}=${host}`));
    }
  }
  return args;
}
