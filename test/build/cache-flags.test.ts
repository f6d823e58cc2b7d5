import { describe, expect, it } from "vitest";
import { buildCommand } from "../../src/build/build-command.js";
import { detectEngine } from "../../src/build/detect-engine.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "./fake-engines.js";

const REQUEST = {
  context: "/p",
  dockerfile: "/p/Dockerfile",
  tags: ["app:1"],
  buildArgs: [],
  cacheFrom: "type=gha,scope=pyship",
  cacheTo: "type=gha,mode=max,scope=pyship",
};

// A CI job sets PYSHIP_CACHE_FROM / PYSHIP_CACHE_TO (src/ci); only buildx can use them.
describe("layer cache import/export", () => {
  it.each<[string, FakeClient, string[]]>([
    [
      "buildx passes both",
      { path: "/usr/bin/docker", buildx: "v0.12.1" },
      ["--cache-from", REQUEST.cacheFrom, "--cache-to", REQUEST.cacheTo],
    ],
    [
      "a BuildKit client without buildx ignores them",
      { path: "/usr/bin/docker", buildkit: true },
      [],
    ],
    ["podman ignores them", { path: "/usr/bin/podman" }, []],
  ])("%s", async (_name, client, expected) => {
    const engine = await detectEngine(new FakeEngines([client]), PATH_ENV);
    const args = buildCommand(engine, REQUEST, "/tmp/iid").args;
    const cacheArgs = args.flatMap((arg, i) =>
      arg.startsWith("--cache-") ? [arg, args[i + 1] ?? ""] : [],
    );
    expect(cacheArgs).toStrictEqual(expected);
    expect(args.at(-1)).toBe("/p");
  });
});
