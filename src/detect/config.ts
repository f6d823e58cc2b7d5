/*
 * pyship's own settings: `[tool.pyship]` in pyproject.toml, else a pyship.toml with the same
 * keys at top level. Everything is validated here, so a typo fails with the key, the file
 * and the line instead of being silently ignored (and values that end up inside the
 * Dockerfile — apt package names, the user — can't smuggle shell syntax into it).
 */
import { split as shellSplit } from "shlex";
import { PyshipError } from "../core/errors.js";
import type { PyshipConfig } from "../core/pipeline.js";
import { isSupportedPython, SUPPORTED_PYTHON_MINORS } from "../core/python-versions.js";
import { asTable, type Table } from "./deps/pyproject.js";
import { findHeaderLine, findKeyLine } from "./deps/toml-lines.js";
import type { ProjectFiles } from "./project-files.js";
import { shellLine } from "./shell-line.js";

interface Where {
  readonly file: string;
  readonly text: string;
  /** Key path of the settings table: ["tool", "pyship"] or [] for pyship.toml. */
  readonly prefix: readonly string[];
  readonly label: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Apply = (
  config: Mutable<PyshipConfig>,
  value: unknown,
  fail: (problem: string, sub?: string) => never,
) => void;

/** Every key pyship reads; `lint` belongs to `pyship lint`, which validates it itself. */
const KEYS: Readonly<Record<string, Apply>> = {
  command: (config, value, fail) => {
    // A string with shell syntax runs through /bin/sh (shell-line.ts); an array never does.
    const shell = typeof value === "string" ? shellLine(value) : null;
    if (shell !== null) config.commandShell = shell;
    config.command =
      shell !== null
        ? shell.last
        : typeof value === "string"
          ? splitCommand(value, fail)
          : stringList(value, fail, "a string or an array of strings");
    if (config.command.length === 0) fail("must not be empty");
  },
  port: (config, value, fail) => {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535)
      return fail("must be an integer from 1 to 65535");
    config.port = value as number;
  },
  python: (config, value, fail) => {
    if (typeof value !== "string" || !isSupportedPython(value))
      return fail(`must be one of ${SUPPORTED_PYTHON_MINORS.map((v) => `"${v}"`).join(", ")}`);
    config.python = value;
  },
  "base-image": (config, value, fail) => {
    if (typeof value !== "string" || !/^[\w][\w.:/@-]*$/.test(value))
      return fail('must be an image reference such as "python:3.12-slim"');
    config.baseImage = value;
  },
  installer: (config, value, fail) => {
    if (value !== "uv" && value !== "pip") return fail('must be "uv" or "pip"');
    config.installer = value;
  },
  apt: (config, value, fail) => {
    const table = subTable(value, ["build", "runtime"], fail);
    const list = (key: string) => aptPackages(table[key] ?? [], (problem) => fail(problem, key));
    config.apt = { build: list("build"), runtime: list("runtime") };
  },
  user: (config, value, fail) => {
    const table = subTable(value, ["name", "uid"], fail);
    if (typeof table.name !== "string" || !/^[a-z_][a-z0-9_-]{0,31}$/.test(table.name))
      return fail("must be a lower-case user name", "name");
    if (
      !Number.isInteger(table.uid) ||
      (table.uid as number) < 1 ||
      (table.uid as number) > 2147483647
    ) {
      fail("must be a non-zero integer user id (0 would run as root)", "uid");
    }
    config.user = { name: table.name, uid: table.uid as number };
  },
  // Checked where they are planned (src/mirror/resolve-mirror.ts), with this file's evidence.
  mirror: (config, value, fail) => {
    config.mirror = plainString(value, fail, 'a mirror name such as "tuna", a URL, or "off"');
  },
  "apt-mirror": (config, value, fail) => {
    config.aptMirror = plainString(value, fail, "a Debian mirror URL");
  },
  "base-registry": (config, value, fail) => {
    config.baseRegistry = plainString(
      value,
      fail,
      'a registry host such as "docker.m.daocloud.io"',
    );
  },
  lint: () => {},
};

function plainString(value: unknown, fail: (problem: string) => never, expected: string): string {
  if (typeof value !== "string" || value.trim() === "") return fail(`must be ${expected}`);
  return value.trim();
}

export function loadConfig(files: ProjectFiles): PyshipConfig {
  const pyship = files.has("pyproject.toml")
    ? asTable(asTable(files.toml("pyproject.toml").tool)?.pyship)
    : undefined;
  if (pyship)
    return validate(
      pyship,
      {
        file: "pyproject.toml",
        text: files.read("pyproject.toml"),
        prefix: ["tool", "pyship"],
        label: "[tool.pyship]",
      },
      files,
    );
  if (files.has("pyship.toml"))
    return validate(
      files.toml("pyship.toml"),
      { file: "pyship.toml", text: files.read("pyship.toml"), prefix: [], label: "pyship.toml" },
      files,
    );
  return { source: null };
}

function validate(settings: Table, where: Where, files: ProjectFiles): PyshipConfig {
  const shadowed =
    where.file === "pyproject.toml" && files.has("pyship.toml") ? " (pyship.toml is ignored)" : "";
  const line =
    where.prefix.length > 0
      ? (findHeaderLine(where.text, where.prefix) ?? findKeyLine(where.text, where.prefix))
      : null;
  const config: Mutable<PyshipConfig> = {
    source: { file: where.file, line, why: `${where.label}${shadowed}` },
  };
  for (const [key, value] of Object.entries(settings)) {
    const apply = KEYS[key];
    if (apply === undefined) throw unknownKey(key, where);
    apply(config, value, (problem, sub) => {
      const path = sub === undefined ? [key] : [key, sub];
      throw new PyshipError("E_CONFIG", `${where.label} ${path.join(".")} ${problem}`, {
        file: where.file,
        line: findKeyLine(where.text, [...where.prefix, ...path]) ?? undefined,
        hint: "see the [tool.pyship] table in pyship's README",
      });
    });
  }
  return config;
}

function unknownKey(key: string, where: Where): PyshipError {
  const known = Object.keys(KEYS);
  const close = known.find((candidate) => distance(candidate, key) <= 2);
  return new PyshipError("E_CONFIG", `unknown key "${key}" in ${where.label}`, {
    file: where.file,
    line: findKeyLine(where.text, [...where.prefix, key]) ?? undefined,
    hint: `${close ? `did you mean "${close}"? ` : ""}known keys: ${known.join(", ")}`,
  });
}

function splitCommand(value: string, fail: (problem: string) => never): string[] {
  try {
    return shellSplit(value);
  } catch {
    return fail("has an unclosed quote");
  }
}

function stringList(value: unknown, fail: (problem: string) => never, expected: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== ""))
    return fail(`must be ${expected}`);
  return value;
}

function aptPackages(value: unknown, fail: (problem: string) => never): string[] {
  const list = stringList(value, fail, "an array of Debian package names");
  const bad = list.find((name) => !/^[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:*-]+)?$/.test(name));
  return bad === undefined ? list : fail(`has "${bad}", which is not a Debian package name`);
}

function subTable(
  value: unknown,
  keys: readonly string[],
  fail: (problem: string, sub?: string) => never,
): Table {
  const table = asTable(value);
  if (table === undefined) return fail(`must be a table with ${keys.join(" and ")}`);
  const unknown = Object.keys(table).find((key) => !keys.includes(key));
  return unknown === undefined
    ? table
    : fail(`is not a known key (use ${keys.join(" or ")})`, unknown);
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next.push(
        Math.min(
          (row[j] ?? 0) + 1,
          (next[j - 1] ?? 0) + 1,
          (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
