/*
 * Decides how dependencies get into the image: exactly one install strategy, chosen from
 * every manifest present by an ordered table, plus every runtime requirement it declares
 * (for server detection and system-library lookup) and the manifests it passed over.
 */
import type {
  DependencyFacts,
  Evidence,
  InstallFacts,
  ProjectMeta,
  Warning,
} from "../../core/pipeline.js";
import { because, type Message, msg, withText } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import type { DependencyFormat, FormatContext, FormatMatch } from "./dependency-format.js";
import { importsFormat } from "./imports-format.js";
import { installProjectEvidence } from "./install-project.js";
import {
  pdmLockFormat,
  pipfileLockFormat,
  poetryLockFormat,
  uvLockFormat,
} from "./lock-formats.js";
import { pipfileFormat } from "./pipfile-format.js";
import { readPyproject } from "./pyproject.js";
import { pyprojectFormat, pyprojectPackageFormat } from "./pyproject-format.js";
import {
  appRequirements,
  developmentRequirements,
  requirementsFormat,
} from "./requirements-format.js";
import { setupPyFormat } from "./setup-py-format.js";

/**
 * First match wins. Lock files come first: they pin every version, transitive ones too, so
 * the image gets what the developer tested. Among locks, Poetry/uv/PDM (tied to the
 * pyproject.toml that also holds the metadata) come before Pipenv; a project holding two
 * locks is mid-migration and the other is reported as ignored. Then the loose manifests,
 * most authoritative first: pyproject.toml is the package's own declaration;
 * requirements files are what pip deployments have always used; a lock-less Pipfile needs
 * a resolver run at build time; setup.py is read without running it, so it may be
 * incomplete; a pyproject package with no dependencies is the last resort. When none of
 * them declares anything, the imports are read (importsFormat, outside the table: the code
 * is not a manifest to list as passed over).
 */
export const DEPENDENCY_FORMATS: readonly DependencyFormat[] = [
  poetryLockFormat,
  uvLockFormat,
  pdmLockFormat,
  pipfileLockFormat,
  pyprojectFormat,
  requirementsFormat,
  pipfileFormat,
  setupPyFormat,
  pyprojectPackageFormat,
];

export function detectDependencies(
  files: ProjectFiles,
  _meta: ProjectMeta,
  warnings: Warning[],
  appRoot?: string,
): DependencyFacts {
  const context: FormatContext = { files, pyproject: readPyproject(files) };
  const ignored: Evidence[] = [];
  for (const [index, format] of DEPENDENCY_FORMATS.entries()) {
    if (format.manifests(files).length === 0) continue;
    const result = format.detect(context);
    if (result.kind === "skip") {
      ignored.push(...result.ignored);
      continue;
    }
    const fuller = format === pyprojectFormat ? fullerRequirements(context, result) : null;
    if (fuller) return chosen(fuller.match, context, [...ignored, fuller.passedOver], warnings);
    const passedOver = [
      ...ignored,
      ...(result.ignored ?? []),
      ...laterManifests(files, index, result),
    ];
    return chosen(result, context, passedOver, warnings);
  }
  // With nothing to install for production at the project root, the app's own root (src/,
  // backend/: where its code imports from) may hold its requirements.txt; only then are the
  // imports all there is to go by.
  const own = appRoot === undefined ? null : appRequirements(files, appRoot);
  if (own?.kind === "match") return chosen(own, context, ignored, warnings);
  const inferred = importsFormat.detect(context);
  const development = inferred.kind === "match" ? developmentList(files, inferred) : null;
  if (development) {
    const passedOver = ignored.filter((entry) => entry.file !== development.evidence.file);
    return chosen(development, context, passedOver, warnings);
  }
  if (inferred.kind === "match") return chosen(inferred, context, ignored, warnings);
  return { install: nothingToInstall(), requirements: [], ignored: dedupe(ignored) };
}

/**
 * A development requirements file as the app's list, when it is the only one and lists most
 * of what the code imports (so it is the app's, not a list of test tools): pinned releases
 * the developers ran beat the newest of each import (pear-admin-flask's code needs
 * Flask-SQLAlchemy 2.x). Its tools come along, and the warning says so.
 */
function developmentList(files: ProjectFiles, inferred: FormatMatch): FormatMatch | null {
  const development = developmentRequirements(files);
  if (!development) return null;
  const listed = new Set(development.requirements.map((r) => r.name));
  const imported = inferred.requirements.map((r) => r.name);
  if (imported.filter((name) => listed.has(name)).length * 2 < imported.length) return null;
  const file = development.evidence.file;
  const warning: Warning = {
    code: "W_DEV_REQUIREMENTS",
    ...withText(msg("warn.devRequirements", { file })),
    file,
  };
  return { ...development, warnings: [...(development.warnings ?? []), warning] };
}

