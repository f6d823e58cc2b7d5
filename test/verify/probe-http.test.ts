/*
 * The real fetchHttp against a loopback server: each probe must ask for its connection to be
 * closed, so no idle socket of verify's is still open when the stop check sends SIGTERM.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { fetchHttp } from "../../src/verify/probe-http.js";

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serveOnce(): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.end("hello");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

it("answers with the status and body, and asks to close the connection", async () => {
  const { url, seen } = await serveOnce();
  expect(await fetchHttp(url, 5000)).toEqual({ status: 200, body: "hello" });
  expect(seen.map((headers) => headers.connection)).toEqual(["close"]);
});

it("resolves null when nothing listens", async () => {
  const { url } = await serveOnce();
  for (const server of servers.splice(0)) server.close();
  expect(await fetchHttp(url, 2000)).toBeNull();
});
