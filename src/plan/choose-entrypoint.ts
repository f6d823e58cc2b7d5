/*
 * Picks the one entrypoint the image runs from the detected candidates. Web apps outrank
 * workers, which outrank programs: an image is usually built to serve. Several web apps of
 * the same rank are a question only the user can answer (--app or [tool.pyship] command).
 */
import { PyshipError } from "../core/errors.js";
import type { EntrypointCandidate } from "../core/pipeline.js";
import type { Notes } from "./notes.js";

const RANK: Readonly<Record<EntrypointCandidate["kind"], number>> = {
  wsgi: 0,
  asgi: 0,
  streamlit: 0,
  celery: 1,
  "console-script": 2,
  script: 3,
};

const WEB_RANK = 0;

/** The candidates a user must choose between, or [] when the choice is clear. */
export function ambiguousCandidates(
  candidates: readonly EntrypointCandidate[],
): EntrypointCandidate[] {
  if (candidates.length === 0) return [];
  const best = Math.min(...candidates.map((candidate) => RANK[candidate.kind]));
  const tied = candidates.filter((candidate) => RANK[candidate.kind] === best);
  // Django ships wsgi.py and asgi.py for the same site: one project, not two apps.
  const frameworks = new Set(tied.map((candidate) => candidate.framework));
  if (best !== WEB_RANK || tied.length < 2 || (frameworks.size === 1 && frameworks.has("django"))) {
    return [];
  }
  return tied;
}

export function chooseEntrypoint(
  candidates: readonly EntrypointCandidate[],
  app: string | undefined,
  notes: Notes,
): EntrypointCandidate {
  if (app !== undefined) return pickNamed(candidates, app, notes);
  const tied = ambiguousCandidates(candidates);
  if (tied.length > 0) throw ambiguous(tied);
  const best = Math.min(...candidates.map((candidate) => RANK[candidate.kind]));
  const chosen = candidates.find((candidate) => RANK[candidate.kind] === best);
  if (chosen === undefined) throw noEntrypoint();
  notes.evidence.push({
    ...chosen.evidence,
    why: `entrypoint ${chosen.app}: ${chosen.evidence.why}`,
  });
  for (const other of candidates.filter((candidate) => candidate !== chosen)) {
    notes.evidence.push({
      ...other.evidence,
      why: `not chosen: ${other.app} (${other.kind}) ranks below ${chosen.app}`,
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
    throw new PyshipError(
      "E_USAGE",
      `--app ${wanted} is not one of the detected entrypoints (${known})`,
      {
        hint: "pass one of those, or set `command` under [tool.pyship] in pyproject.toml to run anything else",
      },
    );
  }
  notes.evidence.push({ ...chosen.evidence, why: `entrypoint ${chosen.app} chosen with --app` });
  return chosen;
}

function ambiguous(tied: readonly EntrypointCandidate[]): PyshipError {
  const listed = tied.map(
    (c) => `${c.app} (${c.framework}, ${c.evidence.file}:${c.evidence.line ?? 1})`,
  );
  const example = tied[0]?.app ?? "module:app";
  return new PyshipError("E_AMBIGUOUS_ENTRYPOINT", `several web apps found: ${listed.join(", ")}`, {
    hint: `choose one with --app '${example}', or set command = [...] under [tool.pyship] in pyproject.toml`,
  });
}

function noEntrypoint(): PyshipError {
  return new PyshipError("E_NO_ENTRYPOINT", "found no app, worker or script to run", {
    hint: "add a Procfile with `web: <command>`, set command = [...] under [tool.pyship] in pyproject.toml, or add a main.py / app.py",
  });
}
