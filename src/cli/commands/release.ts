/*
 * `pyship release [DIR]`: parses the flags, runs the release stage (src/release/run-release.ts)
 * with the CLI's ports — the build stage with `pyship build`'s progress, the registry's HTTP
 * API with the engine's login, the engine's push — and prints the tag plan and each outcome
 * (release-events.ts). Failures come back as PyshipErrors with their own exit codes.
 */
import { resolve } from "node:path";
import { enginePublisher } from "../../release/engine-publisher.js";
import { listPusher } from "../../release/list-publisher.js";
import { httpRegistry } from "../../release/registry-client.js";
import { authFiles, findCredentials } from "../../release/registry-credentials.js";
import { releaseBuilder } from "../../release/release-builder.js";
import type { ReleaseOptions, ReleasePorts } from "../../release/release-ports.js";
import { runRelease } from "../../release/run-release.js";
import type { CliContext, Register } from "../context.js";
import { type BuildFlags, buildPorts } from "./build.js";
import { releaseEvents } from "./release-events.js";

export interface ReleaseFlags {
  registry?: string;
  dryRun?: boolean;
  force?: boolean;
  sbom?: string;
  platform?: string;
  engine?: string;
  network?: string;
  baseImage?: string;
  python?: string;
  app?: string;
  cache: boolean;
  log?: string;
  json?: boolean;
}

export const registerRelease: Register = (program, ctx, done) => {
  program
    .command("release")
    .description(
      "build, verify, tag (SemVer from the git tag) and push without overwriting a release",
    )
    .argument("[dir]", "project directory (a clean git checkout, HEAD tagged v1.2.3)", ".")
    .option(
      "--registry <host/namespace>",
      "where to push, e.g. ghcr.io/acme or 127.0.0.1:5000/team",
    )
    .option(
      "--dry-run",
      "print the tag plan (reads the registry's tags if --registry) and push nothing",
    )
    .option("--force", "overwrite a release tag that holds a different image")
    .option("--sbom <file>", "write a CycloneDX SBOM of the packages installed in the image")
    .option("--platform <list>", "target platforms, comma-separated, e.g. linux/amd64,linux/arm64")
    .option("--engine <engine>", "docker, buildx or podman (default: the best one found)")
    .option("--network <mode>", "network for RUN steps, e.g. host")
    .option("--base-image <image>", "base image when pyship generates the Dockerfile")
    .option("--python <version>", "Python major.minor when pyship generates the Dockerfile")
    .option("--app <target>", "entrypoint when several are found (generated Dockerfile only)")
    .option("--no-cache", "build without the engine's layer cache")
    .option("--log <file>", "write the full build log here")
    .option("--json", "print the release result as JSON")
    .action(async (dir: string, flags: ReleaseFlags) => {
      done(await releaseCommand(dir, flags, ctx));
    });
};

export async function releaseCommand(
  dir: string,
  flags: ReleaseFlags,
  ctx: CliContext,
): Promise<number> {
  const result = await runRelease(releaseOptions(dir, flags, ctx), releasePorts(flags, ctx));
  if (flags.json) ctx.out(JSON.stringify(result, null, 2));
  return 0;
}

function releaseOptions(dir: string, flags: ReleaseFlags, ctx: CliContext): ReleaseOptions {
  return {
    dir,
    root: resolve(ctx.cwd, dir),
    registry: flags.registry ?? null,
    dryRun: flags.dryRun === true,
    force: flags.force === true,
    sbomFile: flags.sbom ? resolve(ctx.cwd, flags.sbom) : null,
    platforms: (flags.platform ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
    build: {
      engine: flags.engine,
      network: flags.network,
      baseImage: flags.baseImage,
      noCache: !flags.cache,
      logFile: flags.log ? resolve(ctx.cwd, flags.log) : undefined,
    },
  };
}

function releasePorts(flags: ReleaseFlags, ctx: CliContext): ReleasePorts {
  const build: BuildFlags = { ...flags, tag: [], buildArg: [], verify: true, json: flags.json };
  const files = authFiles(flags.engine === "podman" ? "podman" : "docker", ctx.env);
  return {
    executor: ctx.executor,
    // The plan is made in the exported commit, the folder the build gets as its root.
    build: (options) => releaseBuilder(buildPorts(options.root, build, ctx))(options),
    registry: (host) =>
      httpRegistry({ host, credentials: () => findCredentials(host, files, ctx.executor) }),
    publisher: (built) =>
      enginePublisher(ctx.executor, built.engine, listPusher(ctx.executor, built)),
    events: releaseEvents(ctx, flags.json === true),
  };
}
