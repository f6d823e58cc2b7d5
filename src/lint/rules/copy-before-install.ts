/*
 * PY201: the application is copied before the dependency install, so every code edit
 * busts the install layer. Judged per stage chain: an install that already happened before
 * the copy (the uv/poetry "deps first, then project" pattern) means the order is right.
 * The fix (move the install up and copy the requirements files first) is applied only for
 * `pip install -r` right after `COPY . <dir>`, where it cannot change what gets installed.
 */

import { msg } from "../../i18n/message.js";
import type { BuildContext } from "../build-context.js";
import type { DockerModel, InstructionModel, Rule, RuleFinding } from "../model.js";
import { textOf } from "../model.js";
import {
  installsIn,
  PACKAGING_TOOLS,
  type PackageInstall,
  packageArgs,
  requirementFiles,
} from "../python-tools.js";
import { replaceRange, stageChain } from "../rule-kit.js";

const MANIFEST =
  /^(requirements[^/]*\.(txt|in)|constraints[^/]*\.txt|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(\.lock)?|pdm\.lock|setup\.(py|cfg)|MANIFEST\.in|README[^/]*|LICEN[CS]E[^/]*|\.python-version|requirements\/?)$/i;

/**
 * Files an install step needs besides the manifests, copied before it on purpose: a package's
 * `__init__.py` stub (so the project itself installs) and folders of helper scripts.
 */
const INSTALL_HELPERS = /^(__init__\.py|scripts|bin|tools|docker)$/i;

export const copyBeforeInstall: Rule = (model, context) =>
  model.stages.flatMap((stage) => {
    const chain = stageChain(model, stage.index).flatMap((s) => s.instructions);
    const install = firstInstall(chain);
    const installRun = chain[install];
    if (!installRun || installRun.stage !== stage.index) return [];
    const copy = chain
      .slice(0, install)
      .find((instruction) => isAppCopy(instruction, context.build));
    if (!copy || copy.stage !== stage.index) return [];
    return [finding(model, copy, installRun, chain, context.build)];
  });

/**
 * The first install from a manifest; without one, the first install of named packages
 * (`pip install flask gunicorn`), which re-runs on every code change just the same.
 */
function firstInstall(chain: readonly InstructionModel[]): number {
  const manifest = chain.findIndex((i) => installsIn(i.commands).some(isDependencyInstall));
  if (manifest >= 0) return manifest;
  return chain.findIndex((i) => installsIn(i.commands).some(installsNamedPackages));
}

function installsNamedPackages(install: PackageInstall): boolean {
  if (install.tool !== "pip" && !(install.tool === "uv" && install.action === "install"))
    return false;
  return packageArgs(install).some((word) => {
    const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(word)?.[0];
    return (
      name !== undefined &&
      !/[/\\]|^git\+|^https?:/.test(word) &&
      !PACKAGING_TOOLS.has(name.toLowerCase())
    );
  });
}

function isDependencyInstall(install: PackageInstall): boolean {
  if (install.action === "add") return false;
  if (install.tool === "pip" || (install.tool === "uv" && install.action === "install")) {
    // `pip install .` needs the whole source (setup.py projects): only manifest installs count,
    // with or without --no-deps (a fully pinned requirements file often uses it).
    return requirementFiles(install).length > 0;
  }
  const words = install.args;
  return !words.some((w) => ["--no-deps", "--only-root", "--no-dependencies"].includes(w));
}

function copySources(instruction: InstructionModel): string[] {
  const words = instruction.exec ?? instruction.args.split(/\s+/).filter(Boolean);
  return words.slice(0, -1);
}

