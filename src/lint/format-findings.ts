/*
 * Machine formats of lint findings: json (an array of findings), github (workflow
 * annotations) and sarif (in format-sarif.ts). The human text format lives in the CLI
 * because it is translated and coloured.
 */
import type { LintFinding } from "../core/pipeline.js";

export type LintFormat = "text" | "json" | "sarif" | "github";
export const LINT_FORMATS: readonly LintFormat[] = ["text", "json", "sarif", "github"];

export function formatJson(findings: readonly LintFinding[]): string {
  const rows = findings.map(({ file, line, column, endLine, code, severity, message, fix }) => ({
    file,
    line,
    column,
    endLine,
    code,
    severity,
    message,
    fix: fix && { safe: fix.safe, description: fix.description, edits: fix.edits },
  }));
  return JSON.stringify(rows, null, 2);
}

const LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

/** `::warning file=…,line=…::message`, escaped as the Actions runner expects. */
export function formatGithub(findings: readonly LintFinding[]): string {
  return findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `title=${escapeProperty(`${f.code} (pyship lint)`)}`,
      ];
      return `::${LEVEL[f.severity]} ${props.join(",")}::${escapeData(`${f.code} ${f.message}`)}`;
    })
    .join("\n");
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
