/*
 * The dependency layer for each install strategy: which tool the builder needs, the
 * environment it reads, and the commands that fill /opt/venv from the manifest and lock
 * files alone (copied before the code, so a code change never re-runs them).
 */
import type { InstallTool, Plan } from "../core/pipeline.js";
import { requirementsEdits } from "./self-line.js";
import { excludeNewer, quoted, staleCheck, UV_SPEC, uvStep } from "./uv-steps.js";

/** A tool the builder installs into /opt/tools: never in the final image. */
export interface BuilderTool {
  readonly name: string;
  readonly commands: readonly string[];
}

export interface InstallStep {
  /** The tool installed into /opt/tools (builder only), or null for plain pip. */
  readonly tool: BuilderTool | null;
  /** ENV assignments the tool needs, `NAME=value`. */
  readonly env: readonly string[];
  readonly commands: readonly string[];
  /** BuildKit cache id of a venv kept between builds (uv-steps.ts), or null: the venv is the layer's. */
  readonly venvCache: string | null;
}

/**
 * Lock formats and options change between releases; these ranges read current lock files
 * and have the options used here (uv's --exclude-newer, pipenv requirements). Pinned to a
 * range, not floating: the tool that resolves everything else must not float (PY205).
 */
const TOOL_SPECS: Readonly<Record<Exclude<InstallTool, "pip">, string>> = {
  poetry: "poetry>=2,<3",
  uv: UV_SPEC,
  pipenv: "pipenv>=2024.4,<2027",
  pdm: "pdm>=2,<3",
};

const EXPORTED = "/tmp/requirements.txt";

/** Prints [project] dependencies; tomllib is standard from 3.11, tomli before. */
const PYPROJECT_READER =
  `python -c 'import sys; toml = __import__("tomllib" if sys.version_info >= (3, 11) else "tomli"); ` +
  `print("\\n".join(toml.load(open("pyproject.toml", "rb")).get("project", {}).get("dependencies", [])))'`;

export function installStep(plan: Plan): InstallStep {
  const { install } = plan;
  if (install.tool === "uv") return uvStep(plan);
  if (install.resolveDate !== undefined) return resolvedAt(plan, install.resolveDate);
  const step = strategyStep(plan);
  const extras =
    install.extraPackages.length > 0 ? [`pip install ${quoted(install.extraPackages)}`] : [];
  const tool = install.tool === "pip" ? null : venvTool(TOOL_SPECS[install.tool]);
  return { tool, env: step.env, commands: [...step.commands, ...extras], venvCache: null };
}

/** "poetry>=2,<3" in its own venv: the tool's dependencies stay apart from the app's. */
function venvTool(spec: string): BuilderTool {
  return {
    name: spec.split(/[<>=!~\s[]/)[0] ?? spec,
    commands: ["python -m venv /opt/tools", `/opt/tools/bin/pip install "${spec}"`],
  };
}

/**
 * --resolve-date with the pip installer: uv installs the requirements as they resolved on
 * that day (builder only); pip has no such option.
 */
function resolvedAt(plan: Plan, date: string): InstallStep {
  const { install } = plan;
  const files = install.files.map((file) => `-r ${file}`).join(" ");
  const specs = install.extraPackages.map((spec) => ` "${spec}"`).join("");
  return {
    tool: venvTool(TOOL_SPECS.uv),
    venvCache: null,
    env: uvEnv(plan.buildkit),
    commands: [
      ...requirementsEdits(plan),
      `/opt/tools/bin/uv pip install --python /opt/venv/bin/python${excludeNewer(date)} ${files}`,
      ...(specs ? [`pip install${specs}`] : []),
    ],
  };
}

type ToolCommands = Pick<InstallStep, "env" | "commands">;

function strategyStep(plan: Plan): ToolCommands {
  const { install } = plan;
  const source = install.resolved?.source;
  if (source && install.generatedFile) {
    return {
      env: [],
      commands: pinnedCommands(source, install.generatedFile, install.resolved?.hashed === true),
    };
  }
  switch (install.tool) {
    case "poetry":
      return {
        env: ["POETRY_VIRTUALENVS_CREATE=false", "POETRY_NO_INTERACTION=1"],
        commands: [
          ...(install.strategy === "poetry-lock" ? [] : ["/opt/tools/bin/poetry lock"]),
          "/opt/tools/bin/poetry install --only main --no-root --no-ansi",
        ],
      };
    case "pipenv":
      return exported("/opt/tools/bin/pipenv requirements", ["PIPENV_VERBOSITY=-1"]);
    case "pdm":
      return exported("/opt/tools/bin/pdm export --prod", ["PDM_CHECK_UPDATE=false"]);
    default:
      return pipStep(plan);
  }
}

/** The lock is checked to be the one the file came from (uv-steps.ts), then pip installs it. */
function pinnedCommands(
  source: { readonly file: string; readonly sha256: string },
  file: string,
  hashed: boolean,
): string[] {
  // A hashed file is a whole lock: installed as the lock's own tool does (pipenv, poetry
  // and uv install exactly the locked set, no resolver), so a dependency the lock's
  // platform left out (watchdog, locked on macOS) doesn't stop pip's hash-checking mode.
  return [
    staleCheck(source, file),
    `pip install ${hashed ? "--require-hashes --no-deps " : ""}-r ${file}`,
  ];
}

function uvEnv(buildkit: boolean): string[] {
  const env = [
    "UV_PROJECT_ENVIRONMENT=/opt/venv",
    "UV_PYTHON_DOWNLOADS=never",
    "UV_LINK_MODE=copy",
  ];
  return buildkit ? env : [...env, "UV_NO_CACHE=1"];
}

/** Tools that export a requirements file which pip then installs into the venv. */
function exported(command: string, env: string[]): ToolCommands {
  return {
    env,
    commands: [`${command} > ${EXPORTED}`, `pip install -r ${EXPORTED}`, `rm ${EXPORTED}`],
  };
}

function pipStep(plan: Plan): ToolCommands {
  const { install } = plan;
  switch (install.strategy) {
    case "requirements":
      return {
        env: [],
        commands: [
          ...requirementsEdits(plan),
          `pip install ${install.files.map((file) => `-r ${file}`).join(" ")}`,
        ],
      };
    case "pyproject":
      return { env: [], commands: pyprojectCommands(plan.python) };
    case "imports":
      // Quoted: a spec's extras brackets would be a shell glob.
      return { env: [], commands: [`pip install ${quoted(install.resolved?.lines ?? [])}`] };
    default:
      // setup-py installs with the code (setup.py may read any file); none has no manifest.
      return { env: [], commands: [] };
  }
}

function pyprojectCommands(python: string): string[] {
  const minor = Number(python.split(".")[1] ?? 0);
  if (minor >= 11)
    return [`${PYPROJECT_READER} > ${EXPORTED}`, `pip install -r ${EXPORTED}`, `rm ${EXPORTED}`];
  return [
    "pip install --target /tmp/tomli tomli",
    `PYTHONPATH=/tmp/tomli ${PYPROJECT_READER} > ${EXPORTED}`,
    `pip install -r ${EXPORTED}`,
    `rm -r ${EXPORTED} /tmp/tomli`,
  ];
}
