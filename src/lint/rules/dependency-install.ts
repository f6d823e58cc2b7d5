/*
 * PY202–PY203: how Python packages are installed. The cache rule looks only at the stages
 * that make up the final image (a builder's cache never ships); pinning matters everywhere.
 * Every spelling of pip is recognized by python-tools.ts (venv pip, `python -m pip`, uv).
 */
import type { TextEdit } from "../../core/pipeline.js";
import { type Message, msg } from "../../i18n/message.js";
import type { DockerModel, InstructionModel, Rule, RuleFinding } from "../model.js";
import {
  installsIn,
  PACKAGING_TOOLS,
  type PackageInstall,
  type PythonTool,
  packageArgs,
} from "../python-tools.js";
import { cacheMountTargets, envAt, insertAt, matchRanges } from "../rule-kit.js";
import { programName } from "../shell-commands.js";

const CACHE_HINTS: Record<PythonTool, Message> = {
  pip: msg("lint.cache.pip"),
  uv: msg("lint.cache.uv"),
  poetry: msg("lint.cache.poetry"),
  pipenv: msg("lint.cache.pipenv"),
  pdm: msg("lint.cache.pdm"),
};
const NO_CACHE_FLAGS: Record<PythonTool, readonly string[]> = {
  pip: ["--no-cache-dir"],
  uv: ["--no-cache", "-n"],
  poetry: ["--no-cache"],
  pipenv: [],
  pdm: ["--no-cache"],
};
const NO_CACHE_ENV: Record<PythonTool, readonly string[]> = {
  pip: ["PIP_NO_CACHE_DIR"],
  uv: ["UV_NO_CACHE"],
  poetry: ["POETRY_NO_CACHE"],
  pipenv: ["PIP_NO_CACHE_DIR", "PIPENV_NO_CACHE"],
  pdm: ["PDM_NO_CACHE"],
};

export const pipCache: Rule = (model) =>
  model.finalChain.flatMap((stage) =>
    stage.instructions.flatMap((instruction): RuleFinding[] => {
      if (instruction.keyword !== "RUN" || hasCacheMount(model, instruction)) return [];
      const env = envAt(model, instruction);
      const leaky = installsIn(instruction.commands).filter(
        (install) => !cacheHandled(install, instruction, env),
      );
      const first = leaky[0];
      if (!first) return [];
      const edits = fixEdits(model, instruction, leaky);
      return [
        {
          code: "PY202",
          range: instruction.range,
          vars: { tool: first.tool, hint: CACHE_HINTS[first.tool] },
          fix: edits
            ? { safe: true, description: msg("lint.fix.noCache"), edits }
            : { safe: false, description: CACHE_HINTS[first.tool], edits: [] },
        },
      ];
    }),
  );

function hasCacheMount(model: DockerModel, instruction: InstructionModel): boolean {
  return cacheMountTargets(model, instruction).length > 0;
}

function cacheHandled(
  install: PackageInstall,
  run: InstructionModel,
  env: ReadonlyMap<string, string>,
): boolean {
  const words = [...install.args, ...install.globalArgs];
  if (NO_CACHE_FLAGS[install.tool].some((flag) => words.some((w) => spells(install.tool, w, flag))))
    return true;
  const names = NO_CACHE_ENV[install.tool];
  if (
    names.some((name) => isTruthy(env.get(name)) || isTruthy(install.command.assignments.get(name)))
  )
    return true;
  return run.commands.some((command) => {
    const name = programName(command);
    const argv = command.argv.join(" ");
    if (name === "rm") return /cache/i.test(argv);
    return /^(pip\S*|uv|poetry|pdm) .*cache (purge|clean|clear)/.test(`${name} ${argv}`);
  });
}

/**
 * pip (optparse) accepts any unambiguous prefix of a long option: `--no-cache` and even
 * `--no-ca` mean `--no-cache-dir` (no other pip option starts with `--no-ca`).
 */
function spells(tool: PythonTool, word: string, flag: string): boolean {
  const name = word.split("=")[0] ?? "";
  if (name === flag) return true;
  return tool === "pip" && name.length >= "--no-ca".length && flag.startsWith(name);
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== "" && !/^(0|false|no|off)$/i.test(value);
}

const PIP_INSTALL =
  /(?<!\buv(?:\s|\\\r?\n)+)\bpip(?:\d(?:\.\d+)?)?(?:(?:\s|\\\r?\n)+-\S+)*(?:\s|\\\r?\n)+install\b/g;
const UV_INSTALL = /\buv(?:\s|\\\r?\n)+(?:pip(?:\s|\\\r?\n)+)?(?:install|sync)\b/g;

/** Edits that add the no-cache flag to each leaky pip/uv call, or null if not all can be located. */
function fixEdits(
  model: DockerModel,
  run: InstructionModel,
  leaky: readonly PackageInstall[],
): TextEdit[] | null {
  if (run.exec || leaky.some((install) => install.tool !== "pip" && install.tool !== "uv"))
    return null;
  const all = installsIn(run.commands).filter((i) => i.tool === "pip" || i.tool === "uv");
  const located = [
    ...matchRanges(model, run, PIP_INSTALL),
    ...matchRanges(model, run, UV_INSTALL),
  ].sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  if (located.length !== all.length) return null;
  return all.flatMap((install, i) => {
    const range = located[i];
    if (!range || !leaky.some((l) => l.command === install.command)) return [];
    return [insertAt(range.end, install.tool === "pip" ? " --no-cache-dir" : " --no-cache")];
  });
}

/**
 * Packaging tools cannot come from the app's lock file: PY203 reports only bare application
 * packages (PY204/PY205 judge the tools).
 */
export const unpinnedPipInstall: Rule = (model) =>
  model.instructions.flatMap((instruction) => {
    const loose = installsIn(instruction.commands)
      .filter(
        (install) =>
          install.tool === "pip" || (install.tool === "uv" && install.action === "install"),
      )
      .flatMap(packageArgs)
      .filter(isUnpinnedName);
    if (loose.length === 0) return [];
    return [{ code: "PY203", range: instruction.range, vars: { packages: loose.join(" ") } }];
  });

function isUnpinnedName(word: string): boolean {
  if (/^[./~$]|[/\\]|\.(whl|tar\.gz|zip)$|^git\+|^https?:/.test(word)) return false;
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(word)?.[0];
  if (name === undefined || name.length !== word.replace(/\[.*\]$/, "").length) return false;
  return !PACKAGING_TOOLS.has(name.toLowerCase());
}
