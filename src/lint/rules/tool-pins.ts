/*
 * PY204–PY205: packaging tools installed without a version. PY203 leaves tools alone on
 * purpose (they cannot come from the app's lock file); these rules say what floats then:
 * pip/setuptools/wheel upgraded in the final image (info: rarely breaks, never reproducible)
 * and the installer that resolves everything else (warning: a new major breaks the build).
 */
import type { InstructionModel, Rule, RuleFinding } from "../model.js";
import { installsIn, type PackageInstall, packageArgs } from "../python-tools.js";

const BASE_TOOLS = new Set(["pip", "setuptools", "wheel"]);
const INSTALLERS = new Set(["poetry", "pipenv", "pdm", "uv"]);

/** Bare names (no version specifier, no extras with a version) among a pip install's packages. */
function bareNames(install: PackageInstall, wanted: ReadonlySet<string>): string[] {
  if (install.tool !== "pip" && !(install.tool === "uv" && install.action === "install")) return [];
  return packageArgs(install)
    .map((word) => word.replace(/\[.*\]$/, "").toLowerCase())
    .filter((name) => wanted.has(name));
}

function unpinned(
  runs: readonly InstructionModel[],
  wanted: ReadonlySet<string>,
  code: string,
): RuleFinding[] {
  return runs.flatMap((run) => {
    const names = installsIn(run.commands).flatMap((install) => bareNames(install, wanted));
    return names.length === 0
      ? []
      : [{ code, range: run.range, vars: { packages: [...new Set(names)].join(" ") } }];
  });
}

export const unpinnedBaseTools: Rule = (model) =>
  unpinned(
    model.finalChain.flatMap((stage) => stage.instructions),
    BASE_TOOLS,
    "PY204",
  );

export const unpinnedInstaller: Rule = (model) => unpinned(model.instructions, INSTALLERS, "PY205");
