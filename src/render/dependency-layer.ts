/*
 * The part of the Dockerfile that fills /opt/venv: the install tool, the venv, the manifests
 * and the install RUN, placed before the code so a code change never re-runs it. In the
 * builder stage when there is one, else in the runtime stage (with BuildKit and uv also
 * when the builder only holds uv: uv-stages.ts).
 */
import type { Plan } from "../core/pipeline.js";
import { OWN_PIP } from "../core/python-versions.js";
import { buildConstraintsBlock } from "./build-constraints.js";
import { block, copyFiles, env, run } from "./dockerfile-syntax.js";
import { executableCheck } from "./executable-check.js";
import { type InstallStep, installStep } from "./install-steps.js";
import { secretMounts } from "./mirror-steps.js";
import {
  carriesIndexEnv,
  INDEX_ENV,
  SAVE_INDEX_ENV,
  toolBlock,
  uvLayout,
  uvToolMount,
} from "./uv-stages.js";
import { OPEN_VENV, openLinkedVenv, UV_INSTALL_PROJECT, VENV_CACHE_WHY } from "./uv-steps.js";

/**
 * The venv has no pip of its own (21.6 MB of pip and setuptools per image): the base image's
 * pip installs into it, aimed there by PIP_PYTHON (pip's --python, pip >= 22.3). `pip` on
 * PATH is then the base image's, since /opt/venv/bin holds none. Pythons in OWN_PIP (3.6,
 * 3.7) are the exception: their venv's own pip installs, found first on PATH.
 */
const VENV_ENV = [
  "VIRTUAL_ENV=/opt/venv",
  'PATH="/opt/venv/bin:$PATH"',
  "PIP_PYTHON=/opt/venv/bin/python",
];

export function venvEnv(plan: Plan): readonly string[] {
  return OWN_PIP[plan.python] === undefined ? VENV_ENV : VENV_ENV.slice(0, 2);
}

/** Where the builder leaves the venv when it was filled in a cache mount (which no layer keeps). */
const VENV_COPY = "/opt/venv-image";

/**
 * Where the runtime stage mounts the cached venv. /opt/venv is a symlink to it while uv and
 * compileall run, so every path written into the venv (script shebangs, the file names in
 * the bytecode) is /opt/venv's; then the symlink gives way to the real copy.
 */
const VENV_MOUNT = "/opt/pyship-venv";

/** The builder path the final stage copies the venv from. */
export function builtVenv(plan: Plan): string {
  return installStep(plan).venvCache === null ? "/opt/venv" : VENV_COPY;
}

/** venv, then manifests and locks only, then the install: code edits never re-run it. */
export function dependencyLayer(plan: Plan, inBuilder: boolean): string[] {
  const step = installStep(plan);
  const blocks: string[] = [];
  // The tool goes first: it changes least, and PIP_PYTHON (set with the app's venv below)
  // would otherwise aim the tool's own pip at the app's venv. uv's own stage has it instead.
  if (step.tool !== null && uvLayout(plan) === null)
    blocks.push(toolBlock(step.tool.name, toolRun(plan)));
  blocks.push(venvBlock(plan, step));
  const constraints = buildConstraintsBlock(plan);
  if (constraints !== null) blocks.push(constraints);
  blocks.push("WORKDIR /app");
  if (step.commands.length > 0) blocks.push(installBlock(plan, step));
  if (inBuilder && plan.install.strategy === "setup-py")
    blocks.push(setupPyInstall(plan, undefined));
  return blocks;
}

/** The tool's install RUN (with the user's index credentials when there are any). */
export function toolRun(plan: Plan): string {
  const save = carriesIndexEnv(plan) ? [SAVE_INDEX_ENV] : [];
  const commands = [...(installStep(plan).tool?.commands ?? []), ...save];
  return run(commands, plan.buildkit, secretMounts(plan));
}

