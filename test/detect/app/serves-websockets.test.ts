/*
 * Where an ASGI app routes WebSockets, one row per framework's way of writing it; a WSGI
 * entry is not read (gunicorn's workers are not uvicorn).
 */
import { describe, expect, it } from "vitest";
import type { EntrypointCandidate } from "../../../src/core/pipeline.js";
import { detectWebsockets } from "../../../src/detect/app/serves-websockets.js";
import { candidate } from "../../plan/make-facts.js";
import { memoryFiles } from "./memory-files.js";

const ASGI = candidate("asgi", "app:app", "fastapi", "app.py", 3);

type Row = [string, Record<string, string>, EntrypointCandidate, string | null];

const ROWS: Row[] = [
  [
    "Channels' ProtocolTypeRouter with a websocket key",
    {
      "site/asgi.py":
        'from channels.routing import ProtocolTypeRouter\napplication = ProtocolTypeRouter({\n    "http": http,\n    "websocket": URLRouter(routes),\n})\n',
    },
    candidate("asgi", "site.asgi:application", "django", "site/settings.py", 9),
    "site/asgi.py:4",
  ],
  [
    "FastAPI's @app.websocket",
    {
      "app.py":
        'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.websocket("/ws")\nasync def ws(socket):\n    pass\n',
    },
    ASGI,
    "app.py:5",
  ],
  [
    "Starlette's WebSocketRoute",
    {
      "app.py":
        "from starlette.routing import WebSocketRoute\nroutes = [WebSocketRoute('/ws', Echo)]\n",
    },
    ASGI,
    "app.py:2",
  ],
  [
    "python-socketio's ASGIApp",
    {
      "app.py":
        "import socketio\nsio = socketio.AsyncServer()\napp = socketio.ASGIApp(sio, other)\n",
    },
    ASGI,
    "app.py:3",
  ],
  [
    "an HTTP-only app, a websocket in a comment only",
    { "app.py": 'from fastapi import FastAPI\napp = FastAPI()\n# @app.websocket("/ws") later\n' },
    ASGI,
    null,
  ],
  [
    "a WSGI entry: not read",
    { "app.py": '@app.websocket("/ws")\n' },
    candidate("wsgi", "app:app", "flask", "app.py", 1),
    null,
  ],
];

describe("detectWebsockets", () => {
  it.each(ROWS)("%s", (_label, tree, entry, where) => {
    const found = detectWebsockets(memoryFiles(tree), entry);
    expect(found ? `${found.file}:${found.line}` : null).toBe(where);
  });
});
