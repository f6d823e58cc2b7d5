/*
 * Splits a shell script (a RUN line, a heredoc body, a shell-form CMD) into simple commands
 * with shell-quote, so rules look at argv words instead of regexes over raw text.
 * Variables stay as written (`$HOME`), redirections are dropped, `VAR=x cmd` prefixes are
 * kept apart, and `sudo`/`exec`/`env` wrappers are peeled off.
 */
import { type ParseEntry, parse } from "shell-quote";

export interface ShellCommand {
  readonly argv: readonly string[];
  /** `NAME=value` words written before the command. */
  readonly assignments: ReadonlyMap<string, string>;
  /** Inside ( ... ): a `cd` there does not leak. */
  readonly subshell: boolean;
  /** Started with `exec` (replaces the shell: signals reach it). */
  readonly exec: boolean;
}

type Token = ParseEntry;

const SEPARATORS = new Set(["&&", "||", ";", ";;", "|", "&", "|&", "(", ")"]);
const WRAPPERS = new Set(["sudo", "exec", "env", "time", "nohup", "command"]);

/** `$VAR` and `${VAR}` are kept verbatim, so later rules can see them. */
const keepVariable = (name: string): string => `$${name}`;

export function splitCommands(script: string): ShellCommand[] {
  const joined = script.replace(/\\\r?\n/g, " ").replace(/\r?\n/g, " ; ");
  let tokens: Token[];
  try {
    tokens = parse(joined, keepVariable) as Token[];
  } catch {
    tokens = joined.split(/\s+/).filter(Boolean);
  }
  return groupTokens(tokens);
}

function groupTokens(tokens: readonly Token[]): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let depth = 0;
  let skipNext = false;
  const flush = () => {
    if (words.length > 0) commands.push(toCommand(words, depth > 0));
    words = [];
  };
  for (const token of tokens) {
    if (typeof token === "string") {
      if (skipNext) skipNext = false;
      else words.push(token);
      continue;
    }
    if ("comment" in token) break;
    if ("pattern" in token) {
      words.push(String(token.pattern));
      continue;
    }
    const op = String(token.op);
    if (SEPARATORS.has(op)) {
      flush();
      if (op === "(") depth++;
      if (op === ")") depth = Math.max(0, depth - 1);
    } else {
      // A redirection: its target is not an argument of the command.
      skipNext = true;
    }
  }
  flush();
  return commands;
}

function toCommand(words: readonly string[], subshell: boolean): ShellCommand {
  const assignments = new Map<string, string>();
  let index = 0;
  let exec = false;
  while (index < words.length) {
    const word = words[index] ?? "";
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
    if (assignment) assignments.set(assignment[1] ?? "", assignment[2] ?? "");
    else if (WRAPPERS.has(word)) exec ||= word === "exec";
    else if (!(word.startsWith("-") && index > 0 && WRAPPERS.has(words[index - 1] ?? ""))) break;
    index++;
  }
  return { argv: withoutRunner(words.slice(index)), assignments, subshell, exec };
}

/** Project runners that start a command inside the project's environment. */
const RUNNERS = new Set(["uv", "poetry", "pipenv", "pdm", "hatch"]);
/** Their options that take a value (`uv run --with httpx app`). */
const RUNNER_VALUE_OPTIONS = new Set([
  "--with",
  "--package",
  "--extra",
  "--group",
  "--python",
  "-p",
  "--env-file",
  "--directory",
  "--project",
  "--index",
]);

/** `uv run gunicorn app:app` runs gunicorn: rules see the command behind the runner. */
export function withoutRunner(argv: readonly string[]): readonly string[] {
  if (!RUNNERS.has(argv[0] ?? "") || argv[1] !== "run") return argv;
  let index = 2;
  while ((argv[index] ?? "").startsWith("-"))
    index += RUNNER_VALUE_OPTIONS.has(argv[index] ?? "") ? 2 : 1;
  return index < argv.length ? argv.slice(index) : argv;
}

/** The program name without its directory: `/opt/venv/bin/pip` → `pip`. */
export function programName(command: ShellCommand): string {
  const first = command.argv[0] ?? "";
  return first.slice(first.lastIndexOf("/") + 1);
}
