/*
 * The engine command line for one build. Every engine gets an iidfile (the only portable
 * way to learn the image id), and BuildKit engines plain progress, so the log has one
 * step per line that read-build-log.ts can parse. buildx always `--load`s: the image must be
 * in the engine's store for verify (and `push` pushes it afterwards). podman builds the
 * docker image format: its default (OCI) drops HEALTHCHECK, which compose and docker read.
 */
import type { Engine } from "./engine.js";

export interface BuildRequest {
  /** The build context (the project directory). */
  readonly context: string;
  readonly dockerfile: string;
  readonly tags: readonly string[];
  /** `K=V` pairs. */
  readonly buildArgs: readonly string[];
  readonly network?: string;
  readonly platform?: string;
  readonly noCache?: boolean;
  /** buildx cache import/export (`type=gha`, `type=registry,ref=…`); other engines ignore them. */
  readonly cacheFrom?: string;
  readonly cacheTo?: string;
}

export interface EngineCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export function buildCommand(
  engine: Engine,
  request: BuildRequest,
  iidFile: string,
): EngineCommand {
  const head = engine.name === "buildx" ? ["buildx", "build", "--load"] : ["build"];
  const progress = engine.capabilities.buildkit ? ["--progress=plain"] : [];
  const format = engine.name === "podman" ? ["--format", "docker"] : [];
  const args = [
    ...head,
    ...progress,
    ...format,
    "--iidfile",
    iidFile,
    "-f",
    request.dockerfile,
    ...request.tags.flatMap((tag) => ["-t", tag]),
    ...request.buildArgs.flatMap((pair) => ["--build-arg", pair]),
    ...(request.network ? ["--network", request.network] : []),
    ...(request.platform ? ["--platform", request.platform] : []),
    ...(request.noCache ? ["--no-cache"] : []),
    ...cacheFlags(engine, request),
    request.context,
  ];
  return { command: engine.client, args, env: engine.env };
}

/** Only buildx can import and export a layer cache (the GitHub Actions cache, a registry). */
function cacheFlags(engine: Engine, request: BuildRequest): string[] {
  if (engine.name !== "buildx") return [];
  return [
    ...(request.cacheFrom ? ["--cache-from", request.cacheFrom] : []),
    ...(request.cacheTo ? ["--cache-to", request.cacheTo] : []),
  ];
}
