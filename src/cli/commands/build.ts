/*
 * `pyship build [DIR]`: pick the engine that really works here (src/build/detect-engine.ts),
 * use DIR/Dockerfile or generate it like `init` (cache mounts only if the engine has them),
 * build with a live tail and a full log, then verify the image (unless --no-verify) and
 * optionally push it. Failures come back as diagnosed PyshipErrors from src/build.
 */
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import pc from "picocolors";
import type { BuildRequest } from "../../build/build-command.js";
import { buildImage, pushImage } from "../../build/build-image.js";
import { defaultTags } from "../../build/default-tags.js";
import { detectEngine, type EngineWish } from "../../build/detect-engine.js";
import { dockerfileNeeds } from "../../build/dockerfile-needs.js";
import type { Engine } from "../../build/engine.js";
import { buildWithOneRepair, repairSummary } from "../../build/repair-once.js";
import { withResolveDateHint } from "../../build/resolve-date-hint.js";
import { isPyshipError, PyshipError } from "../../core/errors.js";
import type { BuildResult, Repair, VerifyReport } from "../../core/pipeline.js";
import { scanProject } from "../../detect/project-files.js";
import { detectProjectMeta } from "../../detect/project-meta.js";
import { renderFiles } from "../../render/render-files.js";
import { verifyError } from "../../verify/verify-error.js";
import { verifyImage } from "../../verify/verify-image.js";
import { writeFiles } from "../../write/write-files.js";
import type { CliContext, Register } from "../context.js";
import { addMessages, t } from "../i18n.js";
import { type LoadedPlan, loadPlan } from "../load-plan.js";
import { buildProgress } from "./build-progress.js";
import { planOptions } from "./plan.js";
import { printVerifyReport, withInterrupt } from "./verify.js";

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
      done(await runBuild(dir, flags, ctx));
    });
};

export async function runBuild(dir: string, flags: BuildFlags, ctx: CliContext): Promise<number> {
  const root = resolve(ctx.cwd, dir);
  checkProjectDir(root, dir);
  checkBuildArgs(flags.buildArg);
  const dockerfile = join(root, "Dockerfile");
  const existing = userDockerfile(dockerfile, flags);
  const engine = await detectEngine(ctx.executor, ctx.env, {
    wish: engineWish(flags.engine ?? wishFromEnv(ctx.env.PYSHIP_ENGINE)),
    needsCacheMounts: existing !== null && dockerfileNeeds(existing).cacheMounts,
  });
  if (!flags.json) ctx.err(t(ctx.lang, "build.engine", { why: engine.why }));
  if (existing === null) return buildGenerated(dir, root, flags, engine, ctx);
  const tags = tagsFor(flags, existingProject(root));
  const result = await runEngineBuild(ctx, engine, flags, {
    root,
    dockerfile,
    tags,
    generated: false,
  });
  const report = await maybeVerify(ctx, engine, flags, tags);
  return verifyPushAndReport(ctx, engine, flags, { tags, result, report }, null);
}

function tagsFor(flags: BuildFlags, project: ProjectName): readonly string[] {
  return flags.tag.length > 0 ? flags.tag : defaultTags(project.name, project.version);
}

interface Built {
  readonly tags: readonly string[];
  readonly result: BuildResult;
  readonly report: VerifyReport | null;
}

/** A Dockerfile pyship writes: a known failure gets its repair once (src/build/repair-once.ts). */
async function buildGenerated(
  dir: string,
  root: string,
  flags: BuildFlags,
  engine: Engine,
  ctx: CliContext,
): Promise<number> {
  let tags: readonly string[] = [];
  const last: { loaded?: LoadedPlan } = {};
  const { outcome, repair } = await buildWithOneRepair<Built>({
    prepare: async (repairs) => {
      const current = await generate(dir, root, flags, engine, ctx, repairs);
      last.loaded = current;
      tags = tagsFor(flags, current.plan.project);
      return current.plan.repairs;
    },
    run: async () => {
      const target = { root, dockerfile: join(root, "Dockerfile"), tags, generated: true };
      const result = await runEngineBuild(ctx, engine, flags, target);
      return { tags, result, report: await maybeVerify(ctx, engine, flags, tags) };
    },
    onRepair: (found) =>
      ctx.err(
        t(ctx.lang, "build.repair", { what: repairSummary(found), seen: found.evidence.why }),
      ),
  });
  try {
    return await verifyPushAndReport(ctx, engine, flags, outcome, repair);
  } catch (error) {
    if (!isPyshipError(error) || last.loaded === undefined) throw error;
    const { plan, facts } = last.loaded;
    throw withResolveDateHint(error, plan, facts.dependencies.requirements);
  }
}

