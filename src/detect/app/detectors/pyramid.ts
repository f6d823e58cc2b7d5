/*
 * Pyramid apps: the app is whatever a PasteDeploy ini's `[app:main]` builds (`use =
 * egg:tutorial` names the project's `paste.app_factory` entry point), a factory that needs
 * the ini's settings, so no server can import it by name. gunicorn loads it with `--paste
 * INI` (the cookiecutter's own pserve runs waitress, which ignores SIGTERM as PID 1).
 * production.ini first: development.ini turns on the debug toolbar and listens on localhost.
 */
import { posix } from "node:path";
import { parse as parseIni } from "ini";
import type { EntrypointCandidate } from "../../../core/pipeline.js";
import { because, msg } from "../../../i18n/message.js";
import type { ProjectFiles } from "../../project-files.js";
import type { AppDetector } from "../detector.js";

/** Best first; an ini named for tests never runs the app a container serves. */
const INI_PREFERENCE = ["production.ini", "prod.ini", "development.ini"];
const TEST_INI = /(?:^|[-_.])test(?:s|ing)?\.ini$/;

export const pyramid: AppDetector = {
  name: "pyramid",
  detect(context) {
    if (context.sources.containing("pyramid", "pyramid").length === 0) return [];
    const inis = context.files.paths.filter((path) => isAppIni(context.files, path));
    const chosen = [...inis].sort((a, b) => preference(a) - preference(b))[0];
    return chosen === undefined ? [] : [candidateFor(context.files, chosen)];
  },
};

function isAppIni(files: ProjectFiles, path: string): boolean {
  if (!path.endsWith(".ini") || path.includes("/") || TEST_INI.test(path)) return false;
  return typeof appSection(files, path)?.use === "string";
}

function appSection(files: ProjectFiles, path: string): Record<string, unknown> | undefined {
  try {
    return parseIni(files.read(path))["app:main"] as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
}

function preference(path: string): number {
  const rank = INI_PREFERENCE.indexOf(posix.basename(path));
  return rank === -1 ? INI_PREFERENCE.length - 1 : rank;
}

function candidateFor(files: ProjectFiles, ini: string): EntrypointCandidate {
  const use = String(appSection(files, ini)?.use ?? "");
  const line =
    files
      .read(ini)
      .split("\n")
      .findIndex((text) => /^\[app:main\]/.test(text)) + 1;
  const why = because(msg("ev.app.pyramid", { ini, use }));
  return {
    framework: "pyramid",
    kind: "wsgi",
    app: factoryOf(files, use) ?? ini,
    paste: ini,
    evidence: { file: ini, line: line || null, ...why },
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