function venvBlock(plan: Plan, step: InstallStep): string {
  const why =
    uvLayout(plan) === "runtime"
      ? "A virtualenv works with any Python layout (official image or distro Python)."
      : "A virtualenv works with any Python layout (official image or distro Python) and is\ncopied whole into the final stage.";
  // A cached venv is created inside its cache mount, by the install RUN.
  if (step.venvCache !== null)
    return block(`${why} It is made in the install step below.`, env(venvEnv(plan)));
  const ownPip = OWN_PIP[plan.python];
  if (ownPip !== undefined)
    return block(
      `${why}\nWith its own pip (${ownPip}): the image's pip for Python ${plan.python} cannot fill another interpreter.`,
      run(
        ["python -m venv /opt/venv", `/opt/venv/bin/python -m pip install --upgrade "${ownPip}"`],
        plan.buildkit,
      ),
      env(venvEnv(plan)),
    );
  return block(
    `${why} Without pip: the base image's pip fills it.`,
    run(["python -m venv --without-pip /opt/venv"]),
    env(VENV_ENV),
  );
}

function installBlock(plan: Plan, step: InstallStep): string {
  const check = installsProject(plan) ? [] : checked(plan);
  const copies = copyFiles(plan.install.files);
  const why =
    copies.length > 0
      ? "Dependencies before code: this layer is rebuilt only when these files change."
      : "Packages the command needs, installed before the code so code edits keep this layer.";
  if (step.venvCache === null) {
    const envLines = step.env.length > 0 ? [env(step.env)] : [];
    const commands = [...step.commands, ...check];
    return block(why, ...envLines, ...copies, run(commands, plan.buildkit, secretMounts(plan)));
  }
  const layout = uvLayout(plan);
  const tool = layout === null ? [] : [uvToolMount(plan)];
  if (layout === "runtime") {
    // ENV here would stay in the image: uv's settings exist for this RUN only.
    const venvMount = `--mount=type=cache,id=${step.venvCache},target=${VENV_MOUNT},sharing=locked`;
    const index = carriesIndexEnv(plan) ? [`. ${INDEX_ENV}`] : [];
    const commands = [`export ${step.env.join(" ")}`, ...index, ...inRuntime(step.commands, check)];
    const mounts = [...tool, venvMount, ...secretMounts(plan)];
    return block(`${why}\n${VENV_CACHE_WHY}`, ...copies, run(commands, true, mounts));
  }
  const venvMount = `--mount=type=cache,id=${step.venvCache},target=/opt/venv,sharing=locked`;
  const commands = [...step.commands, ...check, `cp -a /opt/venv ${VENV_COPY}`];
  const mounts = [...tool, venvMount, ...secretMounts(plan)];
  return block(`${why}\n${VENV_CACHE_WHY}`, env(step.env), ...copies, run(commands, true, mounts));
}

/**
 * The cached-venv commands with /opt/venv a symlink into the mount (see VENV_MOUNT), the
 * check after them, then the one copy into this layer: the symlink gives way to the venv.
 */
function inRuntime(commands: readonly string[], check: readonly string[]): string[] {
  const [open, ...fill] = commands;
  const linked = open === OPEN_VENV ? openLinkedVenv(VENV_MOUNT) : (open ?? "");
  return [linked, ...fill, ...check, `rm /opt/venv && cp -a ${VENV_MOUNT} /opt/venv`];
}

/** setup.py may read any file of the project, so it installs with the whole source. */
export function setupPyInstall(plan: Plan, chown: string | undefined): string {
  const copy = chown === undefined ? "COPY . ." : `COPY --chown=${chown} . .`;
  const install = plan.install.tool === "uv" ? UV_INSTALL_PROJECT : "pip install .";
  return block(
    "setup.py can only be evaluated with the whole source: dependencies install with the code.",
    copy,
    run([install, ...checked(plan)], plan.buildkit, secretMounts(plan)),
  );
}

/** The project's own install comes last when there is one: the program is checked after it. */
function installsProject(plan: Plan): boolean {
  return plan.install.installProject || plan.install.strategy === "setup-py";
}

/** The program CMD runs must exist once the last install step is done. */
export function checked(plan: Plan): string[] {
  const check = executableCheck(plan);
  return check === null ? [] : [check];
}
