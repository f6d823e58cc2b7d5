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
import { type Message, msg } from "../i18n/message.js";
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
  fail: (problem: Message, sub?: string) => never,
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
          : stringList(value, fail, msg("config.stringOrList"));
    if (config.command.length === 0) fail(msg("config.empty"));
  },
  port: (config, value, fail) => {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535)
      return fail(msg("config.port"));
    config.port = value as number;
  },
  python: (config, value, fail) => {
    if (typeof value !== "string" || !isSupportedPython(value))
      return fail(
        msg("config.oneOf", { values: SUPPORTED_PYTHON_MINORS.map((v) => `"${v}"`).join(", ") }),
      );
    config.python = value;
  },
  "base-image": (config, value, fail) => {
    if (typeof value !== "string" || !/^[\w][\w.:/@-]*$/.test(value))
      return fail(msg("config.imageRef"));
    config.baseImage = value;
  },
  installer: (config, value, fail) => {
    if (value !== "uv" && value !== "pip") return fail(msg("config.installer"));
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
      return fail(msg("config.userName"), "name");
    if (
      !Number.isInteger(table.uid) ||
      (table.uid as number) < 1 ||
      (table.uid as number) > 2147483647
    ) {
      fail(msg("config.uid"), "uid");
    }
    config.user = { name: table.name, uid: table.uid as number };
  },
  // Checked where they are planned (src/mirror/resolve-mirror.ts), with this file's evidence.
  mirror: (config, value, fail) => {
    config.mirror = plainString(value, fail, msg("config.expect.mirror"));
  },
  "apt-mirror": (config, value, fail) => {
    config.aptMirror = plainString(value, fail, msg("config.expect.aptMirror"));
  },
  "base-registry": (config, value, fail) => {
    config.baseRegistry = plainString(value, fail, msg("config.expect.registry"));
  },
  "cjk-fonts": (config, value, fail) => {
    if (typeof value !== "boolean") return fail(msg("config.boolean"));
    config.cjkFonts = value;
  },
  "init-db": (config, value, fail) => {
    if (typeof value !== "boolean") return fail(msg("config.boolean"));
    config.initDb = value;
  },
  lint: () => {},
};

function plainString(value: unknown, fail: (problem: Message) => never, expected: Message): string {
  if (typeof value !== "string" || value.trim() === "")
    return fail(msg("config.mustBe", { expected }));
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
      throw new PyshipError(
        "E_CONFIG",
        msg("config.bad", { where: where.label, key: path.join("."), problem }),
        {
          file: where.file,
          line: findKeyLine(where.text, [...where.prefix, ...path]) ?? undefined,
          hint: msg("config.bad.hint"),
        },
      );
    });
  }
  return config;
}

function unknownKey(key: string, where: Where): PyshipError {
  const known = Object.keys(KEYS);
  const close = known.find((candidate) => distance(candidate, key) <= 2);
  return new PyshipError("E_CONFIG", msg("config.unknownKey", { key, where: where.label }), {
    file: where.file,
    line: findKeyLine(where.text, [...where.prefix, key]) ?? undefined,
    hint: close
      ? msg("config.unknownKey.close", { close, known: known.join(", ") })
      : msg("config.unknownKey.hint", { known: known.join(", ") }),
  });
}

function splitCommand(value: string, fail: (problem: Message) => never): string[] {
  try {
    return shellSplit(value);
  } catch {
    return fail(msg("config.unclosedQuote"));
  }
}

function stringList(
  value: unknown,
  fail: (problem: Message) => never,
  expected: Message,
): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== ""))
    return fail(msg("config.mustBe", { expected }));
  return value;
}

function aptPackages(value: unknown, fail: (problem: Message) => never): string[] {
  const list = stringList(value, fail, msg("config.aptList"));
  const bad = list.find((name) => !/^[a-z0-9][a-z0-9+.-]+(=[A-Za-z0-9.+~:*-]+)?$/.test(name));
  return bad === undefined ? list : fail(msg("config.aptBad", { bad }));
}

function subTable(
  value: unknown,
  keys: readonly string[],
  fail: (problem: Message, sub?: string) => never,
): Table {
  const table = asTable(value);
  if (table === undefined) return fail(msg("config.tableWith", { keys: keys.join(" and ") }));
  const unknown = Object.keys(table).find((key) => !keys.includes(key));
  return unknown === undefined
    ? table
    : fail(msg("config.subKey", { keys: keys.join(" or ") }), unknown);
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
