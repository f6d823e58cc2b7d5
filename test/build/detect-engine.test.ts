import { describe, expect, it } from "vitest";
import { detectEngine, type EngineRequest } from "../../src/build/detect-engine.js";
import { EXIT_CODES, PyshipError } from "../../src/core/errors.js";
import {
  DAEMON_DOWN,
  type FakeClient,
  FakeEngines,
  PATH_ENV,
  SOCKET_DENIED,
} from "./fake-engines.js";

const NEW_DOCKER: FakeClient = {
  path: "/usr/local/bin/docker",
  version: "28.2.2",
  server: "20.10.24",
};
const OLD_DOCKER: FakeClient = { path: "/usr/bin/docker", version: "20.10.24", buildkit: true };
const PODMAN: FakeClient = { path: "/usr/bin/podman", version: "4.3.1" };

describe("detectEngine: selection order", () => {
  it.each<[string, FakeClient[], EngineRequest, string, string]>([
    [
      "buildx plugin beats everything",
      [{ ...NEW_DOCKER, buildx: "v0.12.1" }, OLD_DOCKER, PODMAN],
      {},
      "buildx",
      "/usr/local/bin/docker",
    ],
    [
      "a later client that builds with BuildKit beats the first one's legacy builder",
      [NEW_DOCKER, OLD_DOCKER],
      {},
      "docker-buildkit",
      "/usr/bin/docker",
    ],
    [
      "legacy builder when no client does BuildKit",
      [NEW_DOCKER],
      {},
      "docker-legacy",
      "/usr/local/bin/docker",
    ],
    [
      "docker before podman when both work",
      [NEW_DOCKER, PODMAN],
      {},
      "docker-legacy",
      "/usr/local/bin/docker",
    ],
    [
      "podman when the docker daemon is down",
      [{ ...OLD_DOCKER, server: null }, PODMAN],
      {},
      "podman",
      "/usr/bin/podman",
    ],
    [
      "--engine podman even when docker works",
      [OLD_DOCKER, PODMAN],
      { wish: "podman" },
      "podman",
      "/usr/bin/podman",
    ],
    [
      "--engine docker never picks podman",
      [{ ...NEW_DOCKER }, PODMAN],
      { wish: "docker" },
      "docker-legacy",
      "/usr/local/bin/docker",
    ],
    [
      "RUN --mount skips the legacy builder for podman",
      [NEW_DOCKER, PODMAN],
      { needsCacheMounts: true },
      "podman",
      "/usr/bin/podman",
    ],
  ])("%s", async (_name, clients, request, engine, client) => {
    const chosen = await detectEngine(new FakeEngines(clients), PATH_ENV, request);
    expect([chosen.name, chosen.client]).toEqual([engine, client]);
  });

  it("says why, naming the client it skipped", async () => {
    const chosen = await detectEngine(new FakeEngines([NEW_DOCKER, OLD_DOCKER]), PATH_ENV);
    expect(chosen.why).toContain("/usr/bin/docker 20.10.24 builds with BuildKit");
    expect(chosen.why).toContain(
      "skipped /usr/local/bin/docker: no buildx plugin and BuildKit refused",
    );
    expect(chosen.env).toEqual({ DOCKER_BUILDKIT: "1" });
    expect(chosen.capabilities).toMatchObject({
      buildkit: true,
      cacheMounts: true,
      platforms: ["linux/amd64"],
    });
  });

  it("legacy builder: no cache mounts, DOCKER_BUILDKIT=0", async () => {
    const chosen = await detectEngine(new FakeEngines([NEW_DOCKER]), PATH_ENV);
    expect(chosen.capabilities.cacheMounts).toBe(false);
    expect(chosen.env).toEqual({ DOCKER_BUILDKIT: "0" });
  });

  it("reads buildx platforms", async () => {
    const chosen = await detectEngine(
      new FakeEngines([{ ...OLD_DOCKER, buildx: "v0.12.1" }]),
      PATH_ENV,
    );
    expect(chosen.capabilities.platforms).toEqual(["linux/amd64", "linux/arm64"]);
  });

  it("probes BuildKit only when the daemon answers and buildx is missing", async () => {
    const fake = new FakeEngines([{ ...OLD_DOCKER, buildx: "v0.12.1" }]);
    await detectEngine(fake, PATH_ENV);
    expect(fake.calls.some((c) => c.args[0] === "build")).toBe(false);
  });
});

describe("detectEngine: faults", () => {
  it.each<[string, FakeClient[], EngineRequest, string]>([
    ["daemon not running", [{ ...OLD_DOCKER, server: null }], {}, "E_ENGINE_UNAVAILABLE"],
    [
      "socket permission denied",
      [{ ...OLD_DOCKER, server: null, daemonError: SOCKET_DENIED }],
      {},
      "E_ENGINE_PERMISSION",
    ],
    [
      "no client builds with BuildKit, --engine buildx",
      [NEW_DOCKER, OLD_DOCKER],
      { wish: "buildx" },
      "E_BUILDKIT_UNSUPPORTED",
    ],
    [
      "Dockerfile needs RUN --mount, only a legacy builder",
      [NEW_DOCKER],
      { needsCacheMounts: true },
      "E_BUILDKIT_UNSUPPORTED",
    ],
    ["nothing installed", [], {}, "E_ENGINE_UNAVAILABLE"],
    [
      "podman asked for but broken",
      [OLD_DOCKER, { ...PODMAN, server: null }],
      { wish: "podman" },
      "E_ENGINE_UNAVAILABLE",
    ],
  ])("%s → %s", async (_name, clients, request, code) => {
    const error = await detectEngine(new FakeEngines(clients), PATH_ENV, request).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PyshipError);
    const fault = error as PyshipError;
    expect(fault.code).toBe(code);
    expect(fault.exitCode).toBe(EXIT_CODES[code as keyof typeof EXIT_CODES]);
    expect(fault.hint).toBeTruthy();
  });

  it("each engine fault has its own exit code", () => {
    const codes = [
      "E_ENGINE_UNAVAILABLE",
      "E_ENGINE_PERMISSION",
      "E_BUILDKIT_UNSUPPORTED",
      "E_BASE_IMAGE_MISSING",
      "E_BUILD_FAILED",
      "E_NETWORK",
    ] as const;
    expect(new Set(codes.map((c) => EXIT_CODES[c])).size).toBe(codes.length);
  });

  it("daemon down: the hint says how to start it and mentions DOCKER_HOST", async () => {
    const error = (await detectEngine(
      new FakeEngines([{ ...OLD_DOCKER, server: null, daemonError: DAEMON_DOWN }]),
      PATH_ENV,
    ).catch((e) => e)) as PyshipError;
    expect(error.hint).toMatch(/dockerd/);
    expect(error.hint).toMatch(/DOCKER_HOST/);
  });
});
