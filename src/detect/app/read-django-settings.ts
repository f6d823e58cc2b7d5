/*
 * Reads what a Django project's settings say about running in a container: STATIC_ROOT and
 * staticfiles (collectstatic at build time), WhiteNoise (who serves /static/), DEBUG and
 * ALLOWED_HOSTS (will every request be refused?), where SECRET_KEY comes from.
 *
 * The settings module is the one the server imports: wsgi.py (or asgi.py) sets
 * DJANGO_SETTINGS_MODULE for gunicorn, manage.py only for management commands. Values are
 * read from that module first, then from the modules it star-imports (`from .base import *`),
 * because its own assignments override theirs. Only literals are trusted; anything computed
 * (read from the environment) is reported as unknown, never guessed.
 */
import type { DjangoFacts, EntrypointCandidate, Evidence } from "../../core/pipeline.js";
import { because, msg } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import { allowedHostsEnv, djangoRequiredEnv } from "./django-required-env.js";
import { literal, type Statement } from "./python-source.js";
import { type PyModule, PythonSources } from "./python-sources.js";

/** Settings packages chain base → production → local; four hops is more than seen in practice. */
const MAX_HOPS = 4;
const STRING = /"(\d+)"/g;

export function readDjangoSettings(
  files: ProjectFiles,
  entrypoints: readonly EntrypointCandidate[],
): DjangoFacts | null {
  const chosen = entrypoints.find((candidate) => candidate.framework === "django");
  const app = chosen?.app;
  if (!chosen || !app) return null;
  // Entrypoint detection has already warned about any file that cannot be read.
  const sources = new PythonSources(files, []);
  const entry = `${app.split(":")[0]?.replace(/\./g, "/")}.py`;
  const found = files.paths
    .filter((path) => path === entry || path.endsWith(`/${entry}`))
    .sort((a, b) => a.length - b.length)[0];
  const base = found ? found.slice(0, -entry.length) : "";
  const manage = files.has(`${base}manage.py`) ? `${base}manage.py` : null;
  const settings =
    settingsInEnv(chosen) ??
    (found && settingsName(sources, found)) ??
    (manage && settingsName(sources, manage));
  const chain = settings ? settingsChain(sources, base, settings) : [];
  const [own] = chain;
  if (!settings || !own) return null;
  const requiredEnv = djangoRequiredEnv(sources, chain, secretKeyEnv(chain));
  return {
    settings,
    settingsFile: own.path,
    manage,
    staticRoot: lastAssignment(chain, "STATIC_ROOT")?.evidence ?? null,
    staticfiles: mentions(chain, "django.contrib.staticfiles") !== null,
    whitenoise: mentions(chain, "whitenoise.middleware.WhiteNoiseMiddleware"),
    debug: debugValue(chain),
    allowedHosts: allowedHosts(sources, chain),
    secretKeyEnv: secretKeyEnv(chain),
    migrations: files.paths.some((path) => /(^|\/)migrations\/__init__\.py$/.test(path)),
    ...sqliteDatabase(chain),
    ...(requiredEnv.length > 0 ? { requiredEnv } : {}),
  };
}

/**
 * A module the entrypoint detector chose for the image's ENV (e.g. the production module of
 * a settings package) is the one the server runs, so it is the one to read.
 */
function settingsInEnv(candidate: EntrypointCandidate): string | null {
  const env = (candidate as { env?: readonly { name: string; value: string }[] }).env;
  return env?.find((setting) => setting.name === "DJANGO_SETTINGS_MODULE")?.value ?? null;
}

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")` and similar. */
function settingsName(sources: PythonSources, path: string): string | null {
  const statements = sources.text(path)?.includes("DJANGO_SETTINGS_MODULE")
    ? (sources.module(path)?.statements ?? [])
    : [];
  for (const statement of statements) {
    const index = statement.strings.indexOf("DJANGO_SETTINGS_MODULE");
    const name = index === -1 ? undefined : statement.strings[index + 1];
    if (name && /^[\w.]+$/.test(name)) return name;
  }
  return null;
}

