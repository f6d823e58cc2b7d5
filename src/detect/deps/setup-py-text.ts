/*
 * Reads setup.py as text — never executes it (running a project's code to plan its image
 * would be slow and unsafe). Literal keyword arguments (`install_requires=[...]`,
 * `name="x"`) and module-level list constants they name are understood; anything computed
 * is reported as unreadable so the caller can say so.
 */

export interface StringAt {
  readonly value: string;
  readonly line: number;
}

/** `key="value"` keyword argument. */
export function keywordString(text: string, key: string): StringAt | null {
  const match = new RegExp(`\\b${key}\\s*=\\s*(['"])(.*?)\\1`).exec(stripComments(text));
  return match?.[2] === undefined ? null : { value: match[2], line: lineAt(text, match.index) };
}

/** True when `key=` is passed at all (e.g. packages=find_packages()). */
export function hasKeyword(text: string, key: string): boolean {
  return new RegExp(`\\b${key}\\s*=`).test(stripComments(text));
}

/**
 * Strings of the list literal given as `key=[...]`, or of `NAME = [...]` when the argument
 * is a bare name. null when the value is computed (open(...), a function call…).
 */
export function keywordList(text: string, key: string): StringAt[] | null {
  const clean = stripComments(text);
  const match = new RegExp(`\\b${key}\\s*=\\s*([\\[(]|[A-Za-z_][\\w]*\\s*[,)\\n])`).exec(clean);
  if (!match?.[1]) return null;
  if (match[1] === "[" || match[1] === "(")
    return stringsFrom(clean, match.index + match[0].length - 1);
  const name = match[1].replace(/[\s,)]/g, "");
  const assignment = new RegExp(`^${name}\\s*=\\s*[\\[(]`, "m").exec(clean);
  return assignment ? stringsFrom(clean, assignment.index + assignment[0].length - 1) : null;
}

/** The `console_scripts` list inside `entry_points={...}`. */
export function consoleScripts(text: string): StringAt[] {
  const clean = stripComments(text);
  const match = /['"]console_scripts['"]\s*:\s*([[(])/.exec(clean);
  return match ? (stringsFrom(clean, match.index + match[0].length - 1) ?? []) : [];
}

/** Every string literal in the file, for spotting files setup.py reads (README, VERSION). */
export function allStrings(text: string): StringAt[] {
  return [...stripComments(text).matchAll(/(['"])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((match) => ({
    value: match[2] ?? "",
    line: lineAt(text, match.index),
  }));
}

/** String literals from the bracket at `open` to its matching close; null if not all literal. */
function stringsFrom(text: string, open: number): StringAt[] | null {
  const close = text[open] === "[" ? "]" : ")";
  const found: StringAt[] = [];
  const literal = /\s*(?:(['"])((?:\\.|(?!\1)[^\\\n])*)\1\s*,?)/y;
  let index = open + 1;
  for (;;) {
    literal.lastIndex = index;
    const match = literal.exec(text);
    if (match) {
      found.push({
        value: match[2] ?? "",
        line: lineAt(text, index + (match[0].length - match[0].trimStart().length)),
      });
      index = literal.lastIndex;
      continue;
    }
    const rest = /^\s*(.)/.exec(text.slice(index, index + 200));
    return rest?.[1] === close ? found : null;
  }
}

/** Blanks `# comments` (outside strings) while keeping offsets, so lines stay right. */
function stripComments(text: string): string {
  return text.replace(/(['"])(?:\\.|(?!\1)[^\\\n])*\1|#[^\n]*/g, (token) =>
    token.startsWith("#") ? " ".repeat(token.length) : token,
  );
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
