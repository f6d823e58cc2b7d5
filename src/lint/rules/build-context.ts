/*
 * PY701–PY703: what a whole-context COPY (`COPY . .`) actually sends, judged against the
 * files present in the build context and the .dockerignore Docker would apply (matched
 * with Docker's own pattern semantics by @balena/dockerignore).
 */
import { ignoreRules } from "../../core/dockerignore-rules.js";
import { msg } from "../../i18n/message.js";
import type { BuildContext } from "../build-context.js";
import type { DockerModel, InstructionModel, Rule, RuleFinding } from "../model.js";

const SECRET_PATHS = [".env", ".env.local", ".env.production", ".env.prod"];
const BLOAT_PATHS = [".git", ".venv", "venv", ".tox"];

/** The first COPY/ADD of the whole context, preferring one in the final image. */
function wholeCopy(model: DockerModel): InstructionModel | undefined {
  const copies = model.instructions.filter(
    (i) =>
      (i.keyword === "COPY" || i.keyword === "ADD") &&
      !i.flags.has("from") &&
      !i.args.includes("<<") &&
      (i.exec ?? i.args.split(/\s+/))
        .slice(0, -1)
        .some((source) => /^(\.\/?|\*|\.\/\*)$/.test(source)),
  );
  const finalIndexes = new Set(model.finalChain.map((stage) => stage.index));
  return copies.find((i) => finalIndexes.has(i.stage)) ?? copies[0];
}

function leaked(build: BuildContext, paths: readonly string[]): string[] {
  const rules = ignoreRules((build.dockerignore ?? "").split(/\r?\n/));
  return paths.filter(
    (path) => build.exists(path) && !rules.ignores(path) && !rules.ignores(`${path}/HEAD`),
  );
}

function sourceOf(copy: InstructionModel): string {
  return copy.args.trim();
}

export const noDockerignore: Rule = (model, context) => {
  const copy = wholeCopy(model);
  if (!copy || context.build.dockerignore !== null) return [];
  return [
    {
      code: "PY701",
      range: copy.range,
      vars: { source: sourceOf(copy) },
      fix: {
        safe: false,
        description: msg("lint.fix.addDockerignore"),
        edits: [],
      },
    },
  ];
};

export const dockerignoreLeaksSecrets: Rule = (model, context) =>
  leakFinding(model, context.build, "PY702", SECRET_PATHS);

export const dockerignoreLeaksBloat: Rule = (model, context) =>
  context.build.dockerignore === null
    ? []
    : leakFinding(model, context.build, "PY703", BLOAT_PATHS);

function leakFinding(
  model: DockerModel,
  build: BuildContext,
  code: string,
  candidates: readonly string[],
): RuleFinding[] {
  const copy = wholeCopy(model);
  if (!copy) return [];
  const paths = leaked(build, candidates);
  if (paths.length === 0) return [];
  return [
    {
      code,
      range: copy.range,
      vars: { paths: paths.join("`, `"), source: sourceOf(copy) },
      fix: {
        safe: false,
        description: msg("lint.fix.ignorePaths", { paths: paths.join(", ") }),
        edits: [],
      },
    },
  ];
}
