import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Fetch, httpIndex } from "../../../src/detect/pins/package-index.js";

const SIMPLE = {
  files: [
    {
      filename: "gunicorn-20.1.0-py3-none-any.whl",
      "requires-python": ">=3.5",
      "upload-time": "2021-03-27T01:54:37Z",
    },
    {
      filename: "gunicorn-20.1.0.tar.gz",
      "requires-python": ">=3.5",
      "upload-time": "2021-03-27T01:54:40Z",
    },
    {
      filename: "gunicorn-21.2.0-py3-none-any.whl",
      "requires-python": ">=3.5",
      "upload-time": "2023-07-19T11:00:00Z",
    },
  ],
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeFetch(answer: () => Response) {
  const asked: { url: string; accept: string }[] = [];
  const fetch: Fetch = (url, init) => {
    asked.push({ url, accept: new Headers(init.headers).get("accept") ?? "" });
    return Promise.resolve(answer());
  };
  return { fetch, asked };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/vnd.pypi.simple.v1+json" },
  });

function index(fetch: Fetch, env: Record<string, string> = {}, now = () => 1_000) {
  const cache = mkdtempSync(join(tmpdir(), "pyship-index-"));
  dirs.push(cache);
  return httpIndex({ env: { XDG_CACHE_HOME: cache, ...env }, fetch, now, ttlMs: 100 });
}

describe("httpIndex: one release's files from the PEP 691 JSON simple API", () => {
  it("asks PyPI's simple API for JSON and keeps only the pinned release's files", async () => {
    const { fetch, asked } = fakeFetch(() => json(SIMPLE));
    const files = await index(fetch).releaseFiles("gunicorn", "20.1.0");
    expect(files?.map((f) => f.filename)).toEqual([
      "gunicorn-20.1.0-py3-none-any.whl",
      "gunicorn-20.1.0.tar.gz",
    ]);
    expect(files?.[0]).toEqual({
      filename: "gunicorn-20.1.0-py3-none-any.whl",
      requiresPython: ">=3.5",
      uploadTime: "2021-03-27T01:54:37Z",
    });
    expect(asked).toEqual([
      { url: "https://pypi.org/simple/gunicorn/", accept: "application/vnd.pypi.simple.v1+json" },
    ]);
  });

  it("honours PIP_INDEX_URL", async () => {
    const { fetch, asked } = fakeFetch(() => json(SIMPLE));
    await index(fetch, { PIP_INDEX_URL: "https://mirror.example/simple/" }).releaseFiles(
      "gunicorn",
      "20.1.0",
    );
    expect(asked[0]?.url).toBe("https://mirror.example/simple/gunicorn/");
  });

  it("answers from its disk cache until the TTL passes", async () => {
    const { fetch, asked } = fakeFetch(() => json(SIMPLE));
    let now = 1_000;
    const cached = index(fetch, {}, () => now);
    await cached.releaseFiles("gunicorn", "20.1.0");
    now += 50;
    expect(await cached.releaseFiles("gunicorn", "20.1.0")).toHaveLength(2);
    expect(asked).toHaveLength(1);
    now += 100;
    await cached.releaseFiles("gunicorn", "20.1.0");
    expect(asked).toHaveLength(2);
  });

  it.each([
    ["an unknown project: no files", () => json({}, 404), []],
    [
      "an index without the JSON API (HTML): unknown",
      () => new Response("<html/>", { headers: { "content-type": "text/html" } }),
      null,
    ],
    ["a server error: unknown", () => json({}, 503), null],
  ])("%s", async (_name, answer, expected) => {
    expect(await index(fakeFetch(answer).fetch).releaseFiles("nothing", "1.0")).toEqual(expected);
  });

  it("offline (the request fails or times out): unknown, and nothing cached", async () => {
    const cache = mkdtempSync(join(tmpdir(), "pyship-index-"));
    dirs.push(cache);
    const env = { XDG_CACHE_HOME: cache };
    const failing: Fetch = () => Promise.reject(new TypeError("fetch failed"));
    expect(await httpIndex({ env, fetch: failing }).releaseFiles("gunicorn", "20.1.0")).toBeNull();
    const { fetch, asked } = fakeFetch(() => json(SIMPLE));
    expect(await httpIndex({ env, fetch }).releaseFiles("gunicorn", "20.1.0")).toHaveLength(2);
    expect(asked).toHaveLength(1);
  });
});

describe("httpIndex: the newest release inside a range", () => {
  const listing = {
    files: [
      ...SIMPLE.files,
      { filename: "gunicorn-22.0.0rc1-py3-none-any.whl" },
      { filename: "gunicorn-23.0.0-py3-none-any.whl" },
    ],
  };

  it.each([
    ["<22", "21.2.0"],
    [">=20,<=20.1.0", "20.1.0"],
    ["<23", "21.2.0"], // 22.0.0rc1 is a pre-release: an installer skips it
    [">=24", null],
  ])("%s → %s, from the same one listing as the release's files", async (range, newest) => {
    const { fetch, asked } = fakeFetch(() => json(listing));
    const pypi = index(fetch);
    expect(await pypi.newestMatching?.("gunicorn", range)).toBe(newest);
    await pypi.releaseFiles("gunicorn", "21.2.0");
    expect(asked).toHaveLength(1);
  });

  it("offline: null", async () => {
    const failing: Fetch = () => Promise.reject(new Error("offline"));
    expect(await index(failing).newestMatching?.("gunicorn", "<22")).toBeNull();
  });
});
