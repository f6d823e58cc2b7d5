/*
 * `pyship verify IMAGE`: run an image and check it really works (src/verify), then print
 * a short table and a verdict, or the report as JSON for CI. `pyship build` reuses
 * printVerifyReport so both commands look and exit the same.
 */
import type { Command } from "commander";
import pc from "picocolors";
import { PyshipError } from "../../core/errors.js";
import type { VerifyMode, VerifyOptions, VerifyReport } from "../../core/pipeline.js";
import { type Message, msg } from "../../i18n/message.js";
import { verifyError } from "../../verify/verify-error.js";
import { verifyImage } from "../../verify/verify-image.js";
import { interruptedError } from "../catch-ctrl-c.js";
import type { CliContext, Register } from "../context.js";
import { displayWidth, padDisplay } from "../display-width.js";
import { englishJson } from "../english-json.js";
import { say, t } from "../i18n.js";
import { printImageSizes } from "../print-image-sizes.js";
import { runVerifyCompose } from "./verify-compose.js";

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
      if (image === undefined) throw usage(msg("verify.needImage"));
      const options = parseVerifyFlags(flags);
      const onProgress = flags.json
        ? undefined
        : (message: Message) => {
            const text = say(ctx.lang, message);
            ctx.err(ctx.color ? pc.dim(text) : text);
          };
      const report = await withInterrupt((signal) =>
        verifyImage({ executor: ctx.executor, client, image, options, signal, onProgress }),
      );
      if (flags.json) ctx.out(englishJson(report));
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
    check.note ? say(ctx.lang, check.note) : check.detail,
  ]);
  const header = ["check", "result", "detail"].map((key) => t(ctx.lang, `verify.col.${key}`));
  const widths = [0, 1].map((i) =>
    Math.max(...[header, ...rows].map((row) => displayWidth(row[i] ?? ""))),
  );
  for (const [index, row] of [header, ...rows].entries()) {
    const cells = row.map((cell, i) => (i < 2 ? padDisplay(cell, widths[i] ?? 0) : cell));
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
    throw usage(msg("verify.badMode", { value: JSON.stringify(mode) }));
  }
  const timeout = Number(flags.timeout ?? 60);
  if (!(timeout > 0)) throw usage(msg("verify.badTimeout", { value: String(flags.timeout) }));
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
  throw usage(msg("verify.badProbeFrom", { value: JSON.stringify(where) }));
}

/** --engine, then PYSHIP_ENGINE, then whichever of docker and podman is installed. */
export async function resolveClient(ctx: CliContext, flag: string | undefined): Promise<string> {
  const chosen = flag ?? ctx.env.PYSHIP_ENGINE;
  // `pyship build --engine buildx` names a builder; containers run with the docker client.
  if (chosen) return chosen === "buildx" ? "docker" : chosen;
  for (const candidate of ["docker", "podman"]) {
    if (await ctx.executor.which(candidate)) return candidate;
  }
  throw new PyshipError("E_ENGINE_UNAVAILABLE", msg("verify.noClient"), {
    hint: msg("verify.noClient.hint"),
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw usage(msg("verify.badPort", { value: text }));
  return port;
}

function parseEnv(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq <= 0)
      throw usage(msg("usage.keyValue", { flag: "--env", value: JSON.stringify(entry) }));
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function usage(message: Message): PyshipError {
  return new PyshipError("E_USAGE", message);
}

const identity = (text: string) => text;
const plain = {
  bold: identity,
  red: identity,
  green: identity,
  yellow: identity,
  dim: identity,
} as const;
