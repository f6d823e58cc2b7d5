/*
 * The dependency layer for each install strategy: which tool the builder needs, the
 * environment it reads, and the commands that fill /opt/venv from the manifest and lock
 * files alone (copied before the code, so a code change never re-runs them).
 */
import type { InstallTool, Plan } from "../core/pipeline.js";

export interface InstallStep {
  /** pip spec of the tool installed into /opt/tools (builder only), or null for plain pip. */
  readonly toolSpec: string | null;
  /** ENV assignments the tool needs, `NAME=value`. */
  readonly env: readonly string[];
  readonly commands: readonly string[];
}

/**
 * Lock formats and options change between releases; these ranges read current lock files
 * and have the options used here (uv's --exclude-newer, pipenv requirements). Pinned to a
 * range, not floating: the tool that resolves everything else must not float (PY205).
 */
const TOOL_SPECS: Readonly<Record<Exclude<InstallTool, "pip">, string>> = {
  poetry: "poetry>=2,<3",
  uv: "uv>=0.9,<0.14",
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
  if (install.resolveDate !== undefined) return resolvedAt(plan, install.resolveDate);
  const step = strategyStep(plan);
  const extras =
    install.extraPackages.length > 0 ? [`pip install ${quoted(install.extraPackages)}`] : [];
  const toolSpec = install.tool === "pip" ? null : TOOL_SPECS[install.tool];
  return { toolSpec, env: step.env, commands: [...step.commands, ...extras] };
}

/** --resolve-date: uv installs the requirements as they resolved on that day (builder only). */
function resolvedAt(plan: Plan, date: string): InstallStep {
  const { install } = plan;
  const files = install.files.map((file) => `-r ${file}`).join(" ");
  const specs = install.extraPackages.map((spec) => ` "${spec}"`).join("");
  return {
    toolSpec: TOOL_SPECS.uv,
    env: uvEnv(plan.buildkit),
    commands: [
      `/opt/tools/bin/uv pip install --python /opt/venv/bin/python --exclude-newer ${date}T23:59:59Z ${files}`,
      ...(specs ? [`pip install${specs}`] : []),
    ],
  };
}

function strategyStep(plan: Plan): Omit<InstallStep, "toolSpec"> {
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
    case "uv":
      return {
        env: uvEnv(plan.buildkit),
        // --inexact: sync adds the lock's packages and removes nothing pyship put there.
        commands: ["/opt/tools/bin/uv sync --frozen --no-dev --no-install-project --inexact"],
      };
    case "pipenv":
      return exported("/opt/tools/bin/pipenv requirements", ["PIPENV_VERBOSITY=-1"]);
    case "pdm":
      return exported("/opt/tools/bin/pdm export --prod", ["PDM_CHECK_UPDATE=false"]);
    case "pip":
      return pipStep(plan);
  }
}

/**
 * The generated file is only as fresh as the lock it came from: the build stops, saying
 * how to regenerate it, when the lock in the build context is not the one pyship read.
 */
function pinnedCommands(
  source: { readonly file: string; readonly sha256: string },
  file: string,
  hashed: boolean,
): string[] {
  const stale = `echo "pyship: ${source.file} changed since ${file} was generated from it; run pyship init --force to regenerate it" >&2`;
  return [
    `{ [ "$(sha256sum < ${source.file})" = "${source.sha256}  -" ] || { ${stale}; exit 1; }; }`,
    // A hashed file is a whole lock: installed as the lock's own tool does (pipenv, poetry
    // and uv install exactly the locked set, no resolver), so a dependency the lock's
    // platform left out (watchdog, locked on macOS) doesn't stop pip's hash-checking mode.
    `pip install ${hashed ? "--require-hashes --no-deps " : ""}-r ${file}`,
  ];
}

/** Quoted: the < and > of a spec would be shell redirections, its [extras] a glob. */
function quoted(specs: readonly string[]): string {
  return specs.map((spec) => `"${spec}"`).join(" ");
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
function exported(command: string, env: string[]): Omit<InstallStep, "toolSpec"> {
  return {
    env,
    commands: [`${command} > ${EXPORTED}`, `pip install -r ${EXPORTED}`, `rm ${EXPORTED}`],
  };
}

function pipStep(plan: Plan): Omit<InstallStep, "toolSpec"> {
  const { install } = plan;
  switch (install.strategy) {
    case "requirements":
      return {
        env: [],
        commands: [`pip install ${install.files.map((file) => `-r ${file}`).join(" ")}`],
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
