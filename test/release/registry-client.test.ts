/*
 * The HTTP registry client against an in-process server that answers like a distribution
 * registry behind a token service (the real registry with basic auth runs in e2e): bearer
 * challenge, token exchange, manifest lists, pagination, and the failures' codes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PyshipError } from "../../src/core/errors.js";
import { httpRegistry, registryBaseUrl } from "../../src/release/registry-client.js";
import type { Credentials } from "../../src/release/registry-credentials.js";

const TOKEN = "token-for-team";
const CREDENTIALS: Credentials = { username: "ci", secret: "s3cret", from: "/fake/config.json" };
const BASIC = `Basic ${Buffer.from("ci:s3cret").toString("base64")}`;
const seenScopes: string[] = [];

function handle(host: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", `http://${host}`);
  if (url.pathname === "/token") {
    seenScopes.push(url.searchParams.get("scope") ?? "");
    if (req.headers.authorization !== BASIC) return void res.writeHead(401).end();
    return void res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ token: TOKEN }));
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    const challenge = `Bearer realm="http://${host}/token",service="fake",scope="repository:team/app:pull"`;
    return void res.writeHead(401, { "www-authenticate": challenge }).end();
  }
  const route =
    ROUTES[
      url.pathname + (url.searchParams.get("last") ? `?last=${url.searchParams.get("last")}` : "")
    ];
  if (!route) return void res.writeHead(404).end();
  res
    .writeHead(200, route.headers)
    .end(req.method === "HEAD" ? undefined : JSON.stringify(route.body));
}

const ROUTES: Record<string, { headers: Record<string, string>; body: unknown }> = {
  "/v2/team/app/tags/list": {
    headers: { link: '</v2/team/app/tags/list?n=1000&last=b>; rel="next"' },
    body: { tags: ["a", "b"] },
  },
  "/v2/team/app/tags/list?last=b": { headers: {}, body: { tags: ["c"] } },
  "/v2/team/app/manifests/1.0.0": {
    headers: { "docker-content-digest": "sha256:single" },
    body: { config: { digest: "sha256:cfg" } },
  },
  "/v2/team/app/manifests/sha256:single": {
    headers: {},
    body: { config: { digest: "sha256:cfg" } },
  },
  "/v2/team/app/manifests/multi": { headers: { "docker-content-digest": "sha256:list" }, body: {} },
  "/v2/team/app/manifests/sha256:list": {
    headers: {},
    body: { manifests: [{ digest: "sha256:arm" }, { digest: "sha256:amd" }] },
  },
  "/v2/team/app/manifests/sha256:arm": {
    headers: {},
    body: { config: { digest: "sha256:cfg-arm" } },
  },
  "/v2/team/app/manifests/sha256:amd": {
    headers: {},
    body: { config: { digest: "sha256:cfg-amd" } },
  },
};

let host = "";
const server = createServer((req, res) => handle(host, req, res));
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

const client = (credentials: Credentials | null) =>
  httpRegistry({ host, credentials: async () => credentials });

describe("httpRegistry", () => {
  it("lists every page of tags after a bearer token exchange", async () => {
    expect(await client(CREDENTIALS).listTags("team/app")).toStrictEqual(["a", "b", "c"]);
    expect(seenScopes.at(-1)).toBe("repository:team/app:pull");
  });

  it("reads an image's config digest and a manifest list's per-platform ones", async () => {
    const registry = client(CREDENTIALS);
    expect(await registry.manifest("team/app", "1.0.0")).toStrictEqual({
      digest: "sha256:single",
      configDigests: ["sha256:cfg"],
    });
    expect(await registry.manifest("team/app", "multi")).toStrictEqual({
      digest: "sha256:list",
      configDigests: ["sha256:cfg-amd", "sha256:cfg-arm"],
    });
  });

  it("an absent tag or repository is null / empty, not an error", async () => {
    const registry = client(CREDENTIALS);
    expect(await registry.manifest("team/app", "9.9.9")).toBeNull();
    expect(await registry.listTags("team/none")).toStrictEqual([]);
  });

  it.each([
    [
      "refused credentials",
      { ...CREDENTIALS, secret: "wrong" },
      "E_REGISTRY_AUTH",
      "refused the credentials from /fake/config.json",
    ],
    ["no login at all", null, "E_REGISTRY_AUTH", "needs a login and none was found"],
  ] as const)("%s → %s", async (_what, credentials, code, text) => {
    const error = (await client(credentials)
      .listTags("team/app")
      .catch((e: unknown) => e)) as PyshipError;
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
    expect(error.message).not.toContain("wrong");
  });

  it("an unreachable registry is E_REGISTRY_UNREACHABLE with the socket's reason", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const registry = httpRegistry({ host: `127.0.0.1:${port}`, credentials: async () => null });
    const error = (await registry.listTags("x").catch((e: unknown) => e)) as PyshipError;
    expect([error.code, error.message]).toStrictEqual([
      "E_REGISTRY_UNREACHABLE",
      `cannot reach registry 127.0.0.1:${port} (ECONNREFUSED)`,
    ]);
  });
});

describe("registryBaseUrl", () => {
  it.each([
    ["127.0.0.1:5000", "http://127.0.0.1:5000"],
    ["localhost:5000", "http://localhost:5000"],
    ["ghcr.io", "https://ghcr.io"],
    ["registry.example.com:8443", "https://registry.example.com:8443"],
  ])("%s → %s", (host, url) => {
    expect(registryBaseUrl(host)).toBe(url);
  });
});
