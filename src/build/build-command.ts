/*
 * The engine command line for one build. Every engine gets an iidfile (the only portable
 * way to learn the image id), and BuildKit engines plain progress, so the log has one
 * step per line that read-build-log.ts can parse. buildx always `--load`s: the image must be
 * in the engine's store for verify (and `push` pushes it afterwards).
 */
import type { BuildSecret } from "../mirror/index-secret.js";
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
  /** BuildKit secrets; buildImage writes each to a 0600 file for `--secret id=…,src=…`. */
  readonly secrets?: readonly BuildSecret[];
}

/** A secret written for the engine to read (src= works on Docker 20.10, buildx and podman). */
export interface SecretFile {
  readonly id: string;
  readonly file: string;
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
  secretFiles: readonly SecretFile[] = [],
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
    ...secretFiles.flatMap(({ id, file }) => ["--secret", `id=${id},src=${file}`]),
    request.context,
  ];
  return { command: engine.client, args, env: engine.env };
}
