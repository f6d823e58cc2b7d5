/*
 * pyship against a second Docker daemon that listens on a loopback TCP port
 * (scripts/setup-second-daemon.sh): it builds and verifies through DOCKER_HOST=tcp://…, where
 * no published port reaches the host (no userland proxy, no iptables), so verify must probe
 * from inside the engine; then the engine's own faults on it: its loop-mounted disk fills
 * during a build, and it stops in the middle of one. Each must be one line and its own code.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import { NodeExecutor } from "../../src/core/node-executor.js";
import type { VerifyReport } from "../../src/core/pipeline.js";
import { check } from "./checks.js";
import { describeE2e, REPO } from "./engine.js";
import { copyFixture, removeDir, runPyship } from "./pyship-cli.js";

const SCRIPT = join(REPO, "scripts/setup-second-daemon.sh");
const executor = new NodeExecutor();
// Short: containerd's socket lives under it, and unix socket paths are limited to 108 bytes.
const DIR = `/tmp/pyship-faults-d2-${randomBytes(3).toString("hex")}`;
const TAG = "pyship-faults-remote:test";
// A sleep nobody else runs, so the test can see its build step is running.
const SLEEP = "61.7317";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

async function stepRunning(): Promise<boolean> {
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline === `sleep\0${SLEEP}\0`) return true;
  }
  return false;
}

describeE2e("pyship with a remote engine (a second dockerd on loopback TCP)", (engine) => {
  let remote: Record<string, string> = {};
  const dirs: string[] = [];

  async function project(dockerfile?: string): Promise<string> {
    const dir = await copyFixture("http-server-script");
    dirs.push(dir);
    // The second daemon holds only the 3.11 stand-in (its disk is small on purpose).
    await writeFile(join(dir, ".python-version"), "3.11\n");
    if (dockerfile) await writeFile(join(dir, "Dockerfile"), dockerfile);
    return dir;
  }

  beforeAll(async () => {
    const port = await freePort();
    const started = await executor.run(SCRIPT, ["start", DIR, String(port), "1200"], {
      timeoutMs: 180_000,
      env: { LOAD_IMAGES: "python:3.11-slim", DOCKER_HOST: "" },
    });
    if (started.exitCode !== 0) throw new Error(`second daemon: ${started.stderr}`);
    remote = { DOCKER_HOST: started.stdout.trim() };
  }, 200_000);

  afterAll(async () => {
    await executor.run(SCRIPT, ["stop", DIR], { timeoutMs: 120_000, env: { DOCKER_HOST: "" } });
    for (const dir of dirs) await removeDir(dir);
  }, 150_000);

  it("builds and verifies through DOCKER_HOST=tcp://…, probing from inside the engine", async () => {
    const dir = await project();
    const built = await runPyship(engine, ["build", dir, "--tag", TAG], 300_000, remote);
    expect(built.exitCode, built.stderr).toBe(0);
    expect(built.stderr).toContain("probed from inside the container's network");
    const verified = await runPyship(engine, ["verify", TAG, "--json"], 300_000, remote);
    const report = JSON.parse(verified.stdout) as VerifyReport;
    expect(report.ok, verified.stdout).toBe(true);
    expect(check(report, "http").status).toBe("pass");
    expect(check(report, "restricted").status).toBe("pass");
    expect(check(report, "probe-from")).toMatchObject({ status: "pass" });
    expect(check(report, "probe-from").detail).toContain(remote.DOCKER_HOST);
  });

  it("cannot be reached from the host: --probe-from host finds no answer (E_PORT_TIMEOUT)", async () => {
    const args = ["verify", TAG, "--json", "--probe-from", "host", "--timeout", "3"];
    const verified = await runPyship(engine, args, 300_000, remote);
    expect(verified.exitCode).toBe(EXIT_CODES.E_PORT_TIMEOUT);
  });

  it("a disk that fills during a build: E_DISK_FULL in one line", async () => {
    const dir = await project("FROM python:3.11-slim\nRUN head -c 3000000000 /dev/zero > /big\n");
    const built = await runPyship(
      engine,
      ["build", dir, "--tag", "pyship-faults-full:test"],
      300_000,
      remote,
    );
    expect(built.exitCode, built.stderr).toBe(EXIT_CODES.E_DISK_FULL);
    const errors = built.stderr.split("\n").filter((line) => line.startsWith("error ["));
    expect(errors).toEqual([
      expect.stringMatching(/^error \[E_DISK_FULL\] .*the engine ran out of disk space/),
    ]);
    expect(built.stderr).toMatch(/hint: free space where the engine keeps its data/);
  });

  it("the engine stops in the middle of a build: E_ENGINE_LOST in one line", async () => {
    const dir = await project(`FROM python:3.11-slim\nRUN sleep ${SLEEP}\n`);
    const build = runPyship(
      engine,
      ["build", dir, "--tag", "pyship-faults-lost:test"],
      300_000,
      remote,
    );
    for (let i = 0; i < 120 && !(await stepRunning()); i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(await stepRunning()).toBe(true);
    const pid = (await readFile(join(DIR, "dockerd.pid"), "utf8")).trim();
    process.kill(Number(pid), "SIGTERM");
    const built = await build;
    expect(built.exitCode, built.stderr).toBe(EXIT_CODES.E_ENGINE_LOST);
    const errors = built.stderr.split("\n").filter((line) => line.startsWith("error ["));
    expect(errors).toEqual([
      expect.stringMatching(
        /^error \[E_ENGINE_LOST\] .*the engine stopped in the middle of the build/,
      ),
    ]);
  });
});
