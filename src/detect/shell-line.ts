/*
 * A command written as one line (a Procfile `web:` line, a `[tool.pyship] command` string)
 * may be a shell command list: `flask db upgrade; gunicorn app:app`, `cd src && …`,
 * `FOO=1 gunicorn …`, `$VAR`. Heroku and the platforms that read Procfiles run such a line
 * through a shell, so pyship does too, and keeps it honest:
 *   - `set -e`: a failing earlier step stops the container, its error in the log, instead
 *     of `;` carrying on and starting the server on a half-migrated database;
 *   - the last command is `exec`'d, so the server replaces the shell as PID 1 and gets
 *     SIGTERM from `docker stop` (a shell as PID 1 forwards no signal).
 * Lines without shell syntax stay plain argv (exec form, no shell at all). `$PORT` alone is
 * not shell syntax: the plan substitutes the port it chose.
 */
import { split } from "shlex";
import type { ShellCommand } from "../core/pipeline.js";

/** Operators between commands, longest first so `&&` is not read as two `&`. */
const OPERATORS = ["&&", "||", ";;", ";", "|", "&", "\n"] as const;
/** A leading `NAME=value` word (quoted values allowed). */
const ASSIGNMENT = /^[A-Za-z_]\w*=(?:'[^']*'|"(?:\\.|[^"\\])*"|\\.|[^\s'"\\])*\s+/;

interface Cut {
  /** Offset where the last command starts. */
  readonly start: number;
  /** The operator before it, or null for a single command. */
  readonly before: string | null;
  /** Whether the line uses anything only a shell understands. */
  readonly shellSyntax: boolean;
}

/** The shell form of `line`, or null when plain argv runs it exactly as written. */
export function shellLine(line: string): ShellCommand | null {
  const cut = scan(line);
  const lastText = line.slice(cut.start).trim();
  const hasAssignment = ASSIGNMENT.test(lastText);
  if (!cut.shellSyntax && !hasAssignment) return null;
  const steps = line.slice(0, cut.start);
  const execd = cut.before !== "|" && cut.before !== "&" && !/&\s*$/.test(lastText);
  const last = execd ? withExec(lastText) : lastText;
  const script = `set -e; ${steps.trimStart()}${steps && !/\s$/.test(steps) ? " " : ""}${last}`;
  return { script: script.replace(/\s+$/, ""), last: argvOf(lastText), execd };
}

/** `FOO=1 gunicorn …` → `FOO=1 exec gunicorn …`: assignments before exec reach the program. */
function withExec(command: string): string {
  let rest = command;
  let prefix = "";
  for (let match = ASSIGNMENT.exec(rest); match; match = ASSIGNMENT.exec(rest)) {
    prefix += match[0];
    rest = rest.slice(match[0].length);
  }
  return /^exec\s/.test(rest) ? command : `${prefix}exec ${rest}`;
}

function argvOf(command: string): string[] {
  try {
    const words = split(command);
    while (words.length > 1 && /^(?:[A-Za-z_]\w*=.*|exec)$/s.test(words[0] as string))
      words.shift();
    return words;
  } catch {
    return [];
  }
}

/**
 * One pass over the line, minding quotes, escapes and `$(…)`: finds the top-level operator
 * before the last command and whether any shell-only syntax appears outside single quotes.
 */
function scan(line: string): Cut {
  let start = 0;
  let before: string | null = null;
  let shellSyntax = false;
  let quote: "'" | '"' | null = null;
  let depth = 0;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = null;
      continue;
    }
    if (ch === "\\") {
      i += 1;
      continue;
    }
    if (ch === '"') quote = quote === '"' ? null : '"';
    else if (ch === "`") shellSyntax = true;
    else if (ch === "$") shellSyntax ||= !isPortReference(line, i);
    if (ch === "$" && line[i + 1] === "(") depth += 1;
    else if (ch === ")" && depth > 0) depth -= 1;
    if (quote !== null || depth > 0) continue;
    if (ch === "'") quote = "'";
    else if (ch === "<" || ch === ">") {
      // A redirection, `2>&1` included: its `&` is not the background operator.
      shellSyntax = true;
      while (line[i + 1] === ">" || line[i + 1] === "&") i += 1;
      continue;
    }
    const operator = OPERATORS.find((op) => line.startsWith(op, i));
    if (operator && line.slice(i + operator.length).trim() !== "") {
      shellSyntax = true;
      before = operator;
      start = i + operator.length;
      i += operator.length - 1;
    } else if (operator && operator !== "\n") shellSyntax = true;
  }
  return { start, before, shellSyntax };
}

/** `$PORT`, `${PORT}`, `${PORT:-8000}`: the one expansion the plan substitutes itself. */
function isPortReference(line: string, at: number): boolean {
  return /^\$(?:PORT\b|\{PORT(?::?-\d+)?\})/.test(line.slice(at));
}
