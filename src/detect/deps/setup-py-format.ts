/*
 * setuptools projects: setup.py (read as text, never run) and/or setup.cfg. The image runs
 * `pip install .`, so the project itself is installed; ranked after requirements files
 * because many projects keep pinned requirements.txt next to a loose install_requires.
 */
import { PyshipError } from "../../core/errors.js";
import type { Requirement, Warning } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import type { DependencyFormat } from "./dependency-format.js";
import { parseRequirement } from "./parse-requirement.js";
import { cfgItems, readSetupCfg } from "./setup-cfg.js";
import { allStrings, keywordList, type StringAt } from "./setup-py-text.js";

export const setupPyFormat: DependencyFormat = {
  name: "setup-py",
  manifests: (files) => ["setup.py", "setup.cfg"].filter((path) => files.has(path)),
  detect({ files }) {
    const cfg = readSetupCfg(files);
    const cfgRequires = cfgItems(cfg, "options", "install_requires");
    if (!files.has("setup.py") && cfg?.get("options") === undefined) {
      return {
        kind: "skip",
        ignored: [{ file: "setup.cfg", line: null, ...because(msg("ev.deps.setupCfgNoOptions")) }],
      };
    }
    const warnings: Warning[] = [];
    const fromPy = files.has("setup.py") ? setupPyRequires(files.read("setup.py"), warnings) : [];
    const requirements = [
      ...fromPy.map((item) => toRequirement("setup.py", item)),
      ...cfgRequires.map((item) => toRequirement("setup.cfg", item)),
    ];
    const manifest = files.has("setup.py") ? "setup.py" : "setup.cfg";
    return {
      kind: "match",
      tool: "pip",
      strategy: "setup-py",
      files: [...setupFiles(files)],
      requirements,
      evidence: {
        file: manifest,
        line: requirements[0]?.evidence.line ?? null,
        ...because(msg("ev.deps.setuptools", { tool: "pip", manifest })),
      },
      installsProject: {
        file: manifest,
        line: null,
        ...because(msg("ev.deps.setuptoolsProject", { manifest })),
      },
      warnings,
    };
  },
};

function setupPyRequires(text: string, warnings: Warning[]): StringAt[] {
  if (!/\binstall_requires\s*=/.test(text)) return [];
  const items = keywordList(text, "install_requires");
  if (items === null) {
    warnings.push({
      code: "SETUP_PY_DYNAMIC",
      ...withText(msg("warn.setupPyDynamic")),
      file: "setup.py",
    });
  }
  return items ?? [];
}

/** setup.py/cfg, pyproject.toml, and files setup.py opens (README, VERSION, requirements). */
function setupFiles(files: ProjectFiles): Set<string> {
  const found = new Set(
    ["setup.py", "setup.cfg", "pyproject.toml", "MANIFEST.in"].filter((path) => files.has(path)),
  );
  if (files.has("setup.py")) {
    for (const { value } of allStrings(files.read("setup.py"))) {
      const path = value.replace(/^\.\//, "");
      if (path.includes(".") && files.has(path)) found.add(path);
    }
  }
  return found;
}

function toRequirement(file: string, item: StringAt): Requirement {
  const parsed = parseRequirement(item.value);
  if ("error" in parsed) {
    throw new PyshipError("E_PARSE", msg("setupPy.invalidRequirement", { error: parsed.error }), {
      file,
      line: item.line,
      hint: msg("setupPy.invalidRequirement.hint"),
    });
  }
  return {
    ...parsed,
    evidence: { file, line: item.line, why: `listed in ${file} install_requires` },
  };
}
