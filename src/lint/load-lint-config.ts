/*
 * `[tool.pyship.lint]` in pyproject.toml, or `[lint]` in pyship.toml: which rules to ignore
 * and per-rule severities. Validated strictly (unknown keys, unknown rule codes, bad
 * severities) with the file and line, because a typo here would silently hide findings.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, TomlError } from "smol-toml";
import { PyshipError } from "../core/errors.js";
import type { Severity } from "../core/pipeline.js";
import { type Message, msg } from "../i18n/message.js";
import { findRule } from "./rule-catalog.js";

export interface LintConfig {
  /** Rule codes never reported. */
  readonly ignore: ReadonlySet<string>;
  readonly severity: ReadonlyMap<string, Severity>;
  /** Where it came from (for messages), or null for the defaults. */
  readonly source: string | null;
}

export const DEFAULT_LINT_CONFIG: LintConfig = {
  ignore: new Set(),
  severity: new Map(),
  source: null,
};

const SEVERITIES = ["error", "warning", "info", "off"];

/** Reads the lint settings next to the build context; defaults when there are none. */
export function loadLintConfig(dir: string): LintConfig {
  for (const [name, path] of [
    ["pyproject.toml", ["tool", "pyship", "lint"]],
    ["pyship.toml", ["lint"]],
  ] as const) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const table = lookup(parseToml(text, name), path);
    if (table !== undefined) return validate(table, { file: name, text, header: path.join(".") });
  }
  return DEFAULT_LINT_CONFIG;
}

function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new PyshipError("E_LINT_INPUT", msg("parse.toml", { reason: message ?? "" }), {
      file,
      ...(line ? { line } : {}),
      cause: error,
    });
  }
}

function lookup(root: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

interface Where {
  readonly file: string;
  readonly text: string;
  readonly header: string;
}

export function validate(table: unknown, where: Where): LintConfig {
  const fail = (key: string, problem: Message): never => {
    throw new PyshipError(
      "E_LINT_INPUT",
      msg("lintConfig.bad", { header: where.header, key, problem }),
      {
        file: where.file,
        line: lineOf(where.text, key),
        hint: msg("lintConfig.bad.hint"),
      },
    );
  };
  if (typeof table !== "object" || table === null || Array.isArray(table))
    return fail("", msg("lintConfig.table"));
  const ignore = new Set<string>();
  const severity = new Map<string, Severity>();
  for (const [key, value] of Object.entries(table)) {
    if (key === "ignore") {
      if (!Array.isArray(value)) fail(key, msg("lintConfig.codes"));
      for (const item of value as unknown[])
        ignore.add(
          ruleCode(item, () =>
            fail(key, msg("lintConfig.unknownRule", { rule: JSON.stringify(item) })),
          ),
        );
    } else if (key === "severity") {
      for (const [code, level] of Object.entries(
        asTable(value, () => fail(key, msg("lintConfig.levels"))),
      )) {
        const rule = ruleCode(code, () => fail(code, msg("lintConfig.notRule")));
        if (typeof level !== "string" || !SEVERITIES.includes(level))
          fail(code, msg("config.oneOf", { values: SEVERITIES.join(", ") }));
        if (level === "off") ignore.add(rule);
        else severity.set(rule, level as Severity);
      }
    } else fail(key, msg("lintConfig.unknownKey"));
  }
  return { ignore, severity, source: where.file };
}

function asTable(value: unknown, fail: () => never): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail();
}

function ruleCode(item: unknown, fail: () => never): string {
  const rule = typeof item === "string" ? findRule(item) : undefined;
  return rule ? rule.code : fail();
}

/** The 1-based line where a key is written, for the error message (first match). */
function lineOf(text: string, key: string): number {
  const lines = text.split(/\r?\n/);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(^|[\\s{,])"?${escaped}"?\\s*=`);
  const index = lines.findIndex((line) => key !== "" && pattern.test(line));
  return index >= 0 ? index + 1 : 1;
}
