/*
 * A Pyramid project's tables, as its cookiecutter's README says to create them: Alembic
 * migrations configured in the app's own ini (`alembic -c production.ini upgrade head`), then
 * the `initialize_<project>_db production.ini` console script, which adds the first rows (the
 * wiki's FrontPage) to the tables Alembic made. Only for a SQLite `sqlalchemy.url` in that
 * ini: a server's tables are a release step.
 */
import { parse as parseIni } from "ini";
import type { DatabaseInitFacts, EntrypointCandidate, ProjectMeta } from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";

/** The cookiecutter's name for the script, and the generic ones database-init.ts knows. */
const INITIALIZE_SCRIPT = /^initiali[sz]e_\w*db$|^(?:init|setup)_\w*db$/;

export function pyramidDatabaseInit(
  files: ProjectFiles,
  meta: ProjectMeta,
  entry: EntrypointCandidate | undefined,
): DatabaseInitFacts | undefined {
  const ini = entry?.paste;
  if (ini === undefined || !files.has(ini)) return undefined;
  const text = files.read(ini);
  const sections = safeParse(text);
  const url = String(sections["app:main"]?.["sqlalchemy.url"] ?? "");
  if (!url.startsWith("sqlite")) return undefined;
  const sqlite = { file: ini, line: lineOf(text, /^sqlalchemy\.url\s*=/), why: url };
  const script = Object.keys(meta.scripts).find((name) => INITIALIZE_SCRIPT.test(name));
  const fill = script === undefined ? {} : { followedBy: [script, ini] };
  const alembic = sections.alembic?.script_location !== undefined;
  if (!alembic && script === undefined) return undefined;
  const words = alembic ? ["alembic", "-c", ini, "upgrade", "head"] : [script as string, ini];
  const why = alembic ? `[alembic] in ${ini}` : `console script ${script}`;
  const evidence = { file: ini, line: alembic ? lineOf(text, /^\[alembic\]/) : null, why };
  const command = { kind: "program" as const, words, evidence, prompts: false };
  return { commands: [alembic ? { ...command, ...fill } : command], sqlite };
}

type Sections = Record<string, Record<string, unknown> | undefined>;

function safeParse(text: string): Sections {
  try {
    return parseIni(text) as Sections;
  } catch {
    return {};
  }
}

function lineOf(text: string, pattern: RegExp): number | null {
  const index = text.split("\n").findIndex((line) => pattern.test(line));
  return index === -1 ? null : index + 1;
}
