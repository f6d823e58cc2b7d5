/*
 * `pyship explain [CODE]`: a lint rule's rationale with a before/after example, or the list
 * of all rules. CODE may be the code (PY202) or the name (pip-cache).
 */
import pc from "picocolors";
import { PyshipError } from "../../core/errors.js";
import { findRule, RULES, type RuleInfo } from "../../lint/rule-catalog.js";
import type { CliContext, Register } from "../context.js";
import { addMessages, t } from "../i18n.js";

addMessages({
  "explain.why": { en: "Why", zh: "原因" },
  "explain.before": { en: "Before", zh: "修改前" },
  "explain.after": { en: "After", zh: "修改后" },
  "explain.fix.always": { en: "fixed by pyship lint --fix", zh: "可由 pyship lint --fix 自动修复" },
  "explain.fix.sometimes": {
    en: "fixed by pyship lint --fix when it is safe, suggested otherwise",
    zh: "安全时由 pyship lint --fix 自动修复，否则给出建议",
  },
  "explain.fix.never": {
    en: "suggested only (not safe to apply automatically)",
    zh: "仅给出建议（自动修改不安全）",
  },
  "explain.list": {
    en: "pyship lint rules (pyship explain CODE for details):",
    zh: "pyship lint 规则（pyship explain 代码 查看详情）：",
  },
});

export const registerExplain: Register = (program, ctx, done) => {
  program
    .command("explain")
    .description("explain a lint rule (e.g. pyship explain PY202), or list them all")
    .argument("[code]", "rule code or name")
    .option("--json", "print the rule(s) as JSON")
    .action((code: string | undefined, flags: { json?: boolean }) => {
      const rules = code === undefined ? RULES : [lookup(code)];
      if (flags.json) ctx.out(JSON.stringify(code === undefined ? rules : rules[0], null, 2));
      else if (code === undefined) printList(ctx);
      else printRule(ctx, lookup(code));
      done(0);
    });
};

function lookup(code: string): RuleInfo {
  const rule = findRule(code);
  if (!rule) {
    throw new PyshipError("E_USAGE", `unknown lint rule "${code}"`, {
      hint: "run `pyship explain` to list the rules",
    });
  }
  return rule;
}

function printList(ctx: CliContext): void {
  ctx.out(t(ctx.lang, "explain.list"));
  for (const rule of RULES) {
    const fix = rule.fixable === "never" ? "" : rule.fixable === "always" ? " [fix]" : " [fix*]";
    ctx.out(`  ${rule.code}  ${rule.severity.padEnd(7)}  ${rule.name}${fix}`);
  }
}

function printRule(ctx: CliContext, rule: RuleInfo): void {
  const paint = ctx.color ? pc : { bold: (s: string) => s, dim: (s: string) => s };
  const indent = (text: string) =>
    text
      .split("\n")
      .map((line) => `    ${line}`)
      .join("\n");
  ctx.out(paint.bold(`${rule.code} ${rule.name} (${rule.severity})`));
  ctx.out(rule.message.replace(/\{\w+\}/g, "…"));
  ctx.out(paint.dim(t(ctx.lang, `explain.fix.${rule.fixable}`)));
  ctx.out(`\n${paint.bold(t(ctx.lang, "explain.why"))}\n${rule.rationale}`);
  ctx.out(`\n${paint.bold(t(ctx.lang, "explain.before"))}\n${indent(rule.before)}`);
  ctx.out(`\n${paint.bold(t(ctx.lang, "explain.after"))}\n${indent(rule.after)}`);
}
