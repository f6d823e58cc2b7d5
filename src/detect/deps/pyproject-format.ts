/*
 * pyproject.toml without a lock file: PEP 621 `[project].dependencies` or Poetry's
 * `[tool.poetry.dependencies]`. It is the package's own declaration, so it beats loose
 * requirements files; when dependencies are `dynamic` (setuptools reading
 * requirements.txt) it steps aside so the requirements file is used.
 */
import { normalizeName } from "../../core/package-name.js";
import type { Evidence } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import { pep621Requirements, poetryRequirements } from "./declared-requirements.js";
import type { DependencyFormat, FormatMatch } from "./dependency-format.js";
import { sha256 } from "./pinned-requirements.js";
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
    // Poetry's tables are not PEP 508: pyship translates them so pip installs without Poetry.
    const resolved = poetry
      ? {
          resolved: {
            lines: requirements
              .filter((req) => !isLocalPoetry(pyproject, req.name))
              .map((req) => req.spec),
            source: { file: "pyproject.toml", sha256: sha256(pyproject.text) },
            hashed: false,
          },
        }
      : {};
    return {
      kind: "match",
      tool: poetry ? "poetry" : "pip",
      strategy: "pyproject",
      files: ["pyproject.toml"],
      requirements,
      ...resolved,
      evidence: {
        file: "pyproject.toml",
        line: requirements[0]?.evidence.line ?? null,
        ...because(msg("ev.deps.pyproject", { section })),
      },
      ...(poetry
        ? {
            warnings: [
              {
                code: "POETRY_NO_LOCK",
                ...withText(msg("warn.poetryNoLock")),
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
        ...because(msg("ev.deps.buildSystemOnly")),
      },
    };
  },
};

/** A `{ path = "../lib" }` dependency: on the developer's disk, not on an index. */
function isLocalPoetry(pyproject: Pyproject, name: string): boolean {
  const dependencies = asTable(pyproject.poetry?.dependencies) ?? {};
  const entry = Object.entries(dependencies).find(([key]) => normalizeName(key) === name);
  const table = asTable(Array.isArray(entry?.[1]) ? entry?.[1][0] : entry?.[1]);
  return table?.path !== undefined || table?.file !== undefined;
}

export function usesPoetry(pyproject: Pyproject): boolean {
  const backend = String(asTable(pyproject.data["build-system"])?.["build-backend"] ?? "");
  return backend.startsWith("poetry") || asTable(pyproject.poetry?.dependencies) !== undefined;
}

function noDependencies(pyproject: Pyproject): Evidence {
  const dynamic = asStrings(pyproject.project?.dynamic).includes("dependencies");
  return {
    file: "pyproject.toml",
    line: null,
    ...because(msg(dynamic ? "ev.deps.dynamic" : "ev.deps.declaresNone")),
  };
}
