/*
 * Terminal columns of a string, for tables and aligned headings: East Asian Wide and
 * Fullwidth characters (汉字, ，（）) take two columns, combining marks and ANSI colour codes
 * none. fast-string-width reads Unicode's tables (also @clack/prompts' measure), so CJK
 * headings line up without a hand-kept list of ranges.
 */
import stringWidth from "fast-string-width";

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces to `columns` terminal columns (never cut). */
export function padDisplay(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
}
