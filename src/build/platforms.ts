/*
 * `--platform linux/amd64,linux/arm64` as data: the list of target platforms, and the local
 * name each single-platform image gets before the manifest list gathers them
 * (`shop:1.2.0` → `shop:1.2.0-linux-arm64`), so the per-architecture images never take the
 * tags the list is pushed under.
 */
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";

/** os/arch or os/arch/variant, as OCI image indexes write them. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/** The platforms of a `--platform` value, in the order given, without repeats. */
export function parsePlatforms(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === "") return [];
  const platforms = [...new Set(value.split(",").map((p) => p.trim()))];
  const bad = platforms.find((p) => !PLATFORM.test(p));
  if (bad !== undefined) {
    throw new PyshipError("E_USAGE", msg("platform.bad", { value: JSON.stringify(bad) }), {
      hint: msg("platform.bad.hint"),
    });
  }
  return platforms;
}

/** More than one platform: pyship builds each and gathers them in a manifest list. */
export function isMultiPlatform(value: string | undefined): boolean {
  return parsePlatforms(value).length > 1;
}

/** `shop:1.2.0` + linux/arm64 → `shop:1.2.0-linux-arm64` (the tag is after the last slash). */
export function platformRef(tag: string, platform: string): string {
  const slash = tag.lastIndexOf("/");
  const colon = tag.lastIndexOf(":");
  const named = colon > slash ? tag : `${tag}:latest`;
  return `${named}-${platform.replaceAll("/", "-")}`;
}

/** `linux/arm64/v8` → { os, architecture, variant } as `image inspect` reports them. */
export function splitPlatform(platform: string): {
  readonly os: string;
  readonly architecture: string;
  readonly variant: string | null;
} {
  const [os = "", architecture = "", variant] = platform.split("/");
  return { os, architecture, variant: variant ?? null };
}

/** One platform whose os/arch the engine does not run natively: its images run under qemu. */
export function isForeignPlatform(
  platform: string | undefined,
  native: readonly string[],
): boolean {
  if (platform === undefined || platform.includes(",") || native.length === 0) return false;
  const osArch = (p: string) => p.split("/").slice(0, 2).join("/");
  return !native.map(osArch).includes(osArch(platform));
}
