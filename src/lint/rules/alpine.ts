/*
 * PY104 and PY107: Alpine (musl) bases for Python. Most binary packages publish manylinux
 * (glibc) wheels only, so on Alpine pip compiles them. A warning when a dependency is known
 * to lack musl wheels, info otherwise (it works, but builds are slower and images rarely
 * smaller than -slim).
 */
import { normalizeName } from "../../core/package-name.js";
import type { BuildContext } from "../build-context.js";
import { leadingName, requirementNames } from "../context-requirements.js";
import type { Rule, StageModel } from "../model.js";
import { installsIn, packageArgs, requirementFiles } from "../python-tools.js";
import { isPythonImage } from "../rule-kit.js";

/** Packages whose musllinux wheels are missing for many releases (or entirely). */
const NO_MUSL_WHEELS = new Set([
  "numpy",
  "pandas",
  "scipy",
  "scikit-learn",
  "matplotlib",
  "pyarrow",
  "torch",
  "tensorflow",
  "opencv-python",
  "opencv-python-headless",
  "grpcio",
  "psycopg2",
  "lxml",
  "h5py",
  "numba",
  "llvmlite",
  "shapely",
  "xgboost",
  "lightgbm",
  "statsmodels",
]);

export const alpineWithoutWheels: Rule = (model, context) =>
  model.stages.flatMap((stage) => {
    const heavy = isAlpine(stage) ? withoutMuslWheels(stage, context.build) : [];
    if (heavy.length === 0) return [];
    return [{ code: "PY104", range: stage.from.range, vars: { packages: heavy.join(", ") } }];
  });

/** PY107: Python on Alpine where PY104 has nothing more specific to say. */
export const alpinePython: Rule = (model, context) =>
  model.stages.flatMap((stage) => {
    if (!isAlpine(stage) || withoutMuslWheels(stage, context.build).length > 0) return [];
    const installs = stage.instructions.some((i) => installsIn(i.commands).length > 0);
    if (!isPythonImage(stage) && !installs) return [];
    return [{ code: "PY107", range: stage.from.range, vars: { image: stage.image } }];
  });

/** The stage's Python dependencies (installed inline or from requirements) lacking musl wheels. */
function withoutMuslWheels(stage: StageModel, build: BuildContext): string[] {
  const installs = stage.instructions.flatMap((instruction) => installsIn(instruction.commands));
  const names = requirementNames(build, installs.flatMap(requirementFiles));
  for (const install of installs)
    for (const word of packageArgs(install)) names.add(bareName(word));
  return [...names].filter((name) => NO_MUSL_WHEELS.has(name)).sort();
}

function isAlpine(stage: StageModel): boolean {
  return (
    stage.repository === "alpine" || (isPythonImage(stage) && (stage.tag ?? "").includes("alpine"))
  );
}

function bareName(requirement: string): string {
  return normalizeName(leadingName(requirement) ?? requirement);
}
