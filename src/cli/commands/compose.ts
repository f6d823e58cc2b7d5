/*
 * `pyship compose [DIR]` (and `pyship init --compose`): writes compose.yaml with the services
 * the code uses, and the git-ignored env file with their generated secrets. compose.yaml is
 * never replaced silently: a different file is shown as a diff and kept unless --force or the
 * person at the terminal agrees; a refusal nobody agreed to exits with E_FILE_EXISTS.
 */
import { confirm, isCancel } from "@clack/prompts";
import pc from "picocolors";
import { composeProject } from "../../compose/compose-project.js";
import { writeCompose } from "../../compose/write-compose.js";
import { PyshipError } from "../../core/errors.js";
import type { ComposePlan, WriteOutcome } from "../../core/pipeline.js";
import { msg } from "../../i18n/message.js";
import type { CliContext, Register } from "../context.js";
import { padDisplay } from "../display-width.js";
import { say, t } from "../i18n.js";
import { loadPlan } from "../load-plan.js";

export interface ComposeFlags {
  dryRun?: boolean;
  force?: boolean;
  yes?: boolean;
  services?: string;
  json?: boolean;
}

export const registerCompose: Register = (program, ctx, done) => {
  program
    .command("compose")
    .description("write compose.yaml with the services the app uses (and their secrets)")
    .argument("[dir]", "project directory", ".")
    .option("--dry-run", "show what would be written, with diffs, and write nothing")
    .option("--force", "overwrite an existing compose.yaml that differs")
    .option("--yes", "never ask: an existing different compose.yaml is kept unless --force")
    .option(
      "--services <list>",
      "services to run instead of the detected ones, e.g. postgres,redis",
    )
    .option("--json", "print the compose plan as JSON (secrets by name only) and write nothing")
    .action(async (dir: string, flags: ComposeFlags) => {
      done(await runCompose(dir, flags, ctx));
    });
};

export type AskOverwrite = (path: string, ctx: CliContext) => Promise<boolean>;

export async function runCompose(
  dir: string,
  flags: ComposeFlags,
  ctx: CliContext,
  ask: AskOverwrite = askOverwrite,
): Promise<number> {
  const { facts, plan, root } = await loadPlan(dir, {}, ctx);
  const services = flags.services
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const project = composeProject(facts, plan, services ? { services } : {});
  if (flags.json) {
    ctx.out(JSON.stringify(project.plan, null, 2));
    return 0;
  }
  const dryRun = flags.dryRun === true;
  const force = flags.force === true;
  const mayAsk = !dryRun && ctx.interactive && flags.yes !== true;
  const agreed = new Set<string>();
  for (const o of writeCompose(root, project.files, { dryRun: true, force })) {
    if (o.action !== "skip" || !mayAsk) continue;
    printDiff(ctx, o.diff);
    if (await ask(o.path, ctx)) agreed.add(o.path);
  }
  const outcomes = writeCompose(root, project.files, { dryRun, force, agreed });
  for (const outcome of outcomes) report(ctx, outcome, dryRun);
  summary(ctx, project.plan, dir);
  const refused = outcomes.filter((o) => o.action === "skip");
  if (refused.length > 0 && !mayAsk) throw fileExists(refused[0] as WriteOutcome);
  return 0;
}

function summary(ctx: CliContext, plan: ComposePlan, dir: string): void {
  const names = [
    ...plan.processes.map((p) => p.name),
    ...plan.services.map((s) => `${s.name} (${s.image})`),
  ];
  ctx.out(t(ctx.lang, "compose.services", { list: names.join(", ") }));
  if (plan.services.length === 0) ctx.out(t(ctx.lang, "compose.none"));
  if (plan.secrets.length > 0)
    ctx.out(t(ctx.lang, "compose.secrets", { file: plan.envFile, names: plan.secrets.join(", ") }));
  for (const warning of plan.warnings)
    ctx.err(`${t(ctx.lang, "warning")}: ${say(ctx.lang, warning.text ?? warning.message)}`);
  ctx.out(t(ctx.lang, "compose.next", { dir: dir === "." ? "" : ` ${dir}` }));
}

function report(ctx: CliContext, outcome: WriteOutcome, dryRun: boolean): void {
  const label = t(ctx.lang, `init.${dryRun ? "dry." : ""}${outcome.action}`);
  const reason = outcome.reason === undefined ? "" : `  (${outcome.reason})`;
  ctx.out(`${padDisplay(label, 16)} ${outcome.path}${reason}`);
  if (
    outcome.action === "overwrite" ||
    outcome.action === "skip" ||
    (dryRun && outcome.action !== "unchanged")
  )
    printDiff(ctx, outcome.diff);
}

function printDiff(ctx: CliContext, diff: string): void {
  const paint = ctx.color ? pc : { green: String, red: String };
  const lines = diff
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("===") && !l.startsWith("Index:"));
  const coloured = lines.map((line) =>
    line.startsWith("+") && !line.startsWith("+++")
      ? paint.green(line)
      : line.startsWith("-") && !line.startsWith("---")
        ? paint.red(line)
        : line,
  );
  if (coloured.length > 0) ctx.out(coloured.join("\n"));
}

async function askOverwrite(path: string, ctx: CliContext): Promise<boolean> {
  const answer = await confirm({
    message: t(ctx.lang, "compose.ask", { path }),
    initialValue: false,
  });
  return !isCancel(answer) && answer;
}

function fileExists(skipped: WriteOutcome): PyshipError {
  return new PyshipError("E_FILE_EXISTS", msg("init.exists.one", { names: skipped.path }), {
    file: skipped.path,
    hint: msg("compose.exists.hint"),
  });
}
