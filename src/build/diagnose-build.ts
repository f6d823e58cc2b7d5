/*
 * A failed build's log → one PyshipError: the failing step, its last lines, the full log's
 * path, and the code and hint of the first known failure (engine fault, missing base image,
 * missing C header, unreachable index), or plain E_BUILD_FAILED when nothing is recognized.
 */
import { PyshipError } from "../core/errors.js";
import type { Engine } from "./engine.js";
import { engineFault } from "./engine-fault.js";
import { type KnownFailure, knownFailure } from "./known-failures.js";
import { failedStep, lastLines } from "./read-build-log.js";

export const TAIL_LINES = 15;

export function diagnoseBuild(
  engine: Engine,
  lines: readonly string[],
  exitCode: number,
  logFile: string,
  generated = true,
): PyshipError {
  const text = lines.join("\n");
  const fault = engineFault(engine.client, text);
  const known = fault ? null : knownFailure(text);
  const step = failedStep(lines);
  const where = step ? ` at ${shorten(step.step)}` : "";
  const cause = fault?.message ?? known?.cause ?? `${engine.client} exited with code ${exitCode}`;
  const tail = lastLines(step && step.output.length > 0 ? step.output : lines, TAIL_LINES);
  const details = [...tail.map((line) => `  │ ${line}`), `  full log: ${logFile}`].join("\n");
  return new PyshipError(
    fault?.code ?? known?.code ?? "E_BUILD_FAILED",
    `build failed${where}: ${cause}`,
    {
      file: "Dockerfile",
      details,
      ...(fault || !known?.hintKey ? {} : { hintKey: known.hintKey }),
      hint:
        fault?.hint ??
        (known && hintFor(known, generated)) ??
        `read the full log (${logFile}) for the first error`,
    },
  );
}

/** [tool.pyship.apt] only helps when pyship writes the Dockerfile; a user's needs apt-get. */
function hintFor(known: KnownFailure, generated: boolean): string {
  if (generated || !known.packages) return known.hint;
  const { build, runtime } = known.packages;
  const also = runtime.length > 0 ? ` (and ${runtime.join(" ")} in the final stage)` : "";
  return `install the system packages before pip in your Dockerfile: RUN apt-get update && apt-get install -y --no-install-recommends ${build.join(" ")}${also}`;
}

/** Long RUN lines make the one-line message unreadable; the log has them whole. */
function shorten(step: string): string {
  const flat = step.replace(/\s+/g, " ");
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}
