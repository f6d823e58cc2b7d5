/*
 * pyproject.toml without a lock file: PEP 621 `[project].dependencies` or Poetry's
 * `[tool.poetry.dependencies]`. It is the package's own declaration, so it beats loose
 * requirements files; when dependencies are `dynamic` (setuptools reading
 * requirements.txt) it steps aside so the requirements file is used.
 */
import type { Evidence } from "../../core/pipeline.js";
import { pep621Requirements, poetryRequirements } from "./declared-requirements.js";
import type { DependencyFormat, FormatMatch } from "./dependency-format.js";
import { asStrings, asTable, type Pyproject } from "./pyproject.js";

const manifests = (files: { has(path: string): boolean }) =>
  files.has("pyproject.toml") ? ["pyproject.toml"] : [];

export const pyprojectFormat: DependencyFormat = {
  name: "pyproject",
  manifests,
  detect({ pyproject }) {
    if (pyproject === null) return { kind: "skip", ignored: [] };
    const poetry = usesPoetry(pyproject);
    const requirements = poetry
      ? [...pep621Requirements(pyproject), ...poetryRequirements(pyproject)]
      : pep621Requirements(pyproject);
    if (requirements.length === 0) {
      const declares = pyproject.project !== undefined || pyproject.poetry !== undefined;
      return { kind: "skip", ignored: declares ? [noDependencies(pyproject)] : [] };
    }
    const section = poetry ? "[tool.poetry.dependencies]" : "[project].dependencies";
    return {
      kind: "match",
      tool: poetry ? "poetry" : "pip",
      strategy: "pyproject",
      files: ["pyproject.toml"],
      requirements,
      evidence: {
        file: "pyproject.toml",
        line: requirements[0]?.evidence.line ?? null,
        why: `dependencies declared in ${section} (no lock file)`,
      },
      ...(poetry
        ? {
            warnings: [
              {
                code: "POETRY_NO_LOCK",
                message: "no poetry.lock: versions are resolved at build time; run `poetry lock`",
                file: "pyproject.toml",
              },
            ],
          }
        : {}),
    };
  },
};

/**
 * A package that declares no dependencies but is installable (console scripts, a build
 * backend): ranked last, after setup.py, because any real dependency list is better.
 */
export const pyprojectPackageFormat: DependencyFormat = {
  name: "pyproject-package",
  manifests,
  detect({ pyproject }): FormatMatch | { kind: "skip"; ignored: Evidence[] } {
    if (pyproject === null || asTable(pyproject.data["build-system"]) === undefined)
      return { kind: "skip", ignored: [] };
    if (pyproject.project === undefined && pyproject.poetry === undefined)
      return { kind: "skip", ignored: [] };
    return {
      kind: "match",
      tool: usesPoetry(pyproject) ? "poetry" : "pip",
      strategy: "pyproject",
      files: ["pyproject.toml"],
      requirements: [],
      evidence: {
        file: "pyproject.toml",
        line: null,
        why: "a package with a [build-system] and no dependencies: installed from pyproject.toml",
      },
    };
  },
};

export function usesPoetry(pyproject: Pyproject): boolean {
  const backend = String(asTable(pyproject.data["build-system"])?.["build-backend"] ?? "");
  return backend.startsWith("poetry") || asTable(pyproject.poetry?.dependencies) !== undefined;
}

function noDependencies(pyproject: Pyproject): Evidence {
  const dynamic = asStrings(pyproject.project?.dynamic).includes("dependencies");
  return {
    file: "pyproject.toml",
    line: null,
    why: dynamic
      ? "dependencies are dynamic (read by the build backend from another file)"
      : "declares no dependencies",
  };
}