async function maybeVerify(
  ctx: CliContext,
  engine: Engine,
  flags: BuildFlags,
  tags: readonly string[],
): Promise<VerifyReport | null> {
  if (!flags.verify) return null;
  return verify(ctx, engine, tags[0] ?? "", flags.json === true);
}

function checkProjectDir(root: string, dir: string): void {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new PyshipError("E_NO_PROJECT", `${dir} is not a directory`);
  }
}

/** The user's Dockerfile text, or null when pyship is to generate one. */
function userDockerfile(dockerfile: string, flags: BuildFlags): string | null {
  const existing = existsSync(dockerfile) ? readFileSync(dockerfile, "utf8") : null;
  if (existing !== null && flags.baseImage) {
    throw new PyshipError(
      "E_USAGE",
      "--base-image only applies when pyship generates the Dockerfile",
      {
        file: "Dockerfile",
        hint: "edit the FROM line of your Dockerfile, or remove it to let pyship generate one",
      },
    );
  }
  return existing;
}

/** Verification runs before any push so that a broken image is never published. */
async function verifyPushAndReport(
  ctx: CliContext,
  engine: Engine,
  flags: BuildFlags,
  { tags, result, report }: Built,
  repair: Repair | null,
): Promise<number> {
  if (!flags.json && !flags.verify) ctx.err(t(ctx.lang, "build.noVerify"));
  const failed = report ? verifyError(report) : null;
  if (!failed && flags.push) await push(ctx, engine, tags, flags.json === true);
  if (flags.json) ctx.out(JSON.stringify({ ...result, verify: report, repair }, null, 2));
  if (failed) throw failed;
  return 0;
}

interface ProjectName {
  readonly name: string;
  readonly version: string | null;
}

/**
 * No Dockerfile: plan and write one exactly like `init` (never overwriting a file). With a
 * repair, the Dockerfile this run wrote is rewritten (only that file: it is pyship's own).
 */
async function generate(
  dir: string,
  root: string,
  flags: BuildFlags,
  engine: Engine,
  ctx: CliContext,
  repairs: readonly Repair[],
): Promise<LoadedPlan> {
  const options = { ...planOptions(flags), buildkit: engine.capabilities.cacheMounts, repairs };
  const loaded = await loadPlan(dir, options, ctx);
  const { plan } = loaded;
  const files = renderFiles(plan).filter((f) => repairs.length === 0 || f.path === "Dockerfile");
  const outcome = writeFiles(root, files, { dryRun: false, force: repairs.length > 0 });
  const written = outcome.files.filter((f) => f.action === "create" || f.action === "overwrite");
  if (!flags.json && repairs.length === 0) {
    ctx.err(t(ctx.lang, "build.generated", { files: written.map((f) => f.path).join(", ") }));
    for (const kept of outcome.files.filter((f) => f.action === "skip")) {
      ctx.err(t(ctx.lang, "build.kept", { file: kept.path }));
    }
  }
  return loaded;
}

/**
 * A Dockerfile of the user's: the tag still comes from the project's metadata if any. Only
 * the metadata is read: dependencies and entrypoints don't matter to a Dockerfile we build as is.
 */
function existingProject(root: string): ProjectName {
  try {
    return detectProjectMeta(scanProject(root));
  } catch {
    return { name: basename(root), version: null };
  }
}

interface Target {
  readonly root: string;
  readonly dockerfile: string;
  readonly tags: readonly string[];
  readonly generated: boolean;
}

