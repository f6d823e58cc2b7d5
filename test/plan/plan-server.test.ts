/*
 * The sizing of pyship's own server: one worker per CPU with 8 threads (gunicorn) or one
 * event loop per CPU (uvicorn), and one process for an app whose clients' sessions live in
 * it (Socket.IO), said with the file and line that create its server.
 */
import { describe, expect, it } from "vitest";
import type { EntrypointCandidate } from "../../src/core/pipeline.js";
import type { Notes } from "../../src/plan/notes.js";
import { planProject } from "../../src/plan/plan-project.js";
import { planServer, workersCount } from "../../src/plan/plan-server.js";
import { at, candidate, makeFacts, requirement } from "./make-facts.js";

const SOCKETIO = {
  library: "Flask-SocketIO",
  evidence: at("app.py", 5, "socketio = SocketIO(app)"),
};
const notes = (): Notes => ({ evidence: [], warnings: [] });

const ROWS: [string, EntrypointCandidate, boolean, string][] = [
  [
    "gunicorn",
    candidate("wsgi", "app:app", "flask"),
    false,
    "one worker per CPU (at most 12), 8 threads each",
  ],
  ["uvicorn", candidate("asgi", "app:app", "fastapi"), false, "one worker per CPU (at most 12)"],
  [
    "gunicorn, Socket.IO",
    candidate("wsgi", "app:app", "flask"),
    true,
    "one worker (at most 1), 100 threads each",
  ],
  ["uvicorn, Socket.IO", candidate("asgi", "app:app", "fastapi"), true, "one worker (at most 1)"],
];

describe("planServer", () => {
  it.each(ROWS)("%s", (_label, entry, sessions, count) => {
    const server = planServer(entry, notes(), sessions ? SOCKETIO : undefined);
    expect(server && workersCount(server)).toBe(count);
  });

  it("says why one worker, at the line that creates the Socket.IO server", () => {
    const noted = notes();
    planServer(candidate("wsgi", "app:app", "flask"), noted, SOCKETIO);
    const why = noted.evidence.find((e) => e.file === "app.py" && e.line === 5)?.why;
    expect(why).toContain("Flask-SocketIO keeps each client's session in the process");
    expect(why).toContain("one worker with 100 threads");
    expect(why).toContain("WEB_CONCURRENCY");
  });
});

describe("the uvicorn pyship adds for an app that routes WebSockets", () => {
  const fastapi = (websockets?: boolean) =>
    planProject(
      makeFacts({
        entrypoints: [candidate("asgi", "app:app", "fastapi")],
        requirements: [requirement("fastapi")],
        ...(websockets ? { websockets: at("app.py", 5, '@app.websocket("/ws")') } : {}),
      }),
    );

  it("is uvicorn[standard], with the line that routes them", () => {
    const plan = fastapi(true);
    expect(plan.install.extraPackages).toContain("uvicorn[standard]>=0.30,<1");
    const why = plan.evidence.find((e) => e.file === "app.py" && e.line === 5)?.why;
    expect(why).toContain("the app routes WebSockets here");
  });

  it("stays plain uvicorn for an HTTP-only app", () => {
    expect(fastapi(false).install.extraPackages).toContain("uvicorn>=0.30,<1");
  });
});