function isAppCopy(instruction: InstructionModel, build: BuildContext): boolean {
  if (!["COPY", "ADD"].includes(instruction.keyword) || instruction.flags.has("from")) return false;
  if (instruction.args.includes("<<")) return false;
  return copySources(instruction).some((source) => {
    const path = source.replace(/^\.\//, "").replace(/\/$/, "");
    if (INSTALL_HELPERS.test(path.split("/").pop() ?? "")) return false;
    if (path === "." || path === "" || /[*?[]/.test(path) || path.endsWith(".py")) return true;
    if (MANIFEST.test(path.split("/").pop() ?? "") || MANIFEST.test(`${path}/`)) return false;
    return build.exists(path) && build.read(path) === null;
  });
}

function finding(
  model: DockerModel,
  copy: InstructionModel,
  run: InstructionModel,
  chain: readonly InstructionModel[],
  build: BuildContext,
): RuleFinding {
  const edits = safeMove(model, copy, run, chain, build);
  return {
    code: "PY201",
    range: copy.range,
    fix: edits
      ? {
          safe: true,
          description: msg("lint.fix.depsFirst"),
          edits,
        }
      : {
          safe: false,
          description: msg("lint.fix.manifestsFirst"),
          edits: [],
        },
  };
}

function safeMove(
  model: DockerModel,
  copy: InstructionModel,
  run: InstructionModel,
  chain: readonly InstructionModel[],
  build: BuildContext,
): ReturnType<typeof replaceRange>[] | null {
  const sources = copySources(copy);
  const dest = (copy.exec ?? copy.args.split(/\s+/)).at(-1) ?? "";
  if (sources.length !== 1 || !/^\.\/?$/.test(sources[0] ?? "") || copy.exec || run.exec)
    return null;
  if ([...copy.flags.keys()].some((flag) => !["chown", "chmod", "link"].includes(flag)))
    return null;
  if (chain.indexOf(run) !== chain.indexOf(copy) + 1 || !onlyCommentsBetween(model, copy, run))
    return null;
  if (!sameDirectory(dest, workdirAt(chain, copy))) return null;
  const installs = installsIn(run.commands);
  if (
    installs.some((i) => i.tool !== "pip" && i.tool !== "uv") ||
    installs.some((i) => packageArgs(i).length > 0)
  ) {
    return null;
  }
  const files = manifestsToCopy(installs.flatMap(requirementFiles), build);
  if (!files) return null;
  const flags = [...copy.flags].map(([name, value]) =>
    value === null ? `--${name}` : `--${name}=${value}`,
  );
  const lines = groupByDirectory(files).map((group) =>
    ["COPY", ...flags, ...group.sources, group.dest].join(" "),
  );
  // The install moves up together with the comments and blank lines written above it.
  const moved = textOf(model, {
    start: { line: copy.range.end.line + 1, character: 0 },
    end: run.range.end,
  });
  const replacement = [...lines, moved.replace(/^\s*\n/, ""), textOf(model, copy.range)].join("\n");
  return [replaceRange({ start: copy.range.start, end: run.range.end }, replacement)];
}

/** Only blank lines and comments between the COPY and the install: nothing else moves. */
function onlyCommentsBetween(
  model: DockerModel,
  copy: InstructionModel,
  run: InstructionModel,
): boolean {
  return model.lines
    .slice(copy.range.end.line + 1, run.range.start.line)
    .every((line) => line.trim() === "" || line.trim().startsWith("#"));
}

function workdirAt(chain: readonly InstructionModel[], before: InstructionModel): string {
  let dir = "/";
  for (const instruction of chain.slice(0, chain.indexOf(before))) {
    if (instruction.keyword !== "WORKDIR") continue;
    const value = instruction.args.trim();
    dir = value.startsWith("/") ? value : `${dir.replace(/\/$/, "")}/${value}`;
  }
  return dir;
}

function sameDirectory(dest: string, workdir: string): boolean {
  const clean = (path: string) => path.replace(/\/+$/, "") || "/";
  return /^\.\/?$/.test(dest) || clean(dest) === clean(workdir);
}

/** The requirement files plus their -r/-c includes; null when one is missing or needs the code. */
function manifestsToCopy(files: readonly string[], build: BuildContext): string[] | null {
  const result = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = (queue.shift() ?? "").replace(/^\.\//, "");
    if (result.has(file)) continue;
    const text = /^[/~$]|\.\./.test(file) ? null : build.read(file);
    if (text === null || /^\s*(-e|--editable|\.)(\s|$)/m.test(text)) return null;
    result.add(file);
    const dir = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
    for (const match of text.matchAll(/^\s*(?:-r|-c|--requirement|--constraint)\s*=?\s*(\S+)/gm)) {
      queue.push(`${dir}${match[1]}`);
    }
  }
  return result.size > 0 ? [...result].sort() : null;
}

/** Root files in one COPY; files in a folder keep their folder (pip resolves -r relative to it). */
function groupByDirectory(files: readonly string[]): { sources: string[]; dest: string }[] {
  const root = files.filter((file) => !file.includes("/"));
  const nested = files.filter((file) => file.includes("/"));
  const groups = root.length > 0 ? [{ sources: root, dest: "./" }] : [];
  for (const file of nested) groups.push({ sources: [file], dest: `./${file}` });
  return groups;
}
