/*
 * `-e .` (or `.`) in a requirements file installs the project itself, which the dependency
 * layer cannot: it runs before the code is copied (uv: "`/app` does not appear to be a
 * Python project"; pip the same). The layer's copy of that file loses the line, the
 * project's own install_requires are installed beside it, and the project itself follows
 * the code (render-dockerfile.ts's code layer). The pattern, not the line number, picks the
 * line: a number would go stale when the file changes and the Dockerfile does not.
 */
import type { Plan } from "../core/pipeline.js";

/** `-e .`, `-e.`, `--editable=.`, `.`, `./`, with a comment after or not. */
const SELF_LINE = String.raw`/^[[:space:]]*((-e|--editable)([[:space:]]+|=)?)?\.\/?[[:space:]]*(#.*)?$/d`;

/** The command that takes the line out of the layer's copy, or none. */
function withoutSelfLine(plan: Plan): string[] {
  const self = plan.install.selfLine;
  return self === undefined ? [] : [`sed -i -E '${SELF_LINE}' ${self.file}`];
}

/**
 * A Windows-only distribution's line (plan/windows-only.ts), by its name in any spelling
 * (`Twisted_IOCPSupport==1.0.2`) and case: GNU sed's `I` in the builder. One command per file.
 */
function withoutWindowsOnly(plan: Plan): string[] {
  const byFile = new Map<string, string[]>();
  for (const { name, file } of plan.install.windowsOnly ?? []) {
    byFile.set(file, [...(byFile.get(file) ?? []), name.replaceAll("-", "[-_.]")]);
  }
  return [...byFile].map(([file, names]) => {
    const line = `/^[[:space:]]*(${names.join("|")})[[:space:]]*([=<>!~[]|$)/Id`;
    return `sed -i -E '${line}' ${file}`;
  });
}

/** What the dependency layer's copy of the requirements files loses before the install. */
export function requirementsEdits(plan: Plan): string[] {
  return [...withoutSelfLine(plan), ...withoutWindowsOnly(plan)];
}

/**
 * Whether the project's own install after the code brings its dependencies: only when `-e .`
 * asked for them and setup.py computes them, so pyship could not install them before.
 */
export function installsWithDependencies(plan: Plan): boolean {
  const { selfLine, projectRequirements } = plan.install;
  return selfLine !== undefined && projectRequirements === undefined;
}
