/*
 * pyship's server files are Python that runs when a container starts, so they are tested by
 * running them with the machine's python3: the CPU count on fake cgroup trees (v1, v2,
 * cpusets, quotas, junk), the gunicorn settings as gunicorn would load them, and the uvicorn
 * launcher's defaults and exec. The real limits (docker run --cpus, --cpuset-cpus) are
 * exercised in test/e2e/server-sizing.test.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/pipeline.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { planProject } from "../../src/plan/plan-project.js";
import { renderServerFiles } from "../../src/render/server-files.js";

const FIXTURES = new URL("../fixtures/", import.meta.url);

function planFor(name: string): Plan {
  return planProject(detectProject(new URL(name, FIXTURES).pathname));
}

/** Writes the fixture's rendered server file into a fresh folder; returns its path. */
function serverFile(fixture: string): string {
  const [file] = renderServerFiles(planFor(fixture));
  if (file === undefined) throw new Error(`${fixture} renders no server file`);
  const path = join(mkdtempSync(join(tmpdir(), "pyship-server-")), file.path);
  writeFileSync(path, file.content);
  return path;
}

function python(args: readonly string[], options: { cwd?: string; env?: object } = {}): string {
  return execFileSync("python3", args, {
    encoding: "utf8",
    cwd: options.cwd,
    env: { PATH: process.env.PATH, ...options.env },
  });
}

/** A fake /sys/fs/cgroup: relative path → content. */
function cgroupTree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), "pyship-cgroup-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${content}\n`);
  }
  return root;
}

const TREES: ReadonlyArray<readonly [string, Record<string, string>, number]> = [
  ["no cgroup files: the affinity mask", {}, 8],
  ["v2 without a quota", { "cpu.max": "max 100000" }, 8],
  ["v2 --cpus 1.5 (rounded up)", { "cpu.max": "150000 100000" }, 2],
  ["v2 --cpus 0.5", { "cpu.max": "50000 100000" }, 1],
  ["v2 cpuset 0-1,4", { "cpu.max": "max 100000", "cpuset.cpus.effective": "0-1,4" }, 3],
  [
    "v2 cpuset beats a larger quota",
    { "cpu.max": "400000 100000", "cpuset.cpus.effective": "3" },
    1,
  ],
  ["v1 without a quota", { "cpu/cpu.cfs_quota_us": "-1", "cpu/cpu.cfs_period_us": "100000" }, 8],
  [
    "v1 --cpus 1 (cpu,cpuacct)",
    { "cpu,cpuacct/cpu.cfs_quota_us": "100000", "cpu,cpuacct/cpu.cfs_period_us": "100000" },
    1,
  ],
  ["v1 --cpus 2.5", { "cpu/cpu.cfs_quota_us": "250000", "cpu/cpu.cfs_period_us": "100000" }, 3],
  ["v1 cpuset effective_cpus", { "cpuset/cpuset.effective_cpus": "0,2-3" }, 3],
  ["v1 cpuset.cpus only", { "cpuset/cpuset.cpus": "0" }, 1],
  ["junk in cpu.max is ignored", { "cpu.max": "lots" }, 8],
  ["junk in a cpuset is ignored", { "cpuset.cpus.effective": "zero" }, 8],
];

describe.each(["flask-module", "fastapi-pep621"])(
  "container_cpus in %s's server file",
  (fixture) => {
    const path = serverFile(fixture);
    const load = `import importlib.util, sys
spec = importlib.util.spec_from_file_location("server", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(module.container_cpus(sys.argv[2], int(sys.argv[3])))`;

    it.each(TREES)("%s", (_name, files, cpus) => {
      // The gunicorn config runs on import; a cwd without gunicorn.conf.py keeps it pyship's own.
      const out = python(["-c", load, path, cgroupTree(files), "8"], { cwd: tmpdir() });
      expect(Number(out.trim().split("\n").at(-1))).toBe(cpus);
    });

    it("never answers fewer CPUs than one, nor more than the affinity mask", () => {
      const out = python(["-c", load, path, cgroupTree({ "cpu.max": "max 100000" }), "1"], {
        cwd: tmpdir(),
      });
      expect(out.trim().split("\n").at(-1)).toBe("1");
    });
  },
);

