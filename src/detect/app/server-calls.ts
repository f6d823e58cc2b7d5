/*
 * Calls that start an HTTP server from inside a script, as data: which function (or which
 * method on which object) it is, where its host and port arguments are, and what it binds
 * when they are left out. A script that makes one of these calls is a web process.
 *
 * Order: only for stable output; a script matches at most one row per call site.
 */
import type { Framework } from "../../core/pipeline.js";

/** Where an argument is: by keyword, else by position (in the tuple at `tuple`, if given). */
export interface ArgPosition {
  readonly keyword: string | null;
  readonly position: number | null;
}

/** What the server does when the host or port is not passed. */
export type Default =
  | { readonly kind: "value"; readonly value: string }
  /** The server reads this environment variable itself, with this fallback. */
  | { readonly kind: "env"; readonly name: string; readonly fallback: string };

export interface ServerCall {
  /** How the evidence names it. */
  readonly label: string;
  readonly framework: Framework;
  /** Qualified functions that start the server (`uvicorn.run`). */
  readonly functions: readonly string[];
  /** Or a method, on an object built by one of `on` (qualified names or `pkg.` prefixes). */
  readonly method: { readonly names: readonly string[]; readonly on: readonly string[] } | null;
  /**
   * `call`: host and port are arguments of the call itself; `constructor`: of the call that
   * built the receiver (`HTTPServer(("", 8000), Handler).serve_forever()`), where a tuple
   * argument at position 0 holds (host, port).
   */
  readonly address: "call" | "constructor";
  readonly host: ArgPosition;
  readonly port: ArgPosition;
  readonly defaultHost: Default;
  readonly defaultPort: Default | null;
  /**
   * The receiver may come from another project module that imports `pkg` (Spaces' app.py:
   * `from ui import demo; demo.launch()`): then a file needs only the needle to be parsed.
   */
  readonly importedReceiver?: boolean;
  /** A file must contain this and import `pkg` to be worth parsing (cheap text tests). */
  readonly needle: string;
  readonly pkg: string;
}

const at = (keyword: string | null, position: number | null): ArgPosition => ({
  keyword,
  position,
});
const value = (text: string): Default => ({ kind: "value", value: text });
const LOOPBACK = value("127.0.0.1");
const ANY = value("0.0.0.0");
const TUPLE_HOST = at(null, 0);
const TUPLE_PORT = at(null, 1);

/** `app.run()` of these framework objects serves with the framework's development server. */
const RUN_METHOD_ROWS: ReadonlyArray<readonly [Framework, string, string, Default]> = [
  ["script", "flask", "flask.Flask", value("5000")],
  ["script", "quart", "quart.Quart", value("5000")],
  ["script", "sanic", "sanic.Sanic", value("8000")],
  ["script", "bottle", "bottle.Bottle", value("8080")],
];

const runMethods: ServerCall[] = RUN_METHOD_ROWS.map(([framework, pkg, cls, port]) => ({
  label: `${cls.split(".")[1]}.run`,
  framework,
  functions: [],
  method: { names: ["run"], on: [cls, `${cls.split(".")[0]}.app.${cls.split(".")[1]}`] },
  address: "call",
  host: at("host", 0),
  port: at("port", 1),
  defaultHost: LOOPBACK,
  defaultPort: port,
  needle: ".run(",
  pkg,
}));

export const SERVER_CALLS: readonly ServerCall[] = [
  {
    label: "uvicorn.run",
    framework: "script",
    functions: ["uvicorn.run", "uvicorn.main.run"],
    method: null,
    address: "call",
    host: at("host", null),
    port: at("port", null),
    defaultHost: LOOPBACK,
    defaultPort: value("8000"),
    needle: "run(",
    pkg: "uvicorn",
  },
  {
    label: "aiohttp.web.run_app",
    framework: "script",
    functions: ["aiohttp.web.run_app"],
    method: null,
    address: "call",
    host: at("host", null),
    port: at("port", null),
    // host=None listens on every interface.
    defaultHost: ANY,
    defaultPort: value("8080"),
    needle: "run_app",
    pkg: "aiohttp",
  },
  {
    label: "waitress.serve",
    framework: "script",
    functions: ["waitress.serve"],
    method: null,
    address: "call",
    host: at("host", null),
    port: at("port", null),
    defaultHost: ANY,
    defaultPort: value("8080"),
    needle: "serve(",
    pkg: "waitress",
  },
  {
    label: "bottle.run",
    framework: "script",
    functions: ["bottle.run"],
    method: null,
    address: "call",
    host: at("host", null),
    port: at("port", null),
    defaultHost: LOOPBACK,
    defaultPort: value("8080"),
    needle: "run(",
    pkg: "bottle",
  },
  ...["http", "socketserver", "wsgiref"].map(
    (pkg): ServerCall => ({
      label: "serve_forever",
      framework: "script",
      functions: [],
      method: {
        names: ["serve_forever"],
        on: [
          "http.server.HTTPServer",
          "http.server.ThreadingHTTPServer",
          "socketserver.TCPServer",
          "socketserver.ThreadingTCPServer",
          "wsgiref.simple_server.make_server",
          "wsgiref.simple_server.WSGIServer",
        ],
      },
      address: "constructor",
      host: TUPLE_HOST,
      port: TUPLE_PORT,
      defaultHost: ANY,
      defaultPort: null,
      needle: "serve_forever",
      pkg,
    }),
  ),
  {
    label: "tornado listen",
    framework: "script",
    functions: [],
    method: {
      names: ["listen"],
      on: ["tornado.web.Application", "tornado.httpserver.HTTPServer"],
    },
    address: "call",
    host: at("address", 1),
    port: at("port", 0),
    defaultHost: ANY,
    defaultPort: null,
    needle: ".listen(",
    pkg: "tornado",
  },
  {
    // NiceGUI's ui.run() serves its pages with uvicorn: 0.0.0.0:8080 unless told otherwise
    // (127.0.0.1 only in native mode, a desktop window no container has).
    label: "NiceGUI ui.run",
    framework: "script",
    functions: ["nicegui.ui.run"],
    method: null,
    address: "call",
    host: at("host", null),
    port: at("port", null),
    defaultHost: ANY,
    defaultPort: value("8080"),
    needle: "ui.run(",
    pkg: "nicegui",
  },
  ...runMethods,
  {
    // Dash's run() reads HOST and PORT itself (defaults 127.0.0.1 and 8050).
    label: "Dash.run",
    framework: "dash",
    functions: [],
    method: { names: ["run", "run_server"], on: ["dash.Dash", "dash.dash.Dash"] },
    address: "call",
    host: at("host", null),
    port: at("port", null),
    defaultHost: { kind: "env", name: "HOST", fallback: "127.0.0.1" },
    defaultPort: { kind: "env", name: "PORT", fallback: "8050" },
    needle: ".run",
    pkg: "dash",
  },
  {
    // launch() reads GRADIO_SERVER_NAME / GRADIO_SERVER_PORT when not passed.
    label: "Gradio launch",
    framework: "gradio",
    functions: [],
    method: { names: ["launch"], on: ["gradio."] },
    address: "call",
    host: at("server_name", null),
    port: at("server_port", null),
    defaultHost: { kind: "env", name: "GRADIO_SERVER_NAME", fallback: "127.0.0.1" },
    defaultPort: { kind: "env", name: "GRADIO_SERVER_PORT", fallback: "7860" },
    needle: ".launch(",
    pkg: "gradio",
    importedReceiver: true,
  },
];
