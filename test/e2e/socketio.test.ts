/*
 * A Flask-SocketIO app (test/fixtures/flask-socketio-chat) on the real engine: a Socket.IO
 * client's session lives in the worker that accepted its handshake, so pyship's gunicorn runs
 * one worker with 100 threads, whatever the CPUs. A client then connects over long-polling
 * and gets every answer on connections of its own; behind one worker per CPU, its next
 * request reached the other worker and was refused (400) or waited for nothing.
 */
import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import { buildImage, copyFixture, removeDir, removeImages, verifyJson } from "./pyship-cli.js";
import { start, stop } from "./run-container.js";

const FIXTURE = "flask-socketio-chat";
const TAG = `pyship-e2e-${FIXTURE}-sessions:test`;

/** One request on a connection of its own: the status and body, or null status on timeout. */
function send(url: string, body?: string): Promise<{ status: number | null; text: string }> {
  const headers = body === undefined ? {} : { "content-length": Buffer.byteLength(body) };
  const method = body === undefined ? "GET" : "POST";
  return new Promise((resolve) => {
    const request = http.request(url, { method, headers, agent: false, timeout: 5000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? null, text }));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve({ status: null, text: "" }));
    request.end(body);
  });
}

/** Engine.IO 4 over polling: handshake, join the namespace, then ten pings, each answered. */
async function chat(base: string): Promise<{ statuses: (number | null)[]; pongs: number }> {
  const handshake = await send(`${base}socket.io/?EIO=4&transport=polling`);
  const sid = (JSON.parse(handshake.text.slice(1)) as { sid: string }).sid;
  const url = `${base}socket.io/?EIO=4&transport=polling&sid=${sid}`;
  const statuses: (number | null)[] = [(await send(url, "40")).status, (await send(url)).status];
  let pongs = 0;
  for (let i = 0; i < 10 && !statuses.some((s) => s !== 200); i += 1) {
    statuses.push((await send(url, `42["ping","m${i}"]`)).status);
    const answer = await send(url);
    statuses.push(answer.status);
    if (answer.text.includes(`["pong","m${i}"]`)) pongs += 1;
  }
  return { statuses, pongs };
}

describeE2e("a Socket.IO app: one worker holds every session", (engine) => {
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
    expect(report.stopMs).toBeLessThan(3000);
  });

  it("a polling client's every request reaches its session, on 2 CPUs", async () => {
    const { name, url, log } = await start(engine, TAG, ["--cpus", "2"]);
    try {
      expect(log).toMatch(/pyship: 1 gunicorn workers x 100 threads for \d+ CPUs/);
      const { statuses, pongs } = await chat(url);
      expect(
        statuses.every((s) => s === 200),
        statuses.join(","),
      ).toBe(true);
      expect(pongs).toBe(10);
    } finally {
      await stop(engine, name);
    }
  });
});
