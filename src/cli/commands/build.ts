/*
 * `pyship build [DIR]`: parses the flags, runs the build stage (src/build/run-build.ts) with
 * the CLI's ports — planning like `init`, Ctrl-C during verification, progress on stderr
 * (build-events.ts) — and prints the outcome. Failures come back as diagnosed PyshipErrors.
 */
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { BuildOptions, BuildPorts } from "../../build/build-ports.js";
import { runBuild } from "../../build/run-build.js";
import { detectIndexSettings } from "../../detect/index-settings.js";
import { machineKey } from "../../mirror/machine-key.js";
import { resolveMirror } from "../../mirror/resolve-mirror.js";
import { catchCtrlC } from "../catch-ctrl-c.js";
import type { CliContext, Register } from "../context.js";
import { englishJson } from "../english-json.js";
import { loadPlan } from "../load-plan.js";
import { buildEvents } from "./build-events.js";
import { addMirrorFlags, type MirrorFlags } from "./mirror-flags.js";
import { CJK_FONTS_FLAG, INSTALLER_FLAG, planOptions } from "./plan.js";
import { withInterrupt } from "./verify.js";

export interface BuildFlags extends MirrorFlags {
  tag: string[];
  buildArg: string[];
  network?: string;
  platform?: string;
  baseImage?: string;
  python?: string;
  app?: string;
  resolveDate?: string;
  installer?: string;
  cache: boolean;
  engine?: string;
  verify: boolean;
  json?: boolean;
  log?: string;
  push?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const registerBuild: Register = (program, ctx, done) => {
  addMirrorFlags(program.command("build"))
    .description("build the image (generating the Dockerfile if there is none), then verify it")
    .argument("[dir]", "project directory", ".")
    .option(
      "-t, --tag <image>",
      "image tag, repeatable (default: <project>:<version> and :latest)",
      collect,
      [],
    )
    .option("--build-arg <K=V>", "build argument, repeatable", collect, [])
    .option("--network <mode>", "network for RUN steps, e.g. host")
    .option(
      "--platform <os/arch,...>",
      "target platform(s), e.g. linux/amd64; several (linux/amd64,linux/arm64) make a manifest list",
    )
    .option("--base-image <image>", "base image when pyship generates the Dockerfile")
    .option("--tz <zone>", "time zone of the running container, e.g. Asia/Shanghai (sets TZ)")
    .option(...CJK_FONTS_FLAG)
    .option("--python <version>", "Python major.minor when pyship generates the Dockerfile")
    .option("--app <target>", "entrypoint when several are found (generated Dockerfile only)")
    .option(...INSTALLER_FLAG)
    .option(
      "--resolve-date <date>",
      "install the newest releases on or before YYYY-MM-DD (auto: the last commit touching the dependency manifest)",
    )
    .option("--no-cache", "build without the engine's layer cache")
    .option("--engine <engine>", "docker, buildx or podman (default: the best one found)")
    .option("--no-verify", "skip running and checking the image after the build")
    .option("--push", "push every tag after a successful build and verification")
    .option("--log <file>", "write the full build log here (default: a temp file, kept on failure)")
    .option("--json", "print the build result (and verify report) as JSON")
    .action(async (dir: string, flags: BuildFlags) => {
      done(await catchCtrlC((interrupted) => buildCommand(dir, flags, ctx, interrupted)));
    });
};

export async function buildCommand(
  dir: string,
  flags: BuildFlags,
  ctx: CliContext,
  interrupted: () => boolean = () => false,
): Promise<number> {
  const { result, report, repair, repairs, failure, platforms } = await runBuild(
    buildOptions(dir, flags, ctx),
    { ...buildPorts(dir, flags, ctx), stopRequested: interrupted },
  );
  if (flags.json) ctx.out(englishJson({ ...result, verify: report, repair, repairs, platforms }));
  if (failure) throw failure;
  return 0;
}

function buildOptions(dir: string, flags: BuildFlags, ctx: CliContext): BuildOptions {
  return {
    dir,
    root: resolve(ctx.cwd, dir),
    tags: flags.tag,
    buildArgs: flags.buildArg,
    network: flags.network,
    platform: flags.platform,
    noCache: !flags.cache,
    baseImage: flags.baseImage,
    engine: flags.engine,
    verify: flags.verify,
    push: flags.push === true,
    // --log keeps the log where the user asked; otherwise a temp file, deleted on success.
    logFile: flags.log ? resolve(ctx.cwd, flags.log) : undefined,
    mirror: flagMirror(flags),
  };
}

/** The mirror flags alone, for a Dockerfile of the user's (a generated one is planned with them). */
function flagMirror(flags: MirrorFlags) {
  const input = (value: string | undefined, flag: string) =>
    value === undefined ? undefined : { value, evidence: { file: flag, line: null, why: flag } };
  return resolveMirror({
    mirror: input(flags.mirror, "--mirror"),
    aptMirror: input(flags.aptMirror, "--apt-mirror"),
    baseRegistry: input(flags.baseRegistry, "--base-registry"),
  });
}

export function buildPorts(dir: string, flags: BuildFlags, ctx: CliContext): BuildPorts {
  return {
    executor: ctx.executor,
    env: ctx.env,
    plan: (repairs, cacheMounts, stageMounts) =>
      loadPlan(dir, { ...planOptions(flags), buildkit: cacheMounts, stageMounts, repairs }, ctx),
    interruptible: withInterrupt,
    indexCredentials: () => (ctx.pip ? (detectIndexSettings(ctx.pip).credentials ?? []) : []),
    secretKey: () => machineKey(homedir()),
    events: buildEvents(ctx, flags.json === true),
  };
}
