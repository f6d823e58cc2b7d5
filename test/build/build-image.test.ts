import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCommand } from "../../src/build/build-command.js";
import { buildImage, pushImage } from "../../src/build/build-image.js";
import { detectEngine } from "../../src/build/detect-engine.js";
import type { Engine } from "../../src/build/engine.js";
import { PyshipError } from "../../src/core/errors.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "./fake-engines.js";

const REQUEST = {
  context: "/p",
  dockerfile: "/p/Dockerfile",
  tags: ["app:1", "app:latest"],
  buildArgs: ["A=1"],
};

async function engineFor(client: FakeClient, fake = new FakeEngines([client])): Promise<Engine> {
  return detectEngine(fake, PATH_ENV);
}

describe("buildCommand", () => {
  it.each<[string, FakeClient, string[]]>([
    [
      "buildx loads into the engine",
      { path: "/usr/bin/docker", buildx: "v0.12.1" },
      ["buildx", "build", "--load", "--progress=plain"],
    ],
    [
      "BuildKit client: plain progress",
      { path: "/usr/bin/docker", buildkit: true },
      ["build", "--progress=plain"],
    ],
    ["legacy builder: no --progress", { path: "/usr/bin/docker" }, ["build", "--iidfile"]],
    [
      "podman: the docker format keeps HEALTHCHECK",
      { path: "/usr/bin/podman" },
      ["build", "--format", "docker", "--iidfile"],
    ],
  ])("%s", async (_name, client, head) => {
    const command = buildCommand(
      await engineFor(client),
      { ...REQUEST, network: "host", platform: "linux/amd64", noCache: true },
      "/tmp/iid",
    );
    expect(command.command).toBe(client.path);
    expect(command.args.slice(0, head.length)).toEqual(head);
    expect(command.args).toEqual(
      expect.arrayContaining([
        "-t",
        "app:1",
        "--build-arg",
        "A=1",
        "--network",
        "host",
        "--platform",
        "linux/amd64",
        "--no-cache",
      ]),
    );
    expect(command.args.at(-1)).toBe("/p");
  });
});

describe("buildImage", () => {
  const tmp = () => mkdtempSync(join(tmpdir(), "pyship-build-test-"));

  it("streams lines, keeps the full log, returns the image id", async () => {
    const fake = new FakeEngines([{ path: "/usr/bin/docker", buildkit: true }]);
    const engine = await detectEngine(fake, PATH_ENV);
    const logFile = join(tmp(), "build.log");
    const seen: string[] = [];
    const result = await buildImage({
      executor: fake,
      engine,
      request: REQUEST,
      logFile,
      generated: true,
      onLine: (l) => seen.push(l),
      now: () => 5,
    });
    expect(result).toMatchObject({
      engine: "docker-buildkit",
      imageId: "sha256:built",
      tags: ["app:1", "app:latest"],
      generated: true,
      durationMs: 0,
    });
    expect(seen).toContain("#5 [runtime 1/3] FROM python:3.13-slim");
    expect(readFileSync(logFile, "utf8")).toContain("#5 [runtime 1/3] FROM python:3.13-slim");
    expect(fake.calls.at(-1)?.env).toEqual({ DOCKER_BUILDKIT: "1" });
  });

  it("a failed build throws the diagnosed error and keeps the log", async () => {
    const lines = [
      "#9 [builder 4/6] RUN pip install -r requirements.txt",
      "#9 1.2 fatal error: libpq-fe.h: No such file or directory",
      "#9 ERROR: executor failed",
    ];
    const fake = new FakeEngines([
      { path: "/usr/bin/docker", buildkit: true, build: { exitCode: 1, lines } },
    ]);
    const engine = await detectEngine(fake, PATH_ENV);
    const logFile = join(tmp(), "build.log");
    const error = (await buildImage({
      executor: fake,
      engine,
      request: REQUEST,
      logFile,
      generated: false,
    }).catch((e) => e)) as PyshipError;
    expect(error).toBeInstanceOf(PyshipError);
    expect(error.code).toBe("E_BUILD_FAILED");
    expect(error.message).toContain("[builder 4/6] RUN pip install");
    expect(readFileSync(logFile, "utf8")).toContain("libpq-fe.h");
    // The user's own Dockerfile: [tool.pyship.apt] would not help, apt-get in it does.
    expect(error.hint).toMatch(/apt-get install -y --no-install-recommends libpq-dev \(and libpq5/);
  });
});

describe("pushImage", () => {
  it("a refused push is E_PUSH_FAILED with a login hint", async () => {
    const fake = new FakeEngines([{ path: "/usr/bin/docker", buildkit: true }]);
    const engine = await detectEngine(fake, PATH_ENV);
    const error = (await pushImage(fake, engine, ["registry.local/app:1"]).catch(
      (e) => e,
    )) as PyshipError;
    expect(error.code).toBe("E_PUSH_FAILED");
    expect(error.hint).toMatch(/docker login/);
  });
});
