/*
 * Console scripts the project declares ([project.scripts], [tool.poetry.scripts], as read
 * by project-meta): runnable commands once the project is installed. A script whose function
 * is a click group (`cow start|stop|logs`) is a tool that manages the app, not the app: run
 * bare it prints its help and exits, so it is no candidate.
 */
import type { EntrypointCandidate, ProjectMeta } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import type { ProjectFiles } from "../../project-files.js";
import type { AppDetector } from "../detector.js";
import { moduleFile, type PythonSources } from "../python-sources.js";

/** Where a script may be declared, most likely first. */
const DECLARING_FILES = ["pyproject.toml", "setup.cfg", "setup.py"];

export const consoleScripts: AppDetector = {
  name: "console-scripts",
  detect(context) {
    return Object.entries(context.meta.scripts)
      .filter(([, target]) => !isCommandGroup(context.sources, target))
      .map(([name, target]) => fromScript(context.files, context.meta, name, target));
  },
};

/** `@click.group(…)` (or `@cli.group()`, `cls=…Group`) right above `def <function>`. */
function isCommandGroup(sources: PythonSources, target: string): boolean {
  const [, dotted = "", fn = ""] = /^([\w.]+):(\w+)$/.exec(target.trim()) ?? [];
  const path = dotted && moduleFile(sources, dotted);
  const text = path ? (sources.text(path) ?? "") : "";
  const decorators = new RegExp(`((?:^[ \\t]*@[^\\n]*\\n)+)[ \\t]*def\\s+${fn}\\s*\\(`, "m").exec(
    text,
  )?.[1];
  return decorators !== undefined && /@[\w.]*\.group\(|cls\s*=\s*[\w.]*Group\b/.test(decorators);
}

function fromScript(
  files: ProjectFiles,
  meta: ProjectMeta,
  name: string,
  target: string,
): EntrypointCandidate {
  const declared = [meta.evidence.file, ...DECLARING_FILES].filter((file) => files.has(file));
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^\\s*["']?${escaped}["']?\\s*=`);
  for (const file of declared) {
    const index = files
      .read(file)
      .split("\n")
      .findIndex((line) => pattern.test(line));
    if (index !== -1) return make(name, target, file, index + 1);
  }
  return make(name, target, declared[0] ?? meta.evidence.file, null);
}

function make(
  name: string,
  target: string,
  file: string,
  line: number | null,
): EntrypointCandidate {
  const why = because(msg("ev.app.consoleScript", { name, target }));
  const evidence = { file, line, ...why };
  return { framework: "script", app: name, kind: "console-script", evidence };
}
