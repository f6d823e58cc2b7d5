/*
 * Reads a start command the way the Python servers themselves read their options: which
 * server it is, whether it is a development server, and the host and port it binds
 * (including each server's defaults, e.g. gunicorn and uvicorn bind 127.0.0.1).
 */
import type { BuildContext } from "./build-context.js";
import { programName, type ShellCommand } from "./shell-commands.js";

export interface ServerFacts {
  /** How the user wrote it: `flask run`, `gunicorn`, `manage.py runserver`. */
  readonly server: string;
  /** Why it is a development server, or null. */
  readonly dev: string | null;
  /** Host it listens on; null when unknown (config file, variable, socket). */
  readonly host: string | null;
  readonly port: number | null;
}

type Env = ReadonlyMap<string, string>;
/** The expanded value of the named option (its last occurrence), or undefined. */
type Option = (...names: string[]) => string | undefined;

/** `--bind X`, `--bind=X`, `-b X`, `-bX`: the last occurrence wins, as in argparse/click. */
export function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
  let value: string | undefined;
  argv.forEach((word, i) => {
    for (const name of names) {
      if (word === name) value = argv[i + 1];
      else if (word.startsWith(`${name}=`)) value = word.slice(name.length + 1);
      else if (
        name.length === 2 &&
        !name.startsWith("--") &&
        word.startsWith(name) &&
        word.length > 2
      ) {
        value = word.slice(2);
      }
    }
  });
  return value;
}

function expand(value: string | undefined, env: Env): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (match, name: string) => env.get(name) ?? match);
}

/** `0.0.0.0:8000`, `:8000`, `[::]:8000`, `8000` → host and port (null where unknown). */
function splitAddress(
  address: string,
  defaultHost: string | null,
): { host: string | null; port: number | null } {
  if (address.includes("$") || address.startsWith("unix:") || address.startsWith("fd://")) {
    return {
      host: address.startsWith("unix:") ? null : hostPart(address),
      port: null,
    };
  }
  const match = /^(.*):(\d+)$/.exec(address);
  if (match)
    return { host: match[1] === "" ? "0.0.0.0" : (match[1] ?? null), port: Number(match[2]) };
  return /^\d+$/.test(address)
    ? { host: defaultHost, port: Number(address) }
    : { host: address, port: null };
}

/**
 * The host of an address with a variable in it: `:$PORT` has an empty host, which means
 * every interface; a variable without a colon (`$BIND`) may be a whole address, so unknown.
 */
function hostPart(address: string): string | null {
  if (!address.includes(":")) return null;
  const host = address.slice(0, address.lastIndexOf(":"));
  if (host === "") return "0.0.0.0";
  return host.includes("$") ? null : host;
}

