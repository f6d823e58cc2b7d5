/*
 * The parsed Dockerfile as rules see it: stages in order, which stages reach the final
 * image, and each instruction with its exact range, flags, exec-form argv and the shell
 * commands it runs. Rules are pure functions of this model plus build-context facts.
 */
import type { Instruction } from "dockerfile-ast";
import type { TextEdit } from "../core/pipeline.js";
import type { Message, Params } from "../i18n/message.js";
import type { BuildContext } from "./build-context.js";
import type { ShellCommand } from "./shell-commands.js";

/** 0-based line and character, end exclusive (the LSP convention dockerfile-ast uses). */
export interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface InstructionModel {
  /** Upper-case keyword, e.g. RUN. */
  readonly keyword: string;
  readonly range: Range;
  /** Index of the stage it belongs to; -1 for ARGs before the first FROM. */
  readonly stage: number;
  /** Arguments with line continuations removed (flags excluded). */
  readonly args: string;
  readonly flags: ReadonlyMap<string, string | null>;
  /** The argv of an exec-form (JSON array) instruction, else null. */
  readonly exec: readonly string[] | null;
  /** Shell commands run by a RUN (shell form or heredoc script), CMD or ENTRYPOINT. */
  readonly commands: readonly ShellCommand[];
  readonly node: Instruction;
}

export interface StageModel {
  readonly index: number;
  /** `AS name`, lower-cased, or null. */
  readonly name: string | null;
  readonly from: InstructionModel;
  /** Image reference with global ARGs substituted, e.g. `python:3.12-slim`. */
  readonly image: string;
  /** Repository without registry and tag: `python`, `library/python` → `python`. */
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
  /** The stage this one builds FROM, or null for an external image. */
  readonly parent: number | null;
  readonly instructions: readonly InstructionModel[];
}

export interface DockerModel {
  readonly text: string;
  readonly lines: readonly string[];
  readonly escape: string;
  readonly directives: readonly {
    readonly name: string;
    readonly value: string;
    readonly line: number;
  }[];
  readonly stages: readonly StageModel[];
  readonly instructions: readonly InstructionModel[];
  /** The last stage: what `docker build` without --target produces. */
  readonly final: StageModel;
  /** The final stage and the stages it builds FROM, base first: all that ends up in the image. */
  readonly finalChain: readonly StageModel[];
}

/** A finding as a rule reports it; the engine adds file, severity and the message text. */
export interface RuleFinding {
  readonly code: string;
  readonly range: Range;
  /** Values for the `{placeholders}` of the rule's message (a phrase is a catalog message). */
  readonly vars?: Params;
  readonly fix?: {
    readonly safe: boolean;
    /** What the fix does: a catalog message, or literal Dockerfile text (`EXPOSE 8000`). */
    readonly description: string | Message;
    readonly edits: readonly TextEdit[];
  };
}

/** Instructions of the final image, in order (the chain's stages concatenated). */
export function finalInstructions(model: DockerModel): InstructionModel[] {
  return model.finalChain.flatMap((stage) => stage.instructions);
}

export function reachesFinal(model: DockerModel, stage: number): boolean {
  return model.finalChain.some((s) => s.index === stage);
}

/** Lines of the document between two positions (for edits that rewrite an instruction). */
export function textOf(model: DockerModel, range: Range): string {
  const { start, end } = range;
  if (start.line === end.line)
    return (model.lines[start.line] ?? "").slice(start.character, end.character);
  const first = (model.lines[start.line] ?? "").slice(start.character);
  const middle = model.lines.slice(start.line + 1, end.line);
  const last = (model.lines[end.line] ?? "").slice(0, end.character);
  return [first, ...middle, last].join("\n");
}

/** What a rule may read besides the model. */
export interface RuleContext {
  readonly build: BuildContext;
  /** "Today", for end-of-life dates (fixed in tests). */
  readonly now: Date;
}

/** A rule: a pure function of the parsed model and the build-context facts. */
export type Rule = (model: DockerModel, context: RuleContext) => RuleFinding[];
