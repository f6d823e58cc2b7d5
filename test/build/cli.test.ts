import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "./fake-engines.js";

function project(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-cli-build-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  return dir;
}

const NEW_DOCKER: FakeClient = {
  path: "/usr/local/bin/docker",
  version: "28.2.2",
  server: "20.10.24",
};
const OLD_DOCKER: FakeClient = { path: "/usr/bin/docker", buildkit: true };

describe("pyship build (fake engine)", () => {
  it("builds an existing Dockerfile and prints the result as JSON", async () => {
    const dir = project("FROM python:3.13-slim\n");
    const fake = new FakeEngines([NEW_DOCKER, OLD_DOCKER]);
    const ctx = captureContext({ executor: fake, env: PATH_ENV, cwd: dir });
    const code = await main(
      ["build", "--no-verify", "--json", "-t", "demo:1", "--build-arg", "X=1"],
      ctx,
    );
    expect(code).toBe(0);
    const result = JSON.parse(ctx.stdout.join("\n"));
    expect(result).toMatchObject({
      engine: "docker-buildkit",
      tags: ["demo:1"],
      imageId: "sha256:built",
      generated: false,
      logFile: null,
      verify: null,
    });
    const build = fake.calls.find((c) => c.args.includes("--iidfile"));
    expect(build?.command).toBe("/usr/bin/docker");
    expect(build?.args).toEqual(expect.arrayContaining(["--build-arg", "X=1"]));
  });

  it("a Dockerfile with RUN --mount and only a legacy builder → E_BUILDKIT_UNSUPPORTED", async () => {
    const dir = project(
      "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
    );
    const ctx = captureContext({
      executor: new FakeEngines([NEW_DOCKER]),
      env: PATH_ENV,
      cwd: dir,
    });
    expect(await main(["build", "--no-verify"], ctx)).toBe(EXIT_CODES.E_BUILDKIT_UNSUPPORTED);
    expect(ctx.stderr.join("\n")).toContain("RUN --mount");
  });

  it("a failed build exits with the diagnosed code and shows the log path", async () => {
    const lines = [
      "Step 1/2 : FROM python:3.8-slim",
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
    ];
    const dir = project("FROM python:3.8-slim\n");
    const ctx = captureContext({
      executor: new FakeEngines([{ ...NEW_DOCKER, build: { exitCode: 1, lines } }]),
      env: PATH_ENV,
      cwd: dir,
    });
    expect(await main(["build", "--no-verify"], ctx)).toBe(EXIT_CODES.E_BASE_IMAGE_MISSING);
    const err = ctx.stderr.join("\n");
    expect(err).toContain("python:3.8-slim");
    expect(err).toMatch(/full log: .*pyship-build-.*\.log/);
  });

  it.each([
    [["build", "--engine", "kubernetes"], "--engine must be docker, buildx or podman"],
    [["build", "--build-arg", "NOVALUE"], "--build-arg needs KEY=VALUE"],
    [["build", "--base-image", "python:3.12-slim"], "--base-image only applies"],
  ])("usage error: %j", async (argv, message) => {
    const ctx = captureContext({
      executor: new FakeEngines([OLD_DOCKER]),
      env: PATH_ENV,
      cwd: project("FROM scratch\n"),
    });
    expect(await main(argv, ctx)).toBe(EXIT_CODES.E_USAGE);
    expect(ctx.stderr.join("\n")).toContain(message);
  });
});

describe("pyship doctor (fake engine)", () => {
  it("lists every client, says which engine build uses, exit 0", async () => {
    const ctx = captureContext({
      executor: new FakeEngines([NEW_DOCKER, OLD_DOCKER]),
      env: PATH_ENV,
    });
    expect(await main(["doctor"], ctx)).toBe(0);
    const out = ctx.stdout.join("\n");
    expect(out).toContain("/usr/local/bin/docker: docker 28.2.2");
    expect(out).toContain("BuildKit no");
    expect(out).toContain("pyship build will use: /usr/bin/docker");
    expect(out).toContain("install the docker buildx plugin");
  });

  it("no usable engine: JSON report and a non-zero exit", async () => {
    const ctx = captureContext({
      executor: new FakeEngines([{ ...OLD_DOCKER, server: null }]),
      env: { ...PATH_ENV, DOCKER_HOST: "tcp://10.0.0.5:2375" },
    });
    expect(await main(["doctor", "--json"], ctx)).toBe(EXIT_CODES.E_ENGINE_UNAVAILABLE);
    const report = JSON.parse(ctx.stdout.join("\n"));
    expect(report).toMatchObject({
      ok: false,
      engine: null,
      endpoint: { dockerHost: "tcp://10.0.0.5:2375" },
    });
    expect(report.clients[0]).toMatchObject({ client: "/usr/bin/docker", answers: false });
  });

  it("problems and hints in zh-TW; --json keeps them English", async () => {
    const run = async (args: string[]) => {
      const ctx = captureContext({
        executor: new FakeEngines([NEW_DOCKER, OLD_DOCKER]),
        env: PATH_ENV,
        lang: "zh-TW",
      });
      await main(args, ctx);
      return ctx.stdout.join("\n");
    };
    expect(await run(["doctor"])).toContain("安裝 docker buildx 外掛可獲得快取掛載");
    const json = await run(["doctor", "--json"]);
    expect(json).toContain("install the docker buildx plugin");
    expect(json).not.toMatch(/[\u4e00-\u9fff]|hintText/);
  });

  it("nothing installed: says so in Chinese too", async () => {
    const ctx = captureContext({ executor: new FakeEngines([]), env: PATH_ENV, lang: "zh" });
    expect(await main(["doctor"], ctx)).toBe(EXIT_CODES.E_ENGINE_UNAVAILABLE);
    expect(ctx.stdout.join("\n")).toContain("没有可用的容器引擎");
  });
});
