/*
 * Decides whether bytes are a Dockerfile worth linting. dockerfile-ast accepts anything, so
 * the errors `docker build` would stop on (binary data, no instructions, an unknown
 * instruction, no FROM, an instruction without arguments) are caught here, as one
 * E_LINT_INPUT error naming the file and line.
 */
import { DockerfileParser } from "dockerfile-ast";
import { PyshipError } from "../core/errors.js";
import { type Message, msg } from "../i18n/message.js";

const KEYWORDS = new Set([
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);

/** Returns the text when it can be linted; throws E_LINT_INPUT otherwise. */
export function checkInput(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) throw inputError(file, msg("lintInput.binary"), undefined);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/, "");
  if ((text.match(/\uFFFD/g)?.length ?? 0) > 8)
    throw inputError(file, msg("lintInput.notUtf8"), undefined);
  checkText(text, file);
  return text;
}

export function checkText(text: string, file: string): void {
  const instructions = DockerfileParser.parse(text).getInstructions();
  if (instructions.length === 0) {
    throw inputError(file, msg("lintInput.empty"), undefined, msg("lintInput.empty.hint"));
  }
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    if (!KEYWORDS.has(keyword)) {
      throw inputError(
        file,
        msg("lintInput.unknownInstruction", { instruction: instruction.getInstruction() }),
        line,
      );
    }
    if ((instruction.getArgumentsContent() ?? "").trim() === "") {
      throw inputError(file, msg("lintInput.noArgument", { keyword }), line);
    }
  }
  const first = instructions.find((instruction) => instruction.getKeyword() !== "ARG");
  if (first?.getKeyword() !== "FROM") {
    const line = (first ?? instructions[0])?.getRange().start.line;
    throw inputError(file, msg("lintInput.fromFirst"), (line ?? 0) + 1);
  }
}

function inputError(
  file: string,
  message: Message,
  line: number | undefined,
  hint?: Message,
): PyshipError {
  return new PyshipError("E_LINT_INPUT", message, {
    file,
    ...(line === undefined ? {} : { line }),
    hint: hint ?? msg("lintInput.hint"),
  });
}
