/*
 * One build on the chosen engine for `runBuild`: the full log goes to the file the user asked
 * for (kept) or to a temp file (deleted on success, kept on failure so the user can read it),
 * and the built image's size is looked up for the success message.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandExecutor } from "../core/exec.js";
import type { BuildResult } from "../core/pipeline.js";
import type { BuildRequest } from "./build-command.js";
import { buildImage } from "./build-image.js";
import type { BuildOptions, BuildSession } from "./build-ports.js";
import type { Engine } from "./engine.js";

export async function engineBuild(
  { options, ports, engine }: BuildSession,
  tags: readonly string[],
  generated: boolean,
): Promise<BuildResult> {
  const logFile =
    options.logFile ?? join(tmpdir(), `pyship-build-${process.pid}-${Date.now()}.log`);
  const watch = ports.events.building(tags);
  try {
    const result = await buildImage({
      executor: ports.executor,
      engine,
      logFile,
      generated,
      onLine: watch.line,
      request: buildRequest(options, tags, ports.env),
    });
    const image = result.imageId || (tags[0] ?? "");
    watch.built(result, await imageSize(ports.executor, engine, image));
    if (options.logFile) return result;
    rmSync(logFile, { force: true });
    return { ...result, logFile: null };
  } catch (error) {
    watch.failed(logFile);
    throw error;
  }
}

/** PYSHIP_CACHE_FROM / PYSHIP_CACHE_TO: set by a CI job (src/ci) for every pyship build in it. */
function buildRequest(
  options: BuildOptions,
  tags: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BuildRequest {
  return {
    context: options.root,
    dockerfile: join(options.root, "Dockerfile"),
    tags,
    buildArgs: options.buildArgs,
    network: options.network,
    platform: options.platform,
    noCache: options.noCache,
    cacheFrom: env.PYSHIP_CACHE_FROM || undefined,
    cacheTo: env.PYSHIP_CACHE_TO || undefined,
    labels: options.labels,
    sourceDateEpoch: options.sourceDateEpoch,
    secrets: options.secrets ?? [],
  };
}

/** The image's size in bytes, or null when the engine doesn't say. */
export async function imageSize(
  executor: CommandExecutor,
  engine: Engine,
  image: string,
): Promise<number | null> {
  const result = await executor.run(
    engine.client,
    ["image", "inspect", "--format", "{{.Size}}", image],
    { timeoutMs: 20_000 },
  );
  const bytes = Number(result.stdout.trim());
  return result.exitCode === 0 && bytes > 0 ? bytes : null;
}
