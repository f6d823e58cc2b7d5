/*
 * Whether the project itself is a package to install into the image (as opposed to an app
 * run from its source folder). Checked in order, first hit wins: an explicit "no" from
 * Poetry comes before anything that would imply "yes".
 */
import type { Evidence } from "../../core/pipeline.js";
import { because, type Message, msg } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import { asTable, type Pyproject } from "./pyproject.js";
import { hasKeyword } from "./setup-py-text.js";
import { findKeyLine } from "./toml-lines.js";

type Check = (files: ProjectFiles, pyproject: Pyproject | null) => Evidence | false | null;

const CHECKS: readonly Check[] = [
  // package-mode = false: Poetry's own switch for "an app, not a package"
  (_files, pyproject) => (pyproject?.poetry?.["package-mode"] === false ? false : null),
  (files, pyproject) =>
    ownScripts(files, pyproject, ["project", "scripts"]) &&
    tableKey(
      pyproject,
      ["project", "scripts"],
      msg("ev.project.scripts", { table: "[project.scripts]" }),
    ),
  (_files, pyproject) =>
    tableKey(pyproject, ["project", "gui-scripts"], msg("ev.project.guiScripts")),
  (files, pyproject) =>
    ownScripts(files, pyproject, ["tool", "poetry", "scripts"]) &&
    tableKey(
      pyproject,
      ["tool", "poetry", "scripts"],
      msg("ev.project.scripts", { table: "[tool.poetry.scripts]" }),
    ),
  // null, not false, when there are none: false would be a "no" that stops the checks below
  // (a src/ layout, a setup.py package).
  (files, pyproject) =>
    poetryPackagesExist(files, pyproject)
      ? tableKey(pyproject, ["tool", "poetry", "packages"], msg("ev.project.poetryPackages"))
      : null,
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
  why: Message,
): Evidence | null {
  let value: unknown = pyproject?.data;
  for (const key of path) value = asTable(value)?.[key];
  const present = Array.isArray(value)
    ? value.length > 0
    : Object.keys(asTable(value) ?? {}).length > 0;
  return present && pyproject
    ? { file: pyproject.file, line: findKeyLine(pyproject.text, path), ...because(why) }
    : null;
}

/**
 * Whether a scripts table names a module of the project's own. A script that only points into
 * a dependency (`app = "litestar.__main__:run_cli"`, a shortcut to the framework's CLI) needs
 * nothing of the project installed, and building a wheel of an app that isn't laid out as a
 * package fails. null (not decided: the next check runs) when every script is someone else's.
 */
function ownScripts(files: ProjectFiles, pyproject: Pyproject | null, path: readonly string[]) {
  let value: unknown = pyproject?.data;
  for (const key of path) value = asTable(value)?.[key];
  const targets = Object.values(asTable(value) ?? {}).filter((t) => typeof t === "string");
  const own = (target: string) => {
    const top = target.split(":")[0]?.split(".")[0]?.trim() ?? "";
    const places = [`${top}.py`, `src/${top}.py`, `${top}/`, `src/${top}/`];
    return top !== "" && files.paths.some((p) => places.some((place) => p.startsWith(place)));
  };
  return targets.length === 0 || targets.some(own) ? true : null;
}

/** src/<pkg>/__init__.py only installs when something can build it. */
function srcLayout(files: ProjectFiles, pyproject: Pyproject | null): Evidence | null {
  const init = files.paths.find((path) => /^src\/[^/]+\/__init__\.py$/.test(path));
  const buildable =
    asTable(pyproject?.data["build-system"]) !== undefined ||
    files.has("setup.py") ||
    files.has("setup.cfg");
  return init && buildable
    ? { file: init, line: null, ...because(msg("ev.project.srcLayout")) }
    : null;
}

function setupPyPackage(files: ProjectFiles): Evidence | null {
  if (!files.has("setup.py")) return null;
  const text = files.read("setup.py");
  const key = ["packages", "py_modules", "entry_points"].find((name) => hasKeyword(text, name));
  return key
    ? { file: "setup.py", line: null, ...because(msg("ev.project.setupPy", { key })) }
    : null;
}

/**
 * Whether a `[tool.poetry] packages` entry names something the project has. A template's
 * `packages = [{include = "demo_python_panel"}]` left beside a plain app.py (panel-demo) names
 * a folder that does not exist: building the project then fails ("does not contain any
 * element"), so nothing is decided by it. Globs are taken on trust.
 */
function poetryPackagesExist(files: ProjectFiles, pyproject: Pyproject | null): boolean {
  const entries = pyproject?.poetry?.packages;
  if (!Array.isArray(entries)) return false;
  return entries.some((entry) => {
    const table = asTable(entry);
    const include = typeof table?.include === "string" ? table.include : "";
    if (include === "" || /[*?[]/.test(include)) return include !== "";
    const base = typeof table?.from === "string" ? `${table.from.replace(/\/$/, "")}/` : "";
    const path = `${base}${include}`;
    return files.paths.some((p) => p === `${path}.py` || p.startsWith(`${path}/`));
  });
}
