/*
 * Line numbers in a file's text, for evidence: the first line a pattern matches. Shared by the
 * readers of files that are not Python (a PasteDeploy ini, an example environment).
 */

/** The 1-based line of the first line matching `pattern`, or null. */
export function lineOf(text: string, pattern: RegExp): number | null {
  const index = text.split("\n").findIndex((line) => pattern.test(line));
  return index === -1 ? null : index + 1;
}
