/*
 * WSGI/ASGI applications of the frameworks in WEB_FRAMEWORKS: module-level app objects (`module:name`),
 * factories (`module:create_app()`), and objects built by calling a factory (`wsgi.py`:
 * `app = create_app()`, which then replace the factory). Sub-applications mounted into
 * another app are not candidates.
 */
import type { EntrypointCandidate, Framework } from "../../../core/pipeline.js";
import { because, type Message, msg } from "../../../i18n/message.js";
import { type AppClass, findFactories, findObjects, noArgumentWrapper } from "../app-objects.js";
import type { AppDetector, DetectContext } from "../detector.js";
import { resolveName } from "../imports.js";
import { rootNoteText } from "../module-path.js";
import type { PyModule } from "../python-sources.js";

interface WebFramework extends AppClass {
  readonly framework: Framework;
  /** Which server family runs it (plan-command.ts may give a framework its own server). */
  readonly kind: "wsgi" | "asgi";
  /**
   * The WSGI app is this attribute of the object (Dash: `app.server`). gunicorn only takes a
   * plain name, so the candidate is the module-level alias `server = app.server`.
   */
  readonly wsgiAttribute?: string;
}

/**
 * Order is only for stable output; all rank the same (see rank-entrypoints.ts). Falcon's
 * WSGI and ASGI classes share the name App: imports decide which one a module builds.
 * aiohttp's Application is neither WSGI nor ASGI: plan-command.ts runs it with its own server.
 */
export const WEB_FRAMEWORKS: readonly WebFramework[] = [
  {
    framework: "flask",
    kind: "wsgi",
    name: "Flask",
    qualified: ["flask.Flask", "flask.app.Flask"],
  },
  {
    framework: "fastapi",
    kind: "asgi",
    name: "FastAPI",
    qualified: ["fastapi.FastAPI", "fastapi.applications.FastAPI"],
  },
  {
    framework: "starlette",
    kind: "asgi",
    name: "Starlette",
    qualified: ["starlette.applications.Starlette"],
  },
  {
    framework: "quart",
    kind: "asgi",
    name: "Quart",
    qualified: ["quart.Quart", "quart.app.Quart"],
  },
  {
    framework: "sanic",
    kind: "asgi",
    name: "Sanic",
    qualified: ["sanic.Sanic", "sanic.app.Sanic"],
  },
  {
    framework: "litestar",
    kind: "asgi",
    name: "Litestar",
    qualified: ["litestar.Litestar", "litestar.app.Litestar"],
  },
  {
    framework: "falcon",
    kind: "asgi",
    name: "App",
    qualified: ["falcon.asgi.App", "falcon.asgi.app.App"],
  },
  {
    framework: "falcon",
    kind: "wsgi",
    name: "App",
    qualified: ["falcon.App", "falcon.API", "falcon.app.App"],
  },
  { framework: "bottle", kind: "wsgi", name: "Bottle", qualified: ["bottle.Bottle"] },
  {
    framework: "aiohttp",
    kind: "wsgi",
    name: "Application",
    qualified: ["aiohttp.web.Application", "aiohttp.web_app.Application"],
  },
  {
    framework: "dash",
    kind: "wsgi",
    name: "Dash",
    qualified: ["dash.Dash", "dash.dash.Dash"],
    wsgiAttribute: "server",
  },
];

/** A candidate with what is needed to relate it to other code. */
interface Found {
  readonly candidate: EntrypointCandidate;
  readonly module: PyModule;
  /** Qualified name of the object or factory, e.g. `shop.create_app`. */
  readonly qualified: string;
  readonly name: string;
  readonly factory: boolean;
}

export const webApps: AppDetector = {
  name: "web-apps",
  detect(context) {
    const found = WEB_FRAMEWORKS.flatMap((framework) => findFramework(context, framework));
    const factories = found.filter((item) => item.factory);
    const built = factories.map((factory) => builtBy(context, factory));
    // A factory that some module calls (`wsgi.py`: `app = create_app()`) is the same app as
    // that object, not a second one: only the object, which needs no call, is a candidate.
    const called = new Set(factories.filter((_, index) => built[index]?.length));
    const all = [...found.filter((item) => !called.has(item)), ...built.flat()];
    const mounted = mountedApps(all);
    return all.filter((item) => !mounted.has(item.qualified)).map((item) => item.candidate);
  },
};

