/*
 * Turns dockerfile-ast's tree into the DockerModel rules read: stages with resolved base
 * images and parents, and per instruction its flags, exec-form argv and shell commands.
 * Input validity (binary, empty, unknown instructions) is checked before, in check-input.ts.
 */
import { type Dockerfile, DockerfileParser, type Instruction } from "dockerfile-ast";
import type { DockerModel, InstructionModel, Range, StageModel } from "./model.js";
import { type ShellCommand, splitCommands, withoutRunner } from "./shell-commands.js";

export function buildModel(text: string): DockerModel {
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const globals = globalArgs(dockerfile);
  const instructions: InstructionModel[] = [];
  const stages: StageModel[] = [];
  let current: { from: InstructionModel; body: InstructionModel[] } | null = null;
  const closeStage = () => {
    if (current) stages.push(toStage(stages, current.from, current.body, globals));
  };
  for (const node of dockerfile.getInstructions()) {
    const isFrom = node.getKeyword() === "FROM";
    if (isFrom) closeStage();
    const model = toInstruction(node, lines, isFrom ? stages.length : current ? stages.length : -1);
    instructions.push(model);
    if (isFrom) current = { from: model, body: [model] };
    else current?.body.push(model);
  }
  closeStage();
  const final = stages[stages.length - 1];
  if (!final) throw new Error("buildModel needs a Dockerfile with a FROM (checked by checkInput)");
  return {
    text,
    lines,
    escape: dockerfile.getEscapeCharacter(),
    directives: dockerfile.getDirectives().map((d) => ({
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      line: d.getRange().start.line,
    })),
    stages,
    instructions,
    final,
    finalChain: chainOf(stages, final),
  };
}

function globalArgs(dockerfile: Dockerfile): Map<string, string> {
  const values = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) values.set(property.getName(), property.getValue() ?? "");
  }
  return values;
}

function toInstruction(
  node: Instruction,
  lines: readonly string[],
  stage: number,
): InstructionModel {
  const keyword = node.getKeyword();
  const args = withoutCommentLines(node, node.getArgumentsContent() ?? "", lines);
  const exec = execForm(keyword, args);
  return {
    keyword,
    range: node.getRange(),
    stage,
    args,
    flags: flagsOf(node),
    exec,
    commands: commandsOf(node, keyword, args, exec, lines),
    node,
  };
}

/**
 * Docker drops `# comment` lines inside a backslash-continued instruction before the shell
 * sees it; dockerfile-ast keeps them in the arguments, where the shell would read the rest
 * of the script as part of the comment. Rebuilt from the raw lines without them.
 */
function withoutCommentLines(node: Instruction, args: string, lines: readonly string[]): string {
  const range = node.getArgumentsRange();
  if (!range || !args.includes("#") || args.includes("<<")) return args;
  const raw = lines.slice(range.start.line, range.end.line + 1);
  if (!raw.slice(1).some((line) => line.trimStart().startsWith("#"))) return args;
  raw[raw.length - 1] = (raw.at(-1) ?? "").slice(0, range.end.character);
  raw[0] = (raw[0] ?? "").slice(range.start.character);
  return raw
    .filter((line, index) => index === 0 || !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\[ \t]*\n/g, "");
}

function flagsOf(node: Instruction): Map<string, string | null> {
  const flags = new Map<string, string | null>();
  const withFlags = node as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  for (const flag of withFlags.getFlags?.() ?? [])
    flags.set(flag.getName().toLowerCase(), flag.getValue());
  return flags;
}

/** Docker treats the arguments as exec form exactly when they are a JSON array of strings. */
function execForm(keyword: string, args: string): string[] | null {
  if (
    !["RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "COPY", "ADD", "VOLUME"].includes(keyword)
  )
    return null;
  const body = keyword === "HEALTHCHECK" ? args.replace(/^\s*CMD\s+/i, "") : args;
  if (!body.trim().startsWith("[")) return null;
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : null;
  } catch {
    return null;
  }
}

function commandsOf(
  node: Instruction,
  keyword: string,
  args: string,
  exec: readonly string[] | null,
  lines: readonly string[],
): ShellCommand[] {
  if (!["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK"].includes(keyword)) return [];
  if (exec) return execCommands(exec);
  const heredocs = keyword === "RUN" ? heredocBodies(node, lines) : [];
  if (heredocs.length > 0) return heredocs.flatMap((body) => splitCommands(body));
  const script = keyword === "HEALTHCHECK" ? args.replace(/^\s*CMD\s+/i, "") : args;
  if (keyword === "HEALTHCHECK" && script === args) return [];
  return splitCommands(script);
}

/** `["sh", "-c", "a && b"]` runs a script: look inside it. */
function execCommands(argv: readonly string[]): ShellCommand[] {
  const shell = /^(\/bin\/|\/usr\/bin\/)?(ba|da)?sh$/.test(argv[0] ?? "") && argv[1] === "-c";
  if (shell) return splitCommands(argv[2] ?? "");
  return [{ argv: withoutRunner(argv), assignments: new Map(), subshell: false, exec: true }];
}

function heredocBodies(node: Instruction, lines: readonly string[]): string[] {
  const run = node as Instruction & { getHeredocs?: () => { getContentRange(): Range | null }[] };
  return (run.getHeredocs?.() ?? []).flatMap((heredoc) => {
    const range = heredoc.getContentRange();
    return range ? [lines.slice(range.start.line, range.end.line + 1).join("\n")] : [];
  });
}

function toStage(
  previous: readonly StageModel[],
  from: InstructionModel,
  body: readonly InstructionModel[],
  globals: ReadonlyMap<string, string>,
): StageModel {
  const words = from.args.split(/\s+/).filter(Boolean);
  const image = substitute(words[0] ?? "", globals);
  const name = words[1]?.toLowerCase() === "as" ? (words[2]?.toLowerCase() ?? null) : null;
  const parent = previous.find(
    (stage) => stage.name !== null && stage.name === image.toLowerCase(),
  );
  return {
    index: previous.length,
    name,
    from,
    image,
    ...parseImage(image),
    parent: parent ? parent.index : null,
    instructions: body,
  };
}

function substitute(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?/g,
    (match, name: string, fallback) => {
      const found = vars.get(name);
      return found !== undefined && found !== "" ? found : (fallback ?? match);
    },
  );
}

/** `ghcr.io/org/python:3.12-slim@sha256:…` → repository `python`, tag, digest. */
export function parseImage(image: string): {
  repository: string;
  tag: string | null;
  digest: string | null;
} {
  const [withoutDigest = "", digest = null] = image.split("@");
  const lastSlash = withoutDigest.lastIndexOf("/");
  const last = withoutDigest.slice(lastSlash + 1);
  const colon = last.indexOf(":");
  return {
    repository: (colon >= 0 ? last.slice(0, colon) : last).toLowerCase(),
    tag: colon >= 0 ? last.slice(colon + 1) : null,
    digest,
  };
}

function chainOf(stages: readonly StageModel[], last: StageModel): StageModel[] {
  const chain: StageModel[] = [last];
  let parent = last.parent;
  while (parent !== null && !chain.some((stage) => stage.index === parent)) {
    const stage = stages[parent];
    if (!stage) break;
    chain.unshift(stage);
    parent = stage.parent;
  }
  return chain;
}
