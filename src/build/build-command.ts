/*
 * The engine command line for one build. Every engine gets an iidfile (the only portable
 * way to learn the image id), and BuildKit engines plain progress, so the log has one
 * step per line that read-build-log.ts can parse. buildx always `--load`s: the image must be
 * in the engine's store for verify (and `push` pushes it afterwards). podman builds the
 * docker image format: its default (OCI) drops HEALTHCHECK, which compose and docker read.
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
  /** buildx cache import/export (`type=gha`, `type=registry,ref=…`); other engines ignore them. */
  readonly cacheFrom?: string;
  readonly cacheTo?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Unix seconds every timestamp of the image should carry (see reproducibleArgs). */
  readonly sourceDateEpoch?: number;
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
  // podman's default OCI format drops HEALTHCHECK; a reproducible release asks for OCI itself.
  const format =
    engine.name === "podman" && request.sourceDateEpoch === undefined ? ["--format", "docker"] : [];
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
    ...Object.entries(request.labels ?? {}).flatMap(([key, value]) => [
      "--label",
      `${key}=${value}`,
    ]),
    ...reproducibleArgs(engine, request),
    ...secretFiles.flatMap(({ id, file }) => ["--secret", `id=${id},src=${file}`]),
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

/**
 * The commit time for a reproducible image (src/build/reproducible-builds.ts says which
 * engines honour it). Every engine gets the SOURCE_DATE_EPOCH build argument (the generated
 * Dockerfile declares it: pip then writes hash-based bytecode); podman also `--timestamp`
 * (config and every file's time) in the OCI format, since the docker format records the
 * build container's id in the config (its cost: no HEALTHCHECK, which OCI lacks), and from
 * scratch: podman's cached layers carry their first build's history (measured on podman 4.3:
 * a cached rebuild got another config digest, two clean builds one).
 */
function reproducibleArgs(engine: Engine, request: BuildRequest): string[] {
  const epoch = request.sourceDateEpoch;
  if (epoch === undefined) return [];
  const arg = ["--build-arg", `SOURCE_DATE_EPOCH=${epoch}`];
  if (engine.name !== "podman") return arg;
  const clean = request.noCache ? [] : ["--no-cache"];
  return [...arg, "--timestamp", String(epoch), "--format", "oci", ...clean];
}
