/*
 * A failed build's log → one PyshipError: the failing step, its last lines, the full log's
 * path, and the code and hint of the first known failure (engine fault, missing base image,
 * missing C header, unreachable index), or plain E_BUILD_FAILED when nothing is recognized.
 */
import { PyshipError } from "../core/errors.js";
import { type Message, msg } from "../i18n/message.js";
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
  const cause =
    fault?.text ??
    known?.causeText ??
    msg("build.d.exited", { client: engine.client, code: exitCode });
  const tail = lastLines(step && step.output.length > 0 ? step.output : lines, TAIL_LINES);
  const quoted = tail.map((line) => `  │ ${line}`).join("\n");
  const details =
    tail.length > 0
      ? msg("build.d.details", { lines: quoted, log: logFile })
      : msg("build.d.fullLog", { log: logFile });
  return new PyshipError(
    fault?.code ?? known?.code ?? "E_BUILD_FAILED",
    step
      ? msg("build.d.failedAt", { step: shorten(step.step), cause })
      : msg("build.d.failed", { cause }),
    {
      file: "Dockerfile",
      details,
      hint:
        fault?.hintText ??
        (known && hintFor(known, generated)) ??
        msg("build.d.readLog", { log: logFile }),
    },
  );
}

/** [tool.pyship.apt] only helps when pyship writes the Dockerfile; a user's needs apt-get. */
function hintFor(known: KnownFailure, generated: boolean): Message {
  if (generated || !known.packages) return known.hintText;
  const { build, runtime } = known.packages;
  const also = runtime.length > 0 ? msg("build.d.aptAlso", { packages: runtime.join(" ") }) : "";
  return msg("build.d.aptInDockerfile", { build: build.join(" "), also });
}

/** Long RUN lines make the one-line message unreadable; the log has them whole. */
function shorten(step: string): string {
  const flat = step.replace(/\s+/g, " ");
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}