describe("pyship.gunicorn.conf.py as gunicorn loads it", () => {
  const path = serverFile("flask-module");
  // gunicorn execs the file as a module and takes the names that are settings.
  const settings = `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("__config__", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps({k: getattr(module, k) for k in ("cpus", "workers", "threads", "bind", "graceful_timeout", "keepalive", "accesslog")}))`;
  const load = (env: object = {}, cwd = mkdtempSync(join(tmpdir(), "pyship-cwd-"))) =>
    JSON.parse(python(["-c", settings, path], { cwd, env }).trim().split("\n").at(-1) ?? "{}");

  it("sizes one worker per CPU with 8 threads and binds the image's port", () => {
    const got = load();
    expect(got.workers).toBe(Math.min(got.cpus, 12));
    expect(got).toMatchObject({
      threads: 8,
      bind: ["0.0.0.0:8000"],
      graceful_timeout: 5,
      keepalive: 0,
    });
    expect(got.accesslog).toBe("-");
  });

  it("runs one worker with 100 threads for a Socket.IO app, whatever the CPUs", () => {
    // Each client's session lives in one process; every WebSocket holds a thread.
    const socketio = serverFile("flask-socketio-chat");
    const run = (env: object = {}) =>
      JSON.parse(
        python(["-c", settings, socketio], { cwd: tmpdir(), env }).trim().split("\n").at(-1) ??
          "{}",
      );
    expect(run()).toMatchObject({ workers: 1, threads: 100 });
    expect(run({ WEB_CONCURRENCY: "4" }).workers).toBe(4);
  });

  it("follows WEB_CONCURRENCY and $PORT when the container starts", () => {
    expect(load({ WEB_CONCURRENCY: "3", PORT: "9123" })).toMatchObject({
      workers: 3,
      bind: ["0.0.0.0:9123"],
    });
  });

  it("lets the project's own gunicorn.conf.py win, except for the bind", () => {
    const cwd = mkdtempSync(join(tmpdir(), "pyship-cwd-"));
    writeFileSync(
      join(cwd, "gunicorn.conf.py"),
      'workers = 7\nthreads = 2\nbind = "127.0.0.1:1"\n',
    );
    expect(load({ PORT: "9000" }, cwd)).toMatchObject({
      workers: 7,
      threads: 2,
      bind: ["0.0.0.0:9000"],
    });
  });

  it("runs the project's config as its own file: paths from its __file__ are the project's", () => {
    // pear-admin-flask: `chdir = os.path.dirname(os.path.abspath(__file__))`, logs below it.
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), "pyship-cwd-")));
    writeFileSync(
      join(cwd, "gunicorn.conf.py"),
      'import os\nchdir = os.path.dirname(os.path.abspath(__file__))\naccesslog = os.path.join(chdir, "logs/access.log")\n',
    );
    const got = load({}, cwd);
    expect(got.accesslog).toBe(join(cwd, "logs/access.log"));
    expect(got.bind).toEqual(["0.0.0.0:8000"]);
  });

  it("keeps gunicorn in the foreground and its errors on stderr, whatever the project says", () => {
    const cwd = mkdtempSync(join(tmpdir(), "pyship-cwd-"));
    writeFileSync(join(cwd, "gunicorn.conf.py"), 'daemon = True\nerrorlog = "logs/error.log"\n');
    const report = `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("__config__", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps([module.daemon, module.errorlog]))`;
    const out = python(["-c", report, path], { cwd });
    expect(JSON.parse(out.trim().split("\n").at(-1) ?? "null")).toEqual([false, "-"]);
  });

  it("says what it chose on stderr", () => {
    const run = spawnSync("python3", ["-c", settings, path], {
      encoding: "utf8",
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, WEB_CONCURRENCY: "2" },
    });
    expect(run.stderr).toMatch(/pyship: 2 gunicorn workers x 8 threads for \d+ CPUs/);
  });
});

describe("pyship.serve.py, uvicorn's launcher", () => {
  const path = serverFile("fastapi-pep621");
  const report =
    "import os; print(os.getpid(), *(os.environ.get(k) for k in ('WEB_CONCURRENCY', 'UVICORN_PORT', 'UVICORN_TIMEOUT_GRACEFUL_SHUTDOWN')))";

  it("sets uvicorn's defaults and execs the command in its own process (PID 1 stays the server)", () => {
    const run = spawnSync("python3", [path, "python3", "-c", report], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, PORT: "9123" },
    });
    const [pid, workers, port, graceful] = run.stdout.trim().split(" ");
    expect(Number(pid)).toBe(run.pid);
    expect(Number(workers)).toBeGreaterThanOrEqual(1);
    expect([port, graceful]).toStrictEqual(["9123", "5"]);
    expect(run.stderr).toMatch(new RegExp(`pyship: ${workers} uvicorn workers for \\d+ CPUs`));
  });

  it("keeps what the environment already says", () => {
    const out = python([path, "python3", "-c", report], {
      env: { WEB_CONCURRENCY: "5", UVICORN_PORT: "7000", PORT: "9123" },
    });
    expect(out.trim().split(" ").slice(1)).toStrictEqual(["5", "7000", "5"]);
  });

  it("binds the image's port when no PORT is set", () => {
    const out = python([path, "python3", "-c", report]);
    expect(out.trim().split(" ")[2]).toBe("8000");
  });
});
