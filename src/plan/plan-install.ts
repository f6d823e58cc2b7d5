/*
 * How dependencies get into the image: the detected strategy, the tool that actually runs
 * during the build, and the servers pyship adds because the command needs them.
 */
import type {
  Evidence,
  Installer,
  InstallFacts,
  InstallTool,
  Plan,
  PlanOptions,
  ProjectFacts,
  Requirement,
} from "../core/pipeline.js";
import { because, msg, withText } from "../i18n/message.js";
import { missingFramework } from "./framework-package.js";
import { withInstaller } from "./installer-evidence.js";
import type { Notes } from "./notes.js";
import type { CommandChoice } from "./plan-command.js";
import { serverFor } from "./servers.js";
import { windowsOnlyLines } from "./windows-only.js";

/**
 * The tool each strategy needs inside the build. Locks, Pipfiles and Poetry tables are read
 * by pyship itself (install.resolved), so the installer (uv or pip) installs them; the tools
 * below remain only for facts that come without resolved requirements. A pyproject without a
 * lock is PEP 621, read by the installer (a Poetry package that declares nothing installs
 * with the project). Nothing to install needs no tool beyond the base image's pip.
 */
function buildTool(install: InstallFacts, installer: Installer, extras: number): InstallTool {
  // Requirements pyship resolved itself (a lock it read) need only the installer.
  if (install.resolved?.source) return installer;
  switch (install.strategy) {
    case "poetry-lock":
      return "poetry";
    case "uv-lock":
      return "uv";
    case "pipfile-lock":
      return "pipenv";
    case "pdm-lock":
      return "pdm";
    case "none":
      return extras > 0 ? installer : "pip";
    default:
      return installer;
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
  installer: Installer = "pip",
): Plan["install"] {
  const detected = facts.dependencies.install;
  const at = notes.evidence.push(detected.evidence) - 1;
  if (detected.strategy === "imports") {
    for (const req of facts.dependencies.requirements) notes.evidence.push(req.evidence);
  }
  for (const ignored of facts.dependencies.ignored) notes.evidence.push(ignored);
  const extras = extraPackages(facts, choice, notes);
  const tool = buildTool(detected, installer, extras.length);
  // The manifest's evidence names the tool that really installs it (uv, not pip).
  const install = { ...detected, evidence: withInstaller(detected.evidence, tool) };
  notes.evidence[at] = install.evidence;
  const source = install.resolved?.source;
  if (source) {
    const sha = source.sha256.slice(0, 12);
    const text = msg("ev.pinned", { file: source.file, sha, tool, from: install.tool });
    notes.evidence.push({ file: PINNED_REQUIREMENTS, line: null, ...because(text) });
  } else if (tool !== install.tool && install.tool !== "pip") {
    notes.evidence.push({
      ...install.evidence,
      ...because(msg("ev.installedWith", { tool, from: install.tool })),
    });
  }
  if (install.strategy === "setup-py") {
    const text = withText(msg("warn.setupPyNoLayer"));
    notes.warnings.push({ code: "W_SETUP_PY_NO_LAYER", ...text, file: install.evidence.file });
  }
  const kind = choice.candidate?.kind;
  const consoleScript =
    choice.commandSource === "detected" &&
    (kind === "console-script" || kind === "server-console-script");
  if (consoleScript && !install.installProject) {
    notes.evidence.push({
      ...facts.meta.evidence,
      ...because(msg("ev.installedForScript")),
    });
  }
  return {
    ...install,
    tool,
    ...(source
      ? { files: [source.file, PINNED_REQUIREMENTS], generatedFile: PINNED_REQUIREMENTS }
      : {}),
    installProject: install.installProject || consoleScript,
    ...withExtras(install, extras, options, notes, facts.dependencies.requirements),
    ...(install.strategy === "requirements" && !source
      ? windowsOnlyLines(facts.dependencies.requirements, install.files, notes)
      : {}),
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
  requirements: readonly Requirement[],
): Pick<Plan["install"], "extraPackages"> & Partial<Plan["install"]> {
  const resolved = install.resolved;
  const write = install.strategy === "imports" && options.writeRequirements === true;
  if (!write || resolved === undefined)
    return { extraPackages: [...selfLineRequires(install, requirements, notes), ...extras] };
  notes.evidence.push({
    file: WRITTEN_REQUIREMENTS,
    line: null,
    ...because(msg("ev.writeRequirements")),
  });
  return {
    strategy: "requirements",
    files: [WRITTEN_REQUIREMENTS],
    generatedFile: WRITTEN_REQUIREMENTS,
    resolved: { ...resolved, lines: [...resolved.lines, ...extras] },
    extraPackages: [],
  };
}

/** `-e .` in the requirements: the project's install_requires join the dependency layer. */
function selfLineRequires(
  install: InstallFacts,
  requirements: readonly Requirement[],
  notes: Notes,
): readonly string[] {
  const { selfLine, projectRequirements } = install;
  if (selfLine === undefined) return [];
  const manifest =
    requirements.find((r) => /^setup\.(py|cfg)$/.test(r.evidence.file))?.evidence.file ??
    "setup.py";
  const where = { file: selfLine.file, line: selfLine.line };
  const text =
    projectRequirements === undefined
      ? msg("ev.deps.selfLineDynamic", { ...where, manifest })
      : msg("ev.deps.selfLineRequires", { ...where, manifest, count: projectRequirements.length });
  notes.evidence.push({ ...where, ...because(text) });
  return projectRequirements ?? [];
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
  const spec = withWebsockets(server.spec, facts.websockets, notes);
  const file = facts.dependencies.install.files[0] ?? WRITTEN_REQUIREMENTS;
  const text = withText(
    msg("warn.serverAdded", {
      package: server.package,
      spec,
      program: choice.process[0] ?? "",
      file,
    }),
  );
  notes.warnings.push({ code: "W_SERVER_ADDED", ...text });
  notes.evidence.push({ file, line: null, why: text.message, text: text.text });
  return [spec];
}

/**
 * uvicorn with its standard extra for an app that routes WebSockets: plain uvicorn has no
 * WebSocket library and refuses every upgrade ("Unsupported upgrade request").
 */
function withWebsockets(spec: string, websockets: Evidence | undefined, notes: Notes): string {
  if (websockets === undefined || !spec.startsWith("uvicorn>")) return spec;
  const extra = spec.replace(/^uvicorn/, "uvicorn[standard]");
  notes.evidence.push({ ...websockets, ...because(msg("ev.server.websockets", { spec: extra })) });
  return extra;
}
