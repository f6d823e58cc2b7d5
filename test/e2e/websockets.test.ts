/*
 * Django Channels sites on the real engine. Their ASGI application routes a WebSocket
 * consumer, and pyship, adding uvicorn itself, installs uvicorn[standard], which brings the
 * WebSocket library. The page answers verify's probe and a WebSocket client's message comes
 * back from the consumer; with plain uvicorn the same probe passed while every upgrade got
 * 404. django-channels-early imports its routing before Django is set up, as many Channels
 * tutorials do: it exited at import until pyship served it through a module that sets
 * Django up first.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import { buildImage, copyFixture, removeDir, removeImages, verifyJson } from "./pyship-cli.js";
import { start, stop } from "./run-container.js";

// [fixture, the consumer's answer to "ping"]
const FIXTURES = [
  ["django-channels-echo", "echo: ping"],
  // Its asgi.py imports the routing (and so a model) above get_asgi_application(): served
  // through pyship's module that sets Django up first, as runserver does.
  ["django-channels-early", "echo from Room: ping"],
] as const;
const tagOf = (fixture: string) => `pyship-e2e-${fixture}:test`;

/** Opens a WebSocket, sends one message, resolves with the first answer (or the error). */
function echo(url: string, message: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { handshakeTimeout: 5000 });
    const timer = setTimeout(() => socket.terminate(), 10_000);
    socket.on("open", () => socket.send(message));
    socket.on("message", (data) => {
      clearTimeout(timer);
      resolve(String(data));
      socket.close();
    });
    socket.on("error", (error) => resolve(`error: ${error.message}`));
    socket.on("close", () => resolve("closed before an answer"));
  });
}

describeE2e("an ASGI app's WebSockets: uvicorn with its WebSocket library", (engine) => {
  beforeAll(async () => {
    for (const [fixture] of FIXTURES) {
      const dir = await copyFixture(fixture);
      try {
        await buildImage(engine, dir, tagOf(fixture));
      } finally {
        await removeDir(dir);
      }
    }
  }, 900_000);
  afterAll(() =>
    removeImages(
      engine,
      FIXTURES.map(([fixture]) => tagOf(fixture)),
    ),
  );

  it.each(FIXTURES)("%s answers, runs non-root, stops fast, leaks nothing", async (fixture) => {
    const { report, exitCode } = await verifyJson(engine, tagOf(fixture), [
      "--expect",
      `hello from ${fixture}`,
    ]);
    expectProductionReady(report, exitCode);
  });

  it.each(FIXTURES)(
    "%s: a WebSocket client's message comes back from the consumer",
    async (fixture, answer) => {
      const { name, url } = await start(engine, tagOf(fixture), []);
      try {
        expect(await echo(`${url.replace(/^http/, "ws")}ws/echo/`, "ping")).toBe(answer);
      } finally {
        await stop(engine, name);
      }
    },
  );
});
