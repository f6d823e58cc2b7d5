/*
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule in tool.driver.rules (so the
 * UI shows rationale and help), results with physical locations relative to the repository,
 * and the safe fixes as SARIF fixes.
 */
import type { LintFinding, TextEdit } from "../core/pipeline.js";
import { RULES } from "./rule-catalog.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export function formatSarif(findings: readonly LintFinding[], toolVersion: string): string {
  const index = new Map(RULES.map((rule, i) => [rule.code, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pyship",
            version: toolVersion,
            rules: RULES.map((rule) => ({
              id: rule.code,
              name: rule.name,
              shortDescription: { text: rule.message.replace(/\{\w+\}/g, "…") },
              fullDescription: { text: rule.rationale },
              help: {
                text: `${rule.rationale}\n\nBefore:\n${rule.before}\n\nAfter:\n${rule.after}`,
                markdown: `${rule.rationale}\n\nBefore:\n\`\`\`dockerfile\n${rule.before}\n\`\`\`\n\nAfter:\n\`\`\`dockerfile\n${rule.after}\n\`\`\``,
              },
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        results: findings.map((finding) => result(finding, index.get(finding.code) ?? 0)),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function uri(file: string): string {
  return file.replace(/\\/g, "/").replace(/^\.\//, "");
}

function result(finding: LintFinding, ruleIndex: number) {
  const artifactLocation = { uri: uri(finding.file) };
  return {
    ruleId: finding.code,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
          },
        },
      },
    ],
    ...(finding.fix?.safe && finding.fix.edits.length > 0
      ? {
          fixes: [
            {
              description: { text: finding.fix.description },
              artifactChanges: [
                { artifactLocation, replacements: finding.fix.edits.map(replacement) },
              ],
            },
          ],
        }
      : {}),
  };
}

/** SARIF regions are 1-based with an exclusive end column, like TextEdit's but shifted by one. */
function replacement(edit: TextEdit) {
  return {
    deletedRegion: {
      startLine: edit.start.line + 1,
      startColumn: edit.start.character + 1,
      endLine: edit.end.line + 1,
      endColumn: edit.end.character + 1,
    },
    insertedContent: { text: edit.newText },
  };
}
