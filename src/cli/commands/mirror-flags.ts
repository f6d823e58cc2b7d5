/*
 * The mirror flags `plan`, `init` and `build` share (src/mirror): their text once, and the
 * PlanOptions they become. Checked where they are planned (resolve-mirror.ts).
 */
import type { Command } from "commander";
import type { PlanOptions } from "../../core/pipeline.js";
import { MIRROR_PRESETS } from "../../mirror/mirror-presets.js";

export interface MirrorFlags {
  mirror?: string;
  aptMirror?: string;
  baseRegistry?: string;
}

const NAMES = MIRROR_PRESETS.map((preset) => preset.name).join("|");

export function addMirrorFlags(command: Command): Command {
  return command
    .option(
      "--mirror <name|url|off>",
      `PyPI and Debian mirror for the build: ${NAMES}, a PyPI simple URL, or off (overrides [tool.pyship] mirror)`,
    )
    .option("--apt-mirror <url>", "Debian mirror for apt in the build (overrides the preset's)")
    .option(
      "--base-registry <host>",
      "registry that serves Docker Hub's images to FROM, e.g. docker.m.daocloud.io",
    );
}

export function mirrorOptions(flags: MirrorFlags): PlanOptions {
  return {
    ...(flags.mirror === undefined ? {} : { mirror: flags.mirror }),
    ...(flags.aptMirror === undefined ? {} : { aptMirror: flags.aptMirror }),
    ...(flags.baseRegistry === undefined ? {} : { baseRegistry: flags.baseRegistry }),
  };
}
