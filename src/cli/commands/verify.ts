/*
 * `pyship verify IMAGE`: run an image and check it really works (src/verify), then print
 * a short table and a verdict, or the report as JSON for CI. `pyship build` reuses
 * printVerifyReport so both commands look and exit the same.
 */
import type { Command } from "commander";
import pc from "picocolors";
import { PyshipError } from "../../core/errors.js";
import type { VerifyMode, VerifyOptions, VerifyReport } from "../../core/pipeline.js";
import { verifyError } from "../../verify/verify-error.js";
import { verifyImage } from "../../verify/verify-image.js";
import { interruptedError } from "../catch-ctrl-c.js";
import type { CliContext, Register } from "../context.js";
import { addMessages, t } from "../i18n.js";
import { printImageSizes } from "../print-image-sizes.js";
import { runVerifyCompose } from "./verify-compose.js";

addMessages({
  "verify.heading": { en: "Verifying {image} ({mode})", zh: "正在验证 {image}（{mode}）" },
  "verify.mode.web": { en: "web app", zh: "Web 应用" },
  "verify.mode.worker": { en: "worker", zh: "后台进程" },
  "verify.mode.script": { en: "script", zh: "脚本" },
  "verify.col.check": { en: "check", zh: "检查" },
  "verify.col.result": { en: "result", zh: "结果" },
  "verify.col.detail": { en: "detail", zh: "详情" },
  "verify.status.pass": { en: "pass", zh: "通过" },
  "verify.status.fail": { en: "FAIL", zh: "失败" },
  "verify.status.skip": { en: "skip", zh: "跳过" },
  "verify.status.warn": { en: "warn", zh: "警告" },
  "verify.check.start": { en: "starts", zh: "启动" },
  "verify.check.http": { en: "answers HTTP", zh: "HTTP 响应" },
  "verify.check.expect": { en: "expected text", zh: "期望内容" },
  "verify.check.stays-up": { en: "stays up", zh: "持续运行" },
  "verify.check.exit": { en: "exits 0", zh: "正常退出" },
  "verify.check.output": { en: "prints output", zh: "输出日志" },
  "verify.check.non-root": { en: "not root", zh: "非 root 运行" },
  "verify.check.stop": { en: "stops fast", zh: "快速停止" },
  "verify.check.no-leaks": { en: "no leaked files", zh: "无敏感文件" },
  "verify.check.no-compiler": { en: "no compiler", zh: "无编译器" },
  "verify.check.size": { en: "image size", zh: "镜像大小" },
  "verify.check.numeric-user": { en: "numeric user", zh: "数字用户 ID" },
  "verify.check.restricted": { en: "restricted runtime", zh: "受限运行环境" },
  "verify.check.no-secrets": { en: "no secrets in layers", zh: "各层无密钥" },
  "verify.check.probe-from": { en: "probed from", zh: "探测位置" },
  "verify.verdict.pass": {
    en: "PASS: {image} works and is ready to ship",
    zh: "通过：{image} 运行正常，可以发布",
  },
  "verify.verdict.fail": {
    en: "FAIL: {count} check(s) failed for {image}",
    zh: "未通过：{image} 有 {count} 项检查失败",
  },
});

interface VerifyFlags {
  mode?: string;
  port?: string;
  path?: string;
  expect?: string;
  timeout?: string;
  env: string[];
  engine?: string;
  json?: boolean;
  compose?: boolean;
  probeFrom?: string;
}

export const registerVerify: Register = (program, ctx, done) => {
  program
    .command("verify")
    .description("run an image and check it works: answers, not root, stops fast, no leaked files")
    .argument(
      "[image]",
      "image name or id, e.g. myapp:latest (with --compose: the project directory)",
    )
    .option("--mode <mode>", "web, worker or script (default: from the image's label or ports)")
    .option("--port <port>", "container port to probe (default: the exposed port)")
    .option("--path <path>", "HTTP path to GET", "/")
    .option("--expect <text>", "text the HTTP body (or the output) must contain")
    .option("--timeout <seconds>", "how long to wait for the app", "60")
    .option("--env <K=V>", "environment variable for the test container (repeatable)", collect, [])
    .option("--engine <client>", "docker or podman binary (default: PYSHIP_ENGINE, docker, podman)")
    .option(
      "--probe-from <where>",
      "host, network (a helper container in the app's network) or auto: network when the engine is remote",
      "auto",
    )
    .option("--json", "print the report as JSON (stable, English)")
    .option("--compose", "run the project's compose.yaml: up, wait healthy, probe web, tear down")
    .action(async (image: string | undefined, flags: VerifyFlags, command: Command) => {
      const client = await resolveClient(ctx, flags.engine);
      if (flags.compose) {
        // verify's 60 s default suits one container; a stack gets compose's own default.
        const timeout =
          command.getOptionValueSource("timeout") === "default" ? undefined : flags.timeout;
        await runVerifyCompose(image ?? ".", { ...flags, timeout }, ctx, client);
        return done(0);
      }
      if (image === undefined)
        throw usage("name the image to verify, e.g. pyship verify myapp:latest");
      const options = parseVerifyFlags(flags);
      const onProgress = flags.json
        ? undefined
        : (message: string) => ctx.err(ctx.color ? pc.dim(message) : message);
      const report = await withInterrupt((signal) =>
        verifyImage({ executor: ctx.executor, client, image, options, signal, onProgress }),
      );
      if (flags.json) ctx.out(JSON.stringify(report, null, 2));
      else printVerifyReport(ctx, report);
      const error = verifyError(report);
      if (error) throw error;
      done(0);
    });
};

