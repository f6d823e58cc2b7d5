/*
 * Small formatters for Dockerfile instructions, so every generated file has the same
 * layout: a comment saying why, then the instruction, long RUNs split one command per line.
 */

/** A comment (one or more lines) followed by the instruction lines it explains. */
export function block(comment: string, ...instructions: string[]): string {
  const commentLines = comment.split("\n").map((line) => `# ${line}`);
  return [...commentLines, ...instructions].join("\n");
}

/**
 * RUN with `&&` between commands; cache mounts only when BuildKit is known to be there
 * (`mounts` are further BuildKit mounts, given only then too).
 */
export function run(
  commands: readonly string[],
  cacheMount = false,
  mounts: readonly string[] = [],
): string {
  const all = [...(cacheMount ? ["--mount=type=cache,target=/root/.cache"] : []), ...mounts];
  // One mount stays on the RUN line; several get a line each.
  const flags =
    all.length > 1 ? `${all.join(" \\\n    ")} \\\n    ` : all.map((m) => `${m} `).join("");
  return `RUN ${flags}${commands.join(" \\\n && ")}`;
}

export function env(assignments: readonly string[]): string {
  return `ENV ${assignments.join(" \\\n    ")}`;
}

/** COPY files into the same relative paths under WORKDIR, one COPY per directory. */
export function copyFiles(files: readonly string[], chown?: string): string[] {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const slash = file.lastIndexOf("/");
    const dir = slash === -1 ? "./" : file.slice(0, slash + 1);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  const flag = chown === undefined ? "" : `--chown=${chown} `;
  return [...byDir].map(([dir, group]) => {
    const words = [...group, dir];
    if (words.some((word) => /\s/.test(word))) return `COPY ${flag}${JSON.stringify(words)}`;
    return `COPY ${flag}${words.join(" ")}`;
  });
}

/** Exec form: a JSON array, so no shell sits between Docker and the process. */
export function execForm(argv: readonly string[]): string {
  return `[${argv.map((word) => JSON.stringify(word)).join(", ")}]`;
}
