/*
 * Which Django settings module a container should run with, found from the project's
 * layout rather than from the one string manage.py happens to hold: manage.py often
 * computes it (`'x.production' if 'WEBSITE_HOSTNAME' in os.environ else 'x.settings'`), and
 * a settings package (`settings/base.py`, `settings/production.py`) names the development
 * module in manage.py and the production one nowhere the code can be read from.
 */
import { posix } from "node:path";
import { type Message, msg } from "../../../i18n/message.js";
import type { PyModule, PythonSources } from "../python-sources.js";

/**
 * Settings module names by preference, lower first. A container is a deployment, so the
 * production module wins; a plain `settings` (or the package's __init__) next; a `base`
 * runs but is meant to be extended. dev/local/test/ci modules are never chosen by name
 * (they enable DEBUG or need a developer's machine); manage.py's own choice still counts.
 */
const SETTINGS_RANKS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(production|prod)$/, 0],
  [/^settings$/, 1],
  [/^(base|common|defaults?)$/, 2],
];
/** A literal choice in manage.py ranks as a plain `settings` module: only production beats it. */
const LITERAL_RANK = 1;
/** `get_wsgi_application()` / `get_asgi_application()` mark the project package's entry module. */
const ENTRY_MODULE = /^([\w]+)\/(wsgi|asgi)\.py$/;

export interface SettingsChoice {
  /** Dotted module name relative to the Django root (`mysite.settings.production`). */
  readonly name: string;
  readonly file: string;
  readonly why: Message;
}

/**
 * The settings module to run: manage.py's literal choice unless a production module exists
 * beside it; with no literal, the best-ranked module in the project packages.
 */
export function chooseSettings(
  sources: PythonSources,
  base: string,
  literal: string | null,
): SettingsChoice | null {
  const packages = projectPackages(sources, base, literal);
  const found = [
    ...literalModule(sources, base, literal),
    ...packages.flatMap((pkg) => settingsModules(sources, base, pkg)),
  ];
  const ranked = found
    .map((module) => ({ ...module, rank: rankOf(module.name, literal) }))
    .filter((module) => module.rank !== null)
    .sort((a, b) => (a.rank as number) - (b.rank as number) || a.name.localeCompare(b.name));
  const best = ranked[0];
  if (!best) return null;
  const why =
    best.name === literal
      ? msg("ev.django.managerSets", { manager: "manage.py", name: literal })
      : literal
        ? msg("ev.django.production", { name: best.name, literal })
        : msg(best.rank === 0 ? "ev.django.computedProduction" : "ev.django.computed", {
            file: best.file,
          });
  return { name: best.name, file: best.file, why };
}

/** manage.py's literal choice, wherever it lives (even a top-level `settings.py`). */
function literalModule(sources: PythonSources, base: string, literal: string | null) {
  const path = literal?.replace(/\./g, "/");
  const file = [`${base}${path}.py`, `${base}${path}/__init__.py`].find((f) =>
    sources.files.has(f),
  );
  return literal && file ? [{ name: literal, file }] : [];
}

function rankOf(name: string, literal: string | null): number | null {
  const last = name.split(".").at(-1) ?? "";
  const byName = SETTINGS_RANKS.find(([pattern]) => pattern.test(last))?.[1] ?? null;
  if (name !== literal) return byName;
  return byName === null ? LITERAL_RANK : Math.min(byName, LITERAL_RANK);
}

/** The packages holding settings: the literal's top package and every package with wsgi/asgi.py. */
function projectPackages(sources: PythonSources, base: string, literal: string | null): string[] {
  const packages = new Set<string>(literal ? [literal.split(".")[0] as string] : []);
  for (const path of sources.files.paths) {
    const match = path.startsWith(base) ? ENTRY_MODULE.exec(path.slice(base.length)) : null;
    const text = match ? sources.text(path) : null;
    if (match && text && /get_[wa]sgi_application\s*\(/.test(text))
      packages.add(match[1] as string);
  }
  return [...packages].sort();
}

interface SettingsModule {
  readonly name: string;
  readonly file: string;
}

/** `pkg/settings.py`, `pkg/settings/*.py`, and `pkg/production.py`-style siblings. */
function settingsModules(sources: PythonSources, base: string, pkg: string): SettingsModule[] {
  const inside = `${base}${pkg}/`;
  const found: SettingsModule[] = [];
  for (const path of sources.files.paths) {
    if (!path.startsWith(inside) || !path.endsWith(".py")) continue;
    const rest = path.slice(inside.length);
    const name = moduleName(pkg, rest);
    if (name && isSettings(sources.module(path), rest)) found.push({ name, file: path });
  }
  return found;
}

function moduleName(pkg: string, rest: string): string | null {
  if (rest === "settings.py" || rest === "settings/__init__.py") return `${pkg}.settings`;
  const inPackage = /^settings\/(\w+)\.py$/.exec(rest);
  if (inPackage) return `${pkg}.settings.${inPackage[1]}`;
  const sibling = /^(\w+)\.py$/.exec(rest)?.[1];
  return sibling && /^(production|prod)$/.test(sibling) ? `${pkg}.${sibling}` : null;
}

/** A settings module assigns Django settings or star-imports the module that does. */
function isSettings(module: PyModule | null, rest: string): boolean {
  if (!module) return false;
  return (
    posix.basename(rest, ".py") === "settings" ||
    module.imports.stars.length > 0 ||
    module.statements.some((s) => s.indent === 0 && /^[A-Z][A-Z0-9_]*\s*=/.test(s.code))
  );
}
