/*
 * Name, version, console scripts and build-needed files of the project. Sources in order:
 * PEP 621 [project] (the standard), [tool.poetry] (Poetry 1.x keeps metadata there),
 * setup.cfg [metadata], setup.py (read as text), then the directory name.
 */
import { basename } from "node:path";
import type { Evidence, ProjectMeta } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import { buildNeeds } from "./deps/project-build-needs.js";
import { asString, asTable, type Pyproject, readPyproject } from "./deps/pyproject.js";
import { cfgItems, readSetupCfg, type SetupCfg } from "./deps/setup-cfg.js";
import { consoleScripts, keywordString } from "./deps/setup-py-text.js";
import { findKeyLine } from "./deps/toml-lines.js";
import type { ProjectFiles } from "./project-files.js";

interface Identity {
  readonly name: string;
  readonly version: string | null;
  readonly evidence: Evidence;
}

export function detectProjectMeta(files: ProjectFiles): ProjectMeta {
  const pyproject = readPyproject(files);
  const cfg = readSetupCfg(files);
  const setupPy = files.has("setup.py") ? files.read("setup.py") : null;
  const identity =
    fromPyproject(pyproject) ??
    fromSetupCfg(cfg) ??
    fromSetupPy(setupPy) ??
    fromDirectory(files.root);
  return {
    name: dockerSafeName(identity.name),
    version: versionLike(identity.version),
    buildNeeds: buildNeeds(files, pyproject, cfg, setupPy),
    scripts: scripts(pyproject, cfg, setupPy),
    evidence: identity.evidence,
  };
}

/**
 * A version as written, unless it is a placeholder a release script fills in (typeidea's
 * `version='${version}'`): written into a LABEL, `${version}` would be expanded by the
 * Dockerfile itself (to nothing).
 */
function versionLike(version: string | null): string | null {
  return version !== null && /^v?\d[\w.+!-]*$/.test(version.trim()) ? version.trim() : null;
}

/** Lower-case `[a-z0-9._-]`, starting and ending with a letter or digit (Docker's rule). */
export function dockerSafeName(name: string): string {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/[._-]{2,}/g, "-")
    .replace(/^[._-]+|[._-]+$/g, "");
  return safe === "" ? "app" : safe;
}

function fromPyproject(pyproject: Pyproject | null): Identity | null {
  for (const [table, path] of [
    [pyproject?.project, ["project"]],
    [pyproject?.poetry, ["tool", "poetry"]],
  ] as const) {
    const name = asString(table?.name);
    if (pyproject && name) {
      const line = findKeyLine(pyproject.text, [...path, "name"]);
      return {
        name,
        version: asString(table?.version) ?? null,
        evidence: {
          file: "pyproject.toml",
          line,
          ...because(msg("ev.name", { section: path.join(".") })),
        },
      };
    }
  }
  return null;
}

function fromSetupCfg(cfg: SetupCfg | null): Identity | null {
  const name = cfgItems(cfg, "metadata", "name")[0];
  if (!name) return null;
  const version = cfgItems(cfg, "metadata", "version")[0]?.value ?? null;
  const literal =
    version && !version.startsWith("attr:") && !version.startsWith("file:") ? version : null;
  return {
    name: name.value,
    version: literal,
    evidence: { file: "setup.cfg", line: name.line, ...because(msg("ev.name.setupCfg")) },
  };
}

function fromSetupPy(text: string | null): Identity | null {
  const name = text === null ? null : keywordString(text, "name");
  if (!text || !name) return null;
  const version = keywordString(text, "version")?.value ?? null;
  return {
    name: name.value,
    version,
    evidence: { file: "setup.py", line: name.line, ...because(msg("ev.name.setupPy")) },
  };
}

function fromDirectory(root: string): Identity {
  return {
    name: basename(root),
    version: null,
    evidence: { file: ".", line: null, ...because(msg("ev.name.directory")) },
  };
}

/** Every console script, earlier sources winning on a clash. */
function scripts(
  pyproject: Pyproject | null,
  cfg: SetupCfg | null,
  setupPy: string | null,
): Record<string, string> {
  const found: Record<string, string> = {};
  const add = (name: string, target: string | undefined) => {
    if (target && !(name in found)) found[name] = target;
  };
  for (const [name, target] of Object.entries(asTable(pyproject?.project?.scripts) ?? {}))
    add(name, asString(target));
  for (const [name, target] of Object.entries(asTable(pyproject?.poetry?.scripts) ?? {})) {
    // Poetry 2 also allows { reference = "pkg.mod:fn", type = "console" }
    add(name, asString(target) ?? asString(asTable(target)?.reference));
  }
  const entries = [
    ...cfgItems(cfg, "options.entry_points", "console_scripts"),
    ...(setupPy ? consoleScripts(setupPy) : []),
  ];
  for (const { value } of entries) {
    const match = /^\s*([^=\s]+)\s*=\s*([\w.]+:[\w.]+)/.exec(value);
    if (match?.[1]) add(match[1], match[2]);
  }
  return found;
}
