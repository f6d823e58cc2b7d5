/*
 * Reads a root `Procfile` (Heroku/foreman format: `type: command` lines) and keeps the
 * `web:` process, split into argv with shell-word rules. `$PORT` stays as written: the
 * plan decides what the container's PORT is and substitutes it (exec-form CMD has no shell).
 * A line with shell syntax (`flask db upgrade; gunicorn app:app`) is run by a shell, as the
 * platforms do; its last command is what serves (see shell-line.ts).
 *
 * Like requirements files it may be UTF-16 or carry a byte-order mark (PowerShell's `>` writes
 * UTF-16 LE); a legacy encoding (GBK) is refused with the conversion command.
 *
 * A Procfile without a `web:` line is an error (E_PARSE), not a warning: a Procfile is the
 * user's explicit statement of how to run the app, so silently ignoring it and guessing from
 * the code could ship an image that runs something else than the user declared (e.g. the
 * worker Procfile's celery command replaced by a `__main__` script). The one exception is a
 * `[tool.pyship] command`, which already says what to run, so the Procfile is not needed.
 */
import { split } from "shlex";
import { PyshipError } from "../core/errors.js";
import type { ProcfileFacts, PyshipConfig } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import { readRequirementsText } from "./deps/requirements-text.js";
import type { ProjectFiles } from "./project-files.js";
import { shellLine } from "./shell-line.js";

const FILE = "Procfile";
const PROCESS_LINE = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/;

interface ProcessLine {
  readonly type: string;
  readonly command: string;
  readonly line: number;
}

/** `config` is the project's loaded [tool.pyship]: its `command` makes a web: line optional. */
export function detectProcfile(files: ProjectFiles, config: PyshipConfig): ProcfileFacts | null {
  if (!files.has(FILE)) return null;
  // Windows editors save a Procfile as UTF-16 or with a BOM: decoded as pip decodes requirements.
  const text = readRequirementsText(
    files.root,
    FILE,
    () => files.read(FILE),
    "text.notUtf8.pyship",
  );
  const processes = parseProcfile(text);
  const web = processes.filter((process) => process.type === "web");
  const [first, second] = web;
  if (second && first) {
    throw new PyshipError(
      "E_PARSE",
      msg("procfile.twoWeb", { first: first.line, second: second.line }),
      {
        file: FILE,
        line: second.line,
        hint: msg("procfile.twoWeb.hint"),
      },
    );
  }
  if (!first) return noWebProcess(config, processes);
  const argv = splitWords(first);
  const evidence = {
    file: FILE,
    line: first.line,
    ...because(msg("ev.procfile.web", { file: FILE })),
  };
  const shell = shellLine(first.command);
  if (shell === null) return { web: argv, raw: first.command, evidence };
  return { web: shell.last, raw: first.command, shell, evidence };
}

export function parseProcfile(text: string): ProcessLine[] {
  const processes: ProcessLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = PROCESS_LINE.exec(raw.trim());
    if (!raw.trim().startsWith("#") && match) {
      processes.push({
        type: match[1] as string,
        command: (match[2] as string).trim(),
        line: index + 1,
      });
    }
  });
  return processes;
}

function splitWords(process: ProcessLine): string[] {
  let argv: string[];
  try {
    argv = split(process.command);
  } catch (cause) {
    throw new PyshipError("E_PARSE", msg("procfile.split", { reason: (cause as Error).message }), {
      file: FILE,
      line: process.line,
      hint: msg("procfile.split.hint"),
      cause,
    });
  }
  if (argv.length === 0) {
    throw new PyshipError("E_PARSE", msg("procfile.empty"), {
      file: FILE,
      line: process.line,
      hint: msg("procfile.empty.hint"),
    });
  }
  return argv;
}

function noWebProcess(config: PyshipConfig, processes: readonly ProcessLine[]): null {
  if (config.command) return null;
  const types = processes.map((process) => `${process.type}:`).join(", ");
  throw new PyshipError(
    "E_PARSE",
    types
      ? msg("procfile.noWebFound", { file: FILE, types })
      : msg("procfile.noWeb", { file: FILE }),
    {
      file: FILE,
      line: processes[0]?.line ?? 1,
      hint: msg("procfile.noWeb.hint"),
    },
  );
}
