/*
 * The project's own .dockerignore, when it lets version control, secrets, virtualenvs or
 * bytecode caches into the build context (astral's uv example lists only `.venv`: a clone
 * sends .git, whose config can hold the CI's token — actions/checkout keeps it there — and
 * verify fails the image). pyship never edits the user's file: its Dockerfile gets `Dockerfile.dockerignore`, the ignore file BuildKit and Podman read for
 * that Dockerfile instead of .dockerignore (tested on Docker 20.10 BuildKit and Podman 4.3):
 * the user's lines unchanged, then what they miss. The legacy builder reads only
 * .dockerignore, so the warning names the lines to add there too.
 */
import { ENV_TEMPLATES, ignoreRules } from "../core/dockerignore-rules.js";
import type { Plan, ProjectFacts } from "../core/pipeline.js";
import { msg, withText } from "../i18n/message.js";
import type { Notes } from "./notes.js";

/**
 * What must never reach an image — what `pyship verify`'s no-leaks check fails on
 * (src/verify/scan-files.ts) — each with a path that shows whether the user's patterns
 * already exclude it. VCS first (the commonest miss), then secrets, then virtualenvs and
 * bytecode caches; the order is the order of the lines added.
 */
const GUARDS: ReadonlyArray<readonly [pattern: string, probe: string]> = [
  [".git", ".git/config"],
  [".hg", ".hg/hgrc"],
  [".svn", ".svn/entries"],
  // In any folder: verify fails a .env wherever it is (a front end's web/.env, config/.env).
  ["**/.env", "web/.env"],
  ["**/.env.*", "web/.env.local"],
  ["**/*.pem", "certs/server.pem"],
  ["**/*.key", "certs/server.key"],
  ["**/id_rsa*", "id_rsa"],
  ["**/id_ed25519*", "id_ed25519"],
  [".netrc", ".netrc"],
  [".pypirc", ".pypirc"],
  [".venv", ".venv/pyvenv.cfg"],
  ["venv", "venv/pyvenv.cfg"],
  ["**/__pycache__", "app/__pycache__/main.cpython-313.pyc"],
];

export function planOwnDockerignore(
  facts: ProjectFacts,
  keep: readonly string[],
  notes: Notes,
): Plan["dockerignore"] {
  const text = facts.ownDockerignore;
  if (text === undefined) return { keep };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const matcher = ignoreRules(lines);
  const missing = GUARDS.filter(([, probe]) => !matcher.ignores(probe)).map(([p]) => p);
  if (missing.length === 0) return { keep };
  const added = ignoreRules([...lines, ...missing]);
  const exceptions = [...ENV_TEMPLATES, ...keep].filter(
    (path) => !matcher.ignores(path) && added.ignores(path),
  );
  const warning = withText(
    msg("warn.dockerignoreLeaks", { missing: missing.join(", "), file: "Dockerfile.dockerignore" }),
  );
  notes.warnings.push({ code: "W_DOCKERIGNORE_LEAKS", ...warning, file: ".dockerignore" });
  notes.evidence.push({
    file: ".dockerignore",
    line: null,
    why: warning.message,
    text: warning.text,
  });
  return { keep, own: { lines: trimEnd(lines), missing, exceptions } };
}

function trimEnd(lines: readonly string[]): string[] {
  const kept = [...lines];
  while (kept.length > 0 && kept.at(-1)?.trim() === "") kept.pop();
  return kept;
}
