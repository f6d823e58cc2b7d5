/*
 * `pyship lint --fix`: applies the safe fixes as text edits on exact ranges, re-lints and
 * repeats until nothing safe is left (a fix can enable another, e.g. a merged apt RUN then
 * gets its lists removed). A pass whose result would not be a valid Dockerfile is dropped,
 * so --fix never writes a file that no longer parses.
 */
import type { LintFinding, TextEdit } from "../core/pipeline.js";
import { checkText } from "./check-input.js";
import { type LintOptions, lintDockerfile } from "./lint-dockerfile.js";

export interface FixResult {
  readonly text: string;
  /** Number of findings whose fix was applied. */
  readonly applied: number;
  /** What is left after fixing. */
  readonly findings: LintFinding[];
}

const MAX_PASSES = 8;

export function fixDockerfile(text: string, options: LintOptions): FixResult {
  let current = text;
  let applied = 0;
  let findings = lintDockerfile(current, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = nonOverlapping(findings.filter((f) => f.fix?.safe && f.fix.edits.length > 0));
    if (chosen.length === 0) break;
    const next = applyEdits(
      current,
      chosen.flatMap((f) => f.fix?.edits ?? []),
    );
    if (next === current || !parses(next, options.file)) break;
    current = next;
    applied += chosen.length;
    findings = lintDockerfile(current, options);
  }
  return { text: current, applied, findings };
}

function parses(text: string, file: string): boolean {
  try {
    checkText(text, file);
    return true;
  } catch {
    return false;
  }
}

/** Findings whose edits do not touch edits of an earlier chosen finding (all-or-nothing per finding). */
function nonOverlapping(findings: readonly LintFinding[]): LintFinding[] {
  const taken: TextEdit[] = [];
  return findings.filter((finding) => {
    const edits = finding.fix?.edits ?? [];
    if (edits.some((edit) => taken.some((other) => overlaps(edit, other)))) return false;
    taken.push(...edits);
    return true;
  });
}

type Position = TextEdit["start"];
const compare = (a: Position, b: Position) => a.line - b.line || a.character - b.character;

/** Touching counts as overlapping: two insertions at one point would have no defined order. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

/** Applies edits (0-based positions in `text`), last first so earlier positions stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const starts = [0];
  for (const match of text.matchAll(/\r?\n/g)) starts.push((match.index ?? 0) + match[0].length);
  const lineEnd = (line: number) => {
    const next = starts[line + 1];
    if (next === undefined) return text.length;
    return next - (text[next - 2] === "\r" ? 2 : 1);
  };
  const offset = (p: Position) =>
    p.line >= starts.length
      ? text.length
      : Math.min(lineEnd(p.line), (starts[p.line] ?? 0) + p.character);
  const sorted = [...edits].sort((a, b) => compare(b.start, a.start));
  let result = text;
  for (const edit of sorted) {
    const newText = eol === "\n" ? edit.newText : edit.newText.replace(/\r?\n/g, eol);
    result = result.slice(0, offset(edit.start)) + newText + result.slice(offset(edit.end));
  }
  return result;
}
