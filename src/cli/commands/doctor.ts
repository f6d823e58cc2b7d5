/*
 * `pyship doctor`: what container engines this machine has and what each can do, where
 * docker sends its requests, which engine `pyship build` would use and why, and what to do
 * about each problem. Exits non-zero (the blocking problem's code) when no engine is usable.
 */
import pc from "picocolors";
import {
  type ClientFinding,
  DEFAULT_BASE_IMAGE,
  type DoctorReport,
  doctor,
} from "../../build/doctor.js";
import { type ErrorCode, EXIT_CODES } from "../../core/errors.js";
import { textOf } from "../../i18n/message.js";
import type { CliContext, Register } from "../context.js";
import { englishJson } from "../english-json.js";
import { say, t } from "../i18n.js";

export const registerDoctor: Register = (program, ctx, done) => {
  program
    .command("doctor")
    .description(
      "check the container engines: versions, BuildKit, cache mounts, daemon, DOCKER_HOST",
    )
    .option("--json", "print the findings as JSON (stable, English)")
    .option(
      "--base-image <image>",
      `also check that the engine can resolve this base image (pulls it if missing), e.g. ${DEFAULT_BASE_IMAGE}`,
    )
    .action(async (flags: { json?: boolean; baseImage?: string }) => {
      const report = await doctor(ctx.executor, ctx.env, flags.baseImage ?? null);
      if (flags.json) ctx.out(englishJson(report));
      else printDoctor(ctx, report);
      done(exitCode(report));
    });
};

export function exitCode(report: DoctorReport): number {
  if (report.ok) return 0;
  const blocking = report.problems[report.problems.length - 1]?.code as ErrorCode | undefined;
  return (blocking && EXIT_CODES[blocking]) || EXIT_CODES.E_ENGINE_UNAVAILABLE;
}

function printDoctor(ctx: CliContext, report: DoctorReport): void {
  const paint = ctx.color ? pc : plain;
  ctx.out(paint.bold(t(ctx.lang, "doctor.heading")));
  if (report.clients.length === 0) ctx.out(`  ${t(ctx.lang, "doctor.none")}`);
  for (const client of report.clients) ctx.out(describe(ctx, client));
  const { dockerHost, context } = report.endpoint;
  const where = dockerHost
    ? `DOCKER_HOST=${dockerHost}`
    : context && context !== "default"
      ? `context ${context}`
      : t(ctx.lang, "doctor.local");
  ctx.out(t(ctx.lang, "doctor.endpoint", { where }));
  if (report.problems.length > 0) {
    ctx.out(paint.bold(t(ctx.lang, "doctor.problems")));
    for (const problem of report.problems) {
      ctx.out(
        `  ${paint.yellow("!")} [${problem.code}] ${say(ctx.lang, problem.text ?? problem.message)}`,
      );
      const hint = problem.hintText ?? problem.hint;
      if (hint) ctx.out(`    ${paint.cyan("→")} ${say(ctx.lang, hint)}`);
    }
  }
  if (report.engine) {
    ctx.out(
      paint.green(t(ctx.lang, "doctor.uses", { why: report.engine.text ?? report.engine.why })),
    );
    const { supported } = report.engine.reproducible;
    const why = textOf(report.engine.reproducible);
    ctx.out(t(ctx.lang, supported ? "doctor.reproducible" : "doctor.notReproducible", { why }));
    ctx.out(paint.green(t(ctx.lang, "doctor.ok")));
  } else ctx.out(paint.red(t(ctx.lang, "doctor.unusable")));
}

function describe(ctx: CliContext, c: ClientFinding): string {
  const state = c.answers ? t(ctx.lang, "doctor.answers") : t(ctx.lang, "doctor.down");
  const yes = (value: boolean) => t(ctx.lang, value ? "doctor.yes" : "doctor.no");
  const facts = [
    `${c.kind} ${c.version ?? "?"}`,
    c.kind === "docker" ? `daemon ${c.serverVersion ?? "-"} ${state}` : state,
    c.kind === "docker" ? `buildx ${c.buildx ?? t(ctx.lang, "doctor.no")}` : null,
    c.kind === "docker" ? `BuildKit ${c.buildkit === null ? "?" : yes(c.buildkit)}` : null,
    t(ctx.lang, "doctor.cacheMounts", { value: yes(c.cacheMounts) }),
    c.platforms.length > 0 ? c.platforms.join(",") : null,
  ];
  return `  ${c.client}: ${facts.filter((f) => f !== null).join(", ")}`;
}

const identity = (text: string) => text;
const plain = {
  bold: identity,
  green: identity,
  red: identity,
  yellow: identity,
  cyan: identity,
} as const;
