import { describe, expect, it } from "vitest";
import { PyshipError } from "../../src/core/errors.js";
import type { VerifyOptions, VerifyReport } from "../../src/core/pipeline.js";
import { verifyImage } from "../../src/verify/verify-image.js";
import { FakeEngine, type Scenario } from "./fake-engine.js";

const WEB = { ExposedPorts: { "8000/tcp": {} }, Labels: { "io.pyship.kind": "web" } };
const HEALTHY: Scenario = {
  config: WEB,
  httpAfterMs: 1200,
  body: "hello from flask-module",
  logs: "Booting worker\n",
};

async function verify(scenario: Scenario, options: VerifyOptions = {}) {
  const engine = new FakeEngine(scenario);
  const report = await verifyImage({
    executor: engine,
    client: "docker",
    image: "pyship-verify-test:1",
    options: { timeoutSeconds: 10, ...options },
    http: engine.http,
    clock: engine.clock,
  });
  return { engine, report };
}

function check(report: VerifyReport, name: string) {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no check ${name} in ${JSON.stringify(report.checks)}`);
  return found;
}

describe("verifyImage on a healthy web image", () => {
  it("passes every check and measures readiness, stop time and uid", async () => {
    const { engine, report } = await verify(HEALTHY, { expect: "hello from flask-module" });
    expect(report.failure).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ["http", "pass"],
      ["expect", "pass"],
      ["non-root", "pass"],
      ["stop", "pass"],
      ["numeric-user", "pass"],
      ["restricted", "pass"],
      ["no-leaks", "pass"],
      ["no-compiler", "pass"],
      ["size", "pass"],
      ["no-secrets", "pass"],
    ]);
    expect(report).toMatchObject({
      mode: "web",
      port: 8000,
      uid: 10001,
      stopMs: 300,
      sizeBytes: 150_000_000,
    });
    expect(report.readyMs).toBeGreaterThanOrEqual(1200);
    expect(report.readyMs).toBeLessThan(2000);
    expect(engine.leftovers()).toEqual([]);
  });

  it("publishes the port on 127.0.0.1 only", async () => {
    const { engine } = await verify(HEALTHY);
    const run = engine.calls.find((c) => c[1] === "run" && c.includes("-d"));
    expect(run).toBeDefined();
    expect(run?.[run.indexOf("-p") + 1]).toBe("127.0.0.1::8000");
  });

  it("passes --env to the container and probes --port and --path", async () => {
    const { engine, report } = await verify(
      { ...HEALTHY, config: {} },
      { port: 5000, path: "health", env: { SECRET_KEY: "x" } },
    );
    const run = engine.calls.find((c) => c[1] === "run" && c.includes("-d")) ?? [];
    expect(run).toContain("SECRET_KEY=x");
    expect(run).toContain("127.0.0.1::5000");
    expect(check(report, "http").detail).toContain("GET /health");
  });
});

// One row per fault verify exists to catch: the check that fails and the exit code it maps to.
const FAULTS: readonly [string, Scenario, string, string][] = [
  [
    "container exits immediately",
    {
      ...HEALTHY,
      exitsAfterMs: 100,
      exitCode: 3,
      logs: "line 1\nModuleNotFoundError: No module named 'web'\n",
    },
    "http",
    "E_CONTAINER_EXITED",
  ],
  ["port never opens", { ...HEALTHY, httpAfterMs: null }, "http", "E_PORT_TIMEOUT"],
  ["port answers 500 only", { ...HEALTHY, httpStatus: 500 }, "http", "E_VERIFY_FAILED"],
  ["runs as root", { ...HEALTHY, uid: 0 }, "non-root", "E_VERIFY_FAILED"],
  ["stop is slow (SIGTERM ignored)", { ...HEALTHY, stopMs: 10_100 }, "stop", "E_VERIFY_FAILED"],
  ["leaked .env", { ...HEALTHY, files: ["app/.env"] }, "no-leaks", "E_VERIFY_FAILED"],
  [
    "leaked private key",
    { ...HEALTHY, files: ["app/deploy/id_rsa"] },
    "no-leaks",
    "E_VERIFY_FAILED",
  ],
  [
    "leaked .git",
    { ...HEALTHY, files: ["app/.git/", "app/.git/HEAD"] },
    "no-leaks",
    "E_VERIFY_FAILED",
  ],
  [
    "compiler present",
    { ...HEALTHY, files: ["usr/bin/gcc-12", "usr/bin/gcc"] },
    "no-compiler",
    "E_VERIFY_FAILED",
  ],
  [
    "command not found",
    { ...HEALTHY, runError: 'exec: "gunicorn": executable file not found' },
    "start",
    "E_CONTAINER_EXITED",
  ],
];

describe("verifyImage faults", () => {
  it.each(FAULTS)("%s → %s fails with %s", async (_label, scenario, failing, code) => {
    const { engine, report } = await verify(scenario);
    expect(report.ok).toBe(false);
    expect(check(report, failing).status).toBe("fail");
    expect(report.failure?.code).toBe(code);
    expect(engine.leftovers()).toEqual([]);
  });

  it("shows the last log lines of a web container that exited", async () => {
    const { report } = await verify({
      ...HEALTHY,
      exitsAfterMs: 100,
      exitCode: 3,
      logs: "boot\nImportError: web\n",
    });
    expect(report.failure?.logTail).toContain("ImportError: web");
    expect(report.failure?.message).toContain("code 3");
    expect(check(report, "non-root").status).toBe("skip");
  });

  it("says why a web container exited: the final error line and the missing variable", async () => {
    const logs =
      "[INFO] Booting worker\nTraceback (most recent call last):\nKeyError: 'SECRET_KEY'\n[INFO] Worker exiting\n";
    const { report } = await verify({ ...HEALTHY, exitsAfterMs: 100, exitCode: 3, logs });
    expect(report.failure?.lastError).toBe("KeyError: 'SECRET_KEY'");
    expect(report.failure?.diagnosis).toMatchObject({
      cause: "missing-env",
      line: "KeyError: 'SECRET_KEY'",
    });
    expect(report.failure?.diagnosis?.hint).toContain("--env SECRET_KEY=");
  });

  it("shows the log and the cause of a 500 on /, and points at --path", async () => {
    const logs =
      "Traceback (most recent call last):\nsqlite3.OperationalError: no such table: notes\n";
    const { report } = await verify({ ...HEALTHY, httpStatus: 500, logs }, { timeoutSeconds: 3 });
    expect(report.failure).toMatchObject({
      code: "E_VERIFY_FAILED",
      lastError: "sqlite3.OperationalError: no such table: notes",
      diagnosis: { cause: "db-not-initialised" },
    });
    expect(report.failure?.message).toContain("answered 500");
    expect(report.failure?.logTail).toContain("no such table");
    expect(report.failure?.diagnosis?.hint).toContain("--path");
  });

  it("gives up on a silent port after --timeout, not before", async () => {
    const { engine, report } = await verify(
      { ...HEALTHY, httpAfterMs: null },
      { timeoutSeconds: 5 },
    );
    expect(report.failure?.message).toContain("5.0 s");
    expect(engine.clock.now()).toBeGreaterThanOrEqual(5000);
    expect(engine.clock.now()).toBeLessThan(7000);
  });

  it("fails when the body lacks --expect", async () => {
    const { report } = await verify(HEALTHY, { expect: "hello from django-site" });
    expect(check(report, "expect").status).toBe("fail");
    expect(report.failure?.code).toBe("E_VERIFY_FAILED");
  });

  it("fails no-secrets when the image config carries a secret, masked and naming the variable", async () => {
    const env = ["PATH=/usr/bin", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG"];
    const { report } = await verify({ ...HEALTHY, config: { ...WEB, Env: env } });
    const secrets = check(report, "no-secrets");
    expect(secrets.status).toBe("fail");
    expect(secrets.detail).toContain("ENV AWS_SECRET_ACCESS_KEY");
    expect(secrets.detail).not.toContain("wJalrXUtnFEMI/K7MDENG");
    expect(report.failure?.message).toContain("no-secrets");
  });

  it("runs the app again hardened (read-only root, no capabilities, numeric uid) and warns when it breaks", async () => {
    const { engine, report } = await verify({ ...HEALTHY, needsWritableRoot: true });
    const hardened = engine.calls.find((call) => call.includes("--read-only")) ?? [];
    expect(hardened.join(" ")).toContain(
      "--user 10001:10001 --cap-drop ALL --security-opt no-new-privileges --read-only --tmpfs /tmp",
    );
    expect(check(report, "restricted").status).toBe("warn");
    expect(report.ok).toBe(true);
  });

  it("runs a foreign-architecture image with --init (qemu as PID 1 cannot re-raise signals), only then", async () => {
    const runs = async (emulated: boolean) => {
      const engine = new FakeEngine(HEALTHY);
      await verifyImage({
        executor: engine,
        client: "podman",
        image: "pyship-verify-test:1-linux-arm64",
        options: { timeoutSeconds: 10 },
        http: engine.http,
        clock: engine.clock,
        emulated,
      });
      return engine.calls.filter((call) => call[1] === "run");
    };
    const emulated = await runs(true);
    expect(emulated.length).toBeGreaterThanOrEqual(2);
    for (const call of emulated) expect(call).toContain("--init");
    for (const call of await runs(false)) expect(call).not.toContain("--init");
  });

  it.each<[number, boolean, string]>([
    [5000, true, "warn"],
    [5000, false, "fail"],
    [10_200, true, "fail"],
  ])(
    "a %i ms stop (emulated: %s) is %s: only a graceful stop slowed by qemu is forgiven",
    async (stopMs, emulated, status) => {
      const engine = new FakeEngine({ ...HEALTHY, stopMs });
      const report = await verifyImage({
        executor: engine,
        client: "podman",
        image: "pyship-verify-test:1",
        options: { timeoutSeconds: 10 },
        http: engine.http,
        clock: engine.clock,
        emulated,
      });
      expect(check(report, "stop").status).toBe(status);
    },
  );

  it("warns when the image's USER is a name (runAsNonRoot cannot verify it)", async () => {
    const { report } = await verify({ ...HEALTHY, config: { ...WEB, User: "app" } });
    expect(check(report, "numeric-user")).toMatchObject({ status: "warn" });
    expect(check(report, "numeric-user").detail).toContain("10001:10001");
  });

  it("counts a 404 on the default / as answering (an API with no root route), not on a --path", async () => {
    const root = await verify({ ...HEALTHY, httpStatus: 404 }, { timeoutSeconds: 3 });
    expect(check(root.report, "http")).toMatchObject({ status: "pass" });
    expect(check(root.report, "http").detail).toContain("nothing is routed at /");
    const given = await verify(
      { ...HEALTHY, httpStatus: 404 },
      { timeoutSeconds: 3, path: "/health" },
    );
    expect(check(given.report, "http").status).toBe("fail");
  });

  it.each([
    [401, "asks for credentials", "pass"],
    [403, "refuses without credentials", "pass"],
    [422, "wants a parameter", "pass"],
    [400, "answered 400", "fail"],
  ])(
    "on the default /, %i is the app's own refusal or a failure",
    async (status, text, expected) => {
      const { report } = await verify({ ...HEALTHY, httpStatus: status }, { timeoutSeconds: 3 });
      expect(check(report, "http")).toMatchObject({ status: expected });
      expect(check(report, "http").detail).toContain(text);
    },
  );

  it("reports the slow stop time", async () => {
    const { report } = await verify({ ...HEALTHY, stopMs: 10_100 });
    expect(report.stopMs).toBe(10_100);
    expect(check(report, "stop").detail).toContain("10.1 s");
    expect(check(report, "stop").detail).toContain("ignores SIGTERM");
  });

  it("tells a slow graceful shutdown apart from an ignored SIGTERM", async () => {
    const { report } = await verify({ ...HEALTHY, stopMs: 5_400 });
    expect(check(report, "stop").status).toBe("fail");
    expect(check(report, "stop").detail).toContain("shuts down slowly");
    expect(check(report, "stop").detail).not.toContain("ignores SIGTERM");
  });

  it("scans files with find as root, and falls back to export when the image has no find", async () => {
    for (const noFind of [false, true]) {
      const { engine, report } = await verify({ ...HEALTHY, noFind, files: ["app/.env"] });
      const find = engine.calls.find((c) => c.includes("find"));
      expect(find).toEqual(expect.arrayContaining(["--user", "0", "/", "-xdev"]));
      expect(engine.calls.some((c) => c[0] === "sh")).toBe(noFind);
      expect(check(report, "no-leaks").detail).toContain("/app/.env");
      expect(engine.leftovers()).toEqual([]);
    }
  });

  it("names the leaked files", async () => {
    const files = ["app/.env", "app/venv/pyvenv.cfg", "app/venv/lib/x/__pycache__/a.pyc"];
    const { report } = await verify({ ...HEALTHY, files });
    expect(check(report, "no-leaks").detail).toContain("/app/.env (.env)");
    expect(check(report, "no-leaks").detail).toContain("/app/venv (virtualenv)");
    expect(check(report, "no-leaks").value).toBe(2);
  });

  it("throws E_USAGE when the image does not exist", async () => {
    const error = await verify({ config: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PyshipError);
    expect((error as PyshipError).code).toBe("E_USAGE");
  });
});

const WORKER = { Labels: { "io.pyship.kind": "worker" } };
const SCRIPT = { Labels: { "io.pyship.kind": "script" } };

describe("verifyImage on workers and scripts", () => {
  it("passes a worker that stays up and prints", async () => {
    const { engine, report } = await verify({
      config: WORKER,
      logs: "worker tick\nworker tick\n",
      logsAfterMs: 500,
    });
    expect(report.ok).toBe(true);
    expect(report.mode).toBe("worker");
    expect(check(report, "stays-up").status).toBe("pass");
    expect(check(report, "output").detail).toContain("worker tick");
    expect(report.readyMs).toBe(500);
    expect(engine.leftovers()).toEqual([]);
  });

  it("fails a silent worker (buffered stdout)", async () => {
    const { report } = await verify({ config: WORKER, logs: "" });
    expect(check(report, "output").status).toBe("fail");
    expect(check(report, "output").detail).toContain("PYTHONUNBUFFERED");
  });

  it("fails a worker that exits, with E_CONTAINER_EXITED", async () => {
    const { report } = await verify({
      config: WORKER,
      exitsAfterMs: 1000,
      exitCode: 1,
      logs: "Traceback\n",
    });
    expect(report.failure?.code).toBe("E_CONTAINER_EXITED");
    expect(report.failure?.logTail).toContain("Traceback");
  });

  it("passes a script that prints and exits 0, reading its uid from a fresh container", async () => {
    const { engine, report } = await verify({
      config: SCRIPT,
      exitsAfterMs: 800,
      logs: "hello from console-script\n",
    });
    expect(report.ok).toBe(true);
    expect(check(report, "exit").status).toBe("pass");
    expect(check(report, "stop").status).toBe("skip");
    expect(
      engine.calls.some((c) => c.includes("--entrypoint") && c.includes("/proc/self/status")),
    ).toBe(true);
    expect(engine.leftovers()).toEqual([]);
  });

  it("fails a script that exits non-zero", async () => {
    const { report } = await verify({
      config: SCRIPT,
      exitsAfterMs: 800,
      exitCode: 2,
      logs: "usage\n",
    });
    expect(check(report, "exit").status).toBe("fail");
    expect(report.failure?.code).toBe("E_VERIFY_FAILED");
  });

  it.each([
    ["exits", 800, "script"],
    ["keeps running", null, "worker"],
  ] as const)(
    "classifies an unlabelled image without ports that %s as a %s",
    async (_l, exitsAfterMs, mode) => {
      const { report } = await verify({ config: {}, exitsAfterMs, logs: "hi\n" });
      expect(report.mode).toBe(mode);
      expect(report.ok).toBe(true);
    },
  );
});

describe("verifyImage interrupted", () => {
  it("removes its container at once when the signal aborts, and stops", async () => {
    const engine = new FakeEngine({ ...HEALTHY, httpAfterMs: null });
    const controller = new AbortController();
    const sleep = engine.clock.sleep;
    engine.clock.sleep = async (ms: number) => {
      if (engine.clock.now() > 1000) controller.abort();
      await sleep(ms);
    };
    const run = verifyImage({
      executor: engine,
      client: "docker",
      image: "pyship-verify-test:1",
      options: { timeoutSeconds: 60 },
      http: engine.http,
      clock: engine.clock,
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow("interrupted");
    expect(engine.clock.now()).toBeLessThan(5000);
    expect(engine.leftovers()).toEqual([]);
  });
});
