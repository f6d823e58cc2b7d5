/*
 * `pyship lint [PATH...]`: Python-aware Dockerfile findings as text, json, sarif or GitHub
 * annotations; `--fix` applies the safe fixes (`--dry-run` shows the diff instead). Exit 1
 * when a finding reaches --fail-level, 2 for usage and unreadable input.
 */
import pc from "picocolors";
import { PyshipError } from "../../core/errors.js";
import type { LintFinding, Severity } from "../../core/pipeline.js";
import { msg, type Params } from "../../i18n/message.js";
import {
  formatGithub,
  formatJson,
  LINT_FORMATS,
  type LintFormat,
} from "../../lint/format-findings.js";
import { formatSarif } from "../../lint/format-sarif.js";
import { type LintFileResult, lintFiles } from "../../lint/lint-files.js";
import type { CliContext, Register } from "../context.js";
import { t } from "../i18n.js";
import { VERSION } from "../version.js";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

interface LintFlags {
  fix?: boolean;
  dryRun?: boolean;
  format: string;
  failLevel: string;
  context?: string;
}

export const registerLint: Register = (program, ctx, done) => {
  program
    .command("lint")
    .description("check a Dockerfile for Python container problems; --fix repairs the safe ones")
    .argument("[paths...]", "Dockerfiles to check", ["Dockerfile"])
    .option("--fix", "apply safe fixes and write the file back")
    .option("--dry-run", "with --fix: show the diff, write nothing")
    .option("--format <format>", `output format: ${LINT_FORMATS.join(", ")}`, "text")
    .option(
      "--fail-level <level>",
      "exit 1 when a finding is at or above: error, warning, info",
      "warning",
    )
    .option("--context <dir>", "build context directory (default: the Dockerfile's folder)")
    .action((paths: string[], flags: LintFlags) => {
      const format = choice(flags.format, LINT_FORMATS, "--format");
      const failLevel = choice(
        flags.failLevel,
        ["error", "warning", "info"] as const,
        "--fail-level",
      );
      const results = lintFiles(paths, {
        cwd: ctx.cwd,
        ...(flags.context === undefined ? {} : { context: flags.context }),
        fix: Boolean(flags.fix || flags.dryRun),
        dryRun: Boolean(flags.dryRun),
      });
      print(ctx, format, results);
      const findings = results.flatMap((r) => r.findings);
      done(findings.some((f) => RANK[f.severity] >= RANK[failLevel]) ? 1 : 0);
    });
};

function choice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new PyshipError("E_USAGE", msg("usage.oneOf", { flag, values: allowed.join(", "), value }));
}

function print(ctx: CliContext, format: LintFormat, results: readonly LintFileResult[]): void {
  const findings = results.flatMap((r) => r.findings);
  const diffs = results.filter((r) => r.fixed && r.fixed.diff !== "");
  if (format !== "text") {
    for (const result of diffs) ctx.err(result.fixed?.diff ?? "");
    if (format === "json") ctx.out(formatJson(findings));
    else if (format === "sarif") ctx.out(formatSarif(findings, VERSION));
    else if (findings.length > 0) ctx.out(formatGithub(findings));
    return;
  }
  for (const result of results) printText(ctx, result);
  if (findings.length > 0) ctx.out(summary(ctx, findings));
}

function printText(ctx: CliContext, result: LintFileResult): void {
  const paint = ctx.color ? pc : noColor;
  const say = (key: string, vars: Params = {}) => t(ctx.lang, key, vars);
  if (result.fixed && result.fixed.applied > 0) {
    const key = result.fixed.written ? "lint.fixed" : "lint.wouldFix";
    ctx.out(paint.bold(say(key, { file: result.file, count: result.fixed.applied })));
    if (!result.fixed.written) ctx.out(result.fixed.diff);
  }
  if (result.findings.length === 0) ctx.out(paint.green(say("lint.clean", { file: result.file })));
  const lines = result.text.split(/\r?\n/);
  for (const f of result.findings) {
    const colour =
      f.severity === "error" ? paint.red : f.severity === "warning" ? paint.yellow : paint.cyan;
    ctx.out(
      `${f.file}:${f.line}:${f.column} ${paint.bold(f.code)} ${colour(f.severity)} ${say(`rule.${f.code}.message`, f.vars)}`,
    );
    ctx.out(paint.dim(`  ${String(f.line).padStart(4)} | ${lines[f.line - 1] ?? ""}`));
    if (f.fix)
      ctx.out(
        `       ${paint.dim(f.fix.safe ? say("lint.fix") : say("lint.suggestion"))}: ${f.fix.note ? say(f.fix.note.key, f.fix.note.params) : f.fix.description}`,
      );
  }
}

function summary(ctx: CliContext, findings: readonly LintFinding[]): string {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const fixable = findings.filter((f) => f.fix?.safe).length;
  const line = t(ctx.lang, "lint.summary", {
    count: findings.length,
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    fixable,
  });
  return `\n${line}\n${t(ctx.lang, "lint.explain")}`;
}

const identity = (text: string) => text;
const noColor = {
  red: identity,
  yellow: identity,
  cyan: identity,
  green: identity,
  bold: identity,
  dim: identity,
};
