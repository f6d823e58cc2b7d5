/*
 * A command for people to read, on one line. An argument with lines of its own (the Python
 * wrapper pyship runs some scripts through, `python -c "import atexit, …"`) shows its first
 * line and an ellipsis: the Dockerfile's CMD has it whole.
 */
export function commandText(argv: readonly string[]): string {
  return argv.map((arg) => (arg.includes("\n") ? `${arg.split("\n")[0]} …` : arg)).join(" ");
}
