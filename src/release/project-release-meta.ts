/*
 * What a release needs to know of the project beyond its name: the version it declares and
 * where (to check against the git tag), or that the version comes from the SCM (then the tag
 * is the version), plus licence and description for the OCI labels. Sources in the order
 * detect/project-meta.ts reads them: [project], [tool.poetry], setup.cfg, setup.py.
 */
import type { Evidence } from "../core/pipeline.js";
import {
  asString,
  asStrings,
  asTable,
  type Pyproject,
  readPyproject,
} from "../detect/deps/pyproject.js";
import { cfgItems, readSetupCfg } from "../detect/deps/setup-cfg.js";
import { hasKeyword, keywordString } from "../detect/deps/setup-py-text.js";
import { findKeyLine } from "../detect/deps/toml-lines.js";
import { scanProject } from "../detect/project-files.js";
import { detectProjectMeta } from "../detect/project-meta.js";
import { because, msg } from "../i18n/message.js";

/** literal: a version to check; scm: computed from git tags; computed: read from code, not checked. */
export type VersionSource = "literal" | "scm" | "computed" | "none";

export interface ProjectReleaseMeta {
  readonly name: string;
  readonly version: string | null;
  readonly versionSource: VersionSource;
  readonly evidence: Evidence | null;
  readonly license: string | null;
  readonly description: string | null;
}

type Found = Pick<ProjectReleaseMeta, "version" | "versionSource" | "evidence">;

export function readProjectReleaseMeta(root: string): ProjectReleaseMeta {
  const files = scanProject(root);
  const pyproject = readPyproject(files);
  const cfg = readSetupCfg(files);
  const setupPy = files.has("setup.py") ? files.read("setup.py") : null;
  const found = fromPyproject(pyproject) ??
    fromSetupCfg(cfgItems(cfg, "metadata", "version")[0]) ??
    fromSetupPy(setupPy) ?? { version: null, versionSource: "none", evidence: null };
  const table = pyproject?.project ?? pyproject?.poetry;
  const cfgText = (key: string) => cfgItems(cfg, "metadata", key)[0]?.value ?? null;
  return {
    name: detectProjectMeta(files).name,
    ...found,
    license: licenseOf(table?.license) ?? cfgText("license"),
    description: asString(table?.description) ?? cfgText("description"),
  };
}

function fromPyproject(pyproject: Pyproject | null): Found | null {
  if (!pyproject) return null;
  const project = pyproject.project;
  if (project && asStrings(project.dynamic).includes("version")) {
    const line = findKeyLine(pyproject.text, ["project", "dynamic"]);
    return scm("pyproject.toml", line, '[project] dynamic = ["version"]');
  }
  for (const [table, path] of [
    [project, ["project"]],
    [pyproject.poetry, ["tool", "poetry"]],
  ] as const) {
    const version = asString(table?.version);
    if (!version) continue;
    const line = findKeyLine(pyproject.text, [...path, "version"]);
    if (path[1] === "poetry" && poetryDynamic(pyproject))
      return scm("pyproject.toml", line, "poetry-dynamic-versioning");
    const why = because(msg("ev.release.version", { table: path.join(".") }));
    return {
      version,
      versionSource: "literal",
      evidence: { file: "pyproject.toml", line, ...why },
    };
  }
  return null;
}

function poetryDynamic(pyproject: Pyproject): boolean {
  const tool = asTable(pyproject.data.tool);
  return asTable(tool?.["poetry-dynamic-versioning"])?.enable === true;
}

function fromSetupCfg(item: { value: string; line: number } | undefined): Found | null {
  if (!item) return null;
  const evidence = { file: "setup.cfg", line: item.line, ...because(msg("ev.release.setupCfg")) };
  if (/^(attr|file):/.test(item.value))
    return { version: null, versionSource: "computed", evidence };
  return { version: item.value, versionSource: "literal", evidence };
}

function fromSetupPy(text: string | null): Found | null {
  if (!text) return null;
  if (hasKeyword(text, "use_scm_version")) return scm("setup.py", null, "use_scm_version");
  const version = keywordString(text, "version");
  if (!version) return null;
  const evidence = { file: "setup.py", line: version.line, ...because(msg("ev.release.setupPy")) };
  return { version: version.value, versionSource: "literal", evidence };
}

function scm(file: string, line: number | null, why: string): Found {
  return { version: null, versionSource: "scm", evidence: { file, line, why } };
}

/** PEP 639 `license = "MIT"`, PEP 621 `license = { text = "MIT" }`, Poetry `license = "MIT"`. */
function licenseOf(value: unknown): string | null {
  return asString(value) ?? asString(asTable(value)?.text) ?? null;
}
