/*
 * The engine command line for one build. Every engine gets an iidfile (the only portable
 * way to learn the image id), and BuildKit engines plain progress, so the log has one
 * step per line that read-build-log.ts can parse. buildx always `--load`s: the image must be
 * in the engine's store for verify (and `push` pushes it afterwards).
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
  readonly labels?: Readonly<Record<string, string>>;
  /** Unix seconds every timestamp of the image should carry (see reproducibleArgs). */
  readonly sourceDateEpoch?: number;
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
  const args = [
    ...head,
    ...progress,
    "--iidfile",
    iidFile,
    "-f",
    request.dockerfile,
    ...request.tags.flatMap((tag) => ["-t", tag]),
    ...request.buildArgs.flatMap((pair) => ["--build-arg", pair]),
    ...(request.network ? ["--network", request.network] : []),
    ...(request.platform ? ["--platform", request.platform] : []),
    ...(request.noCache ? ["--no-cache"] : []),
    ...Object.entries(request.labels ?? {}).flatMap(([key, value]) => [
      "--label",
      `${key}=${value}`,
    ]),
    ...reproducibleArgs(engine, request.sourceDateEpoch),
    request.context,
  ];
  return { command: engine.client, args, env: engine.env };
}

/**
 * podman/buildah `--timestamp` sets the created time and every file's time in the layers;
 * BuildKit ≥ 0.11 reads the SOURCE_DATE_EPOCH build argument (older BuildKit and the legacy
 * builder ignore it, which src/release/reproducible-builds.ts reports).
 */
function reproducibleArgs(engine: Engine, epoch: number | undefined): string[] {
  if (epoch === undefined) return [];
  if (engine.name === "podman") return ["--timestamp", String(epoch)];
  return engine.capabilities.buildkit ? ["--build-arg", `SOURCE_DATE_EPOCH=${epoch}`] : [];
}
