/*
 * `pyship explain [CODE]`: a lint rule's rationale with a before/after example, or the list
 * of all rules. CODE may be the code (PY202) or the name (pip-cache).
 */
import pc from "picocolors";
import { PyshipError } from "../../core/errors.js";
import { msg } from "../../i18n/message.js";
import { findRule, RULES, type RuleInfo } from "../../lint/rule-catalog.js";
import type { CliContext, Register } from "../context.js";
import { t } from "../i18n.js";

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
    throw new PyshipError("E_USAGE", msg("explain.unknown", { code }), {
      hint: msg("explain.unknown.hint"),
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
  ctx.out(t(ctx.lang, `rule.${rule.code}.message`).replace(/\{\w+\}/g, "…"));
  ctx.out(paint.dim(t(ctx.lang, `explain.fix.${rule.fixable}`)));
  ctx.out(
    `\n${paint.bold(t(ctx.lang, "explain.why"))}\n${t(ctx.lang, `rule.${rule.code}.rationale`)}`,
  );
  ctx.out(`\n${paint.bold(t(ctx.lang, "explain.before"))}\n${indent(rule.before)}`);
  ctx.out(`\n${paint.bold(t(ctx.lang, "explain.after"))}\n${indent(rule.after)}`);
}
