/*
 * PY101–PY103, PY105, PY106, PY108: what the FROM lines choose. Only the final image's base is
 * judged for size (a full image in a builder stage is fine); pins and end-of-life matter in
 * every stage because they decide what gets built. Alpine rules are in alpine.ts.
 */

import { type Message, msg } from "../../i18n/message.js";
import type { Rule, RuleFinding, StageModel } from "../model.js";
import { isPythonImage, matchRanges, replaceRange } from "../rule-kit.js";

export const fullBaseImage: Rule = (model) => {
  const base = model.finalChain[0];
  // No tag or `latest` is PY102's finding; a slim suggestion needs a version to attach to.
  if (
    !base ||
    !isPythonImage(base) ||
    base.tag === null ||
    base.tag === "latest" ||
    base.tag.includes("$")
  ) {
    return [];
  }
  if (/slim|alpine|windows|nanoserver/.test(base.tag)) return [];
  const suggested = `${base.image.split(":")[0]}:${slimTag(base.tag)}`;
  const tagRange = (
    base.from.node as unknown as { getImageTagRange(): RuleFinding["range"] | null }
  ).getImageTagRange();
  return [
    {
      code: "PY101",
      range: base.from.range,
      vars: { image: base.image, suggested },
      fix: {
        safe: false,
        description: msg("lint.fix.use", { what: suggested }),
        edits: tagRange ? [replaceRange(tagRange, slimTag(base.tag))] : [],
      },
    },
  ];
};

function slimTag(tag: string): string {
  const distro = /^(.*)-(bookworm|bullseye|buster|trixie)$/.exec(tag);
  return distro ? `${distro[1]}-slim-${distro[2]}` : `${tag}-slim`;
}

export const unpinnedBaseImage: Rule = (model) =>
  model.stages
    .filter((stage) => stage.parent === null && stage.digest === null && !stage.image.includes("$"))
    .flatMap((stage) => {
      const reason = floating(stage);
      if (reason === null) return [];
      return [
        {
          code: "PY102",
          range: stage.from.range,
          vars: { image: stage.image, reason },
          fix: { safe: false, description: msg("lint.fix.pinImage"), edits: [] },
        },
      ];
    });

/**
 * Why a tag floats, or null: no tag, `latest`, or for Python a tag without a minor version
 * (`python:3`, `python:slim`, `python:alpine` move to each new Python release like latest).
 */
function floating(stage: StageModel): Message | string | null {
  if (stage.repository === "scratch") return null;
  if (stage.tag === null) return msg("lint.var.noTag");
  if (stage.tag === "latest") return "`latest`";
  if (isPythonImage(stage) && !/^\d+\.\d+/.test(stage.tag)) return msg("lint.var.noMinor");
  return null;
}

/** Last day of upstream support per minor version (PEP 602 schedule). */
const END_OF_LIFE: Readonly<Record<string, string>> = {
  "3.6": "2021-12-23",
  "3.7": "2023-06-27",
  "3.8": "2024-10-07",
  "3.9": "2025-10-31",
  "3.10": "2026-10-31",
  "3.11": "2027-10-31",
  "3.12": "2028-10-31",
  "3.13": "2029-10-31",
  "3.14": "2030-10-31",
};

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The Python version an image tag names: `python:3.9-slim`, and for images built on it the
 * `python3.9` part of their tags (tiangolo/uvicorn-gunicorn:python3.9, astral-sh/uv:python3.9-…).
 */
function pythonVersionIn(stage: StageModel): RegExpExecArray | null {
  const tag = stage.tag ?? "";
  if (isPythonImage(stage)) return /^(\d+)\.(\d+)/.exec(tag);
  return /(?:^|-)python(\d+)\.(\d+)/.exec(tag);
}

/**
 * PY103 (warning) for 3.9 and older, or a minor out of support for over a year; PY105 (info)
 * for one that left support within the last year, so upgrades get planned before they hurt.
 */
export const eolPython: Rule = (model, context) =>
  model.stages.flatMap((stage) => {
    const version = pythonVersionIn(stage);
    if (!version) return [];
    const minor = `${version[1]}.${version[2]}`;
    const old = version[1] === "2" || Number(version[2]) < 6;
    const eol = old ? "2020-01-01" : END_OF_LIFE[minor];
    if (eol === undefined) return [];
    const since = context.now.getTime() - new Date(`${eol}T23:59:59Z`).getTime();
    if (since <= 0) return [];
    const warn = old || Number(version[2]) <= 9 || since > YEAR_MS;
    return [
      { code: warn ? "PY103" : "PY105", range: stage.from.range, vars: { version: minor, eol } },
    ];
  });

/** Last day of (LTS) security support per Debian release, as named in image tags. */
const DEBIAN_END_OF_LIFE: Readonly<Record<string, string>> = {
  jessie: "2020-06-30",
  stretch: "2022-06-30",
  buster: "2024-06-30",
  bullseye: "2026-08-31",
};

/** PY106: an end-of-life Debian release in the tag, whatever the Python version in it. */
export const eolDebian: Rule = (model, context) =>
  model.stages.flatMap((stage) => {
    const release = /(?:^|-)(jessie|stretch|buster|bullseye)(?:-|$)/.exec(stage.tag ?? "")?.[1];
    const eol = release ? DEBIAN_END_OF_LIFE[release] : undefined;
    if (!release || !eol || new Date(`${eol}T23:59:59Z`).getTime() >= context.now.getTime())
      return [];
    return [{ code: "PY106", range: stage.from.range, vars: { image: stage.image, release, eol } }];
  });

/**
 * PY108: `FROM --platform=$BUILDPLATFORM` is for builder stages that cross-compile. On a stage
 * the final image is made of, a multi-platform build gets the build machine's architecture.
 */
export const buildPlatformInFinal: Rule = (model) =>
  model.finalChain.flatMap((stage) => {
    const platform = stage.from.flags.get("platform") ?? "";
    if (!/^\$\{?BUILDPLATFORM\}?$/.test(platform)) return [];
    const edits = matchRanges(model, stage.from, /--platform=\$\{?BUILDPLATFORM\}?\s+/g).map(
      (range) => replaceRange(range, ""),
    );
    return [
      {
        code: "PY108",
        range: stage.from.range,
        fix: { safe: edits.length === 1, description: msg("lint.fix.dropPlatform"), edits },
      },
    ];
  });
