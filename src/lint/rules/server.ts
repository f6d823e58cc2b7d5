/*
 * PY304–PY306: what the container's start command serves. Judged on the final image's
 * effective ENTRYPOINT/CMD only, read through server-command.ts.
 */

import { msg } from "../../i18n/message.js";
import type { DockerModel, InstructionModel, Rule, RuleFinding } from "../model.js";
import { effectiveCommands, envAt, replaceRange, startCommands } from "../rule-kit.js";
import { type ServerFacts, serverFacts } from "../server-command.js";

function servers(
  model: DockerModel,
  context: Parameters<Rule>[1],
): { at: InstructionModel; facts: ServerFacts }[] {
  const { cmd, entrypoint } = effectiveCommands(model);
  const at = cmd ?? entrypoint;
  if (!at) return [];
  const env = envAt(model, at);
  const found = startCommands(model).flatMap((command) => {
    const facts = serverFacts(command, env, context.build);
    return facts ? [facts] : [];
  });
  const first = found[0];
  return first ? [{ at, facts: first }] : [];
}

export const devServer: Rule = (model, context) =>
  servers(model, context).flatMap(({ at, facts }) =>
    facts.dev
      ? [
          {
            code: "PY304",
            range: at.range,
            vars: { server: `\`${facts.dev}\`` },
            fix: {
              safe: false,
              description: msg("lint.fix.prodServer"),
              edits: [],
            },
          },
        ]
      : [],
  );

export const bindsLocalhost: Rule = (model, context) =>
  servers(model, context).flatMap(({ at, facts }) =>
    facts.host !== null && /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(facts.host)
      ? [{ code: "PY305", range: at.range, vars: { server: `\`${facts.server}\`` } }]
      : [],
  );

export const exposeMismatch: Rule = (model, context) => {
  const server = servers(model, context)[0];
  const listening = server?.facts.port ?? null;
  if (listening === null) return [];
  const exposes = model.finalChain.flatMap((stage) =>
    stage.instructions.filter((i) => i.keyword === "EXPOSE"),
  );
  const last = exposes.at(-1);
  if (!last) return [];
  const env = envAt(model, last);
  const ports = exposes
    .flatMap((i) => i.args.split(/\s+/).filter(Boolean))
    .map((word) => expandPort(word, env));
  if (ports.some((port) => port === null || port === listening)) return [];
  return [mismatch(last, exposes.length === 1 ? ports : [], listening)];
};

function expandPort(word: string, env: ReadonlyMap<string, string>): number | null {
  const value = word.replace(
    /\$\{?([A-Za-z_]\w*)\}?/g,
    (match, name: string) => env.get(name) ?? match,
  );
  const number = /^(\d+)(\/(tcp|udp))?$/i.exec(value)?.[1];
  return number === undefined ? null : Number(number);
}

function mismatch(
  expose: InstructionModel,
  ports: readonly (number | null)[],
  listening: number,
): RuleFinding {
  const range = expose.node.getArgumentsRange();
  const exposed = expose.args.trim();
  const safe = ports.length === 1 && range !== null && /^\d+(\/tcp)?$/i.test(exposed);
  return {
    code: "PY306",
    range: expose.range,
    vars: { exposed, port: listening },
    fix: safe
      ? {
          safe: true,
          description: `EXPOSE ${listening}`,
          edits: [replaceRange(range, String(listening))],
        }
      : { safe: false, description: `EXPOSE ${listening}`, edits: [] },
  };
}
