/*
 * Live progress for `pyship build`: at a terminal, a clack taskLog with a bounded tail of
 * the engine's output (cleared on success, kept on failure); in CI, one line per build step
 * only, so logs stay readable; with --json, nothing (stdout is the JSON document).
 */
import { taskLog } from "@clack/prompts";
import type { CliContext } from "../context.js";

export interface BuildProgress {
  readonly line: (text: string) => void;
  readonly finish: (ok: boolean, message: string) => void;
}

const TAIL = 12;
const WIDTH = 160;
const STEP = /^#\d+ \[[^\]]+\] |^Step \d+\/\d+ : /;

export function buildProgress(ctx: CliContext, json: boolean, title: string): BuildProgress {
  if (json) return { line: () => {}, finish: () => {} };
  // clack's redraw needs a known terminal width (a pseudo-terminal may report 0 columns).
  if (!ctx.color || !(process.stdout.columns > 0)) {
    ctx.err(title);
    const seen = new Set<string>();
    return {
      // BuildKit repeats a step's header when it finishes; show each step once.
      line: (text) => {
        if (!STEP.test(text) || seen.has(text)) return;
        seen.add(text);
        ctx.err(`  ${text}`);
      },
      finish: (_ok, message) => ctx.err(message),
    };
  }
  const log = taskLog({ title, limit: TAIL });
  return {
    line: (text) => log.message(text.length > WIDTH ? `${text.slice(0, WIDTH)}…` : text),
    finish: (ok, message) => (ok ? log.success(message) : log.error(message, { showLog: true })),
  };
}
