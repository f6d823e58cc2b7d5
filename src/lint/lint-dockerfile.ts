/*
 * Lints one Dockerfile's text: checks it is a Dockerfile, builds the model, runs the rules
 * table, then applies configuration (ignore, severities) and inline
 * `# pyship: ignore=CODE` comments. Returns findings sorted by position; never prints.
 */
import type { LintFinding, Severity } from "../core/pipeline.js";
import { english } from "../i18n/message.js";
import type { BuildContext } from "./build-context.js";
import { buildModel } from "./build-model.js";
import { checkText } from "./check-input.js";
import { LINT_RULES } from "./lint-rules.js";
import { DEFAULT_LINT_CONFIG, type LintConfig } from "./load-lint-config.js";
import type { DockerModel, RuleFinding } from "./model.js";
import { findRule, formatMessage, ruleInfo } from "./rule-catalog.js";

export interface LintOptions {
  /** Path shown in findings. */
  readonly file: string;
  readonly build: BuildContext;
  readonly config?: LintConfig;
  /** "Today" for end-of-life checks. */
  readonly now?: Date;
}

export function lintDockerfile(text: string, options: LintOptions): LintFinding[] {
  checkText(text, options.file);
  const model = buildModel(text);
  const context = { build: options.build, now: options.now ?? new Date() };
  const config = options.config ?? DEFAULT_LINT_CONFIG;
  const ignoredAt = inlineIgnores(model);
  const findings = LINT_RULES.flatMap((rule) => rule(model, context))
    .filter((finding) => !config.ignore.has(finding.code))
    .filter((finding) => !ignoredAt.get(finding.range.start.line)?.has(finding.code))
    .map((finding) => toLintFinding(finding, options.file, config.severity.get(finding.code)));
  return dedupe(findings).sort(
    (a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

function toLintFinding(
  finding: RuleFinding,
  file: string,
  severity: Severity | undefined,
): LintFinding {
  const { start, end } = finding.range;
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    code: finding.code,
    severity: severity ?? ruleInfo(finding.code).severity,
    message: formatMessage(finding.code, finding.vars),
    ...(finding.vars === undefined ? {} : { vars: finding.vars }),
    fix: finding.fix ? englishFix(finding.fix) : null,
  };
}

/** The finding keeps English text (json, sarif, github); a keyed description also as `note`. */
function englishFix(fix: NonNullable<RuleFinding["fix"]>): NonNullable<LintFinding["fix"]> {
  const { description, ...rest } = fix;
  if (typeof description === "string") return { ...rest, description };
  return { ...rest, description: english(description), note: description };
}

function dedupe(findings: readonly LintFinding[]): LintFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.code}:${finding.line}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const IGNORE = /#\s*pyship:\s*ignore\s*=\s*([\w\s,-]+)/i;

/**
 * Instruction start line → codes ignored there, from `# pyship: ignore=A,B` in the comment
 * block directly above the instruction.
 */
function inlineIgnores(model: DockerModel): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  for (const instruction of model.instructions) {
    const codes = new Set<string>();
    for (let line = instruction.range.start.line - 1; line >= 0; line--) {
      const text = (model.lines[line] ?? "").trim();
      if (!text.startsWith("#")) break;
      for (const key of IGNORE.exec(text)?.[1]?.split(/[\s,]+/) ?? []) {
        const rule = findRule(key);
        if (rule) codes.add(rule.code);
      }
    }
    if (codes.size > 0) result.set(instruction.range.start.line, codes);
  }
  return result;
}
