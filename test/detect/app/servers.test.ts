/*
 * What serves HTTP: scripts and console scripts that start a server themselves, the
 * frameworks beyond Flask/FastAPI/Starlette, and dashboards found by what their code calls.
 * Each row: the project's files (and console scripts) → the best candidate in compact form
 * `app kind framework file:line port args env`, plus the warnings.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EntrypointCandidate, ForcedBind, Warning } from "../../../src/core/pipeline.js";
import { detectEntrypoints } from "../../../src/detect/app/detect-entrypoints.js";
import { detectPort } from "../../../src/detect/port.js";
import { scanProject } from "../../../src/detect/project-files.js";
import { detectProjectMeta } from "../../../src/detect/project-meta.js";
import { memoryFiles, meta, py } from "./memory-files.js";

const brief = (c: EntrypointCandidate | undefined) => {
  if (!c) return "none";
  const serves = c.serves
    ? ` port=${c.serves.port} args=[${c.serves.args.join(" ")}] env=${JSON.stringify(c.serves.env)}${bound(c.serves.bind)}`
    : "";
  return `${c.app} ${c.kind} ${c.framework} ${c.evidence.file}:${c.evidence.line}${serves}`;
};

const bound = (bind: ForcedBind | undefined) =>
  bind
    ? ` bind=${bind.function}(${bind.hostKeyword},${bind.portKeyword})@${bind.module ?? "file"}`
    : "";

const HTTP_SERVER = py`
  import os
  from http.server import HTTPServer, SimpleHTTPRequestHandler

  PORT = int(os.environ.get("PORT", "8080"))

  def main():
      httpd = HTTPServer(("", PORT), SimpleHTTPRequestHandler)
      httpd.serve_forever()

  if __name__ == "__main__":
      main()
`;

const UVICORN_CLI = py`
  import argparse
  import uvicorn

  def main():
      parser = argparse.ArgumentParser()
      parser.add_argument("--host", default="127.0.0.1")
      parser.add_argument("--port", type=int, default=8765)
      args = parser.parse_args()
      serve(args)

  def serve(args):
      uvicorn.run("tool.api:app", host=args.host, port=args.port)
`;

type Row = readonly [
  string,
  Record<string, string>,
  Record<string, string>,
  string,
  readonly Pick<Warning, "code" | "line">[],
];

const ROWS: readonly Row[] = [
  [
    "http.server script, port from PORT with a default, via main()",
    { "serve.py": HTTP_SERVER },
    {},
    "serve.py server-script script serve.py:8 port=8080 args=[] env={}",
    [],
  ],
  [
    "socketserver at module level in a with block, literal port",
    {
      "web.py": py`
        import socketserver, http.server
        with socketserver.TCPServer(("0.0.0.0", 9000), http.server.SimpleHTTPRequestHandler) as httpd:
            httpd.serve_forever()
      `,
    },
    {},
    "web.py server-script script web.py:3 port=9000 args=[] env={}",
    [],
  ],
  [
    "console script calling uvicorn.run one level down, argparse host and port",
    { "tool/__init__.py": "", "tool/cli.py": UVICORN_CLI },
    { tool: "tool.cli:main" },
    "tool server-console-script script tool/cli.py:12 port=8765 args=[--host 0.0.0.0 --port $PORT] env={}",
    [],
  ],
  [
    "console script under src/ with a click --port option and uvicorn's loopback default host",
    {
      "src/tool/cli.py": py`
        import click, uvicorn

        @click.command()
        @click.option("--port", default=9001)
        def main(port):
            uvicorn.run("tool.api:app", port=port)
      `,
    },
    { tool: "tool.cli:main" },
    "tool server-console-script script src/tool/cli.py:6 port=9001 args=[--port $PORT] env={}",
    [{ code: "W_LOOPBACK_BIND", line: 6 }],
  ],
  [
    "aiohttp run_app under __main__ binds every interface by default",
    {
      "server.py": py`
        from aiohttp import web

        async def hello(request):
            return web.Response(text="hi")

        def build():
            app = web.Application()
            app.router.add_get("/", hello)
            return app

        if __name__ == "__main__":
            web.run_app(build(), port=8081)
      `,
    },
    {},
    "server:build() wsgi aiohttp server.py:6",
    [],
  ],
  [
    "waitress.serve of an imported app",
    {
      "run.py": py`
        from waitress import serve
        from myapp import application
        serve(application, host="0.0.0.0", port=6543)
      `,
    },
    {},
    "run.py server-script script run.py:3 port=6543 args=[] env={}",
    [],
  ],
  [
    "NiceGUI ui.run at module level: 0.0.0.0:8080 unless told (nicegui examples)",
    {
      "main.py": py`
        from nicegui import ui

        ui.label("hello")

        ui.run()
      `,
    },
    {},
    "main.py server-script script main.py:5 port=8080 args=[] env={}",
    [],
  ],
  [
    "NiceGUI ui.run with a port of its own",
    {
      "main.py": py`
        from nicegui import ui
        ui.run(title="todo", port=9000)
      `,
    },
    {},
    "main.py server-script script main.py:2 port=9000 args=[] env={}",
    [],
  ],
  [
    "tornado listen on options.port: define()'s default, set as --port=N (tornado's chat demo)",
    {
      "chatdemo.py": py`
        import asyncio
        import tornado
        from tornado.options import define, options, parse_command_line

        define("port", default=8888, help="run on the given port", type=int)

        async def main():
            parse_command_line()
            app = tornado.web.Application([])
            app.listen(options.port)
            await asyncio.Event().wait()

        if __name__ == "__main__":
            asyncio.run(main())
      `,
    },
    {},
    "chatdemo.py server-script script chatdemo.py:10 port=8888 args=[--port=$PORT] env={}",
    [],
  ],
  [
    "tornado listen",
    {
      "main.py": py`
        import tornado.web, tornado.ioloop

        def make_app():
            return tornado.web.Application([])

        if __name__ == "__main__":
            app = make_app()
            app.listen(8888)
            tornado.ioloop.IOLoop.current().start()
      `,
    },
    {},
    "main.py server-script script main.py:8 port=8888 args=[] env={}",
    [],
  ],
  [
    "bottle's module-level run() with a hard-coded loopback host: host and port forced around the call",
    {
      "hello.py": py`
        from bottle import route, run

        @route("/")
        def index():
            return "hi"

        run(host="localhost", port=8080)
      `,
    },
    {},
    "hello.py server-script script hello.py:7 port=8080 args=[] env={} bind=bottle.run(host,port)@file",
    [],
  ],
  [
    "a factory needing its config, run by the package's own main() with the host from that config",
    {
      "shop/__init__.py": "",
      "shop/settings.yml": "host: 127.0.0.1\nport: 9100\n",
      "shop/server.py": py`
        import yaml
        from aiohttp import web

        async def build(settings):
            app = web.Application()
            app["settings"] = settings
            return app

        def main():
            settings = yaml.safe_load(open("shop/settings.yml"))
            web.run_app(build(settings), host=settings["host"], port=settings["port"])

        if __name__ == "__main__":
            main()
      `,
    },
    {},
    "shop/server.py server-script script shop/server.py:11 port=null args=[] env={} bind=aiohttp.web.run_app(host,port)@shop.server",
    [],
  ],
  [
    "Flask app.run on loopback: the app object is served by gunicorn instead, with a warning",
    {
      "app.py": py`
        from flask import Flask
        app = Flask(__name__)

        if __name__ == "__main__":
            app.run(host="127.0.0.1", port=5001)
      `,
    },
    {},
    "app:app wsgi flask app.py:2",
    [{ code: "W_LOOPBACK_BIND", line: 5 }],
  ],
  [
    "a run() that starts no server (asyncio.run) is a plain script",
    {
      "main.py": py`
        import asyncio
        async def main():
            print("done")
        if __name__ == "__main__":
            asyncio.run(main())
      `,
    },
    {},
    "main.py script script main.py:4",
    [],
  ],
  [
    "a server call in a function nobody calls does not count",
    {
      "lib.py": py`
        import uvicorn
        def serve():
            uvicorn.run("x:app")
        if __name__ == "__main__":
            print("library")
      `,
    },
    {},
    "lib.py script script lib.py:4",
    [],
  ],
  [
    "Quart app object (ASGI)",
    { "app.py": "from quart import Quart\napp = Quart(__name__)\n" },
    {},
    "app:app asgi quart app.py:2",
    [],
  ],
  [
    "Sanic app object",
    { "server.py": 'from sanic import Sanic\napp = Sanic("demo")\n' },
    {},
    "server:app asgi sanic server.py:2",
    [],
  ],
  [
    "Falcon WSGI App",
    { "api.py": "import falcon\napp = falcon.App()\n" },
    {},
    "api:app wsgi falcon api.py:2",
    [],
  ],
  [
    "Falcon ASGI App",
    { "api.py": "import falcon.asgi\napp = falcon.asgi.App()\n" },
    {},
    "api:app asgi falcon api.py:2",
    [],
  ],
  [
    "Litestar app",
    { "app.py": "from litestar import Litestar\napp = Litestar(route_handlers=[])\n" },
    {},
    "app:app asgi litestar app.py:2",
    [],
  ],
  [
    "Bottle object",
    { "app.py": "import bottle\napp = bottle.Bottle()\n" },
    {},
    "app:app wsgi bottle app.py:2",
    [],
  ],
  [
    "aiohttp Application at module level",
    { "app.py": "from aiohttp import web\napp = web.Application()\n" },
    {},
    "app:app wsgi aiohttp app.py:2",
    [],
  ],
  [
    "aiohttp async factory",
    {
      "app.py": py`
        from aiohttp import web
        async def init_app():
            app = web.Application()
            return app
      `,
    },
    {},
    "app:init_app() wsgi aiohttp app.py:2",
    [],
  ],
  [
    "Dash with its server alias: gunicorn runs the alias",
    {
      "board.py": py`
        from dash import Dash, html
        app = Dash(__name__)
        server = app.server
        app.layout = html.Div("hi")
      `,
    },
    {},
    "board:server wsgi dash board.py:3",
    [],
  ],
  [
    "Dash without an alias: its run() reads HOST and PORT",
    {
      "board.py": py`
        import dash
        app = dash.Dash(__name__)
        if __name__ == "__main__":
            app.run(debug=False)
      `,
    },
    {},
    'board.py server-script dash board.py:4 port=8050 args=[] env={"HOST":"0.0.0.0"}',
    [],
  ],
  [
    "Gradio launch() at module level, whatever the file is named",
    {
      "demo_ui.py": py`
        import gradio as gr
        def greet(name):
            return "hi " + name
        demo = gr.Interface(fn=greet, inputs="text", outputs="text")
        demo.launch()
      `,
    },
    {},
    'demo_ui.py server-script gradio demo_ui.py:5 port=7860 args=[] env={"GRADIO_SERVER_NAME":"0.0.0.0","GRADIO_SERVER_PORT":"$PORT"}',
    [],
  ],
  [
    "Gradio Blocks in a with block, launched with a literal port",
    {
      "app.py": py`
        import gradio as gr
        with gr.Blocks() as ui:
            gr.Markdown("hi")
        if __name__ == "__main__":
            ui.launch(server_port=7861)
      `,
    },
    {},
    'app.py server-script gradio app.py:5 port=7861 args=[] env={"GRADIO_SERVER_NAME":"0.0.0.0"}',
    [],
  ],
  [
    "Gradio demo imported from the project's own module (a Spaces app.py)",
    {
      "ui/blocks.py": "import gradio as gr\n\ndef build():\n    return gr.Blocks()\n",
      "ui/__init__.py": "",
      "app.py": py`
        from ui.blocks import build

        demo = build()
        if __name__ == "__main__":
            demo.launch(server_name="127.0.0.1")
      `,
    },
    {},
    'app.py server-script gradio app.py:5 port=7860 args=[] env={"GRADIO_SERVER_PORT":"$PORT"}',
    [{ code: "W_LOOPBACK_BIND", line: 5 }],
  ],
  [
    "a launch() on an object of a module that does not import gradio is no server",
    {
      "rockets.py": "class Rocket:\n    def launch(self):\n        pass\n",
      "main.py": py`
        from rockets import Rocket
        r = Rocket()
        if __name__ == "__main__":
            r.launch()
      `,
    },
    {},
    "main.py script script main.py:3",
    [],
  ],
  [
    "Panel .servable()",
    {
      "dashboard.py": py`
        import panel as pn
        pn.panel("hello").servable()
      `,
    },
    {},
    "dashboard.py panel panel dashboard.py:2",
    [],
  ],
];

describe("what serves HTTP", () => {
  it.each(ROWS)("%s", (_name, tree, scripts, expected, warnings) => {
    const found: Warning[] = [];
    const candidates = detectEntrypoints(memoryFiles(tree), meta(scripts), found);
    expect(brief(candidates[0])).toBe(expected);
    expect(found.map(({ code, line }) => ({ code, line }))).toStrictEqual(warnings);
  });

  it.each([
    ["falcon.App", "wsgi"],
    ["falcon.asgi.App", "asgi"],
  ])("a Falcon create_app() that builds %s is one %s candidate, not one of each", (cls, kind) => {
    const factory = `import falcon\nimport falcon.asgi\n\ndef create_app():\n    app = ${cls}()\n    return app\n`;
    const candidates = detectEntrypoints(
      memoryFiles({ "look/__init__.py": "", "look/app.py": factory }),
      meta({}),
      [],
    );
    expect(candidates.map((c) => `${c.app} ${c.kind}`)).toStrictEqual([
      `look.app:create_app() ${kind}`,
    ]);
  });

  it("a factory that needs arguments is served through the no-argument function that calls it", () => {
    const app = [
      "import falcon",
      "",
      "def create_app(image_store):",
      "    app = falcon.App()",
      "    return app",
      "",
      "def get_app():",
      "    return create_app(object())",
      "",
    ].join("\n");
    const candidates = detectEntrypoints(
      memoryFiles({ "look/__init__.py": "", "look/app.py": app }),
      meta({}),
      [],
    );
    expect(candidates.map((c) => `${c.app} ${c.kind} ${c.evidence.line}`)).toStrictEqual([
      "look.app:get_app() wsgi 7",
    ]);
  });

  it("a serving console script replaces the plain console-script candidate", () => {
    const candidates = detectEntrypoints(
      memoryFiles({ "tool/__init__.py": "", "tool/cli.py": UVICORN_CLI }),
      meta({ tool: "tool.cli:main" }),
      [],
    );
    expect(candidates.map((c) => `${c.app} ${c.kind}`)).toStrictEqual([
      "tool server-console-script",
    ]);
  });
});

const FIXTURES = join(import.meta.dirname, "../../fixtures");

/** Fixture → the candidate that wins, and the port detection reports with its evidence line. */
const FIXTURE_ROWS: ReadonlyArray<readonly [string, string, string]> = [
  [
    "http-server-script",
    "serve.py server-script script serve.py:22 port=8080 args=[] env={}",
    "8080 serve.py:22",
  ],
  [
    "uvicorn-console-script",
    "status-tool server-console-script script src/status_tool/cli.py:17 port=8765 args=[--host 0.0.0.0 --port $PORT] env={}",
    "8765 src/status_tool/cli.py:17",
  ],
  ["falcon-app", "app:app wsgi falcon app.py:10", "none"],
  ["dash-app", "app:server wsgi dash app.py:4", "none"],
  ["sanic-app", "server:app asgi sanic server.py:4", "8000 server.py:13"],
  ["aiohttp-app", "app:init_app() wsgi aiohttp app.py:8", "8081 app.py:15"],
  [
    "gradio-app",
    'ui.py server-script gradio ui.py:13 port=7860 args=[] env={"GRADIO_SERVER_NAME":"0.0.0.0","GRADIO_SERVER_PORT":"$PORT"}',
    "7860 ui.py:13",
  ],
  ["panel-app", "explore.py panel panel explore.py:5", "none"],
  [
    "aiohttp-config-main",
    "ledger/server.py server-script script ledger/server.py:31 port=null args=[] env={} bind=aiohttp.web.run_app(host,port)@ledger.server",
    "none",
  ],
];

describe("what serves HTTP: fixtures", () => {
  it.each(FIXTURE_ROWS)("%s", (name, expected, port) => {
    const files = scanProject(join(FIXTURES, name));
    const candidates = detectEntrypoints(files, detectProjectMeta(files), []);
    const found = detectPort(files, candidates, null);
    expect(brief(candidates[0])).toBe(expected);
    expect(found ? `${found.port} ${found.evidence.file}:${found.evidence.line}` : "none").toBe(
      port,
    );
  });
});
