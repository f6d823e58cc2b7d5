/*
 * Pipfile without Pipfile.lock. `pipenv requirements` reads only the lock, so pyship reads
 * `[packages]` itself (never `[dev-packages]`) into pip requirement lines; versions are then
 * resolved by pip at build time, so it ranks below requirements files and pyship warns that
 * a lock would make builds reproducible.
 */
import { PyshipError } from "../../core/errors.js";
import { normalizeName } from "../../core/package-name.js";
import type { Requirement } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import type { DependencyFormat } from "./dependency-format.js";
import { sha256 } from "./pinned-requirements.js";
import { poetryToPep440 } from "./poetry-constraint.js";
import { asString, asTable } from "./pyproject.js";
import { tableDependencyLine } from "./table-dependency.js";
import { findKeyLine } from "./toml-lines.js";

export const pipfileFormat: DependencyFormat = {
  name: "pipfile",
  manifests: (files) => (files.has("Pipfile") ? ["Pipfile"] : []),
  detect({ files }) {
    const requirements = pipfileRequirements(files);
    if (requirements.length === 0) {
      return {
        kind: "skip",
        ignored: [{ file: "Pipfile", line: null, ...because(msg("ev.deps.pipfileEmpty")) }],
      };
    }
    return {
      kind: "match",
      tool: "pipenv",
      strategy: "pipfile-lock",
      files: ["Pipfile"],
      requirements,
      resolved: {
        lines: installableLines(files),
        source: { file: "Pipfile", sha256: sha256(files.read("Pipfile")) },
        hashed: false,
      },
      evidence: {
        file: "Pipfile",
        line: null,
        ...because(msg("ev.deps.pipfile", { tool: "pip" })),
      },
      warnings: [
        {
          code: "PIPFILE_NO_LOCK",
          ...withText(msg("warn.pipfileNoLock")),
          file: "Pipfile",
        },
      ],
    };
  },
};

/** `[packages]` of the Pipfile; `[dev-packages]` never goes into the image. */
export function pipfileRequirements(files: ProjectFiles): Requirement[] {
  const data = files.toml("Pipfile");
  const text = files.read("Pipfile");
  const packages = data.packages ?? {};
  if (asTable(packages) === undefined) {
    throw new PyshipError("E_PARSE", msg("pipfile.packages"), {
      file: "Pipfile",
      line: findKeyLine(text, ["packages"]) ?? undefined,
      hint: msg("pipfile.packages.hint"),
    });
  }
  return Object.entries(packages as Record<string, unknown>).map(([name, value]) => {
    const line = findKeyLine(text, ["packages", name]);
    const version = typeof value === "string" ? value : asString(asTable(value)?.version);
    if (version !== undefined && poetryToPep440(version) === null) {
      throw new PyshipError("E_PARSE", msg("pipfile.version", { version: String(version), name }), {
        file: "Pipfile",
        line: line ?? undefined,
        hint: msg("pipfile.version.hint"),
      });
    }
    const pep440 = version === undefined || version === "*" ? "" : version;
    return {
      name: normalizeName(name),
      spec: tableDependencyLine(name, value, pep440) ?? name,
      evidence: { file: "Pipfile", line, why: "listed in Pipfile [packages]" },
    };
  });
}

/** pip lines for `[packages]`, without local paths (they can't install before the code). */
function installableLines(files: ProjectFiles): string[] {
  const packages = (files.toml("Pipfile").packages ?? {}) as Record<string, unknown>;
  return pipfileRequirements(files)
    .filter((req) => {
      const entry = Object.entries(packages).find(([name]) => normalizeName(name) === req.name);
      const table = asTable(entry?.[1]);
      return table?.path === undefined && table?.file === undefined;
    })
    .map((req) => req.spec);
}
