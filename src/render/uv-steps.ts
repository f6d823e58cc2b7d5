/*
 * The dependency layer when uv installs (the default): uv comes from the package index into
 * /opt/tools (with BuildKit in a stage of its own, uv-stages.ts), resolves the manifest into
 * an exact list, and syncs /opt/venv to it. With BuildKit the venv lives in a cache mount
 * between builds, so a dependency change installs and byte-compiles only what changed (see
 * VENV_CACHE_WHY); without BuildKit the venv is filled from scratch in the layer (slower,
 * same result).
 */
import type { Plan } from "../core/pipeline.js";
import type { BuilderTool, InstallStep } from "./install-steps.js";
import { requirementsEdits } from "./self-line.js";

/**
 * Pinned to a range like every build tool (PY205): `pip compile/sync` as used here, and
 * UV_SYSTEM_CERTS (0.11; UV_NATIVE_TLS, which 0.13 warns is deprecated, before it).
 */
export const UV_SPEC = "uv>=0.11,<0.14";
const UV = "/opt/tools/bin/uv";
const LOCKED = "/tmp/pyship-locked.txt";
const DECLARED = "/tmp/pyship-requirements.in";

/** Why the venv is cached, as the Dockerfile says it (numbers: bench/results.md, issue 9). */
export const VENV_CACHE_WHY =
  "The venv is kept between builds in a BuildKit cache mount (one per project, Python and base\n" +
  "image; locked, so two builds never share it at once). uv syncs it to the resolved list, so a\n" +
  "dependency change installs only what changed, and bytecode is compiled only for files written\n" +
  "since the last build (never for test suites, which nothing imports at start-up); then the venv\n" +
  "is copied into this layer. Measured on a dependency change (fastapi, numpy, pandas): pip\n" +
  "15.9-21.7 s; uv into a fresh layer 2.7 s without bytecode, 9.6 s compiling the whole venv;\n" +
  "this 3.1-3.3 s with bytecode, of which the copy is 0.7-1.3 s and the layer export 0.8-1.1 s.";

/** Prints [project] dependencies; tomllib is standard from 3.11, tomli (in /opt/tools) before. */
const PYPROJECT_READER =
  `python -c 'import sys; toml = __import__("tomllib" if sys.version_info >= (3, 11) else "tomli"); ` +
  `print("\\n".join(toml.load(open("pyproject.toml", "rb")).get("project", {}).get("dependencies", [])))'`;

/**
 * Bytecode for everything the app may import, not for the packages' own test suites
 * (`test/`, `tests/`: nothing imports them at start-up; they still run, compiled in memory).
 * With numpy and pandas those are 1376 of 2334 files: compiling the rest took 13.5 s
 * instead of 25.1 s (busy machine) and the venv is 141 MB instead of 174 MB.
 */
const NOT_TESTS = "-x '/tests?/'";

/**
 * Bytecode for the whole venv (a fresh one, without BuildKit). Files that are not valid
 * Python for this version (templates, old leftovers) are skipped, as pip and uv skip them.
 */
const COMPILE_ALL = `{ python -m compileall -qq -j 0 ${NOT_TESTS} /opt/venv/lib || true; }`;

/**
 * In the cached venv: bytecode only for the files written since the last compile (their
 * status-change time is newer than the stamp; uv keeps the wheels' modification times, so
 * those cannot tell). Checking every file instead costs 1.3 s with numpy and pandas.
 */
const STAMP = "/opt/venv/.pyship-compiled";
const COMPILE_CHANGED =
  `{ { if [ -e ${STAMP} ]; then find /opt/venv/lib -name '*.py' -cnewer ${STAMP} | python -m compileall -qq ${NOT_TESTS} -i -; ` +
  `else python -m compileall -qq -j 0 ${NOT_TESTS} /opt/venv/lib; fi; } || true; } && touch ${STAMP}`;

/**
 * A cached venv that no longer runs (its base image changed under the tag) is rebuilt; so is
 * every venv of a reproducible build (`pyship release` sets SOURCE_DATE_EPOCH): its content
 * must follow from the commit alone, not from what earlier builds left in the cache.
 */
const REUSABLE = `[ -z "\${SOURCE_DATE_EPOCH:-}" ] && /opt/venv/bin/python -c '' 2>/dev/null`;
export const OPEN_VENV = `{ { ${REUSABLE}; } || { find /opt/venv -mindepth 1 -delete && python -m venv --without-pip /opt/venv; }; }`;

/**
 * The same with /opt/venv a symlink to the venv's cache mount (the runtime stage's install,
 * dependency-layer.ts). venv refuses to create itself through a symlink: a new one is made
 * in place and moved into the mount (a handful of files), and the symlink comes back.
 */
export function openLinkedVenv(mount: string): string {
  const link = `ln -s ${mount} /opt/venv`;
  const fresh =
    `find ${mount} -mindepth 1 -delete && rm /opt/venv && python -m venv --without-pip /opt/venv` +
    ` && cp -a /opt/venv/. ${mount}/ && rm -r /opt/venv && ${link}`;
  return `${link} && { { ${REUSABLE}; } || { ${fresh}; }; }`;
}

/**
 * uv's `--exclude-newer` for a resolve date. The build tools are exempt: an sdist builds on
 * the image's Python, not in the app's era, and uv's own fallback for a setup.py asks for
 * setuptools>=40.8.0, which a 2018 cutoff does not have (Starlette 0.8.2); a build
 * constraint (setuptools<46) still applies.
 */
export function excludeNewer(date: string): string {
  const exempt = BUILD_TOOLS.map((name) => ` --exclude-newer-package ${name}=false`).join("");
  return ` --exclude-newer ${date}T23:59:59Z${exempt}`;
}

