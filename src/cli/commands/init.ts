/*
 * `pyship init [DIR]`: plan, render and write the Dockerfile and .dockerignore. Never
 * replaces a file silently: an existing different file is shown as a diff and skipped
 * unless --force, or unless the person at the terminal agrees (not with --yes, which means
 * "never ask"). A skip that nobody agreed to exits with E_FILE_EXISTS, so CI notices that
 * the committed Dockerfile differs from what pyship would write.
 */
import { confirm, isCancel } from "@clack/prompts";
import pc from "picocolors";
import { ciFilesForProject } from "../../ci/ci-files.js";
import { ciOptions } from "../../ci/plan-ci.js";
import { PyshipError } from "../../core/errors.js";
import type { RenderedFiles, WriteOutcome } from "../../core/pipeline.js";
import { msg } from "../../i18n/message.js";
import { WRITTEN_REQUIREMENTS } from "../../plan/plan-install.js";
import { renderFiles } from "../../render/render-files.js";
import { writeFiles } from "../../write/write-files.js";
import type { CliContext, Register } from "../context.js";
import { padDisplay } from "../display-width.js";
import { t } from "../i18n.js";
import { loadPlan } from "../load-plan.js";
import { VERSION } from "../version.js";
import { printDiff } from "../write-with-consent.js";
import { runCompose } from "./compose.js";
import { addMirrorFlags } from "./mirror-flags.js";
import { CJK_FONTS_FLAG, INSTALLER_FLAG, type PlanFlags, planOptions } from "./plan.js";

interface InitFlags extends PlanFlags {
  dryRun?: boolean;
  force?: boolean;
  yes?: boolean;
  writeRequirements?: boolean;
  compose?: boolean;
  ci?: string;
  ciEngine?: string;
}

/** Asks whether to overwrite one file; tests replace it. */
export type ConfirmOverwrite = (path: string, ctx: CliContext) => Promise<boolean>;

export const registerInit: Register = (program, ctx, done) => {
  addMirrorFlags(program.command("init"))
    .description("write a Dockerfile and .dockerignore for a Python project")
    .argument("[dir]", "project directory", ".")
    .option("--dry-run", "show what would be written, with diffs, and write nothing")
    .option("--force", "overwrite existing files that differ")
    .option("--yes", "never ask: existing different files are skipped unless --force")
    .option(
      "--write-requirements",
      "with no manifest, write the requirements inferred from the imports to requirements.txt",
    )
    .option("--python <version>", "Python major.minor, e.g. 3.12 (overrides detection and config)")
    .option("--base-image <image>", "base image (default: python:<version>-slim)")
    .option("--tz <zone>", "time zone of the running container, e.g. Asia/Shanghai (sets TZ)")
    .option(...CJK_FONTS_FLAG)
    .option("--app <target>", "entrypoint to run when several are found, e.g. 'shop:create_app()'")
    .option(...INSTALLER_FLAG)
    .option(
      "--resolve-date <date>",
      "install the newest releases on or before YYYY-MM-DD (auto: the last commit touching the dependency manifest)",
    )
    .option(
      "--buildkit",
      "use BuildKit-only cache mounts for faster dependency rebuilds (the engine must support them)",
    )
    .option("--compose", "also write compose.yaml with the services the app uses (pyship compose)")
    .option("--ci <provider>", "also write a CI pipeline: github or gitlab (see `pyship ci`)")
    .option("--ci-engine <engine>", "with --ci gitlab: docker (docker-in-docker) or podman")
    .action(async (dir: string, flags: InitFlags) => {
      const code = await runInit(dir, flags, ctx);
      if (flags.compose) await runCompose(dir, flags, ctx);
      done(code);
    });
};

