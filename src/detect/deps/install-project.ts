/*
 * Whether the project itself is a package to install into the image (as opposed to an app
 * run from its source folder). Checked in order, first hit wins: an explicit "no" from
 * Poetry comes before anything that would imply "yes".
 */
import type { Evidence } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { asTable, type Pyproject } from "./pyproject.js";
import { hasKeyword } from "./setup-py-text.js";
import { findKeyLine } from "./toml-lines.js";

type Check = (files: ProjectFiles, pyproject: Pyproject | null) => Evidence | false | null;

const CHECKS: readonly Check[] = [
  // package-mode = false: Poetry's own switch for "an app, not a package"
  (_files, pyproject) => (pyproject?.poetry?.["package-mode"] === false ? false : null),
  (_files, pyproject) =>
    tableKey(pyproject, ["project", "scripts"], "[project.scripts] installs console scripts"),
  (_files, pyproject) =>
    tableKey(pyproject, ["project", "gui-scripts"], "[project.gui-scripts] installs scripts"),
  (_files, pyproject) =>
    tableKey(
      pyproject,
      ["tool", "poetry", "scripts"],
      "[tool.poetry.scripts] installs console scripts",
    ),
  (_files, pyproject) =>
    tableKey(
      pyproject,
      ["tool", "poetry", "packages"],
      "[tool.poetry] packages = … names the package",
    ),
  srcLayout,
  setupPyPackage,
];

export function installProjectEvidence(
  files: ProjectFiles,
  pyproject: Pyproject | null,
): Evidence | null {
  for (const check of CHECKS) {
    const result = check(files, pyproject);
    if (result === false) return null;
    if (result !== null) return result;
  }
  return null;
}

function tableKey(
  pyproject: Pyproject | null,
  path: readonly string[],
  why: string,
): Evidence | null {
  let value: unknown = pyproject?.data;
  for (const key of path) value = asTable(value)?.[key];
  const present = Array.isArray(value)
    ? value.length > 0
    : Object.keys(asTable(value) ?? {}).length > 0;
  return present && pyproject
    ? { file: pyproject.file, line: findKeyLine(pyproject.text, path), why }
    : null;
}

/** src/<pkg>/__init__.py only installs when something can build it. */
function srcLayout(files: ProjectFiles, pyproject: Pyproject | null): Evidence | null {
  const init = files.paths.find((path) => /^src\/[^/]+\/__init__\.py$/.test(path));
  const buildable =
    asTable(pyproject?.data["build-system"]) !== undefined ||
    files.has("setup.py") ||
    files.has("setup.cfg");
  return init && buildable
    ? { file: init, line: null, why: "src layout: the code is importable only once installed" }
    : null;
}

function setupPyPackage(files: ProjectFiles): Evidence | null {
  if (!files.has("setup.py")) return null;
  const text = files.read("setup.py");
  const key = ["packages", "py_modules", "entry_points"].find((name) => hasKeyword(text, name));
  return key
    ? { file: "setup.py", line: null, why: `setup.py declares ${key}=: a package to install` }
    : null;
}
