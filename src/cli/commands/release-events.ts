/*
 * How `pyship release` shows the release stage's events (src/release/release-ports.ts): the
 * version found, the tag plan with why each tag moves or stays, then each tag's outcome. On
 * stderr, so that --json keeps stdout for the result document.
 */
import pc from "picocolors";
import type { TagOutcome, TagPlan } from "../../core/pipeline.js";
import { textOf } from "../../i18n/message.js";
import type { ReleaseEvents } from "../../release/release-ports.js";
import type { CliContext } from "../context.js";
import { t } from "../i18n.js";

const OUTCOME_KEYS: Readonly<Record<TagOutcome["action"], string>> = {
  pushed: "release.pushed",
  "skipped-same": "release.skipped",
  forced: "release.forced",
  planned: "release.planned",
};

export function releaseEvents(ctx: CliContext, json: boolean): ReleaseEvents {
  const say = (text: string) => {
    if (!json) ctx.err(text);
  };
  return {
    versionFound: (version, git) =>
      say(
        version
          ? t(ctx.lang, "release.version", { version: version.text, sha: git.shortSha })
          : t(ctx.lang, "release.noTag", { sha: git.shortSha }),
      ),
    planned: (repository, plan) => {
      for (const line of planLines(ctx, repository, plan)) say(line);
    },
    tagDone: (outcome) => say(outcomeLine(ctx, outcome)),
    sbomWritten: (file, count) => say(t(ctx.lang, "release.sbom", { file, count })),
  };
}

function planLines(ctx: CliContext, repository: string, plan: TagPlan): string[] {
  return [
    t(ctx.lang, "release.plan", { repository }),
    ...plan.tags.map((tag) => t(ctx.lang, "release.moves", { tag: tag.tag, why: textOf(tag) })),
    ...plan.held.map((tag) => t(ctx.lang, "release.held", { tag: tag.tag, why: textOf(tag) })),
  ];
}

function outcomeLine(ctx: CliContext, outcome: TagOutcome): string {
  const text = t(ctx.lang, OUTCOME_KEYS[outcome.action], {
    ref: outcome.ref,
    digest: outcome.digest ?? t(ctx.lang, "release.digestUnknown", {}),
  });
  return ctx.color && outcome.action === "skipped-same" ? pc.dim(text) : text;
}
