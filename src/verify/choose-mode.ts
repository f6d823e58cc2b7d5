/*
 * Decides how to probe an image. Order matters: an explicit flag beats pyship's own label
 * (the user knows better), the label beats guessing, and guessing only says "web" when a
 * port is exposed — anything else is run and observed (exits → script, stays up → worker).
 */
import { PyshipError } from "../core/errors.js";
import type { VerifyMode, VerifyOptions } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { ImageFacts } from "./inspect-image.js";

export interface ProbePlan {
  /** "observe": no label or port says what it is; decided by watching the process. */
  readonly mode: VerifyMode | "observe";
  readonly port: number | null;
}

const KIND_LABEL = "io.pyship.kind";
const PORT_LABEL = "io.pyship.port";

export function chooseMode(facts: ImageFacts, options: VerifyOptions): ProbePlan {
  const port = options.port ?? labelPort(facts) ?? lowest(facts.exposedPorts);
  const mode = options.mode ?? labelMode(facts) ?? (options.port !== undefined ? "web" : null);
  if (mode === "web" || (mode === null && port !== null)) {
    if (port === null) {
      throw new PyshipError("E_USAGE", msg("verify.noPort"), {
        hint: msg("verify.noPort.hint"),
      });
    }
    return { mode: "web", port };
  }
  return { mode: mode ?? "observe", port: null };
}

function labelMode(facts: ImageFacts): VerifyMode | null {
  const kind = facts.labels[KIND_LABEL];
  return kind === "web" || kind === "worker" || kind === "script" ? kind : null;
}

function labelPort(facts: ImageFacts): number | null {
  const value = Number.parseInt(facts.labels[PORT_LABEL] ?? "", 10);
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** Several exposed ports: the lowest is usually the app (others are metrics, debug). */
function lowest(ports: readonly number[]): number | null {
  return ports.length === 0 ? null : Math.min(...ports);
}
