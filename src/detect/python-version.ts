/*
 * Which Python minor the image runs. Sources in order: an exact pin a tool reads
 * (.python-version for pyenv/uv, runtime.txt for Heroku-style platforms, Pipfile
 * python_version) beats a range, because a pin is what the developer actually runs; a
 * range (requires-python, Poetry's python, setup python_requires) picks a supported minor
 * that satisfies it. The --python flag and [tool.pyship] python override this later, in
 * the plan.
 */
import { satisfies, validRange } from "@renovatebot/pep440";
import type { Evidence, ProjectMeta, PythonFacts } from "../core/pipeline.js";
import {
  DEFAULT_PYTHON,
  isSupportedPython,
  nearestSupportedPython,
  SUPPORTED_PYTHON_MINORS,
} from "../core/python-versions.js";
import { poetryPython } from "./deps/declared-requirements.js";
import { poetryToPep440 } from "./deps/poetry-constraint.js";
import { asString, asTable, readPyproject } from "./deps/pyproject.js";
import { cfgItems, readSetupCfg } from "./deps/setup-cfg.js";
import { keywordString } from "./deps/setup-py-text.js";
import { findKeyLine } from "./deps/toml-lines.js";
import type { ProjectFiles } from "./project-files.js";

interface Found {
  readonly raw: string;
  readonly kind: "pin" | "range";
  /** PEP 440 alternatives for a range (Poetry's `||` gives several). */
  readonly ranges?: readonly string[];
  readonly file: string;
  readonly line: number | null;
  readonly label: string;
}

type Source = (files: ProjectFiles) => Found | null;

/** Pins before ranges; among ranges the standard field before tool-specific ones. */
const SOURCES: readonly Source[] = [
  pinFile(".python-version", /^(?:cpython-|python-?)?(\d+\.\d+(?:\.\d+)?)/),
  pinFile("runtime.txt", /^python-(\d+\.\d+(?:\.\d+)?)/),
  pipfilePython,
  requiresPython,
  poetryConstraint,
  setupPythonRequires,
];

export function detectPython(files: ProjectFiles, _meta: ProjectMeta): PythonFacts {
  for (const source of SOURCES) {
    const found = source(files);
    if (found) return found.kind === "pin" ? fromPin(found) : fromRange(found);
  }
  return {
    version: DEFAULT_PYTHON,
    constraint: null,
    evidence: {
      file: ".",
      line: null,
      why: `no Python version stated; pyship's default ${DEFAULT_PYTHON}`,
    },
  };
}

function fromPin(found: Found): PythonFacts {
  const minor = found.raw.split(".").slice(0, 2).join(".");
  const version = isSupportedPython(minor) ? minor : nearestSupportedPython(minor);
  const why =
    version === minor
      ? `${found.label} pins ${found.raw}`
      : `${found.label} pins ${found.raw}, which pyship doesn't support; using the nearest supported ${version}`;
  return { version, constraint: found.raw, evidence: evidence(found, why) };
}

function fromRange(found: Found): PythonFacts {
  const ranges = found.ranges ?? [found.raw];
  if (!ranges.every((range) => validRange(range))) {
    const why = `${found.label} "${found.raw}" is not a valid version specifier; pyship's default ${DEFAULT_PYTHON}`;
    return rangeFacts(found, DEFAULT_PYTHON, why);
  }
  const allows: Allows = (minor, patch) =>
    ranges.some((range) => satisfies(`${minor}.${patch}`, range));
  return fittingMinor(found, allows) ?? closestMinor(found, allows);
}

/** Whether the range accepts Python `minor.patch`. */
type Allows = (minor: string, patch: string) => boolean;

