/*
 * The user's package index (from their pip settings, src/detect/index-settings.ts) as build
 * arguments of the stage that installs: uv reads UV_*, the base image's pip (which installs
 * uv itself, or everything with `installer = "pip"`) reads PIP_*. Build arguments, not ENV,
 * so they are not in the final image's environment, and `--build-arg` overrides each.
 */
import type { Plan } from "../core/pipeline.js";
import { block } from "./dockerfile-syntax.js";

/** pip's setting → the variables pip and uv read it from. uv's: UV_INDEX is extra indexes. */
const NAMES = {
  indexUrl: ["PIP_INDEX_URL", "UV_DEFAULT_INDEX"],
  extraIndexUrls: ["PIP_EXTRA_INDEX_URL", "UV_INDEX"],
  trustedHosts: ["PIP_TRUSTED_HOST", "UV_INSECURE_HOST"],
} as const;

/** The ARGs the user's settings give a value: name and value. */
function indexValues(plan: Plan): Array<[string, string]> {
  const { index } = plan;
  if (index === null) return [];
  const values: Array<[keyof typeof NAMES, string]> = [
    ["indexUrl", index.indexUrl ?? ""],
    ["extraIndexUrls", index.extraIndexUrls.join(" ")],
    ["trustedHosts", index.trustedHosts.join(" ")],
  ];
  return values
    .filter(([, value]) => value !== "")
    .flatMap(([key, value]) => NAMES[key].map((name): [string, string] => [name, value]));
}

/** The names indexArgs declares (a mirror does not declare them again). */
export function indexArgNames(plan: Plan): string[] {
  return indexValues(plan).map(([name]) => name);
}

export function indexArgs(plan: Plan): string[] {
  const values = indexValues(plan);
  if (values.length === 0) return [];
  const args = values.map(([name, value]) => `ARG ${name}=${JSON.stringify(value)}`);
  return [
    block(
      "The package index from your pip settings (`pyship plan` shows the file each came from),\n" +
        "for pip and uv. Build arguments: not in the final image; --build-arg overrides them.",
      ...args,
    ),
  ];
}
