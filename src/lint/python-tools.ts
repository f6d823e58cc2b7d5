/*
 * Recognizes Python packaging commands in a shell command, whatever spelling: `pip`,
 * `pip3.12`, `/opt/venv/bin/pip`, `python -m pip`, `venv/bin/python3 -m pip`, `uv pip`,
 * `uv sync`, `poetry install`, `pipenv install`, `pdm install`. Rules ask this module instead
 * of matching the word "pip", which is how other linters miss venv and `-m pip` installs.
 */
import { programName, type ShellCommand } from "./shell-commands.js";

export type PythonTool = "pip" | "uv" | "poetry" | "pipenv" | "pdm";

export interface PackageInstall {
  readonly tool: PythonTool;
  /** The subcommand: install, sync, add. */
  readonly action: string;
  /** Words after the subcommand. */
  readonly args: readonly string[];
  /** Options given before the subcommand (pip --no-cache-dir install). */
  readonly globalArgs: readonly string[];
  readonly command: ShellCommand;
}

/** Packaging tools (installers and build backends), which are not the app's dependencies. */
export const PACKAGING_TOOLS: ReadonlySet<string> = new Set([
  "pip",
  "setuptools",
  "wheel",
  "uv",
  "poetry",
  "pipenv",
  "pdm",
  "pip-tools",
  "virtualenv",
  "hatch",
]);

const PIP = /^pip(\d(\.\d+)?)?$/;
const PYTHON = /^python(\d(\.\d+)?)?$/;
const ACTIONS: Record<PythonTool, readonly string[]> = {
  // `pip wheel` resolves and downloads like install (into a wheelhouse a later stage installs).
  pip: ["install", "wheel"],
  uv: ["sync", "add"],
  poetry: ["install", "add"],
  pipenv: ["install", "sync"],
  pdm: ["install", "sync", "add"],
};
/** Global options that take a value, so the word after them is not the subcommand. */
const VALUE_OPTIONS = new Set([
  "--cache-dir",
  "--log",
  "--proxy",
  "--retries",
  "--timeout",
  "--python",
  "-C",
  "--directory",
  "--project",
]);

export function packageInstall(command: ShellCommand): PackageInstall | null {
  const name = programName(command);
  const argv = command.argv;
  if (PIP.test(name)) return withAction("pip", argv.slice(1), command);
  if (PYTHON.test(name)) {
    const m = argv.findIndex(
      (word, i) => (word === "-m" && argv[i + 1] === "pip") || word === "-mpip",
    );
    return m < 0
      ? null
      : withAction("pip", argv.slice(argv[m] === "-mpip" ? m + 1 : m + 2), command);
  }
  if (name === "uv") {
    if (argv[1] === "pip") return withAction("uv", argv.slice(2), command, ["install", "sync"]);
    return withAction("uv", argv.slice(1), command);
  }
  if (name === "poetry" || name === "pipenv" || name === "pdm")
    return withAction(name, argv.slice(1), command);
  return null;
}

function withAction(
  tool: PythonTool,
  rest: readonly string[],
  command: ShellCommand,
  actions: readonly string[] = ACTIONS[tool],
): PackageInstall | null {
  let i = 0;
  while (i < rest.length && (rest[i] ?? "").startsWith("-"))
    i += VALUE_OPTIONS.has(rest[i] ?? "") ? 2 : 1;
  const action = rest[i];
  if (action === undefined || !actions.includes(action)) return null;
  return { tool, action, args: rest.slice(i + 1), globalArgs: rest.slice(0, i), command };
}

/** Requirement/constraint files named with -r/-c (both spellings). */
export function requirementFiles(install: PackageInstall): string[] {
  const files: string[] = [];
  install.args.forEach((word, i) => {
    if (["-r", "--requirement", "-c", "--constraint"].includes(word))
      files.push(install.args[i + 1] ?? "");
    const joined = /^(?:-r|-c|--requirement=|--constraint=)(.+)$/.exec(word);
    if (joined?.[1]) files.push(joined[1]);
  });
  return files.filter(Boolean);
}

/** Positional package arguments of a pip-style install (not options, not option values). */
export function packageArgs(install: PackageInstall): string[] {
  const valued = new Set([
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--python",
    "--platform",
    "--only-binary",
    "--no-binary",
    "--python-version",
    "--implementation",
    "--abi",
    "-e",
    "--editable",
    "--trusted-host",
    "--progress-bar",
    "--src",
    "-p",
    "--group",
  ]);
  const packages: string[] = [];
  for (let i = 0; i < install.args.length; i++) {
    const word = install.args[i] ?? "";
    if (valued.has(word)) i++;
    else if (!word.startsWith("-")) packages.push(word);
  }
  return packages;
}

/** Installs from a manifest (requirements file or project lock) rather than named packages. */
export function installsFromManifest(install: PackageInstall): boolean {
  if (install.tool === "pip" || (install.tool === "uv" && install.action !== "sync")) {
    return requirementFiles(install).length > 0 || install.action === "sync";
  }
  return install.action !== "add";
}

/** Every packaging command an instruction runs. */
export function installsIn(commands: readonly ShellCommand[]): PackageInstall[] {
  return commands
    .map(packageInstall)
    .filter((install): install is PackageInstall => install !== null);
}
