/*
 * Pyramid apps: the app is whatever a PasteDeploy ini's `[app:main]` builds (`use =
 * egg:tutorial` names the project's `paste.app_factory` entry point), a factory that needs
 * the ini's settings, so no server can import it by name. gunicorn loads it with `--paste
 * INI` (the cookiecutter's own pserve runs waitress, which ignores SIGTERM as PID 1).
 * production.ini first: development.ini turns on the debug toolbar and listens on localhost.
 */
import { posix } from "node:path";
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import type { ProjectFiles } from "../../project-files.js";
import { lineOf } from "../../text-lines.js";
import type { AppDetector } from "../detector.js";
import { type PasteIni, readPasteIni } from "../paste-ini.js";

/** Best first; an ini named for tests never runs the app a container serves. */
const INI_PREFERENCE = ["production.ini", "prod.ini", "development.ini"];
const TEST_INI = /(?:^|[-_.])test(?:s|ing)?\.ini$/;

export const pyramid: AppDetector = {
  name: "pyramid",
  detect(context) {
    if (context.sources.containing("pyramid", "pyramid").length === 0) return [];
    const chosen = context.files.paths
      .filter((path) => path.endsWith(".ini") && !path.includes("/") && !TEST_INI.test(path))
      .map((path) => readPasteIni(context.files, path))
      .filter((ini) => typeof ini.sections["app:main"]?.use === "string")
      .sort((a, b) => preference(a.path) - preference(b.path))[0];
    return chosen === undefined ? [] : [candidateFor(context.files, chosen)];
  },
};

function preference(path: string): number {
  const rank = INI_PREFERENCE.indexOf(posix.basename(path));
  return rank === -1 ? INI_PREFERENCE.length - 1 : rank;
}

function candidateFor(files: ProjectFiles, ini: PasteIni): EntrypointCandidate {
  const use = String(ini.sections["app:main"]?.use ?? "");
  const why = because(msg("ev.app.pyramid", { ini: ini.path, use }));
  return {
    framework: "pyramid",
    kind: "wsgi",
    app: factoryOf(files, use) ?? ini.path,
    paste: ini.path,
    evidence: { file: ini.path, line: lineOf(ini.text, /^\[app:main\]/), ...why },
  };
}

/** `call:pkg:main` names the factory; `egg:dist` names the project's entry point `main`. */
function factoryOf(files: ProjectFiles, use: string): string | null {
  if (use.startsWith("call:")) return use.slice("call:".length);
  if (!use.startsWith("egg:")) return null;
  for (const manifest of ["pyproject.toml", "setup.py", "setup.cfg"]) {
    if (!files.has(manifest)) continue;
    const target = /\bmain\s*=\s*["']?([\w.]+:\w+)/.exec(pasteEntryPoints(files.read(manifest)));
    if (target?.[1]) return target[1];
  }
  return null;
}

/** The text after the paste.app_factory group's name, where its `main = pkg:fn` is. */
function pasteEntryPoints(text: string): string {
  const at = text.indexOf("paste.app_factory");
  return at === -1 ? "" : text.slice(at, at + 400);
}