const BUILD_TOOLS = ["setuptools", "wheel"];

export function uvStep(plan: Plan): InstallStep {
  const { install } = plan;
  const cached = usesVenvCache(plan);
  const exclude = install.resolveDate ? excludeNewer(install.resolveDate) : "";
  const extras =
    install.extraPackages.length > 0
      ? [`${UV} pip install${exclude} ${quoted(install.extraPackages)}`]
      : [];
  const fill = fillCommands(plan, exclude);
  const compile = cached ? COMPILE_CHANGED : COMPILE_ALL;
  const commands = fill.length + extras.length > 0 ? [...fill, ...extras, compile] : [];
  return {
    tool: uvTool(plan),
    env: uvEnv(plan.buildkit),
    commands: cached && commands.length > 0 ? [OPEN_VENV, ...commands] : commands,
    venvCache: cached && commands.length > 0 ? venvCacheId(plan) : null,
  };
}

/**
 * setup.py installs with the whole source, after the dependency layer: no cached venv.
 * Inferred imports have no manifest to sync to, and change only with the RUN line itself:
 * a fresh venv, whose plain `uv pip install` of unpinned names lint can still point at.
 */
export function usesVenvCache(plan: Plan): boolean {
  const { tool, strategy } = plan.install;
  return plan.buildkit && tool === "uv" && strategy !== "setup-py" && strategy !== "imports";
}

/** `uv pip install .` of a setup.py project, bytecode included (its layer is always fresh). */
export const UV_INSTALL_PROJECT = `${UV} pip install --compile-bytecode .`;

/**
 * uv is one static binary: pip puts it (and tomli, for the pyproject reader before 3.11)
 * into /opt/tools with --target, no venv to create (ensurepip alone takes seconds). Neither
 * has dependencies, both ship wheels, and uv's Python wrapper is never imported: without
 * resolving, building or compiling, pip takes 1.1 s instead of 1.65 s for uv (cold, measured).
 */
function uvTool(plan: Plan): BuilderTool {
  const minor = Number(plan.python.split(".")[1] ?? 0);
  const needsTomli = plan.install.strategy === "pyproject" && minor < 11;
  const specs = needsTomli ? [UV_SPEC, "tomli>=1.1,<3"] : [UV_SPEC];
  const flags = "--no-deps --no-compile --only-binary :all: --progress-bar off";
  return { name: "uv", commands: [`pip install --target /opt/tools ${flags} ${quoted(specs)}`] };
}

/** One cache per project, Python and base image: a venv only works with the Python it was made for. */
function venvCacheId(plan: Plan): string {
  const base = plan.baseImage.toLowerCase().replace(/[^a-z0-9.]+/g, "-");
  return `pyship-venv-${plan.project.name}-py${plan.python}-${base}`;
}

function uvEnv(buildkit: boolean): string[] {
  const env = [
    // The system certificate store: corporate TLS proxies are trusted there, not in uv's own.
    "UV_SYSTEM_CERTS=1",
    "UV_PYTHON_DOWNLOADS=never",
    // The cache mount and the venv are different file systems: copy, don't try to link.
    "UV_LINK_MODE=copy",
    "UV_PROJECT_ENVIRONMENT=/opt/venv",
  ];
  return buildkit ? env : [...env, "UV_NO_CACHE=1"];
}

/** Resolve what the project declares into LOCKED, then make the venv exactly that. */
function fillCommands(plan: Plan, exclude: string): string[] {
  const { install } = plan;
  const resolved = install.resolved;
  const compile = (inputs: string) =>
    `${UV} pip compile --quiet --no-header${exclude} -o ${LOCKED} ${inputs}`;
  const sync = `${UV} pip sync ${LOCKED}`;
  if (resolved?.source && install.generatedFile) {
    const file = install.generatedFile;
    // Hashed lines list every package of the lock: synced as they are, hashes checked.
    if (resolved.hashed)
      return [staleCheck(resolved.source, file), `${UV} pip sync --require-hashes ${file}`];
    return [staleCheck(resolved.source, file), compile(file), sync];
  }
  switch (install.strategy) {
    case "uv-lock":
      return [`${UV} sync --frozen --no-dev --no-install-project`];
    case "requirements":
      return [...requirementsEdits(plan), compile(install.files.join(" ")), sync];
    case "pyproject":
      return [`${pyprojectReader(plan.python)} > ${DECLARED}`, compile(DECLARED), sync];
    case "imports":
      return [`${UV} pip install${exclude} ${quoted(resolved?.lines ?? [])}`];
    default:
      // setup-py installs with the code (setup.py may read any file); none has no manifest.
      return [];
  }
}

function pyprojectReader(python: string): string {
  const minor = Number(python.split(".")[1] ?? 0);
  return minor >= 11 ? PYPROJECT_READER : `PYTHONPATH=/opt/tools ${PYPROJECT_READER}`;
}

/**
 * The generated file is only as fresh as the lock it came from: the build stops, saying
 * how to regenerate it, when the lock in the build context is not the one pyship read.
 */
export function staleCheck(
  source: { readonly file: string; readonly sha256: string },
  file: string,
): string {
  const stale = `echo "pyship: ${source.file} changed since ${file} was generated from it; run pyship init --force to regenerate it" >&2`;
  return `{ [ "$(sha256sum < ${source.file})" = "${source.sha256}  -" ] || { ${stale}; exit 1; }; }`;
}

/** Quoted: the < and > of a spec would be shell redirections, its [extras] a glob. */
export function quoted(specs: readonly string[]): string {
  return specs.map((spec) => `"${spec}"`).join(" ");
}
