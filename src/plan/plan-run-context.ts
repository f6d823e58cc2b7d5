/*
 * Where the detected app runs from and what its environment must hold: the importable root
 * when the code imports itself from a subdirectory (`src/`, `backend/`), and settings such as
 * DJANGO_SETTINGS_MODULE. Only for detected commands: a Procfile or [tool.pyship] command
 * says for itself where it runs (`cd src && …`) and what it sets.
 */
import type { Plan } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import type { Notes } from "./notes.js";
import type { CommandChoice } from "./plan-command.js";

/** Code is copied to /app; a root inside it is a subdirectory of that. */
const APP_DIR = "/app";

export type RunContext = Pick<Plan, "workdir" | "env">;

export function planRunContext(choice: CommandChoice, notes: Notes): RunContext {
  const { candidate } = choice;
  // What a server reads for its host and port (plan-command notes the evidence) applies to
  // any command; settings and the working directory only to a detected one.
  const serving = Object.keys(choice.env).length > 0 ? { env: { ...choice.env } } : {};
  if (choice.commandSource !== "detected" || !candidate) return serving;
  const context: { workdir?: string; env?: Record<string, string> } = serving;
  if (candidate.root) {
    // A working directory rather than PYTHONPATH: the app's relative paths (templates, data
    // files, gunicorn.conf.py) resolve as they do where its developers run it.
    context.workdir = `${APP_DIR}/${candidate.root}`;
    notes.evidence.push({
      ...candidate.evidence,
      ...because(
        msg("ev.runsFrom", {
          root: candidate.root,
          workdir: context.workdir,
          config: candidate.serverConfig
            ? msg("ev.runsFrom.config", { root: candidate.root, config: candidate.serverConfig })
            : "",
        }),
      ),
    });
  }
  for (const setting of candidate.env ?? []) {
    context.env = { ...context.env, [setting.name]: setting.value };
    notes.evidence.push({
      ...setting.evidence,
      ...because(
        msg("ev.env", {
          name: setting.name,
          value: setting.value,
          why: setting.evidence.text ?? setting.evidence.why,
        }),
      ),
    });
  }
  return context;
}
