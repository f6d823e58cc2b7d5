/*
 * `pyship lint PATH...` without the printing: reads each Dockerfile (refusing missing paths,
 * directories and binary files with one clear E_LINT_INPUT error), finds its build context
 * and lint settings, lints, and with --fix computes the fixed text, its diff, and writes it
 * unless dry-run.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { PyshipError } from "../core/errors.js";
import type { LintFinding } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { fsContext } from "./build-context.js";
import { checkInput } from "./check-input.js";
import { fixDockerfile } from "./fix-dockerfile.js";
import { lintDockerfile } from "./lint-dockerfile.js";
import { loadLintConfig } from "./load-lint-config.js";

export interface LintFilesOptions {
  readonly cwd: string;
  /** Build context directory; default: the Dockerfile's folder. */
  readonly context?: string;
  readonly fix?: boolean;
  readonly dryRun?: boolean;
  readonly now?: Date;
}

export interface LintFileResult {
  /** Path as shown (relative to cwd when inside it). */
  readonly file: string;
  /** The text that was linted last (after fixes, or as read for a dry run). */
  readonly text: string;
  readonly findings: readonly LintFinding[];
  /** Fixes applied (or that would be, with --dry-run), and the unified diff. */
  readonly fixed: {
    readonly applied: number;
    readonly diff: string;
    readonly written: boolean;
  } | null;
}

export function lintFiles(paths: readonly string[], options: LintFilesOptions): LintFileResult[] {
  const inputs = paths.map((path) => readDockerfile(path, options.cwd));
  return inputs.map(({ file, full, text }) => {
    const contextDir = resolve(options.cwd, options.context ?? dirname(full));
    const lintOptions = {
      file,
      build: fsContext(contextDir, full),
      config: loadLintConfig(contextDir),
      ...(options.now ? { now: options.now } : {}),
    };
    if (!options.fix)
      return { file, text, findings: lintDockerfile(text, lintOptions), fixed: null };
    const result = fixDockerfile(text, lintOptions);
    const changed = result.text !== text;
    const diff = changed
      ? createTwoFilesPatch(
          `a/${file.replace(/^\/+/, "")}`,
          `b/${file.replace(/^\/+/, "")}`,
          text,
          result.text,
          "",
          "",
          { context: 2 },
        )
      : "";
    const written = changed && !options.dryRun;
    if (written) writeFileSync(full, result.text);
    return {
      file,
      text: result.text,
      findings: result.findings,
      fixed: { applied: result.applied, diff, written },
    };
  });
}

function readDockerfile(path: string, cwd: string): { file: string; full: string; text: string } {
  const full = resolve(cwd, path);
  const shown = relative(cwd, full);
  const file = shown.startsWith("..") || shown === "" ? path : shown;
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(full);
  } catch (cause) {
    throw new PyshipError("E_LINT_INPUT", msg("lintInput.noFile"), {
      file,
      hint: msg("lintInput.hint"),
      cause,
    });
  }
  if (stat.isDirectory()) {
    throw new PyshipError("E_LINT_INPUT", msg("lintInput.directory"), {
      file,
      hint: msg("lintInput.directory.hint", { path: `${path.replace(/\/$/, "")}/Dockerfile` }),
    });
  }
  try {
    return { file, full, text: checkInput(readFileSync(full), file) };
  } catch (error) {
    if (error instanceof PyshipError) throw error;
    throw new PyshipError("E_LINT_INPUT", msg("lintInput.unreadable"), { file, cause: error });
  }
}