/** pyship's default if the range fits it, else the newest supported minor that fits. */
function fittingMinor(found: Found, allows: Allows): PythonFacts | null {
  // The image ships a late patch release, so prefer minors whose late patches fit; then
  // accept "some patch fits" for ranges like `==3.11.4`.
  const late = (minor: string) => allows(minor, "99");
  const anyPatch = (minor: string) =>
    [...Array(30).keys()].some((patch) => allows(minor, String(patch)));
  for (const fits of [late, anyPatch]) {
    if (fits(DEFAULT_PYTHON))
      return rangeFacts(
        found,
        DEFAULT_PYTHON,
        `${found.label} ${found.raw} allows pyship's default ${DEFAULT_PYTHON}`,
      );
    const newest = [...SUPPORTED_PYTHON_MINORS].reverse().find(fits);
    if (newest)
      return rangeFacts(
        found,
        newest,
        `${found.label} ${found.raw}: newest supported minor that satisfies it`,
      );
  }
  return null;
}

/** No supported minor fits: the newest if the range points above them, else the oldest. */
function closestMinor(found: Found, allows: Allows): PythonFacts {
  const version = allows("3.99", "0")
    ? (SUPPORTED_PYTHON_MINORS.at(-1) ?? DEFAULT_PYTHON)
    : SUPPORTED_PYTHON_MINORS[0];
  return rangeFacts(
    found,
    version,
    `${found.label} ${found.raw} allows no supported minor; using the closest, ${version}`,
  );
}

function rangeFacts(found: Found, version: string, why: string): PythonFacts {
  const ranges = found.ranges ?? [found.raw];
  const valid = ranges.every((range) => validRange(range));
  return {
    version,
    constraint: found.raw,
    ...(valid ? { ranges } : {}),
    evidence: evidence(found, why),
  };
}

function evidence(found: Found, why: string): Evidence {
  return { file: found.file, line: found.line, why };
}

/** A file whose first meaningful line names a version (uv and pyenv skip # comments). */
function pinFile(file: string, pattern: RegExp): Source {
  return (files) => {
    if (!files.has(file)) return null;
    const lines = files.read(file).split(/\r?\n/);
    const index = lines.findIndex((line) => line.trim() !== "" && !line.trim().startsWith("#"));
    const raw = pattern.exec(lines[index]?.trim() ?? "")?.[1];
    return raw ? { raw, kind: "pin", file, line: index + 1, label: file } : null;
  };
}

function pipfilePython(files: ProjectFiles): Found | null {
  if (!files.has("Pipfile")) return null;
  const requires = asTable(files.toml("Pipfile").requires);
  const key =
    requires?.python_full_version !== undefined ? "python_full_version" : "python_version";
  const raw = asString(requires?.[key]);
  if (!raw || !/^\d+\.\d+/.test(raw)) return null;
  return {
    raw,
    kind: "pin",
    file: "Pipfile",
    line: findKeyLine(files.read("Pipfile"), ["requires", key]),
    label: `Pipfile ${key}`,
  };
}

function requiresPython(files: ProjectFiles): Found | null {
  const pyproject = readPyproject(files);
  const raw = asString(pyproject?.project?.["requires-python"]);
  if (!pyproject || !raw) return null;
  return {
    raw,
    kind: "range",
    file: "pyproject.toml",
    line: findKeyLine(pyproject.text, ["project", "requires-python"]),
    label: "requires-python",
  };
}

function poetryConstraint(files: ProjectFiles): Found | null {
  const pyproject = readPyproject(files);
  const found = pyproject ? poetryPython(pyproject) : null;
  const ranges = found ? poetryToPep440(found.raw) : null;
  if (!found || !ranges) return null;
  return {
    raw: found.raw,
    kind: "range",
    ranges,
    file: "pyproject.toml",
    line: found.line,
    label: "Poetry python",
  };
}

function setupPythonRequires(files: ProjectFiles): Found | null {
  const fromCfg = cfgItems(readSetupCfg(files), "options", "python_requires")[0];
  if (fromCfg)
    return {
      raw: fromCfg.value,
      kind: "range",
      file: "setup.cfg",
      line: fromCfg.line,
      label: "python_requires",
    };
  const fromPy = files.has("setup.py")
    ? keywordString(files.read("setup.py"), "python_requires")
    : null;
  return fromPy
    ? {
        raw: fromPy.value,
        kind: "range",
        file: "setup.py",
        line: fromPy.line,
        label: "python_requires",
      }
    : null;
}
