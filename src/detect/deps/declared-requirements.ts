/*
 * The runtime requirements a pyproject.toml declares: PEP 621 `[project].dependencies`
 * (PEP 508 strings) and Poetry `[tool.poetry.dependencies]` (name = constraint tables).
 * Optional dependencies, dev groups and `python` itself are not runtime requirements.
 */
import { PyshipError } from "../../core/errors.js";
import { normalizeName } from "../../core/package-name.js";
import type { Requirement } from "../../core/pipeline.js";
import { msg } from "../../i18n/message.js";
import { parseRequirement } from "./parse-requirement.js";
import { poetryToPep440 } from "./poetry-constraint.js";
import { asString, asTable, type Pyproject } from "./pyproject.js";
import { tableDependencyLine } from "./table-dependency.js";
import { findKeyLine, findValueLine } from "./toml-lines.js";

export function pep621Requirements(pyproject: Pyproject): Requirement[] {
  const dependencies = pyproject.project?.dependencies;
  if (dependencies === undefined) return [];
  const path = ["project", "dependencies"];
  if (!Array.isArray(dependencies)) throw typeError(pyproject, path, "an array of PEP 508 strings");
  return dependencies.map((entry) => {
    const line = findValueLine(pyproject.text, path, String(entry)) ?? undefined;
    const parsed =
      typeof entry === "string"
        ? parseRequirement(entry)
        : { error: `${JSON.stringify(entry)} is not a string` };
    if ("error" in parsed) {
      throw new PyshipError(
        "E_PARSE",
        msg("pyproject.invalidRequirement", { error: parsed.error }),
        {
          file: pyproject.file,
          line,
          hint: msg("pyproject.invalidRequirement.hint"),
        },
      );
    }
    return {
      ...parsed,
      evidence: {
        file: pyproject.file,
        line: line ?? null,
        why: "listed in [project].dependencies",
      },
    };
  });
}

export function poetryRequirements(pyproject: Pyproject): Requirement[] {
  const dependencies = asTable(pyproject.poetry?.dependencies);
  if (dependencies === undefined) return [];
  return Object.entries(dependencies)
    .filter(([name, value]) => name.toLowerCase() !== "python" && asTable(value)?.optional !== true)
    .map(([name, value]) => {
      const line = findKeyLine(pyproject.text, ["tool", "poetry", "dependencies", name]);
      return {
        name: normalizeName(name),
        spec: poetrySpec(name, value),
        evidence: { file: pyproject.file, line, why: "listed in [tool.poetry.dependencies]" },
      };
    });
}

/**
 * `flask = "^3.0"` → `flask>=3.0,<4.0`; git and URL sources become direct references; an
 * `||` constraint keeps only the name (pip has no "or"), a local path keeps only the name.
 */
function poetrySpec(name: string, value: unknown): string {
  const table = Array.isArray(value) ? asTable(value[0]) : asTable(value);
  const constraint = typeof value === "string" ? value : asString(table?.version);
  const converted = constraint === undefined ? null : poetryToPep440(constraint);
  const version = converted?.length === 1 ? (converted[0] as string) : "";
  const extras = Array.isArray(table?.extras) ? `[${table.extras.join(",")}]` : "";
  return tableDependencyLine(name, table ?? value, version) ?? `${name}${extras}`;
}

/** Poetry's python constraint as PEP 440 alternatives, with its line. */
export function poetryPython(pyproject: Pyproject): { raw: string; line: number | null } | null {
  const raw = asString(asTable(pyproject.poetry?.dependencies)?.python);
  if (raw === undefined) return null;
  return { raw, line: findKeyLine(pyproject.text, ["tool", "poetry", "dependencies", "python"]) };
}

function typeError(pyproject: Pyproject, path: string[], expected: string): PyshipError {
  return new PyshipError(
    "E_PARSE",
    msg("pyproject.mustBe", { key: `[${path.slice(0, -1).join(".")}].${path.at(-1)}`, expected }),
    {
      file: pyproject.file,
      line: findKeyLine(pyproject.text, path) ?? undefined,
      hint: msg("pyproject.mustBe.hint"),
    },
  );
}
