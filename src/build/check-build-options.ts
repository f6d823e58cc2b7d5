/*
 * The build's inputs checked before any engine is asked, in the order the user meets them:
 * the directory, the build arguments, then the Dockerfile (a --base-image next to the
 * user's own Dockerfile would be silently ignored, so it is refused).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";
import type { BuildOptions } from "./build-ports.js";
import type { EngineWish } from "./detect-engine.js";
import { parsePlatforms } from "./platforms.js";

/** The user's Dockerfile text, or null when pyship is to generate one. */
export function checkBuildOptions(options: BuildOptions): string | null {
  checkProjectDir(options.root, options.dir);
  checkBuildArgs(options.buildArgs);
  parsePlatforms(options.platform);
  return userDockerfile(join(options.root, "Dockerfile"), options.baseImage);
}

function checkProjectDir(root: string, dir: string): void {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new PyshipError("E_NO_PROJECT", msg("build.notDir", { dir }));
  }
}

function checkBuildArgs(pairs: readonly string[]): void {
  const bad = pairs.find((pair) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair));
  if (bad !== undefined)
    throw new PyshipError(
      "E_USAGE",
      msg("usage.keyValue", { flag: "--build-arg", value: JSON.stringify(bad) }),
    );
}

function userDockerfile(dockerfile: string, baseImage: string | undefined): string | null {
  const existing = existsSync(dockerfile) ? readFileSync(dockerfile, "utf8") : null;
  if (existing !== null && baseImage) {
    throw new PyshipError("E_USAGE", msg("build.baseImageOwn"), {
      file: "Dockerfile",
      hint: msg("build.baseImageOwn.hint"),
    });
  }
  return existing;
}

/** The engine asked for by --engine, else by PYSHIP_ENGINE, else none (the best one found). */
export function engineWish(
  given: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): EngineWish | undefined {
  const value = given ?? wishFromEnv(env.PYSHIP_ENGINE);
  if (value === undefined) return undefined;
  if (value === "docker" || value === "buildx" || value === "podman") return value;
  throw new PyshipError("E_USAGE", msg("build.badEngine", { value: JSON.stringify(value) }));
}

/**
 * PYSHIP_ENGINE may also name a client path (verify's meaning): only the three words count
 * here, and a path to podman (which has no other builder to pick from) means podman.
 */
function wishFromEnv(value: string | undefined): string | undefined {
  if (value !== undefined && /(^|\/)podman$/.test(value)) return "podman";
  return value === "docker" || value === "buildx" || value === "podman" ? value : undefined;
}
