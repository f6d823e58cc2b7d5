/*
 * Finds the failing step in an engine's build log and the lines that belong to it. Two
 * formats: BuildKit's plain progress (`#8 [builder 3/6] RUN pip install …`, then `#8 ERROR:`)
 * and the legacy builder's (`Step 5/12 : RUN pip install …` followed by its output).
 */

export interface FailedStep {
  /** The instruction as the engine printed it, e.g. `[builder 3/6] RUN pip install -r …`. */
  readonly step: string;
  /** The step's own output lines (without BuildKit's `#N 1.23` prefix). */
  readonly output: readonly string[];
}

const BUILDKIT_HEADER = /^#(\d+) (\[[^\]]+\] .*)$/;
const BUILDKIT_ERROR = /^#(\d+) ERROR:/;
const LEGACY_STEP = /^Step (\d+\/\d+) : (.*)$/;

export function failedStep(lines: readonly string[]): FailedStep | null {
  return buildkitStep(lines) ?? legacyStep(lines);
}

function buildkitStep(lines: readonly string[]): FailedStep | null {
  const errorLine = [...lines].reverse().find((line) => BUILDKIT_ERROR.test(line));
  const id = errorLine ? BUILDKIT_ERROR.exec(errorLine)?.[1] : undefined;
  if (id === undefined) return null;
  const header = lines.map((line) => BUILDKIT_HEADER.exec(line)).find((m) => m?.[1] === id);
  const prefix = `#${id} `;
  const output = lines
    .filter((line) => line.startsWith(prefix) && !BUILDKIT_HEADER.test(line))
    .map((line) => line.slice(prefix.length).replace(/^\d+(\.\d+)? /, ""))
    .filter((line) => !/^(DONE|CACHED)\b|^sha256:[0-9a-f]+$/.test(line));
  return { step: header?.[2] ?? `#${id}`, output };
}

function legacyStep(lines: readonly string[]): FailedStep | null {
  let index = -1;
  lines.forEach((line, i) => {
    if (LEGACY_STEP.test(line)) index = i;
  });
  if (index < 0) return null;
  const match = LEGACY_STEP.exec(lines[index] ?? "");
  const output = lines.slice(index + 1).filter((line) => !/^ ---> /.test(line));
  return { step: `Step ${match?.[1]}: ${match?.[2]}`, output };
}

/** The last `count` non-empty lines. */
export function lastLines(lines: readonly string[], count: number): string[] {
  return lines.filter((line) => line.trim() !== "").slice(-count);
}