/** Ctrl-C during a verification removes its containers instead of leaving them running. */
export async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const value = await run(controller.signal);
    if (controller.signal.aborted) throw interruptedError();
    return value;
  } catch (error) {
    throw controller.signal.aborted ? interruptedError(error) : error;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}

/** The table and verdict, in the user's language. */
export function printVerifyReport(ctx: CliContext, report: VerifyReport): void {
  const paint = ctx.color ? pc : plain;
  const mode = report.mode ? t(ctx.lang, `verify.mode.${report.mode}`) : "?";
  ctx.out(paint.bold(t(ctx.lang, "verify.heading", { image: report.image, mode })));
  const rows = report.checks.map((check) => [
    t(ctx.lang, `verify.check.${check.name}`),
    t(ctx.lang, `verify.status.${check.status}`),
    check.detail,
  ]);
  const header = ["check", "result", "detail"].map((key) => t(ctx.lang, `verify.col.${key}`));
  const widths = [0, 1].map((i) =>
    Math.max(...[header, ...rows].map((row) => width(row[i] ?? ""))),
  );
  for (const [index, row] of [header, ...rows].entries()) {
    const cells = row.map((cell, i) => (i < 2 ? pad(cell, widths[i] ?? 0) : cell));
    const status = report.checks[index - 1]?.status;
    const colour =
      status === "fail"
        ? paint.red
        : status === "pass"
          ? paint.green
          : status === "warn"
            ? paint.yellow
            : paint.dim;
    const line = `  ${cells.join("  ")}`;
    ctx.out(index === 0 ? paint.dim(line) : colour(line));
  }
  if (report.sizes) printImageSizes(ctx, report.sizes);
  const failed = report.checks.filter((check) => check.status === "fail").length;
  const verdict = report.ok
    ? paint.green(t(ctx.lang, "verify.verdict.pass", { image: report.image }))
    : paint.red(
        t(ctx.lang, "verify.verdict.fail", { image: report.image, count: Math.max(failed, 1) }),
      );
  ctx.out(paint.bold(verdict));
}

export function parseVerifyFlags(flags: Omit<VerifyFlags, "engine" | "json">): VerifyOptions {
  const mode = flags.mode;
  if (mode !== undefined && !["web", "worker", "script"].includes(mode)) {
    throw usage(`--mode must be web, worker or script, not ${JSON.stringify(mode)}`);
  }
  const timeout = Number(flags.timeout ?? 60);
  if (!(timeout > 0))
    throw usage(`--timeout must be a positive number of seconds, not ${flags.timeout}`);
  return {
    mode: mode as VerifyMode | undefined,
    port: flags.port === undefined ? undefined : parsePort(flags.port),
    path: flags.path,
    expect: flags.expect,
    timeoutSeconds: timeout,
    env: parseEnv(flags.env),
    probeFrom: parseProbeFrom(flags.probeFrom),
  };
}

function parseProbeFrom(where: string | undefined): VerifyOptions["probeFrom"] {
  if (where === undefined || where === "auto") return undefined;
  if (where === "host" || where === "network") return where;
  throw usage(`--probe-from must be host, network or auto, not ${JSON.stringify(where)}`);
}

/** --engine, then PYSHIP_ENGINE, then whichever of docker and podman is installed. */
export async function resolveClient(ctx: CliContext, flag: string | undefined): Promise<string> {
  const chosen = flag ?? ctx.env.PYSHIP_ENGINE;
  // `pyship build --engine buildx` names a builder; containers run with the docker client.
  if (chosen) return chosen === "buildx" ? "docker" : chosen;
  for (const candidate of ["docker", "podman"]) {
    if (await ctx.executor.which(candidate)) return candidate;
  }
  throw new PyshipError("E_ENGINE_UNAVAILABLE", "neither docker nor podman is installed", {
    hint: "install Docker or Podman, or pass --engine PATH; `pyship doctor` checks the setup",
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw usage(`--port must be 1-65535, not ${text}`);
  return port;
}

function parseEnv(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq <= 0) throw usage(`--env needs KEY=VALUE, not ${JSON.stringify(entry)}`);
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function usage(message: string): PyshipError {
  return new PyshipError("E_USAGE", message);
}

/** Display width: CJK characters take two terminal columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text)
    columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char)
      ? 2
      : 1;
  return columns;
}

function pad(text: string, to: number): string {
  return text + " ".repeat(Math.max(0, to - width(text)));
}

const identity = (text: string) => text;
const plain = {
  bold: identity,
  red: identity,
  green: identity,
  yellow: identity,
  dim: identity,
} as const;
