/*
 * PY601–PY606: individual instructions used in ways that surprise (ADD), are deprecated
 * (MAINTAINER), mislead (cd), fail at run time (HEALTHCHECK without its tool) or fail
 * offline (the syntax directive pulls a frontend image).
 */

import { msg } from "../../i18n/message.js";
import { type DockerModel, type Rule, type RuleFinding, textOf } from "../model.js";
import { copySources, replaceRange } from "../rule-kit.js";
import { programName } from "../shell-commands.js";

const URL = /^(https?|git):\/\/|^git@/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

const adds = (model: DockerModel) =>
  model.instructions.filter((i) => i.keyword === "ADD" && !i.args.includes("<<"));

export const addUrl: Rule = (model) =>
  adds(model).flatMap((add) => {
    const url = copySources(add).find((source) => URL.test(source));
    return url && !add.flags.has("checksum")
      ? [{ code: "PY601", range: add.range, vars: { url } }]
      : [];
  });

export const addInsteadOfCopy: Rule = (model) =>
  adds(model).flatMap((add): RuleFinding[] => {
    const list = copySources(add);
    if (
      list.length === 0 ||
      list.some((source) => URL.test(source) || ARCHIVE.test(source) || source.includes("$"))
    ) {
      return [];
    }
    const safe = [...add.flags.keys()].every((flag) => ["chown", "chmod", "link"].includes(flag));
    const keyword = add.node.getInstructionRange();
    return [
      {
        code: "PY602",
        range: add.range,
        fix: {
          safe,
          description: msg("lint.fix.use", { what: "COPY" }),
          edits: safe ? [replaceRange(keyword, "COPY")] : [],
        },
      },
    ];
  });

export const cdInRun: Rule = (model) =>
  model.instructions
    .filter(
      (i) => i.keyword === "RUN" && i.commands.some((c) => programName(c) === "cd" && !c.subshell),
    )
    .map((run) => ({
      code: "PY603",
      range: run.range,
      fix: { safe: false, description: msg("lint.fix.workdir"), edits: [] },
    }));

export const maintainer: Rule = (model) =>
  model.instructions
    .filter((i) => i.keyword === "MAINTAINER")
    .map((instruction) => ({
      code: "PY604",
      range: instruction.range,
      fix: {
        safe: true,
        description: msg("lint.fix.use", { what: "LABEL org.opencontainers.image.authors" }),
        edits: [
          replaceRange(
            instruction.range,
            `LABEL org.opencontainers.image.authors=${JSON.stringify(instruction.args.trim())}`,
          ),
        ],
      },
    }));

export const healthcheckMissingTool: Rule = (model) => {
  const checks = model.finalChain.flatMap((s) =>
    s.instructions.filter((i) => i.keyword === "HEALTHCHECK"),
  );
  const check = checks.at(-1);
  const base = model.finalChain[0];
  if (!check || !base || /^\s*NONE\s*$/i.test(check.args)) return [];
  const tool = check.commands.map(programName).find((name) => name === "curl" || name === "wget");
  if (!tool || !lacks(base.image, base.tag ?? "", tool)) return [];
  const runs = model.finalChain.flatMap((s) => s.instructions.filter((i) => i.keyword === "RUN"));
  const installed = runs.some((run) =>
    new RegExp(`(install|add)\\b[^&;|]*\\b${tool}\\b`).test(run.args),
  );
  return installed
    ? []
    : [{ code: "PY605", range: check.range, vars: { tool, image: base.image } }];
};

/** Slim and distroless images have neither tool; Alpine's busybox has wget but not curl. */
function lacks(image: string, tag: string, tool: string): boolean {
  if (/distroless|chainguard/.test(image)) return true;
  if (tag.includes("alpine") || /(^|\/)alpine$/.test(image.split(":")[0] ?? ""))
    return tool === "curl";
  return tag.includes("slim");
}

/** Features the built-in Dockerfile frontend of older engines may lack: keep the directive then. */
const NEEDS_FRONTEND =
  /<<|--link|--checksum|--parents|--exclude|--chmod|--network|--security|--keep-git-dir|--start-interval|--device/;

export const syntaxDirective: Rule = (model) =>
  model.directives
    .filter((directive) => directive.name === "syntax")
    .map((directive) => {
      const range = {
        start: { line: directive.line, character: 0 },
        end: { line: directive.line, character: (model.lines[directive.line] ?? "").length },
      };
      const body = model.instructions.map((i) => textOf(model, i.range)).join("\n");
      const safe = !NEEDS_FRONTEND.test(body);
      const whole =
        directive.line + 1 < model.lines.length
          ? { start: range.start, end: { line: directive.line + 1, character: 0 } }
          : range;
      return {
        code: "PY606",
        range,
        vars: { value: directive.value },
        fix: {
          safe,
          description: msg("lint.fix.dropSyntax"),
          edits: safe ? [replaceRange(whole, "")] : [],
        },
      };
    });
