/*
 * Picks the one entrypoint the image runs from the detected candidates, in detection's order
 * (web apps outrank workers, which outrank programs). Several web apps of exactly the same
 * rank are a question only the user can answer (--app or [tool.pyship] command).
 */
import { PyshipError } from "../core/errors.js";
import type { EntrypointCandidate } from "../core/pipeline.js";
import { compareRank, leadingEntrypoints } from "../detect/app/rank-entrypoints.js";
import { because, msg } from "../i18n/message.js";
import type { Notes } from "./notes.js";

/** Kinds that serve HTTP: the plan gives them a port, and only their ties are asked about. */
export const WEB_KINDS: ReadonlySet<EntrypointCandidate["kind"]> = new Set([
  "wsgi",
  "asgi",
  "streamlit",
  "panel",
  "shiny",
  "server-script",
  "server-console-script",
]);

/**
 * The candidates a user must choose between, or [] when the choice is clear. Detection
 * already sorted them best first (src/detect/app/rank-entrypoints.ts); only web apps that
 * tie on every ranking criterion are a question, because serving the wrong app is worse than
 * asking. Tied scripts or workers keep detection's order.
 */
export function ambiguousCandidates(
  candidates: readonly EntrypointCandidate[],
): EntrypointCandidate[] {
  const leading = leadingEntrypoints(bestFirst(candidates));
  const first = leading[0];
  if (first === undefined || leading.length < 2 || !WEB_KINDS.has(first.kind)) return [];
  // Django ships wsgi.py and asgi.py for the same site: one project, not two apps.
  const frameworks = new Set(leading.map((candidate) => candidate.framework));
  if (frameworks.size === 1 && frameworks.has("django")) return [];
  return [...leading];
}

/**
 * Detection returns candidates sorted; a stable re-sort by rank keeps the plan correct for
 * any caller without disturbing detection's order among equals.
 */
function bestFirst(candidates: readonly EntrypointCandidate[]): EntrypointCandidate[] {
  return [...candidates].sort(compareRank);
}

export function chooseEntrypoint(
  candidates: readonly EntrypointCandidate[],
  app: string | undefined,
  notes: Notes,
): EntrypointCandidate {
  if (app !== undefined) return pickNamed(candidates, app, notes);
  const tied = ambiguousCandidates(candidates);
  if (tied.length > 0) throw ambiguous(tied);
  const chosen = bestFirst(candidates)[0];
  if (chosen === undefined) throw noEntrypoint();
  notes.evidence.push({
    ...chosen.evidence,
    ...because(
      msg("ev.entrypoint", { app: chosen.app, why: chosen.evidence.text ?? chosen.evidence.why }),
    ),
  });
  for (const other of candidates.filter((candidate) => candidate !== chosen)) {
    notes.evidence.push({
      ...other.evidence,
      ...because(
        msg("ev.entrypoint.notChosen", { app: other.app, kind: other.kind, chosen: chosen.app }),
      ),
    });
  }
  return chosen;
}

/** `--app` names a candidate by its target (`shop:create_app()`) or its file (`admin.py`). */
function pickNamed(
  candidates: readonly EntrypointCandidate[],
  app: string,
  notes: Notes,
): EntrypointCandidate {
  const wanted = app.trim();
  const chosen =
    candidates.find((candidate) => candidate.app === wanted) ??
    candidates.find((candidate) => candidate.evidence.file === wanted);
  if (chosen === undefined) {
    const known = candidates.map((candidate) => candidate.app).join(", ") || "none";
    throw new PyshipError("E_USAGE", msg("entry.unknownApp", { app: wanted, known }), {
      hint: msg("entry.unknownApp.hint"),
    });
  }
  notes.evidence.push({
    ...chosen.evidence,
    ...because(msg("ev.entrypoint.flag", { app: chosen.app })),
  });
  return chosen;
}

function ambiguous(tied: readonly EntrypointCandidate[]): PyshipError {
  const listed = tied.map(
    (c) => `${c.app} (${c.framework}, ${c.evidence.file}:${c.evidence.line ?? 1})`,
  );
  const example = tied[0]?.app ?? "module:app";
  return new PyshipError(
    "E_AMBIGUOUS_ENTRYPOINT",
    msg("entry.ambiguous", { apps: listed.join(", ") }),
    {
      hint: msg("entry.ambiguous.hint", { example }),
    },
  );
}

function noEntrypoint(): PyshipError {
  return new PyshipError("E_NO_ENTRYPOINT", msg("entry.none"), {
    hint: msg("entry.none.hint"),
  });
}
