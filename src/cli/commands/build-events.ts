/*
 * How `pyship build` shows the build stage's events (src/build/build-ports.ts): on stderr,
 * in the user's language; with --json only the repair notice, since stdout is the JSON
 * document and a changed Dockerfile must never go unsaid.
 */
import { relative } from "node:path";
import pc from "picocolors";
import type { BuildEvents, BuildWatch } from "../../build/build-ports.js";
import { MAX_REPAIRS, repairSummaryText } from "../../build/build-with-repairs.js";
import type { BuildResult } from "../../core/pipeline.js";
import type { CliContext } from "../context.js";
import { say as sayText, t } from "../i18n.js";
import { buildProgress } from "./build-progress.js";
import { printVerifyReport } from "./verify.js";

export function buildEvents(ctx: CliContext, json: boolean): BuildEvents {
  const say = (text: string) => {
    if (!json) ctx.err(text);
  };
  return {
    engineChosen: (engine) => say(t(ctx.lang, "build.engine", { why: engine.text ?? engine.why })),
    generated: (written, kept) => {
      say(t(ctx.lang, "build.generated", { files: written.join(", ") }));
      for (const file of kept) say(t(ctx.lang, "build.kept", { file }));
    },
    repairing: (found, attempt) =>
      ctx.err(
        t(ctx.lang, "build.repair", {
          what: repairSummaryText(found),
          seen: found.evidence.why,
          attempt,
          max: MAX_REPAIRS,
        }),
      ),
    building: (tags) => buildWatch(ctx, json, tags),
    verifyProgress: (message) => {
      const text = sayText(ctx.lang, message);
      say(ctx.color ? pc.dim(text) : text);
    },
    verified: (report) => {
      if (!json) printVerifyReport(ctx, report);
    },
    verifySkipped: () => say(t(ctx.lang, "build.noVerify")),
    pushed: (tag) => say(t(ctx.lang, "build.pushed", { tag })),
    listed: ({ manifestList }) =>
      say(
        t(ctx.lang, "build.listed", {
          tags: manifestList.tags.join(", "),
          platforms: manifestList.images.map((image) => image.platform).join(", "),
        }),
      ),
  };
}

function buildWatch(ctx: CliContext, json: boolean, tags: readonly string[]): BuildWatch {
  const progress = buildProgress(ctx, json, t(ctx.lang, "build.title", { tags: tags.join(", ") }));
  return {
    line: progress.line,
    built: (result, bytes) => progress.finish(true, builtMessage(ctx, tags, result, bytes)),
    failed: (logFile) =>
      progress.finish(
        false,
        t(ctx.lang, "build.failed", { log: relativeOrAbsolute(ctx, logFile) }),
      ),
  };
}

function builtMessage(
  ctx: CliContext,
  tags: readonly string[],
  result: BuildResult,
  bytes: number | null,
): string {
  return t(ctx.lang, "build.ok", {
    tags: tags.join(", "),
    seconds: (result.durationMs / 1000).toFixed(1),
    size: bytes === null ? t(ctx.lang, "build.sizeUnknown") : `${(bytes / 1e6).toFixed(0)} MB`,
  });
}

function relativeOrAbsolute(ctx: CliContext, path: string): string {
  const rel = relative(ctx.cwd, path);
  return rel.startsWith("..") ? path : rel;
}
