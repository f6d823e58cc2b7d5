/*
 * Small helpers every rule family shares: the environment an instruction sees, the stage
 * chain, and building text edits on exact document positions (the parser has no printer,
 * so fixes are edits located by searching the instruction's own text).
 */
import type { TextEdit } from "../core/pipeline.js";
import type { DockerModel, InstructionModel, Range, StageModel } from "./model.js";
import type { ShellCommand } from "./shell-commands.js";

type Position = Range["start"];

/** The stage and every stage it builds FROM, base first. */
export function stageChain(model: DockerModel, index: number): StageModel[] {
  const chain: StageModel[] = [];
  let current: number | null = index;
  while (current !== null && current >= 0 && !chain.some((stage) => stage.index === current)) {
    const stage: StageModel | undefined = model.stages[current];
    if (!stage) break;
    chain.unshift(stage);
    current = stage.parent;
  }
  return chain;
}

/** ENV values visible to an instruction (its stage chain, up to the instruction). */
export function envAt(model: DockerModel, instruction: InstructionModel): Map<string, string> {
  const env = new Map<string, string>();
  for (const stage of stageChain(model, instruction.stage)) {
    for (const item of stage.instructions) {
      if (item.stage === instruction.stage && item.range.start.line >= instruction.range.start.line)
        break;
      if (item.keyword !== "ENV") continue;
      for (const property of propertiesOf(item)) env.set(property.name, property.value);
    }
  }
  return env;
}

export function propertiesOf(
  instruction: InstructionModel,
): { name: string; value: string; range: Range }[] {
  const node = instruction.node as unknown as {
    getProperties?: () => { getName(): string; getValue(): string | null; getRange(): Range }[];
    getProperty?: () => { getName(): string; getValue(): string | null; getRange(): Range } | null;
  };
  const properties = node.getProperties?.() ?? [node.getProperty?.()].filter((p) => p != null);
  return properties.map((p) => ({
    name: p.getName(),
    value: p.getValue() ?? "",
    range: p.getRange(),
  }));
}

/** The Docker official `python` image (any registry mirror or namespace of it). */
/** The sources of a COPY/ADD (every word but the destination); none for a heredoc. */
export function copySources(instruction: InstructionModel): string[] {
  if (instruction.args.includes("<<")) return [];
  const words = instruction.exec ?? instruction.args.split(/\s+/).filter(Boolean);
  return words.slice(0, -1);
}

export function isPythonImage(stage: StageModel): boolean {
  return stage.repository === "python";
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r?\n/g)) starts.push((match.index ?? 0) + match[0].length);
  return starts;
}

const starts = new WeakMap<DockerModel, number[]>();

export function offsetOf(model: DockerModel, position: Position): number {
  let table = starts.get(model);
  if (!table) {
    table = lineStarts(model.text);
    starts.set(model, table);
  }
  return (table[position.line] ?? model.text.length) + position.character;
}

export function positionOf(model: DockerModel, offset: number): Position {
  const before = model.text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line, character: before.slice(lineStart).replace(/\r$/, "").length };
}

/** Ranges of every match of `pattern` (global) inside an instruction's text. */
export function matchRanges(
  model: DockerModel,
  instruction: InstructionModel,
  pattern: RegExp,
): Range[] {
  const base = offsetOf(model, instruction.range.start);
  const text = model.text.slice(base, offsetOf(model, instruction.range.end));
  return [...text.matchAll(pattern)].map((match) => ({
    start: positionOf(model, base + (match.index ?? 0)),
    end: positionOf(model, base + (match.index ?? 0) + match[0].length),
  }));
}

export function insertAt(position: Position, newText: string): TextEdit {
  return { start: position, end: position, newText };
}

export function replaceRange(range: Range, newText: string): TextEdit {
  return { start: range.start, end: range.end, newText };
}

/** The separator between words of a continued line, written the file's way. */
export function continuation(model: DockerModel): string {
  return ` ${model.escape}\n    `;
}

/** An edit that adds a whole line after `line` (also when it is the last line of the file). */
export function insertLineAfter(model: DockerModel, line: number, text: string): TextEdit {
  if (line + 1 < model.lines.length) return insertAt({ line: line + 1, character: 0 }, `${text}\n`);
  return insertAt({ line, character: (model.lines[line] ?? "").length }, `\n${text}`);
}

/** The effective CMD and ENTRYPOINT of the final image (last ones in the final chain). */
export function effectiveCommands(model: DockerModel): {
  cmd?: InstructionModel;
  entrypoint?: InstructionModel;
} {
  const all = model.finalChain.flatMap((stage) => stage.instructions);
  return {
    cmd: all.filter((i) => i.keyword === "CMD").at(-1),
    entrypoint: all.filter((i) => i.keyword === "ENTRYPOINT").at(-1),
  };
}

/**
 * The commands the container starts: ENTRYPOINT + CMD as one argv, and CMD on its own too
 * (behind a wrapper entrypoint script, CMD is the real program).
 */
export function startCommands(model: DockerModel): ShellCommand[] {
  const { cmd, entrypoint } = effectiveCommands(model);
  if (!entrypoint) return cmd ? [...cmd.commands] : [];
  if (!entrypoint.exec) return [...entrypoint.commands];
  if (!cmd) return [...entrypoint.commands];
  const joined = {
    ...(entrypoint.commands[0] ?? emptyCommand),
    argv: [...entrypoint.exec, ...(cmd.exec ?? [])],
  };
  return [joined, ...cmd.commands];
}

const emptyCommand: ShellCommand = {
  argv: [],
  assignments: new Map(),
  subshell: false,
  exec: true,
};

/**
 * Targets of the BuildKit cache mounts of a RUN (`--mount=type=cache,target="/var/cache/apt"`),
 * read from the instruction text because the parsed flags keep only one `--mount`. Keys may
 * come in any order, values may be quoted, and `dst`/`destination` mean `target`.
 */
export function cacheMountTargets(model: DockerModel, instruction: InstructionModel): string[] {
  const text = offsetText(model, instruction);
  return [...text.matchAll(/--mount=(\S+)/g)].flatMap((match) => {
    const options = new Map(
      (match[1] ?? "").split(",").map((pair) => {
        const [key = "", ...value] = pair.split("=");
        return [key.toLowerCase(), value.join("=").replace(/^["']|["']$/g, "")] as const;
      }),
    );
    if (options.get("type") !== "cache") return [];
    return [options.get("target") ?? options.get("dst") ?? options.get("destination") ?? ""];
  });
}

function offsetText(model: DockerModel, instruction: InstructionModel): string {
  return model.text.slice(
    offsetOf(model, instruction.range.start),
    offsetOf(model, instruction.range.end),
  );
}
