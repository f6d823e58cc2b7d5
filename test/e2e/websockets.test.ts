/*
 * A Django Channels site (test/fixtures/django-channels-echo) on the real engine: its ASGI
 * application routes a WebSocket consumer, and pyship, adding uvicorn itself, installs
 * uvicorn[standard], which brings the WebSocket library. The page answers verify's probe
 * and a WebSocket client's message comes back from the consumer; with plain uvicorn the
 * same probe passed while every upgrade was refused ("Unsupported upgrade request").
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import { buildImage, copyFixture, removeDir, removeImages, verifyJson } from "./pyship-cli.js";
import { start, stop } from "./run-container.js";

const FIXTURE = "django-channels-echo";
const TAG = `pyship-e2e-${FIXTURE}:test`;

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
    const dir = await copyFixture(FIXTURE);
    try {
      await buildImage(engine, dir, TAG);
    } finally {
      await removeDir(dir);
    }
  }, 600_000);
  afterAll(() => removeImages(engine, [TAG]));

  it("answers, runs non-root, stops fast, leaks nothing", async () => {
    const { report, exitCode } = await verifyJson(engine, TAG, [
      "--expect",
      `hello from ${FIXTURE}`,
    ]);
    expectProductionReady(report, exitCode);
  });

  it("a WebSocket client's message comes back from the consumer", async () => {
    const { name, url } = await start(engine, TAG, []);
    try {
      expect(await echo(`${url.replace(/^http/, "ws")}ws/echo/`, "ping")).toBe("echo: ping");
    } finally {
      await stop(engine, name);
    }
  });
});
