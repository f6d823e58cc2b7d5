/*
 * The framework the app is written for, when the project's manifest does not list it: a demo
 * folder of a monorepo (gradio's demo/sepia_filter lists numpy only; gradio comes from the
 * repository around it), or a requirements file that forgot it. The image would die with
 * `No module named 'gradio'`; as with the server pyship adds for the command (W_SERVER_ADDED),
 * the framework's distribution is installed and a warning says so, with the file to add it to.
 * Locks are left alone: they pin the whole set, and an unpinned addition would break that.
 */
import type { EntrypointCandidate, Framework, ProjectFacts } from "../core/pipeline.js";
import { msg, withText } from "../i18n/message.js";
import type { Notes } from "./notes.js";

/** Framework → its PyPI distribution (PEP 503 normalized). Script and unknown have none. */
const DISTRIBUTION: Partial<Readonly<Record<Framework, string>>> = {
  flask: "flask",
  fastapi: "fastapi",
  starlette: "starlette",
  django: "django",
  streamlit: "streamlit",
  celery: "celery",
  quart: "quart",
  sanic: "sanic",
  aiohttp: "aiohttp",
  bottle: "bottle",
  falcon: "falcon",
  litestar: "litestar",
  dash: "dash",
  gradio: "gradio",
  panel: "panel",
  shiny: "shiny",
  pyramid: "pyramid",
};

/** Strategies whose manifest is a plain list pyship can add to. */
const LOOSE = new Set(["requirements", "pyproject", "setup-py"]);

export function missingFramework(
  facts: ProjectFacts,
  candidate: EntrypointCandidate | null,
  notes: Notes,
): string[] {
  const name = candidate ? DISTRIBUTION[candidate.framework] : undefined;
  const { install, requirements } = facts.dependencies;
  if (name === undefined || !LOOSE.has(install.strategy)) return [];
  if (requirements.some((r) => r.name === name)) return [];
  const file = install.files[0] ?? "requirements.txt";
  const where = candidate ? `${candidate.evidence.file}:${candidate.evidence.line ?? 1}` : "";
  const text = withText(msg("warn.frameworkAdded", { file, name, where }));
  notes.warnings.push({ code: "W_FRAMEWORK_ADDED", ...text, file });
  notes.evidence.push({ file, line: null, why: text.message, text: text.text });
  return [name];
}
