/*
 * Port numbers written in Python code: `app.run(port=5001)`, `uvicorn.run(app, port=8001)`,
 * `web.run_app(app, port=8080)`, `port = int(os.environ.get("PORT", 5000))` and the like,
 * and gunicorn.conf.py's `bind = "0.0.0.0:8080"`. A port read from the PORT variable with
 * a default means "PORT if set, else the default": the default is what the app listens on.
 */

import { because, type Message, msg } from "../../i18n/message.js";
import { splitTopLevel } from "./app-objects.js";
import { display, literal, type Statement } from "./python-source.js";
import type { PyModule } from "./python-sources.js";

export interface CodePort {
  readonly port: number;
  readonly line: number;
  readonly why: string;
  /** `why` as a catalog message, when it is more than the statement itself. */
  readonly text?: Message;
}

const RUN_CALL = /\b(?:run|run_app|serve|run_simple)\s*\((.*)\)/;
const ENV_DEFAULT =
  /\b(?:environ\.get|getenv|environ\.setdefault)\s*\(\s*("\d+")\s*,\s*(?:default\s*=\s*)?([^,()]+?)\s*\)/;
/** How far `port=PORT` → `PORT = int(...)` → ... is followed. */
const MAX_HOPS = 3;

/** The first server-run call with a resolvable port, else the first PORT default. */
export function portInCode(module: PyModule): CodePort | null {
  for (const statement of module.statements) {
    const args = RUN_CALL.exec(statement.code)?.[1];
    const port = args === undefined ? null : portArgument(module, statement, args);
    if (port) return port;
  }
  for (const statement of module.statements) {
    const port = envDefault(statement);
    if (port) return port;
  }
  return null;
}

/** gunicorn.conf.py: `bind = "0.0.0.0:8080"` / `bind = ["..."]`, or a PORT default in it. */
export function portInGunicornConfig(module: PyModule): CodePort | null {
  for (const statement of module.statements) {
    if (statement.indent !== 0 || !/^bind\s*=/.test(statement.code)) continue;
    const bound = statement.strings.map(portOfAddress).find((port) => port !== null);
    if (bound)
      return {
        port: bound,
        line: statement.line,
        ...because(msg("ev.port.gunicornConfig", { statement: display(statement) })),
      };
    const env = envDefault(statement);
    if (env) return env;
  }
  return null;
}

function portArgument(module: PyModule, statement: Statement, args: string): CodePort | null {
  const keyword = splitTopLevel(args)
    .map((arg) => /^\s*port\s*=\s*(.+?)\s*$/.exec(arg)?.[1])
    .find((value) => value !== undefined);
  if (keyword === undefined) return null;
  return evaluate(module, statement, keyword, 0);
}

/** A port expression: a number, "5000", int(...), a PORT default, or a name assigned one. */
function evaluate(
  module: PyModule,
  statement: Statement,
  expr: string,
  hops: number,
): CodePort | null {
  const text = expr.trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number(literal(statement, text) ?? Number.NaN);
  if (Number.isInteger(number) && isPort(number)) {
    return { port: number, line: statement.line, why: display(statement) };
  }
  const inner = /^int\s*\((.+)\)$/.exec(text)?.[1];
  if (inner !== undefined) return evaluate(module, statement, inner, hops);
  const env = envDefault({ ...statement, code: text });
  if (env) return env;
  if (!/^[A-Za-z_]\w*$/.test(text) || hops >= MAX_HOPS) return null;
  const assignment = new RegExp(`^${text}\\s*(?::[^=]+)?=\\s*(.+)$`);
  for (const candidate of module.statements) {
    const value = assignment.exec(candidate.code)?.[1];
    const port = value === undefined ? null : evaluate(module, candidate, value, hops + 1);
    if (port) return port;
  }
  return null;
}

function envDefault(statement: Statement): CodePort | null {
  const match = ENV_DEFAULT.exec(statement.code);
  if (!match || literal(statement, match[1]) !== "PORT") return null;
  const raw = (match[2] as string).trim();
  const port = Number(/^\d+$/.test(raw) ? raw : literal(statement, raw));
  if (!Number.isInteger(port) || !isPort(port)) return null;
  const why = because(msg("ev.port.envDefault", { port, statement: display(statement) }));
  return { port, line: statement.line, ...why };
}

/** `0.0.0.0:8080`, `:8080`, `[::]:8080` → 8080; unix sockets and `$PORT` → null. */
export function portOfAddress(address: string): number | null {
  const match = /^(?:[\w.*-]*|\[[\d:a-fA-F]*\]):(\d+)$/.exec(address.trim());
  const port = match ? Number(match[1]) : Number.NaN;
  return isPort(port) ? port : null;
}

export function isPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port <= 65535;
}