async function runEngineBuild(
  ctx: CliContext,
  engine: Engine,
  flags: BuildFlags,
  target: Target,
): Promise<BuildResult> {
  const logFile = buildLogFile(ctx, flags);
  const progress = buildProgress(
    ctx,
    flags.json === true,
    t(ctx.lang, "build.title", { tags: target.tags.join(", ") }),
  );
  try {
    const result = await buildImage({
      executor: ctx.executor,
      engine,
      logFile,
      generated: target.generated,
      onLine: progress.line,
      request: buildRequest(flags, target),
    });
    progress.finish(true, await builtMessage(ctx, engine, target.tags, result));
    if (flags.log) return result;
    rmSync(logFile, { force: true });
    return { ...result, logFile: null };
  } catch (error) {
    progress.finish(false, t(ctx.lang, "build.failed", { log: relativeOrAbsolute(ctx, logFile) }));
    throw error;
  }
}

/** --log keeps the log where the user asked; otherwise a temp file, deleted on success. */
function buildLogFile(ctx: CliContext, flags: BuildFlags): string {
  return flags.log
    ? resolve(ctx.cwd, flags.log)
    : join(tmpdir(), `pyship-build-${process.pid}-${Date.now()}.log`);
}

function buildRequest(flags: BuildFlags, target: Target): BuildRequest {
  return {
    context: target.root,
    dockerfile: target.dockerfile,
    tags: target.tags,
    buildArgs: flags.buildArg,
    network: flags.network,
    platform: flags.platform,
    noCache: !flags.cache,
  };
}

async function builtMessage(
  ctx: CliContext,
  engine: Engine,
  tags: readonly string[],
  result: BuildResult,
): Promise<string> {
  const size = await imageSize(ctx, engine, result.imageId || (tags[0] ?? ""));
  return t(ctx.lang, "build.ok", {
    tags: tags.join(", "),
    seconds: (result.durationMs / 1000).toFixed(1),
    size,
  });
}

async function imageSize(ctx: CliContext, engine: Engine, image: string): Promise<string> {
  const result = await ctx.executor.run(
    engine.client,
    ["image", "inspect", "--format", "{{.Size}}", image],
    { timeoutMs: 20_000 },
  );
  const bytes = Number(result.stdout.trim());
  return result.exitCode === 0 && bytes > 0 ? `${(bytes / 1e6).toFixed(0)} MB` : "size unknown";
}

async function verify(
  ctx: CliContext,
  engine: Engine,
  image: string,
  json: boolean,
): Promise<VerifyReport> {
  const report = await withInterrupt((signal) =>
    verifyImage({
      executor: ctx.executor,
      client: engine.client,
      image,
      options: {},
      signal,
      onProgress: json ? undefined : (message) => ctx.err(ctx.color ? pc.dim(message) : message),
    }),
  );
  if (!json) printVerifyReport(ctx, report);
  return report;
}

async function push(
  ctx: CliContext,
  engine: Engine,
  tags: readonly string[],
  json: boolean,
): Promise<void> {
  await pushImage(ctx.executor, engine, tags);
  if (!json) for (const tag of tags) ctx.err(t(ctx.lang, "build.pushed", { tag }));
}

function engineWish(value: string | undefined): EngineWish | undefined {
  if (value === undefined) return undefined;
  if (value === "docker" || value === "buildx" || value === "podman") return value;
  throw new PyshipError(
    "E_USAGE",
    `--engine must be docker, buildx or podman, not ${JSON.stringify(value)}`,
  );
}

/** PYSHIP_ENGINE may also name a client path (verify's meaning); only the three words count here. */
function wishFromEnv(value: string | undefined): string | undefined {
  return value === "docker" || value === "buildx" || value === "podman" ? value : undefined;
}

function checkBuildArgs(pairs: readonly string[]): void {
  const bad = pairs.find((pair) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair));
  if (bad !== undefined)
    throw new PyshipError("E_USAGE", `--build-arg needs KEY=VALUE, not ${JSON.stringify(bad)}`);
}

function relativeOrAbsolute(ctx: CliContext, path: string): string {
  const rel = relative(ctx.cwd, path);
  return rel.startsWith("..") ? path : rel;
}
