/*
 * How dependencies get into the image: the detected strategy, the tool that actually runs
 * during the build, and the servers pyship adds because the command needs them.
 */
import type { InstallFacts, InstallTool, Plan, ProjectFacts } from "../core/pipeline.js";
import type { Notes } from "./notes.js";
import type { CommandChoice } from "./plan-command.js";
import { serverFor } from "./servers.js";

/**
 * The tool each strategy needs inside the build. A pyproject without a lock is read with
 * pip, except Poetry's: [tool.poetry.dependencies] is not PEP 508, so Poetry resolves it.
 */
function buildTool(install: InstallFacts): InstallTool {
  switch (install.strategy) {
    case "poetry-lock":
      return "poetry";
    case "uv-lock":
      return "uv";
    case "pipfile-lock":
      return "pipenv";
    case "pdm-lock":
      return "pdm";
    case "pyproject":
      return install.tool === "poetry" ? "poetry" : "pip";
    default:
      return "pip";
  }
}

export function planInstall(
  facts: ProjectFacts,
  choice: CommandChoice,
  notes: Notes,
): Plan["install"] {
  const install = facts.dependencies.install;
  notes.evidence.push(install.evidence);
  for (const ignored of facts.dependencies.ignored) notes.evidence.push(ignored);
  const tool = buildTool(install);
  if (tool !== install.tool) {
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
    installProject: install.installProject || consoleScript,
    extraPackages: extraPackages(facts, choice, notes),
  };
}

/** The server the command runs, when the project does not depend on it. */
function extraPackages(facts: ProjectFacts, choice: CommandChoice, notes: Notes): string[] {
  const server = serverFor(choice.command);
  if (server === undefined) return [];
  const declared = facts.dependencies.requirements.some((r) => r.name === server.package);
  if (declared) return [];
  const file = facts.dependencies.install.files[0] ?? "requirements.txt";
  const message = `${server.package} is not a dependency; pyship installs ${server.spec} because the command runs ${choice.command[0]} (add it to ${file} to pin its version)`;
  notes.warnings.push({ code: "W_SERVER_ADDED", message });
  notes.evidence.push({ file, line: null, why: message });
  return [server.spec];
}
