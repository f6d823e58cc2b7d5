/*
 * How dependencies get into the image: the detected strategy, the tool that actually runs
 * during the build, and the servers pyship adds because the command needs them.
 */
import type {
  InstallFacts,
  InstallTool,
  Plan,
  PlanOptions,
  ProjectFacts,
} from "../core/pipeline.js";
import { missingFramework } from "./framework-package.js";
import type { Notes } from "./notes.js";
import type { CommandChoice } from "./plan-command.js";
import { serverFor } from "./servers.js";

/**
 * The tool each strategy needs inside the build. Locks, Pipfiles and Poetry tables are read
 * by pyship itself (install.resolved), so pip installs them; the tools below remain only
 * for facts that come without resolved requirements. A pyproject without a lock is PEP 621,
 * read with pip (a Poetry package that declares nothing installs with the project).
 */
function buildTool(install: InstallFacts): InstallTool {
  // Requirements pyship resolved itself (a lock it read) need only pip.
  if (install.resolved?.source) return "pip";
  switch (install.strategy) {
    case "poetry-lock":
      return "poetry";
    case "uv-lock":
      return "uv";
    case "pipfile-lock":
      return "pipenv";
    case "pdm-lock":
      return "pdm";
    default:
      return "pip";
  }
}

/** `init --write-requirements` writes inferred requirements here; the Dockerfile reads it. */
export const WRITTEN_REQUIREMENTS = "requirements.txt";

/**
 * Pinned requirements pyship read from a lock (or translated from a Pipfile or Poetry
 * table), written next to the Dockerfile. Not named requirements*.txt, so neither pyship
 * nor dependency bots take it for a manifest of the project's own.
 */
export const PINNED_REQUIREMENTS = "pyship.requirements.txt";

export function planInstall(
  facts: ProjectFacts,
  choice: CommandChoice,
  notes: Notes,
  options: PlanOptions = {},
): Plan["install"] {
  const install = facts.dependencies.install;
  notes.evidence.push(install.evidence);
  if (install.strategy === "imports") {
    for (const req of facts.dependencies.requirements) notes.evidence.push(req.evidence);
  }
  for (const ignored of facts.dependencies.ignored) notes.evidence.push(ignored);
  const tool = buildTool(install);
  const source = install.resolved?.source;
  if (source) {
    notes.evidence.push({
      file: PINNED_REQUIREMENTS,
      line: null,
      why: `generated from ${source.file} (sha256 ${source.sha256.slice(0, 12)}…, checked at build time): pip installs it, no ${install.tool} in the image`,
    });
  } else if (tool !== install.tool) {
    notes.evidence.push({
      ...install.evidence,
      why: `installed with ${tool}: no ${install.tool} lock file to install from`,
    });
  }
  if (install.strategy === "setup-py") {
    const message =
      "setup.py can only be evaluated with the whole source, so dependencies install with the code and any code change reinstalls them; list them in requirements.txt or [project] dependencies for a cached dependency layer";
    notes.warnings.push({ code: "W_SETUP_PY_NO_LAYER", message, file: install.evidence.file });
  }
  const kind = choice.candidate?.kind;
  const consoleScript =
    choice.commandSource === "detected" &&
    (kind === "console-script" || kind === "server-console-script");
  if (consoleScript && !install.installProject) {
    notes.evidence.push({
      ...facts.meta.evidence,
      why: "the project is installed so its console script exists",
    });
  }
  return {
    ...install,
    tool,
    ...(source
      ? { files: [source.file, PINNED_REQUIREMENTS], generatedFile: PINNED_REQUIREMENTS }
      : {}),
    installProject: install.installProject || consoleScript,
    ...withExtras(install, extraPackages(facts, choice, notes), options, notes),
  };
}

/**
 * Inferred requirements written down by `init --write-requirements` become the project's
 * requirements file, the server the command needs included, so it is listed and pinnable.
 */
function withExtras(
  install: InstallFacts,
  extras: string[],
  options: PlanOptions,
  notes: Notes,
): Pick<Plan["install"], "extraPackages"> & Partial<Plan["install"]> {
  const resolved = install.resolved;
  const write = install.strategy === "imports" && options.writeRequirements === true;
  if (!write || resolved === undefined) return { extraPackages: extras };
  notes.evidence.push({
    file: WRITTEN_REQUIREMENTS,
    line: null,
    why: "--write-requirements: the inferred requirements are written here and installed from it",
  });
  return {
    strategy: "requirements",
    files: [WRITTEN_REQUIREMENTS],
    generatedFile: WRITTEN_REQUIREMENTS,
    resolved: { ...resolved, lines: [...resolved.lines, ...extras] },
    extraPackages: [],
  };
}

/** The framework and the server the command runs, when the project does not depend on them. */
function extraPackages(facts: ProjectFacts, choice: CommandChoice, notes: Notes): string[] {
  return [
    ...missingFramework(facts, choice.candidate, notes),
    ...missingServer(facts, choice, notes),
  ];
}

function missingServer(facts: ProjectFacts, choice: CommandChoice, notes: Notes): string[] {
  const server = serverFor(choice.process);
  if (server === undefined) return [];
  const declared = facts.dependencies.requirements.some((r) => r.name === server.package);
  if (declared) return [];
  const file = facts.dependencies.install.files[0] ?? WRITTEN_REQUIREMENTS;
  const message = `${server.package} is not a dependency; pyship installs ${server.spec} because the command runs ${choice.process[0]} (add it to ${file} to pin its version)`;
  notes.warnings.push({ code: "W_SERVER_ADDED", message });
  notes.evidence.push({ file, line: null, why: message });
  return [server.spec];
}
