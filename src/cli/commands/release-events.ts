/*
 * How `pyship release` shows the release stage's events (src/release/release-ports.ts): the
 * version found, the tag plan with why each tag moves or stays, then each tag's outcome. On
 * stderr, so that --json keeps stdout for the result document.
 */
import pc from "picocolors";
import type { TagOutcome, TagPlan } from "../../core/pipeline.js";
import type { ReleaseEvents } from "../../release/release-ports.js";
import type { CliContext } from "../context.js";
import { addMessages, t } from "../i18n.js";

addMessages({
  "release.version": {
    en: "Releasing {version} (git tag on {sha})",
    zh: "发布 {version}（{sha} 上的 git 标签）",
  },
  "release.noTag": {
    en: "HEAD ({sha}) has no version tag: pushing sha-{sha} only. To release, tag the commit (git tag v1.2.3) and run pyship release again.",
    zh: "HEAD（{sha}）没有版本标签：只推送 sha-{sha}。要发布版本，请给该提交打标签（git tag v1.2.3）后再次运行 pyship release。",
  },
  "release.plan": { en: "Tags for {repository}:", zh: "{repository} 的标签：" },
  "release.moves": { en: "  {tag}  ({why})", zh: "  {tag}（{why}）" },
  "release.held": { en: "  not moving {tag}: {why}", zh: "  不移动 {tag}：{why}" },
  "release.pushed": { en: "Pushed {ref} ({digest})", zh: "已推送 {ref}（{digest}）" },
  "release.skipped": {
    en: "Skipped {ref}: the registry already has this image ({digest})",
    zh: "已跳过 {ref}：仓库中已是同一镜像（{digest}）",
  },
  "release.forced": {
    en: "Overwrote {ref} (--force) ({digest})",
    zh: "已覆盖 {ref}（--force）（{digest}）",
  },
  "release.planned": { en: "Would push {ref}", zh: "将推送 {ref}" },
  "release.sbom": {
    en: "Wrote the SBOM {file} ({count} components)",
    zh: "已写入 SBOM {file}（{count} 个组件）",
  },
});

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
    ...plan.tags.map((tag) => t(ctx.lang, "release.moves", { tag: tag.tag, why: tag.why })),
    ...plan.held.map((tag) => t(ctx.lang, "release.held", { tag: tag.tag, why: tag.why })),
  ];
}

function outcomeLine(ctx: CliContext, outcome: TagOutcome): string {
  const text = t(ctx.lang, OUTCOME_KEYS[outcome.action], {
    ref: outcome.ref,
    digest: outcome.digest ?? "digest unknown",
  });
  return ctx.color && outcome.action === "skipped-same" ? pc.dim(text) : text;
}