function chosen(
  result: FormatMatch,
  context: FormatContext,
  passedOver: readonly Evidence[],
  warnings: Warning[],
): DependencyFacts {
  warnings.push(...(result.warnings ?? []));
  const project = result.selfLine ? projectRequirements(context) : null;
  const install = toInstall(result, context);
  return {
    install: project ? { ...install, ...project.install } : install,
    requirements: [...result.requirements, ...(project?.requirements ?? [])],
    ignored: dedupe(passedOver.filter((entry) => !result.files.includes(entry.file))),
    ...(result.lockedFiles?.length ? { lockedFiles: result.lockedFiles } : {}),
  };
}

/**
 * pyproject.toml declaring only the installable part of an app (chatgpt-on-wechat: its `cow`
 * CLI needs click and requests), while requirements.txt lists those and everything the app
 * imports (web.py, aiohttp, …): the file that holds every declared name and more is the
 * app's list, and the project is still installed (its scripts) after the code.
 */
function fullerRequirements(
  context: FormatContext,
  pyproject: FormatMatch,
): { match: FormatMatch; passedOver: Evidence } | null {
  if (pyproject.tool !== "pip" || !context.files.has("requirements.txt")) return null;
  const file = requirementsFormat.detect(context);
  if (file.kind !== "match" || file.evidence.file !== "requirements.txt") return null;
  const listed = new Set(file.requirements.map((r) => r.name));
  const declared = pyproject.requirements.map((r) => r.name);
  const extra = listed.size - new Set(declared).size;
  if (!declared.every((name) => listed.has(name)) || extra <= 0) return null;
  const why = msg("ev.deps.fullerRequirements", { count: declared.length, extra });
  const evidence = { ...file.evidence, ...because(why) };
  const passedOver = { file: "pyproject.toml", line: null, ...because(why) };
  return { match: { ...file, evidence }, passedOver };
}

/**
 * What `-e .` in a requirements file brings with it: the project's install_requires
 * (setup.py/setup.cfg; a pyproject with [project] dependencies is chosen before any
 * requirements file), as requirements detection reads (the era of its pins, its framework)
 * and as specs the dependency layer installs. setup.py computing them: the project installs
 * with its dependencies after the code instead.
 */
function projectRequirements(context: FormatContext) {
  const setup =
    setupPyFormat.manifests(context.files).length > 0 ? setupPyFormat.detect(context) : null;
  if (setup?.kind !== "match") return null;
  const dynamic = setup.warnings?.some((w) => w.code === "SETUP_PY_DYNAMIC") ?? false;
  const specs = setup.requirements.map((r) => r.spec);
  return {
    requirements: setup.requirements,
    install: dynamic ? {} : { projectRequirements: specs },
  };
}

function toInstall(match: FormatMatch, context: FormatContext): InstallFacts {
  const project = match.installsProject ?? installProjectEvidence(context.files, context.pyproject);
  const reason = project
    ? because(
        msg("ev.deps.andProject", {
          why: match.evidence.text ?? match.evidence.why,
          project: project.text ?? project.why,
        }),
      )
    : { why: match.evidence.why, ...(match.evidence.text ? { text: match.evidence.text } : {}) };
  return {
    tool: match.tool,
    strategy: match.strategy,
    files: match.files,
    installProject: project !== null,
    evidence: { ...match.evidence, ...reason },
    ...(match.resolved ? { resolved: match.resolved } : {}),
    ...(match.selfLine ? { selfLine: match.selfLine } : {}),
  };
}

/** Manifests of formats ranked after the chosen one: seen, not read, not used. */
function laterManifests(files: ProjectFiles, chosenIndex: number, chosen: FormatMatch): Evidence[] {
  const chosenFile = chosen.evidence.file;
  return DEPENDENCY_FORMATS.slice(chosenIndex + 1).flatMap((format) =>
    format.manifests(files).map((file) => ({
      file,
      line: null,
      ...because(
        msg("ev.deps.notUsed.precedence", { file: chosenFile, reason: rankReason(chosen) }),
      ),
    })),
  );
}

function rankReason(chosen: FormatMatch): Message {
  if (chosen.strategy.endsWith("-lock") && chosen.files.length > 1) return msg("ev.deps.rank.lock");
  if (chosen.strategy === "pyproject") return msg("ev.deps.rank.pyproject");
  return msg("ev.deps.rank.higher");
}

function nothingToInstall(): InstallFacts {
  const why = because(msg("ev.deps.none"));
  return {
    tool: "pip",
    strategy: "none",
    files: [],
    installProject: false,
    evidence: { file: ".", line: null, ...why },
  };
}

function dedupe(entries: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.file) && seen.add(entry.file));
}
