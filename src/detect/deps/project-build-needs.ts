/*
 * Files the package build reads besides the code: the readme and license pyproject.toml
 * names (PEP 621 `readme`/`license`/`license-files`, Poetry `readme`), setup.cfg
 * `file:` references, and files setup.py opens. A .dockerignore must never exclude them,
 * or `pip install .` fails inside the image. Only files that exist are listed.
 */
import type { ProjectFiles } from "../project-files.js";
import { asString, asStrings, asTable, type Pyproject } from "./pyproject.js";
import type { SetupCfg } from "./setup-cfg.js";
import { allStrings } from "./setup-py-text.js";

export function buildNeeds(
  files: ProjectFiles,
  pyproject: Pyproject | null,
  cfg: SetupCfg | null,
  setupPy: string | null,
): string[] {
  const named = [...pyprojectNames(pyproject), ...cfgNames(cfg), ...setupPyNames(setupPy)];
  const found = new Set<string>();
  for (const name of named.map((path) => path.replace(/^\.\//, ""))) {
    if (/[*?[]/.test(name))
      for (const path of files.paths.filter((p) => globToRegExp(name).test(p))) found.add(path);
    else if (files.has(name)) found.add(name);
  }
  return [...found].sort();
}

function pyprojectNames(pyproject: Pyproject | null): string[] {
  const project = pyproject?.project;
  const poetry = pyproject?.poetry;
  const readme = project?.readme;
  const license = project?.license;
  return [
    asString(readme) ?? asString(asTable(readme)?.file),
    asString(asTable(license)?.file),
    ...asStrings(project?.["license-files"]),
    ...(Array.isArray(poetry?.readme) ? asStrings(poetry.readme) : [asString(poetry?.readme)]),
  ].filter((name): name is string => name !== undefined);
}

/** `long_description = file: README.md, CHANGES.md` and `license_files`. */
function cfgNames(cfg: SetupCfg | null): string[] {
  const metadata = cfg?.get("metadata");
  const values = ["long_description", "license_file", "license_files", "version"].flatMap((key) =>
    (metadata?.get(key)?.items ?? []).map((item) => item.value),
  );
  return values
    .flatMap((value) =>
      value
        .replace(/^file:\s*/, "")
        .split(",")
        .map((part) => part.trim()),
    )
    .filter(Boolean);
}

function setupPyNames(text: string | null): string[] {
  return text === null
    ? []
    : allStrings(text)
        .map((item) => item.value)
        .filter((value) => /^[\w./-]+\.\w+$|^[A-Z]+$/.test(value));
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]");
  return new RegExp(`^${source}$`);
}
