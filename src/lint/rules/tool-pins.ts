/*
 * PY204–PY205: packaging tools installed without a version. PY203 leaves tools alone on
 * purpose (they cannot come from the app's lock file); these rules say what floats then:
 * pip/setuptools/wheel upgraded in the final image (rarely breaks, never reproducible) and
 * the installer that resolves everything else (a new major breaks the build). Both info.
 */
import { parseImage } from "../build-model.js";
import type { DockerModel, InstructionModel, Rule, RuleFinding } from "../model.js";
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

export const unpinnedInstaller: Rule = (model) => [
  ...unpinned(model.instructions, INSTALLERS, "PY205"),
  ...floatingUvImages(model),
];

/**
 * uv also ships as an image (`COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/`, or as a
 * base). Its tags without a leading version (`latest`, `python3.12-bookworm-slim`) float.
 */
function floatingUvImages(model: DockerModel): RuleFinding[] {
  const sources = model.instructions.flatMap((instruction) => {
    if (instruction.keyword === "FROM")
      return [{ instruction, image: model.stages[instruction.stage]?.image ?? "" }];
    const from = instruction.keyword === "COPY" ? instruction.flags.get("from") : null;
    return from ? [{ instruction, image: from }] : [];
  });
  return sources
    .filter(({ image }) => {
      if (!/(^|\/)astral-sh\/uv([:@]|$)/.test(image) || image.includes("@")) return false;
      const { tag } = parseImage(image);
      return tag === null || !/^\d+\.\d+/.test(tag);
    })
    .map(({ instruction, image }) => ({
      code: "PY205",
      range: instruction.range,
      vars: { packages: `uv (${image})` },
    }));
}
