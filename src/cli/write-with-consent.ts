/*
 * Writes rendered files the way `pyship init` does, for commands that write other files
 * (`pyship ci`): an existing different file is shown as a diff and replaced only with
 * --force or when the person at the terminal agrees (never with --yes, which means "never
 * ask"); a skip nobody agreed to throws E_FILE_EXISTS so CI notices.
 */
import { confirm, isCancel } from "@clack/prompts";
import pc from "picocolors";
import { PyshipError } from "../core/errors.js";
import type { RenderedFiles, WriteOutcome } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { writeFiles } from "../write/write-files.js";
import type { CliContext } from "./context.js";
import { padDisplay } from "./display-width.js";
import { t } from "./i18n.js";

export interface WriteFlags {
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly yes?: boolean;
}

/** Asks whether to overwrite one file; tests replace it. */
export type AskOverwrite = (path: string, ctx: CliContext) => Promise<boolean>;

export async function writeWithConsent(
  root: string,
  files: RenderedFiles,
  flags: WriteFlags,
  ctx: CliContext,
  ask: AskOverwrite = askOverwrite,
): Promise<readonly WriteOutcome[]> {
  const dryRun = flags.dryRun === true;
  const force = flags.force === true;
  const preview = writeFiles(root, files, { dryRun: true, force }).files;
  const mayAsk = !dryRun && ctx.interactive && flags.yes !== true;
  const agreed = new Set<string>();
  for (const outcome of preview.filter((o) => o.action === "skip" && mayAsk)) {
    printDiff(ctx, outcome.diff);
    if (await ask(outcome.path, ctx)) agreed.add(outcome.path);
  }
  const outcomes = dryRun ? preview : writeAgreed(root, files, force, agreed);
  for (const outcome of outcomes) report(ctx, outcome, dryRun, mayAsk);
  if (dryRun) ctx.out(t(ctx.lang, "write.dryNote"));
  const refused = mayAsk ? [] : outcomes.filter((o) => o.action === "skip");
  if (refused.length > 0) throw fileExists(refused);
  return outcomes;
}

function writeAgreed(
  root: string,
  files: RenderedFiles,
  force: boolean,
  agreed: ReadonlySet<string>,
): readonly WriteOutcome[] {
  return files.flatMap(
    (file) =>
      writeFiles(root, [file], { dryRun: false, force: force || agreed.has(file.path) }).files,
  );
}

/** One line per file, and the diff unless it was already shown before the question. */
function report(ctx: CliContext, outcome: WriteOutcome, dryRun: boolean, asked: boolean): void {
  const paint = ctx.color ? pc : noColor;
  const label = t(ctx.lang, `write.${dryRun ? "dry." : ""}${outcome.action}`);
  const colour = {
    create: paint.green,
    overwrite: paint.yellow,
    skip: paint.red,
    unchanged: paint.dim,
  }[outcome.action];
  const reason = outcome.reason === undefined ? "" : `  (${outcome.reason})`;
  ctx.out(`${colour(padDisplay(label, 16))} ${outcome.path}${reason}`);
  const changed = outcome.action === "overwrite" || outcome.action === "skip";
  const showDiff = dryRun ? outcome.action !== "unchanged" : changed && !asked;
  if (showDiff) printDiff(ctx, outcome.diff);
}

export function printDiff(ctx: CliContext, diff: string): void {
  if (diff === "") return;
  const paint = ctx.color ? pc : noColor;
  const lines = diff
    .split("\n")
    .filter((line) => !line.startsWith("====") && !line.startsWith("Index:"));
  const coloured = lines.map((line) => {
    if (line.startsWith("+") && !line.startsWith("+++")) return paint.green(line);
    if (line.startsWith("-") && !line.startsWith("---")) return paint.red(line);
    if (line.startsWith("@@")) return paint.cyan(line);
    return line;
  });
  ctx.out(coloured.join("\n").trimEnd());
}

async function askOverwrite(path: string, ctx: CliContext): Promise<boolean> {
  const answer = await confirm({
    message: t(ctx.lang, "write.ask", { path }),
    initialValue: false,
  });
  return !isCancel(answer) && answer;
}

function fileExists(skipped: readonly WriteOutcome[]): PyshipError {
  const names = skipped.map((o) => o.path).join(" and ");
  const one = skipped.length === 1;
  return new PyshipError(
    "E_FILE_EXISTS",
    msg(one ? "init.exists.one" : "init.exists.many", { names }),
    {
      file: skipped[0]?.path,
      hint: msg("write.exists.hint"),
    },
  );
}

const identity = (text: string) => text;
const noColor = { green: identity, yellow: identity, red: identity, cyan: identity, dim: identity };
