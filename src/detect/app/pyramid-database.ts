/*
 * A Pyramid project's tables, as its cookiecutter's README says to create them: Alembic
 * migrations configured in the app's own ini (`alembic -c production.ini upgrade head`), then
 * the `initialize_<project>_db production.ini` console script, which adds the first rows (the
 * wiki's FrontPage) to the tables Alembic made. Only for a SQLite `sqlalchemy.url` in that
 * ini: a server's tables are a release step.
 */
import type {
  DatabaseInitFacts,
  EntrypointCandidate,
  InitCommandFact,
  ProjectMeta,
} from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import { lineOf } from "../text-lines.js";
import { type PasteIni, readPasteIni } from "./paste-ini.js";

/**
 * The cookiecutter's name for the script (`initialize_tutorial_db`), and `init_<name>_db` /
 * `setup_<name>_db`, which older Pyramid scaffolds used; a project-named middle part is what
 * sets these apart from database-init.ts's generic `init-db` names.
 */
const INITIALIZE_SCRIPT = /^initiali[sz]e_\w*db$|^(?:init|setup)_\w*db$/;

export function pyramidDatabaseInit(
  files: ProjectFiles,
  meta: ProjectMeta,
  entry: EntrypointCandidate | undefined,
): DatabaseInitFacts | undefined {
  const path = entry?.paste;
  if (path === undefined || !files.has(path)) return undefined;
  const ini = readPasteIni(files, path);
  const url = String(ini.sections["app:main"]?.["sqlalchemy.url"] ?? "");
  if (!url.startsWith("sqlite")) return undefined;
  const script = Object.keys(meta.scripts).find((name) => INITIALIZE_SCRIPT.test(name));
  const command = initCommand(ini, script);
  if (command === null) return undefined;
  const sqlite = { file: path, line: lineOf(ini.text, /^sqlalchemy\.url\s*=/), why: url };
  return { commands: [command], sqlite };
}

/** Alembic's upgrade followed by the script that adds the first rows; either alone. */
function initCommand(ini: PasteIni, script: string | undefined): InitCommandFact | null {
  if (ini.sections.alembic?.script_location !== undefined) {
    const why = `[alembic] in ${ini.path}`;
    return {
      kind: "program",
      words: ["alembic", "-c", ini.path, "upgrade", "head"],
      evidence: { file: ini.path, line: lineOf(ini.text, /^\[alembic\]/), why },
      prompts: false,
      ...(script === undefined ? {} : { followedBy: [script, ini.path] }),
    };
  }
  if (script === undefined) return null;
  const evidence = { file: ini.path, line: null, why: `console script ${script}` };
  return { kind: "program", words: [script, ini.path], evidence, prompts: false };
}
