/*
 * PY301–PY303: how the final image runs. Only the final stage chain counts: ENV, USER and
 * CMD in a builder stage never reach the running container.
 */

import { msg } from "../../i18n/message.js";
import type { DockerModel, InstructionModel, Rule, RuleFinding } from "../model.js";
import { installsIn } from "../python-tools.js";
import {
  effectiveCommands,
  insertLineAfter,
  isPythonImage,
  propertiesOf,
  replaceRange,
  startCommands,
} from "../rule-kit.js";
import { programName } from "../shell-commands.js";

const PYTHON_PROGRAMS =
  /^(python[\d.]*|gunicorn|uvicorn|hypercorn|daphne|granian|celery|flask|django-admin|streamlit|waitress-serve|uwsgi|fastapi)$/;

function runsPython(model: DockerModel): boolean {
  const chain = model.finalChain;
  if (chain.some(isPythonImage)) return true;
  if (startCommands(model).some((command) => PYTHON_PROGRAMS.test(programName(command))))
    return true;
  return chain.some((stage) => stage.instructions.some((i) => installsIn(i.commands).length > 0));
}

/**
 * Published images whose own Dockerfile sets ENV PYTHONUNBUFFERED=1, so images built FROM
 * them inherit it (evidence: docker-images/*.dockerfile of each tiangolo/* repository).
 */
const UNBUFFERED_IMAGES =
  /^(docker\.io\/)?tiangolo\/(uvicorn-gunicorn(-fastapi|-starlette)?|uwsgi-nginx(-flask)?|meinheld-gunicorn(-flask)?)(:|@|$)/;

export const noPythonUnbuffered: Rule = (model) => {
  if (!runsPython(model) || UNBUFFERED_IMAGES.test(model.finalChain[0]?.image ?? "")) return [];
  const env = model.finalChain.flatMap((stage) =>
    stage.instructions.filter((i) => i.keyword === "ENV"),
  );
  if (env.some((i) => propertiesOf(i).some((p) => p.name === "PYTHONUNBUFFERED" && p.value !== "")))
    return [];
  if (startCommands(model).some((c) => /^python/.test(programName(c)) && c.argv.includes("-u")))
    return [];
  const from = model.final.from;
  return [
    {
      code: "PY301",
      range: from.range,
      fix: {
        safe: true,
        description: msg("lint.fix.unbuffered"),
        edits: [insertLineAfter(model, from.range.end.line, "ENV PYTHONUNBUFFERED=1")],
      },
    },
  ];
};

/** Images documented to start as an unprivileged user. */
const NON_ROOT_IMAGE = /nonroot|^cgr\.dev\/chainguard\/(?!.*-dev$)/;

export const rootUser: Rule = (model) => {
  const users = model.finalChain.flatMap((stage) =>
    stage.instructions.filter((i) => i.keyword === "USER"),
  );
  const last = users.at(-1);
  const description = msg("lint.fix.user");
  if (last && !/^(root|0)(:.*)?$/.test(last.args.trim())) return [];
  if (!last && NON_ROOT_IMAGE.test(model.finalChain[0]?.image ?? "")) return [];
  return [
    {
      code: "PY302",
      range: (last ?? model.final.from).range,
      vars: { detail: msg(last ? "lint.var.lastRoot" : "lint.var.noUser") },
      fix: { safe: false, description, edits: [] },
    },
  ];
};

const SHELL = /^(\/usr)?(\/bin\/)?(ba|da)?sh$/;

/** Words that need no shell: anything else (variables, operators, quotes, globs) stays shell form. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=,@%+-]+$/;

export const shellFormCommand: Rule = (model) => {
  const { cmd, entrypoint } = effectiveCommands(model);
  const findings: RuleFinding[] = [];
  // Under an exec-form ENTRYPOINT the CMD is only its arguments: the entrypoint is PID 1.
  const cmdIsArguments = entrypoint?.exec != null && !SHELL.test(entrypoint.exec[0] ?? "");
  for (const instruction of [entrypoint, cmdIsArguments ? undefined : cmd]) {
    if (!instruction || instruction.commands.at(-1)?.exec) continue;
    if (instruction.exec && !SHELL.test(instruction.exec[0] ?? "")) continue;
    const otherKeyword = instruction.keyword === "CMD" ? "ENTRYPOINT" : "CMD";
    const conflicting = (instruction.keyword === "CMD" ? model.finalChain : [model.final]).some(
      (stage) => stage.instructions.some((i) => i.keyword === otherKeyword),
    );
    findings.push(shellFinding(instruction, conflicting));
  }
  return findings;
};

function shellFinding(instruction: InstructionModel, conflicting: boolean): RuleFinding {
  const words = instruction.args.trim().split(/\s+/);
  const range = instruction.node.getArgumentsRange();
  const safe =
    !conflicting &&
    !instruction.exec &&
    range !== null &&
    words.every((word) => PLAIN_WORD.test(word));
  const exec = `[${words.map((word) => JSON.stringify(word)).join(", ")}]`;
  return {
    code: "PY303",
    range: instruction.range,
    vars: { keyword: instruction.keyword },
    fix: safe
      ? {
          safe: true,
          description: msg("lint.fix.execForm", { instruction: `${instruction.keyword} ${exec}` }),
          edits: [replaceRange(range, exec)],
        }
      : {
          safe: false,
          description: msg("lint.fix.execOrPrefix"),
          edits: [],
        },
  };
}
