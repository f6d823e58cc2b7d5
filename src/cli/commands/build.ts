/*
 * `pyship build [DIR]`: parses the flags, runs the build stage (src/build/run-build.ts) with
 * the CLI's ports — planning like `init`, Ctrl-C during verification, progress on stderr
 * (build-events.ts) — and prints the outcome. Failures come back as diagnosed PyshipErrors.
 */
import { resolve } from "node:path";
import type { BuildOptions, BuildPorts } from "../../build/build-ports.js";
import { runBuild } from "../../build/run-build.js";
import { catchCtrlC } from "../catch-ctrl-c.js";
import type { CliContext, Register } from "../context.js";
import { addMessages } from "../i18n.js";
import { loadPlan } from "../load-plan.js";
import { buildEvents } from "./build-events.js";
import { INSTALLER_FLAG, planOptions } from "./plan.js";
import { withInterrupt } from "./verify.js";

addMessages({
  "build.engine": { en: "Engine: {why}", zh: "构建引擎：{why}" },
  "build.generated": {
    en: "No Dockerfile found: generated {files} (review and commit them)",
    zh: "未找到 Dockerfile：已生成 {files}（请检查并提交）",
  },
  "build.kept": {
    en: "kept your {file} (differs from pyship's)",
    zh: "保留了你的 {file}（与 pyship 生成的不同）",
  },
  "build.title": { en: "Building {tags}", zh: "正在构建 {tags}" },
  "build.ok": {
    en: "Built {tags} in {seconds}s ({size})",
    zh: "已构建 {tags}，用时 {seconds} 秒（{size}）",
  },
  "build.failed": { en: "Build failed (full log: {log})", zh: "构建失败（完整日志：{log}）" },
  "build.pushed": { en: "Pushed {tag}", zh: "已推送 {tag}" },
  "build.repair": {
    en: "Known failure ({seen}): repairing once — {what}; rewrote Dockerfile, building again",
    zh: "已知故障（{seen}）：尝试修复一次 —— {what}；已重写 Dockerfile，重新构建",
  },
  "build.noVerify": { en: "Skipped verification (--no-verify)", zh: "已跳过验证（--no-verify）" },
});

export interface BuildFlags {
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
  program
    .command("build")
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
    .option("--platform <os/arch>", "target platform, e.g. linux/amd64")
    .option("--base-image <image>", "base image when pyship generates the Dockerfile")
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
  const { result, report, repair, failure } = await runBuild(buildOptions(dir, flags, ctx), {
    ...buildPorts(dir, flags, ctx),
    stopRequested: interrupted,
  });
  if (flags.json) ctx.out(JSON.stringify({ ...result, verify: report, repair }, null, 2));
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
  };
}

function buildPorts(dir: string, flags: BuildFlags, ctx: CliContext): BuildPorts {
  return {
    executor: ctx.executor,
    env: ctx.env,
    plan: (repairs, cacheMounts) =>
      loadPlan(dir, { ...planOptions(flags), buildkit: cacheMounts, repairs }, ctx),
    interruptible: withInterrupt,
    events: buildEvents(ctx, flags.json === true),
  };
}
