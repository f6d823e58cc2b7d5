import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/core/exec.js";
import type { VerifyReport } from "../../src/core/pipeline.js";
import { chooseReach } from "../../src/verify/choose-reach.js";
import { verifyImage } from "../../src/verify/verify-image.js";
import { FakeEngine, type Scenario } from "./fake-engine.js";

/** Answers the one command chooseReach may run (context inspect, podman info). */
function answering(stdout: string) {
  const calls: string[][] = [];
  const executor = {
    calls,
    run: async (command: string, args: readonly string[]): Promise<RunResult> => {
      calls.push([command, ...args]);
      return { exitCode: 0, stdout, stderr: "", timedOut: false };
    },
    which: async (command: string) => command,
  };
  return executor;
}

const NO_CONFIG = "/nonexistent-pyship-docker-config";

describe("chooseReach: where the HTTP probe runs", () => {
  it.each([
    ["no DOCKER_HOST, no context", "docker", {}, "", "host"],
    ["a unix socket", "docker", { DOCKER_HOST: "unix:///run/docker.sock" }, "", "host"],
    ["a TCP DOCKER_HOST", "docker", { DOCKER_HOST: "tcp://10.0.0.5:2376" }, "", "network"],
    ["an SSH DOCKER_HOST", "docker", { DOCKER_HOST: "ssh://me@build" }, "", "network"],
    ["a context on TCP", "docker", { DOCKER_CONTEXT: "far" }, "tcp://10.0.0.5:2376", "network"],
    ["a context on a socket", "docker", { DOCKER_CONTEXT: "near" }, "unix:///x.sock", "host"],
    ["the default context", "docker", { DOCKER_CONTEXT: "default" }, "tcp://x:1", "host"],
    ["rootless podman", "/usr/bin/podman", {}, "true", "network"],
    ["rootful podman", "podman", {}, "false", "host"],
    ["remote podman", "podman", { CONTAINER_HOST: "ssh://me@box/run/podman.sock" }, "", "network"],
  ])("%s → %s", async (_why, client, env, answer, from) => {
    const executor = answering(answer);
    const reach = await chooseReach({
      executor,
      client,
      env: { DOCKER_CONFIG: NO_CONFIG, ...env },
    });
    expect(reach.from).toBe(from);
  });

  it("reads the current context from the docker config file, and asks the client about it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pyship-docker-config-"));
    await writeFile(join(dir, "config.json"), JSON.stringify({ currentContext: "far" }));
    const executor = answering("ssh://me@build");
    const reach = await chooseReach({ executor, client: "docker", env: { DOCKER_CONFIG: dir } });
    expect(reach.from).toBe("network");
    expect(executor.calls[0]?.slice(1, 4)).toEqual(["context", "inspect", "far"]);
    await rm(dir, { recursive: true, force: true });
  });

  it("lets --probe-from win over the guess, both ways", async () => {
    const executor = answering("");
    const tcp = { DOCKER_HOST: "tcp://10.0.0.5:2376" };
    expect((await chooseReach({ executor, client: "docker", env: tcp, wish: "host" })).from).toBe(
      "host",
    );
    expect((await chooseReach({ executor, client: "docker", env: {}, wish: "network" })).from).toBe(
      "network",
    );
  });
});

const WEB: Scenario = {
  config: { ExposedPorts: { "8000/tcp": {} }, Labels: { "io.pyship.kind": "web" } },
  httpAfterMs: 800,
  body: "hello",
};

async function verifyRemote(scenario: Scenario) {
  const engine = new FakeEngine(scenario);
  // The HTTP fake throws if called: with a remote engine the host must never be used.
  const hostHttp = scenario.noPython ? engine.http : () => Promise.reject(new Error("host HTTP"));
  const report = await verifyImage({
    executor: engine,
    client: "docker",
    image: "pyship-verify-test:1",
    options: { timeoutSeconds: 10 },
    http: hostHttp,
    clock: engine.clock,
    env: { DOCKER_HOST: "tcp://10.0.0.5:2376" },
  });
  return { engine, report };
}

function check(report: VerifyReport, name: string) {
  return report.checks.find((c) => c.name === name);
}

describe("verifyImage against a remote engine", () => {
  it("publishes nothing, joins the helper's network and GETs from inside with python3", async () => {
    const { engine, report } = await verifyRemote(WEB);
    expect(report.ok).toBe(true);
    const runs = engine.calls.filter((c) => c[1] === "run" && c.includes("-d"));
    expect(runs.some((c) => c.includes("-p"))).toBe(false);
    const helper = runs[0] ?? [];
    expect(helper[helper.indexOf("--entrypoint") + 1]).toBe("python3");
    const helperName = helper[helper.indexOf("--name") + 1];
    const app = runs[1] ?? [];
    expect(app[app.indexOf("--network") + 1]).toBe(`container:${helperName}`);
    expect(engine.calls.some((c) => c[1] === "exec" && c[2] === helperName)).toBe(true);
    expect(check(report, "probe-from")).toMatchObject({ status: "pass" });
    expect(check(report, "probe-from")?.detail).toContain("DOCKER_HOST=tcp://10.0.0.5:2376");
    expect(check(report, "restricted")?.status).toBe("pass");
    expect(engine.leftovers()).toEqual([]);
  });

  it("falls back to a published port with a warning when the image has no python3", async () => {
    const { engine, report } = await verifyRemote({ ...WEB, noPython: true });
    expect(check(report, "http")?.status).toBe("pass");
    expect(check(report, "probe-from")).toMatchObject({ status: "warn" });
    expect(check(report, "probe-from")?.detail).toContain("no python3");
    const app = engine.calls.find((c) => c[1] === "run" && c.includes("-p")) ?? [];
    expect(app[app.indexOf("-p") + 1]).toBe("127.0.0.1::8000");
    expect(engine.leftovers()).toEqual([]);
  });

  it("reports the app's crash, not the helper, when the app exits", async () => {
    const { report } = await verifyRemote({
      ...WEB,
      httpAfterMs: null,
      exitsAfterMs: 300,
      exitCode: 3,
    });
    expect(report.failure?.code).toBe("E_CONTAINER_EXITED");
  });
});
