/*
 * Which apps keep each client's session in their process: the code creating a Flask-SocketIO
 * or python-socketio server, read only when the requirements name the library. One row per
 * shape: the extension on the app's module, the factory's extensions.py, an ASGI server.
 */
import { describe, expect, it } from "vitest";
import { detectSessionsInProcess } from "../../../src/detect/app/sessions-in-process.js";
import { candidate, makeFacts, requirement } from "../../plan/make-facts.js";
import { memoryFiles } from "./memory-files.js";

const deps = (...names: string[]) =>
  makeFacts({ requirements: names.map((name) => requirement(name)) }).dependencies;

type Row = [label: string, tree: Record<string, string>, names: string[], found: string | null];

const ROWS: Row[] = [
  [
    "Flask-SocketIO on the app's module",
    {
      "app.py":
        "from flask import Flask\nfrom flask_socketio import SocketIO\n\napp = Flask(__name__)\nsocketio = SocketIO(app)\n",
    },
    ["flask", "flask-socketio"],
    "Flask-SocketIO app.py:5",
  ],
  [
    "a factory's extension, created bare in extensions.py",
    {
      "chat/__init__.py":
        "from flask import Flask\nfrom .extensions import socketio\n\ndef create_app():\n    app = Flask(__name__)\n    socketio.init_app(app)\n    return app\n",
      "chat/extensions.py": "import flask_socketio\n\nsocketio = flask_socketio.SocketIO()\n",
    },
    ["flask", "flask-socketio"],
    "Flask-SocketIO chat/extensions.py:3",
  ],
  [
    "python-socketio's AsyncServer beside FastAPI",
    {
      "app.py":
        "import socketio\nfrom fastapi import FastAPI\n\nsio = socketio.AsyncServer(async_mode='asgi')\napp = FastAPI()\n",
    },
    ["fastapi", "python-socketio"],
    "python-socketio app.py:4",
  ],
  [
    "the library listed but never created: nothing",
    {
      "app.py":
        "from flask import Flask\nfrom flask_socketio import emit\n\napp = Flask(__name__)\n# socketio = SocketIO(app)\n",
    },
    ["flask", "flask-socketio"],
    null,
  ],
  [
    "created, but the requirements do not name the library: the code is not read",
    { "app.py": "from flask_socketio import SocketIO\nsocketio = SocketIO()\n" },
    ["flask"],
    null,
  ],
];

describe("detectSessionsInProcess", () => {
  it.each(ROWS)("%s", (_label, tree, names, found) => {
    const entry = candidate("wsgi", "app:app", "flask", Object.keys(tree)[0] ?? "app.py", 4);
    const got = detectSessionsInProcess(memoryFiles(tree), deps(...names), entry);
    expect(got ? `${got.library} ${got.evidence.file}:${got.evidence.line}` : null).toBe(found);
  });
});