export async function runInit(
  dir: string,
  flags: InitFlags,
  ctx: CliContext,
  ask: ConfirmOverwrite = askOverwrite,
): Promise<number> {
  const writeRequirements = flags.writeRequirements === true;
  const { root, plan } = await loadPlan(dir, { ...planOptions(flags), writeRequirements }, ctx);
  if (writeRequirements && plan.install.generatedFile !== WRITTEN_REQUIREMENTS)
    ctx.err(t(ctx.lang, "init.noInferred", { file: plan.install.evidence.file }));
  const ci = flags.ci ? ciFilesForProject(root, ciOptions(flags.ci, flags.ciEngine), VERSION) : [];
  const files = [...renderFiles(plan), ...ci];
  const dryRun = flags.dryRun === true;
  const preview = writeFiles(root, files, { dryRun: true, force: flags.force === true });
  const mayAsk = !dryRun && ctx.interactive && flags.yes !== true;
  const consented = new Set<string>();
  const shown = new Set<string>();
  for (const outcome of preview.files.filter((o) => o.action === "skip" && mayAsk)) {
    printDiff(ctx, outcome.diff);
    shown.add(outcome.path);
    if (await ask(outcome.path, ctx)) consented.add(outcome.path);
  }
  const outcomes = dryRun ? preview.files : writeAll(root, files, flags.force === true, consented);
  for (const outcome of outcomes) report(ctx, outcome, dryRun, shown);
  if (dryRun) ctx.out(t(ctx.lang, "init.dryNote"));
  const refused = mayAsk ? [] : outcomes.filter((o) => o.action === "skip");
  if (refused.length > 0) throw fileExists(refused);
  ctx.out(
    t(ctx.lang, "init.next", { command: dir === "." ? "pyship build" : `pyship build ${dir}` }),
  );
  return 0;
}

/** Files the user agreed to replace are forced; the rest follow --force. */
function writeAll(
  root: string,
  files: RenderedFiles,
  force: boolean,
  consented: ReadonlySet<string>,
): WriteOutcome[] {
  const agreed = writeFiles(
    root,
    files.filter((f) => consented.has(f.path)),
    { dryRun: false, force: true },
  ).files;
  const rest = writeFiles(
    root,
    files.filter((f) => !consented.has(f.path)),
    { dryRun: false, force },
  ).files;
  return files
    .map((f) => [...agreed, ...rest].find((o) => o.path === f.path))
    .filter((o) => o !== undefined);
}

/** One line per file; the diff too for dry runs, overwrites and skips (once per file). */
function report(
  ctx: CliContext,
  outcome: WriteOutcome,
  dryRun: boolean,
  shown: ReadonlySet<string>,
): void {
  const paint = ctx.color ? pc : noColor;
  const label = t(ctx.lang, `init.${dryRun ? "dry." : ""}${outcome.action}`);
  const colour = {
    create: paint.green,
    overwrite: paint.yellow,
    skip: paint.red,
    unchanged: paint.dim,
  }[outcome.action];
  const reason = outcome.reason === undefined ? "" : `  (${outcome.reason})`;
  ctx.out(`${colour(padDisplay(label, 16))} ${outcome.path}${reason}`);
  const showDiff = dryRun
    ? outcome.action !== "unchanged"
    : outcome.action !== "create" && outcome.action !== "unchanged";
  if (showDiff && !shown.has(outcome.path)) printDiff(ctx, outcome.diff);
}

async function askOverwrite(path: string, ctx: CliContext): Promise<boolean> {
  const answer = await confirm({ message: t(ctx.lang, "init.ask", { path }), initialValue: false });
  return !isCancel(answer) && answer;
}

function fileExists(skipped: readonly WriteOutcome[]): PyshipError {
  const names = skipped.map((o) => o.path).join(" and ");
  return new PyshipError(
    "E_FILE_EXISTS",
    msg(skipped.length === 1 ? "init.exists.one" : "init.exists.many", { names }),
    {
      file: skipped[0]?.path,
      hint: msg("init.exists.hint"),
    },
  );
}

const identity = (text: string) => text;
const noColor = {
  green: identity,
  yellow: identity,
  red: identity,
  cyan: identity,
  dim: identity,
} as const;
