/*
 * Django projects: `manage.py` marks the project and usually names the settings module
 * (DJANGO_SETTINGS_MODULE); when it computes the name, or a production module exists beside
 * it, the settings come from the layout (django-settings.ts). The settings name the
 * application (WSGI_APPLICATION, or ASGI_APPLICATION when the project opted into ASGI, e.g.
 * Channels). Without that setting, the `wsgi.py` next to the settings is what
 * `startproject` generates and what every guide points gunicorn at. When the settings
 * chosen are not the ones the entry module would pick by itself, the candidate carries
 * DJANGO_SETTINGS_MODULE for the image's environment.
 */
import { posix } from "node:path";
import type { EntrypointCandidate, EnvSetting } from "../../../core/pipeline.js";
import { because, type Message, msg } from "../../../i18n/message.js";
import type { AppDetector, DetectContext } from "../detector.js";
import { literal, type Statement } from "../python-source.js";
import { inSkippedDir, type PyModule, type PythonSources } from "../python-sources.js";
import { chooseSettings, type SettingsChoice } from "./django-settings.js";

/** Settings modules often `from .base import *`; follow that far at most. */
const MAX_SETTINGS_HOPS = 4;

export const django: AppDetector = {
  name: "django",
  detect(context) {
    const managers = context.files.paths
      .filter((path) => posix.basename(path) === "manage.py" && !inSkippedDir(path))
      .sort((a, b) => a.split("/").length - b.split("/").length);
    for (const manager of managers) {
      const found = fromManagePy(context, manager);
      if (found) return [found];
    }
    return [];
  },
};

function fromManagePy(context: DetectContext, manager: string): EntrypointCandidate | null {
  const text = context.sources.text(manager);
  const module = text?.includes("DJANGO_SETTINGS_MODULE") ? context.sources.module(manager) : null;
  if (!module) return null;
  const literal = settingsModule(module);
  const base = posix.dirname(manager) === "." ? "" : `${posix.dirname(manager)}/`;
  // A literal naming a module pyship can't see (generated, outside the tree) still names the package.
  const settings =
    chooseSettings(context.sources, base, literal?.name ?? null) ??
    (literal
      ? {
          name: literal.name,
          file: manager,
          why: msg("ev.django.managerSets", { manager, name: literal.name }),
        }
      : null);
  if (!settings) return null;
  const root = base ? { root: base.slice(0, -1) } : {};
  const note = base ? msg("ev.django.importsFrom", { base }) : "";
  const app = applicationSetting(context.sources, base, settings.name, 0);
  const found = app
    ? candidate(
        app.value,
        app.kind,
        app.file,
        app.line,
        msg("ev.django.inSettings", { key: app.key, note }),
      )
    : wsgiFallback(context, manager, base, settings, literal?.line ?? 1, note);
  if (!found) return null;
  const env = settingsEnv(context.sources, base, found, settings);
  return { ...found, ...root, ...(env ? { env: [env] } : {}) };
}

/** No WSGI_APPLICATION anywhere: the package's generated wsgi.py. */
function wsgiFallback(
  context: DetectContext,
  manager: string,
  base: string,
  settings: SettingsChoice,
  line: number,
  note: Message | "",
): EntrypointCandidate | null {
  const pkg = settings.name.split(".")[0] as string;
  const wsgi = `${base}${pkg}/wsgi.py`;
  if (!context.files.has(wsgi)) return null;
  const why = msg("ev.django.wsgiFile", { why: settings.why, wsgi, note });
  return candidate(`${pkg}.wsgi.application`, "wsgi", manager, line, why);
}

/**
 * DJANGO_SETTINGS_MODULE for the image when the entry module would not pick the chosen
 * settings by itself (it computes the name, or names another module).
 */
function settingsEnv(
  sources: PythonSources,
  base: string,
  found: EntrypointCandidate,
  settings: SettingsChoice,
): EnvSetting | null {
  const entry = `${base}${(found.app.split(":")[0] as string).replace(/\./g, "/")}.py`;
  const module = sources.files.has(entry) ? sources.module(entry) : null;
  const own = module && settingsModule(module);
  if (own?.name === settings.name) return null;
  const evidence = { file: settings.file, line: null, ...because(settings.why) };
  return { name: "DJANGO_SETTINGS_MODULE", value: settings.name, evidence };
}

function candidate(
  dotted: string,
  kind: "wsgi" | "asgi",
  file: string,
  line: number,
  why: Message,
): EntrypointCandidate {
  const cut = dotted.lastIndexOf(".");
  const app = `${dotted.slice(0, cut)}:${dotted.slice(cut + 1)}`;
  return { framework: "django", app, kind, evidence: { file, line, ...because(why) } };
}

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")` and similar. */
function settingsModule(module: PyModule): { name: string; line: number } | null {
  for (const statement of module.statements) {
    const index = statement.strings.indexOf("DJANGO_SETTINGS_MODULE");
    const name = index === -1 ? undefined : statement.strings[index + 1];
    if (name && /^[\w.]+$/.test(name)) return { name, line: statement.line };
  }
  return null;
}

interface AppSetting {
  readonly key: string;
  readonly value: string;
  readonly kind: "wsgi" | "asgi";
  readonly file: string;
  readonly line: number;
}

function applicationSetting(
  sources: PythonSources,
  base: string,
  dotted: string,
  hops: number,
): AppSetting | null {
  const path = [`${dotted.replace(/\./g, "/")}.py`, `${dotted.replace(/\./g, "/")}/__init__.py`]
    .map((file) => base + file)
    .find((file) => sources.files.has(file));
  const module = path ? sources.module(path) : null;
  if (!path || !module) return null;
  const own = ["ASGI_APPLICATION", "WSGI_APPLICATION"]
    .map((key) => assigned(module.statements, key, path))
    .find((found) => found !== null);
  if (own) return own;
  if (hops >= MAX_SETTINGS_HOPS) return null;
  const prefix = base.replace(/\//g, ".");
  for (const star of module.imports.stars) {
    const relative = prefix && star.startsWith(prefix) ? star.slice(prefix.length) : star;
    const found = applicationSetting(sources, base, relative, hops + 1);
    if (found) return found;
  }
  return null;
}

function assigned(statements: readonly Statement[], key: string, file: string): AppSetting | null {
  for (const statement of statements) {
    const match = new RegExp(`^${key}\\s*(?::[^=]+)?=\\s*("\\d+")$`).exec(statement.code);
    const value = match ? literal(statement, match[1]) : undefined;
    if (statement.indent === 0 && value && /^[\w.]+\.\w+$/.test(value)) {
      const kind = key.startsWith("ASGI") ? "asgi" : "wsgi";
      return { key: `${key} = "${value}"`, value, kind, file, line: statement.line };
    }
  }
  return null;
}
