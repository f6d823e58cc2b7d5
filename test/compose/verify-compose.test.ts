/*
 * verifyCompose on a fake executor and a fake network: the compose commands it runs, in
 * order, under its own project name; the probe through the published port; and `down -v`
 * after a success and after a failure alike.
 */
import { describe, expect, it } from "vitest";
import { parseServices, verifyCompose } from "../../src/compose/verify-compose.js";
import type { CommandExecutor, RunResult } from "../../src/core/exec.js";
import type { ComposePlan } from "../../src/core/pipeline.js";

const PLAN: ComposePlan = {
  schemaVersion: 1,
  project: "shop",
  image: "shop:latest",
  file: "compose.yaml",
  envFile: ".env.compose",
  port: 8000,
  services: [],
  processes: [
    {
      name: "web",
      role: "web",
      command: null,
      healthcheck: null,
      evidence: { file: "Dockerfile", line: null, why: "" },
    },
  ],
  env: [],
  secrets: [],
  warnings: [],
};

const PS =
  '{"Service":"web","State":"running","Health":"healthy"}\n{"Service":"postgres","State":"running","Health":"healthy"}';

function fakeCompose(upExit: number) {
  const calls: string[] = [];
  const executor: CommandExecutor = {
    which: () => Promise.resolve("/usr/bin/docker"),
    run: (_command, args, options): Promise<RunResult> => {
      calls.push(`${args.slice(5, 8).join(" ")} WEB_PORT=${options?.env?.WEB_PORT}`);
      expect(args.slice(0, 5)).toEqual(["compose", "-p", "shop-verify", "-f", "compose.yaml"]);
      const verb = args[5];
      const stdout = verb === "ps" ? PS : verb === "port" ? "127.0.0.1:41234\n" : "";
      const exitCode = verb === "up" ? upExit : 0;
      return Promise.resolve({
        exitCode,
        stdout,
        stderr: exitCode
          ? "dependency failed to start: container shop-postgres-1 is unhealthy"
          : "",
        timedOut: false,
      });
    },
  };
  return { calls, executor };
}

const clock = {
  now: (() => {
    let t = 0;
    return () => (t += 100);
  })(),
  sleep: () => Promise.resolve(),
};

describe("verifyCompose", () => {
  it("up --wait, ps, port, probe, down -v: ok when the web service answers", async () => {
    const { calls, executor } = fakeCompose(0);
    const urls: string[] = [];
    const http = (url: string) => {
      urls.push(url);
      return Promise.resolve({ status: 200, body: "ok" });
    };
    const report = await verifyCompose(
      PLAN,
      { executor, client: "docker", http, clock },
      { root: "/p" },
    );
    expect(report).toMatchObject({
      ok: true,
      failure: null,
      probe: { url: "http://127.0.0.1:41234/", status: 200 },
    });
    expect(report.services).toEqual([
      { name: "web", state: "running", health: "healthy" },
      { name: "postgres", state: "running", health: "healthy" },
    ]);
    expect(calls.map((c) => c.split(" ")[0])).toEqual(["up", "ps", "port", "down"]);
    expect(calls[0]).toContain("WEB_PORT=0");
  });

  it("a service that never gets healthy fails with compose's line and the logs, and is torn down", async () => {
    const { calls, executor } = fakeCompose(1);
    const http = () => Promise.reject(new Error("must not probe"));
    const report = await verifyCompose(
      PLAN,
      { executor, client: "docker", http, clock },
      { root: "/p" },
    );
    expect(report.ok).toBe(false);
    expect(report.failure).toBe(
      "docker compose up --wait failed: dependency failed to start: container shop-postgres-1 is unhealthy",
    );
    expect(calls.map((c) => c.split(" ")[0])).toEqual(["up", "ps", "logs", "down"]);
  });

  it("a web service answering 500 until the deadline fails", async () => {
    const { executor } = fakeCompose(0);
    const http = () => Promise.resolve({ status: 500, body: "boom" });
    const report = await verifyCompose(
      PLAN,
      { executor, client: "docker", http, clock },
      { root: "/p", timeoutSeconds: 1 },
    );
    expect(report).toMatchObject({ ok: false, probe: { status: 500 } });
  });

  // As `pyship verify` judges: the app's own refusal on the default path answers; Django's 400
  // for a host it refuses never does; a path the user chose must really answer.
  it.each([
    ["404 on the default /", 404, "/", true],
    ["404 on the CLI's default --path /", 404, undefined, true],
    ["400 (a refused host)", 400, "/", false],
    ["404 on a path the user chose", 404, "/health", false],
    ["200 on a path the user chose", 200, "/health", true],
  ])("%s", async (_label, status, path, ok) => {
    const { executor } = fakeCompose(0);
    const http = () => Promise.resolve({ status, body: "" });
    const report = await verifyCompose(
      PLAN,
      { executor, client: "docker", http, clock },
      { root: "/p", timeoutSeconds: 1, ...(path ? { path } : {}) },
    );
    expect(report.ok).toBe(ok);
  });

  it("reads compose ps JSON as an array or one object per line", () => {
    expect(parseServices('[{"Service":"a","State":"exited","Health":""}]')).toEqual([
      { name: "a", state: "exited", health: "" },
    ]);
    expect(parseServices("")).toEqual([]);
  });
});