/** The settings module, then what it star-imports, breadth first. */
function settingsChain(sources: PythonSources, base: string, settings: string): PyModule[] {
  const chain: PyModule[] = [];
  let next = [settings];
  for (let hop = 0; hop <= MAX_HOPS && next.length > 0; hop++) {
    const modules = next.map((name) => moduleNamed(sources, base, name));
    const fresh = modules.filter((m): m is PyModule => m !== null && !chain.includes(m));
    chain.push(...fresh);
    next = fresh.flatMap((module) => [...module.imports.stars]);
  }
  return chain;
}

function moduleNamed(sources: PythonSources, base: string, dotted: string): PyModule | null {
  const path = dotted.replace(/\./g, "/");
  const file = [base, ""]
    .flatMap((prefix) => [`${prefix}${path}.py`, `${prefix}${path}/__init__.py`])
    .find((candidate) => sources.files.has(candidate));
  return file ? sources.module(file) : null;
}

interface Assignment {
  readonly statement: Statement;
  readonly value: string;
  readonly evidence: Evidence;
}

/** The module-level `KEY = …` that wins: the last one in the first module that has one. */
function lastAssignment(chain: readonly PyModule[], key: string): Assignment | null {
  const pattern = new RegExp(`^${key}\\s*(?::[^=]+)?=\\s*(.+)$`);
  for (const module of chain) {
    const found = module.statements
      .filter((statement) => statement.indent === 0 && pattern.test(statement.code))
      .at(-1);
    const value = found && pattern.exec(found.code)?.[1];
    if (found && value) {
      const evidence = {
        file: module.path,
        line: found.line,
        ...because(msg("ev.django.set", { key })),
      };
      return { statement: found, value, evidence };
    }
  }
  return null;
}

/**
 * The DATABASES the server's settings end with, when it is a SQLite file: the sqlite3
 * engine, or a `sqlite:///` URL (dj-database-url's default, used when DATABASE_URL is unset).
 */
function sqliteDatabase(chain: readonly PyModule[]): Pick<DjangoFacts, "sqlite"> {
  const databases = lastAssignment(chain, "DATABASES");
  const sqlite = databases?.statement.strings.some(
    (text) => text === "django.db.backends.sqlite3" || /^sqlite:\/\/\/(?!:memory:)/.test(text),
  );
  return sqlite && databases ? { sqlite: databases.evidence } : {};
}

/** The first statement in the chain with this exact string literal (an app or middleware). */
function mentions(chain: readonly PyModule[], text: string): Evidence | null {
  for (const module of chain) {
    const found = module.statements.find((statement) => statement.strings.includes(text));
    if (found)
      return {
        file: module.path,
        line: found.line,
        ...because(msg("ev.django.mentioned", { text })),
      };
  }
  return null;
}

function debugValue(chain: readonly PyModule[]): boolean | null {
  const value = lastAssignment(chain, "DEBUG")?.value;
  return value === "True" ? true : value === "False" ? false : null;
}

function allowedHosts(
  sources: PythonSources,
  chain: readonly PyModule[],
): DjangoFacts["allowedHosts"] {
  const found = lastAssignment(chain, "ALLOWED_HOSTS");
  if (!found) return null;
  const list = /^[[(]\s*(?:"\d+"\s*(?:,\s*)?)*[\])]$/.test(found.value);
  // A later `ALLOWED_HOSTS += …` or `.append(…)` makes the literal list incomplete.
  const extended = chain.some((module) =>
    module.statements.some((statement) =>
      /^ALLOWED_HOSTS\s*(\+=|\.(append|extend|insert)\()/.test(statement.code),
    ),
  );
  const hosts =
    list && !extended
      ? [...found.value.matchAll(STRING)].map((m) => literal(found.statement, m[0]) ?? "")
      : null;
  const env = hosts === null ? allowedHostsEnv(sources, found.evidence) : null;
  return {
    hosts,
    evidence: { ...found.evidence, ...because(msg("ev.django.set", { key: "ALLOWED_HOSTS" })) },
    ...(env ? { env } : {}),
  };
}

/** `SECRET_KEY = os.environ["X"]`, `os.getenv("X", …)`, `env("X")`, `config("X")` → X. */
function secretKeyEnv(chain: readonly PyModule[]): string | null {
  const found = lastAssignment(chain, "SECRET_KEY");
  if (!found || /^"\d+"$/.test(found.value)) return null;
  const first = /"\d+"/.exec(found.value)?.[0];
  const name = literal(found.statement, first);
  return name && /^[A-Z][A-Z0-9_]*$/.test(name) ? name : null;
}
