/*
 * How the container's process behaves: what kind of image it is (for verify), which signal
 * stops it, and what HEALTHCHECK probes.
 */
import type { Plan } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import { byDefault, type Notes } from "./notes.js";
import type { CommandChoice } from "./plan-command.js";
import { serverFor } from "./servers.js";

export interface ProcessPlan {
  readonly kind: Plan["kind"];
  readonly stopSignal: Plan["stopSignal"];
  readonly healthcheck: Plan["healthcheck"];
}

export function planProcess(choice: CommandChoice, notes: Notes): ProcessPlan {
  return {
    kind: kindOf(choice, notes),
    stopSignal: stopSignalOf(choice, notes),
    healthcheck: healthcheckOf(choice),
  };
}

/**
 * A port makes it web. Console scripts are CLIs that run to completion; a plain script is
 * what its code says (a loop keeps running, anything else is a job that exits), whoever
 * names it (a Procfile `web: python main.py` that prints and exits is still a job); celery
 * and anything unknown are kept running.
 */
function kindOf({ port, candidate, commandSource }: CommandChoice, notes: Notes): Plan["kind"] {
  if (port !== null) return "web";
  if (commandSource === "detected" && candidate?.kind === "console-script") {
    notes.evidence.push(byDefault(msg("ev.kind.consoleScript")));
    return "script";
  }
  if (candidate?.kind === "script" && candidate.runs) {
    const kind = candidate.runs.until === "done" ? "script" : "worker";
    notes.evidence.push({
      ...candidate.runs.evidence,
      ...because(
        msg("ev.kind", { kind, why: candidate.runs.evidence.text ?? candidate.runs.evidence.why }),
      ),
    });
    return kind;
  }
  notes.evidence.push(byDefault(msg("ev.kind.worker")));
  return "worker";
}

/**
 * Python as PID 1 has no SIGTERM handler, so `docker stop` would wait 10 s and kill it;
 * SIGINT raises KeyboardInterrupt and exits at once. Known servers handle SIGTERM themselves.
 */
function stopSignalOf({ process }: CommandChoice, notes: Notes): Plan["stopSignal"] {
  if (serverFor(process)?.handlesSigterm) return null;
  notes.evidence.push(byDefault(msg("ev.stopSignal", { program: process[0] ?? "" })));
  return "SIGINT";
}

function healthcheckOf({ port, process, candidate }: CommandChoice): Plan["healthcheck"] {
  if (port === null) return null;
  const streamlit = process[0] === "streamlit" || candidate?.kind === "streamlit";
  return { path: streamlit ? "/_stcore/health" : "/" };
}