function port(value: string | undefined, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** The program and its arguments, seeing through `python -m X`. */
function program(command: ShellCommand): { name: string; args: readonly string[] } {
  const name = programName(command);
  if (!/^python[\d.]*$/.test(name)) return { name, args: command.argv.slice(1) };
  const m = command.argv.indexOf("-m");
  if (m >= 0) return { name: command.argv[m + 1] ?? "", args: command.argv.slice(m + 2) };
  const script = command.argv.slice(1).find((word) => !word.startsWith("-")) ?? "";
  return { name: script, args: command.argv.slice(command.argv.indexOf(script) + 1) };
}

export function serverFacts(
  command: ShellCommand,
  env: Env,
  build: BuildContext,
): ServerFacts | null {
  const { name, args } = program(command);
  const opt: Option = (...names) => expand(optionValue(args, names), env);
  const reload = args.includes("--reload") ? `${name} --reload` : null;
  switch (name) {
    case "gunicorn":
      return gunicorn(args, env, build, reload);
    case "uvicorn":
      return uvicorn(opt, env, reload);
    case "hypercorn":
      return hypercorn(opt, reload);
    case "flask":
      return flaskRun(args, opt, env);
    case "fastapi":
      return fastapi(args, opt, reload);
    case "streamlit":
      return streamlit(args, opt);
    default:
      return name.endsWith("manage.py") ? django(args, env) : script(name, build);
  }
}

function uvicorn(opt: Option, env: Env, reload: string | null): ServerFacts {
  const host = opt("--host") ?? env.get("UVICORN_HOST") ?? "127.0.0.1";
  return {
    server: "uvicorn",
    dev: reload,
    host: host.includes("$") ? null : host,
    port: port(opt("--port") ?? env.get("UVICORN_PORT"), 8000),
  };
}

function hypercorn(opt: Option, reload: string | null): ServerFacts {
  return {
    server: "hypercorn",
    dev: reload,
    ...splitAddress(opt("-b", "--bind") ?? "127.0.0.1:8000", "127.0.0.1"),
  };
}

function flaskRun(args: readonly string[], opt: Option, env: Env): ServerFacts | null {
  if (args[0] !== "run" && !args.includes("run")) return null;
  return {
    server: "flask run",
    dev: "flask run",
    host: hostOrNull(opt("--host", "-h") ?? env.get("FLASK_RUN_HOST") ?? "127.0.0.1"),
    port: port(opt("--port", "-p") ?? env.get("FLASK_RUN_PORT"), 5000),
  };
}

function fastapi(args: readonly string[], opt: Option, reload: string | null): ServerFacts | null {
  if (args[0] !== "dev" && args[0] !== "run") return null;
  return {
    server: `fastapi ${args[0]}`,
    dev: args[0] === "dev" ? "fastapi dev" : reload,
    host: hostOrNull(opt("--host") ?? (args[0] === "dev" ? "127.0.0.1" : "0.0.0.0")),
    port: port(opt("--port"), 8000),
  };
}

function streamlit(args: readonly string[], opt: Option): ServerFacts | null {
  return args[0] === "run"
    ? { server: "streamlit", dev: null, host: null, port: port(opt("--server.port"), 8501) }
    : null;
}

function hostOrNull(host: string): string | null {
  return host.includes("$") ? null : host;
}

function gunicorn(
  args: readonly string[],
  env: Env,
  build: BuildContext,
  reload: string | null,
): ServerFacts {
  const configured =
    optionValue(args, ["-c", "--config"]) !== undefined ||
    build.exists("gunicorn.conf.py") ||
    /--bind|-b/.test(env.get("GUNICORN_CMD_ARGS") ?? "");
  const bind = expand(optionValue(args, ["-b", "--bind"]), env);
  if (bind === undefined && configured)
    return { server: "gunicorn", dev: reload, host: null, port: null };
  // gunicorn's own default: 0.0.0.0:$PORT when PORT is set (as Procfile platforms expect).
  const portEnv = env.get("PORT");
  const fallback = portEnv ? `0.0.0.0:${portEnv}` : "127.0.0.1:8000";
  return {
    server: "gunicorn",
    dev: reload,
    ...splitAddress(bind ?? fallback, "127.0.0.1"),
  };
}

function django(args: readonly string[], env: Env): ServerFacts | null {
  if (!args.includes("runserver")) return null;
  const address = expand(
    args.slice(args.indexOf("runserver") + 1).find((w) => !w.startsWith("-")),
    env,
  );
  return {
    server: "manage.py runserver",
    dev: "manage.py runserver",
    ...splitAddress(address ?? "127.0.0.1:8000", "127.0.0.1"),
  };
}

/** `python app.py` where app.py calls Flask's app.run(): Werkzeug's development server. */
function script(path: string, build: BuildContext): ServerFacts | null {
  if (!path.endsWith(".py")) return null;
  const source = build.read(path.replace(/^\/(app|code|srv|usr\/src\/app|opt\/app)\//, ""));
  if (source === null || !/^\s*(from\s+flask\s+import|import\s+flask)\b/m.test(source)) return null;
  if (!/\.run\(/.test(source)) return null;
  const literal = /\.run\([^)]*host\s*=\s*["']([^"']+)["']/.exec(source)?.[1];
  const host = literal ?? (/\.run\([^)]*host\s*=/.test(source) ? null : "127.0.0.1");
  const portText = /\.run\([^)]*port\s*=\s*(\d+)/.exec(source)?.[1];
  return {
    server: `app.run() in ${path}`,
    dev: `app.run() in ${path}`,
    host,
    port: portText ? Number(portText) : 5000,
  };
}