function findFramework(context: DetectContext, framework: WebFramework): Found[] {
  const found: Found[] = [];
  const pkg = framework.qualified[0]?.split(".")[0];
  for (const module of context.sources.containing(framework.name, pkg)) {
    if (!module.module) continue; // not importable under any name (e.g. `my-app.py`)
    for (const object of findObjects(module, framework)) {
      const why = msg("ev.app.object", { name: object.name, callee: object.callee });
      const served = servedObject(module, framework, object.name, object.line);
      if (!served) continue;
      const said = served.why === "" ? why : msg("ev.then", { first: why, note: served.why });
      found.push(make(framework, module, served.name, served.line, said, false));
    }
    if (framework.wsgiAttribute !== undefined) continue; // a factory's result has no alias
    for (const factory of findFactories(module, framework)) {
      if (!factory.builds && buildsAnother(module, framework, factory.name)) continue;
      const wrapper = factory.required.length ? noArgumentWrapper(module, factory.name) : null;
      if (wrapper) {
        const why = msg("ev.app.wrapper", {
          wrapper: wrapper.name,
          factory: factory.name,
          framework: framework.name,
          required: factory.required.join(", "),
        });
        found.push(make(framework, module, wrapper.name, wrapper.line, why, true));
        continue;
      }
      const args = factory.required.length
        ? msg("ev.app.factoryArgs", { required: factory.required.join(", ") })
        : "";
      const why = msg("ev.app.factory", { factory: factory.name, framework: framework.name, args });
      const made = make(framework, module, factory.name, factory.line, why, true);
      const needs = factory.required.length ? { needs: factory.required } : {};
      found.push({ ...made, candidate: { ...made.candidate, ...needs } });
    }
  }
  return found;
}

/** The object itself, or for Dash-like frameworks its module-level WSGI alias; null if none. */
function servedObject(
  module: PyModule,
  framework: WebFramework,
  name: string,
  line: number,
): { name: string; line: number; why: "" | Message } | null {
  const attribute = framework.wsgiAttribute;
  if (attribute === undefined) return { name, line, why: "" };
  const alias = new RegExp(`^([A-Za-z_]\\w*)\\s*=\\s*${name}\\.${attribute}$`);
  for (const statement of module.statements) {
    const match = statement.indent === 0 ? alias.exec(statement.code) : null;
    if (match) {
      const alias = { alias: match[1] as string, name, attribute, line: statement.line };
      const why = msg("ev.app.wsgiAlias", alias);
      return { name: match[1] as string, line: statement.line, why };
    }
  }
  return null;
}

/**
 * A factory found only by its conventional name, where another class of the same framework
 * (Falcon's WSGI vs ASGI App) is what its body actually builds: that other one is the app.
 */
function buildsAnother(module: PyModule, framework: WebFramework, name: string): boolean {
  return WEB_FRAMEWORKS.some(
    (other) =>
      other !== framework &&
      other.framework === framework.framework &&
      findFactories(module, other).some((factory) => factory.name === name && factory.builds),
  );
}

function make(
  framework: WebFramework,
  module: PyModule,
  name: string,
  line: number,
  why: string | Message,
  factory: boolean,
): Found {
  const app = `${module.module}:${name}${factory ? "()" : ""}`;
  const root = rootNoteText(module.root);
  const keyed = root === null ? why : msg("ev.then", { first: why, note: root });
  const reason = typeof keyed === "string" ? { why: keyed } : because(keyed);
  const evidence = { file: module.path, line, ...reason };
  const candidate = { framework: framework.framework, app, kind: framework.kind, evidence };
  return { candidate, module, qualified: `${module.module}.${name}`, name, factory };
}

/** Module-level `app = create_app()` anywhere, calling a factory found above. */
function builtBy(context: DetectContext, factory: Found): Found[] {
  const found: Found[] = [];
  for (const module of context.sources.containing(factory.name)) {
    if (!module.module) continue;
    for (const statement of module.statements) {
      const match = /^([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*([A-Za-z_][\w.]*)\s*\(/.exec(statement.code);
      if (statement.indent !== 0 || !match) continue;
      const callee = resolveName(module.imports, match[2] as string);
      const local = `${module.module}.${match[2]}`;
      if (callee !== factory.qualified && local !== factory.qualified) continue;
      const framework = WEB_FRAMEWORKS.find((f) => f.framework === factory.candidate.framework);
      const why = msg("ev.app.factoryObject", {
        name: match[1] ?? "",
        callee: match[2] ?? "",
        factory: factory.qualified,
      });
      found.push(
        make(framework as WebFramework, module, match[1] as string, statement.line, why, false),
      );
    }
  }
  return found;
}

/**
 * Apps referenced by another app's module-level statements (`app.mount("/v1", v1)`,
 * `app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/admin": admin})`, Starlette
 * `routes=[Mount("/x", app=sub)]`) are parts of that app, not entrypoints of their own.
 */
function mountedApps(all: readonly Found[]): Set<string> {
  // Factories are called, not mounted: `app = create_app()` builds the app, it is no sub-app.
  const known = new Set(all.filter((item) => !item.factory).map((item) => item.qualified));
  const mounted = new Set<string>();
  for (const outer of all) {
    for (const statement of outer.module.statements) {
      const own = statement.line === outer.candidate.evidence.line;
      if (statement.indent !== 0 || !(own || statement.code.startsWith(`${outer.name}.`))) continue;
      for (const [ident] of statement.code.matchAll(/[A-Za-z_]\w*/g)) {
        const qualified =
          outer.module.imports.names.get(ident) ?? `${outer.module.module}.${ident}`;
        if (qualified !== outer.qualified && known.has(qualified)) mounted.add(qualified);
      }
    }
  }
  return mounted;
}
