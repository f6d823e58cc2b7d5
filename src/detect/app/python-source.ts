/*
 * A line-level reader of Python source that needs no Python interpreter: it turns text into
 * logical statements (comments dropped, bracketed and backslash continuations joined, `;`
 * split) and masks every string literal, so that code quoted in a docstring, comment or
 * string can never look like a statement. Detectors match small regexes on the result.
 */

export interface Statement {
  /** 1-based line where the statement starts. */
  readonly line: number;
  /** Width of the leading whitespace of its first line; 0 means module level. */
  readonly indent: number;
  /**
   * The code on one line: comments removed, continuations joined by a space, and every
   * string literal replaced by `"N"` where N indexes `strings` (prefixes like f/r stay).
   */
  readonly code: string;
  /** Contents of the string literals, escapes left as written. */
  readonly strings: readonly string[];
}

const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);
/** Characters with no special meaning to the scanner, consumed as one run. */
const ORDINARY = /[^#\n\\"';()[\]{}\r]+/y;
/** What ends or escapes a string literal, by quote length and character. */
const STRING_STOPS: Record<string, RegExp> = {
  "1'": /\\|'|\n/g,
  '1"': /\\|"|\n/g,
  "3'": /\\|'''|\n/g,
  '3"': /\\|"""|\n/g,
};

class Scanner {
  private i = 0;
  private lineNo = 1;
  private depth = 0;
  private code = "";
  private strings: string[] = [];
  private start = 0;
  private indent = 0;
  private joined = false;
  readonly out: Statement[] = [];

  constructor(private readonly text: string) {}

  run(): Statement[] {
    while (this.i < this.text.length) this.logicalLine();
    return this.out;
  }

  /** Reads indentation, then one logical line (or a blank/comment-only line). */
  private logicalLine(): void {
    let width = 0;
    while (this.i < this.text.length && " \t\f\r".includes(this.text[this.i] as string)) {
      width += 1;
      this.i += 1;
    }
    const ch = this.text[this.i];
    if (ch === undefined) return;
    if (ch === "\n" || ch === "#") {
      this.skipComment();
      this.newline();
      return;
    }
    this.begin(width);
    this.body();
  }

  private begin(indent: number): void {
    this.start = this.lineNo;
    this.indent = indent;
    this.code = "";
    this.strings = [];
    this.depth = 0;
  }

  private emit(): void {
    // Only joined lines and tabs need whitespace collapsed; most statements are one line.
    const raw =
      this.joined || this.code.includes("\t") ? this.code.replace(/\s+/g, " ") : this.code;
    const code = raw.trim();
    this.joined = false;
    if (code) {
      this.out.push({ line: this.start, indent: this.indent, code, strings: this.strings });
    }
    this.code = "";
    this.strings = [];
  }

  /** Consumes characters up to and including the newline that ends the logical line. */
  private body(): void {
    while (this.i < this.text.length) {
      const ch = this.text[this.i] as string;
      if (ch === "#") this.skipComment();
      else if (ch === "\n" && this.depth === 0) {
        this.emit();
        this.newline();
        return;
      } else if (ch === "\n") this.joinLine(1);
      else if (ch === "\\" && this.text.startsWith("\n", this.i + 1)) this.joinLine(2);
      else if (ch === "\\" && this.text.startsWith("\r\n", this.i + 1)) this.joinLine(3);
      else if (ch === '"' || ch === "'") this.stringLiteral(ch);
      else if (ch === ";" && this.depth === 0) {
        this.emit();
        this.start = this.lineNo;
        this.i += 1;
      } else this.plain(ch);
    }
    this.emit();
  }

  /** A bracket, a stray `\r`, or a run of ordinary characters (appended in one slice). */
  private plain(ch: string): void {
    if (OPEN.has(ch)) this.depth += 1;
    else if (CLOSE.has(ch)) this.depth = Math.max(0, this.depth - 1);
    ORDINARY.lastIndex = this.i;
    const run = OPEN.has(ch) || CLOSE.has(ch) ? null : ORDINARY.exec(this.text);
    if (ch !== "\r") this.code += run ? run[0] : ch;
    this.i = run ? ORDINARY.lastIndex : this.i + 1;
  }

  private joinLine(length: number): void {
    this.code += " ";
    this.joined = true;
    this.i += length;
    this.lineNo += 1;
  }

  private newline(): void {
    if (this.text[this.i] === "\n") {
      this.i += 1;
      this.lineNo += 1;
    }
  }

  private skipComment(): void {
    const end = this.text.indexOf("\n", this.i);
    this.i = end === -1 ? this.text.length : end;
  }

  /** Reads one string literal; a single-quoted one ends at an unescaped newline. */
  private stringLiteral(quote: string): void {
    const triple = this.text.startsWith(quote.repeat(3), this.i);
    const from = this.i + (triple ? 3 : 1);
    const stop = STRING_STOPS[`${triple ? 3 : 1}${quote}`] as RegExp;
    stop.lastIndex = from;
    let end = this.text.length;
    let closed = false;
    for (let m = stop.exec(this.text); m; m = stop.exec(this.text)) {
      if (m[0] === "\\") {
        if (this.text[m.index + 1] === "\n") this.lineNo += 1;
        stop.lastIndex = m.index + 2;
      } else if (m[0] === "\n" && triple) this.lineNo += 1;
      else {
        end = m.index;
        closed = m[0] !== "\n";
        break;
      }
    }
    this.i = closed ? end + (triple ? 3 : 1) : end;
    this.code += `"${this.strings.length}"`;
    this.strings.push(this.text.slice(from, end));
  }
}

/** Splits Python source into logical statements (see Statement). Never throws. */
export function scanPython(text: string): Statement[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return new Scanner(source).run();
}

/** The contents of a masked string literal `"N"` in a statement, or undefined. */
export function literal(statement: Statement, token: string | undefined): string | undefined {
  const match = token === undefined ? null : /^"(\d+)"$/.exec(token.trim());
  return match ? statement.strings[Number(match[1])] : undefined;
}

/** The statement as readable code, string literals put back (for evidence). */
export function display(statement: Statement): string {
  return statement.code.replace(/"(\d+)"/g, (_, index) =>
    JSON.stringify(statement.strings[Number(index)] ?? ""),
  );
}

/** Statements of a module-level `def`/`class` body: those after it until the next column-0 one. */
export function blockBody(statements: readonly Statement[], index: number): Statement[] {
  const body: Statement[] = [];
  for (let k = index + 1; k < statements.length; k += 1) {
    const statement = statements[k] as Statement;
    if (statement.indent === 0) break;
    body.push(statement);
  }
  return body;
}
