/*
 * `pyship verify` against deliberately bad images built from hand-written Dockerfiles on
 * the real engine: each fault must be caught with the right exit code, and verify must
 * leave no container behind. No pip install: the stand-in base image is enough.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import { engineRun, removeDir, removeImages, verifyJson } from "./pyship-cli.js";

// A script-style app as many tutorials write it: everything copied, root, shell-form CMD
// (sh as PID 1 ignores SIGTERM), and a "compiler" left in /usr/bin.
const SLOPPY = `FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN printf '#!/bin/sh\\n' > /usr/bin/gcc && chmod +x /usr/bin/gcc
EXPOSE 8000
CMD python3 -m http.server 8000
`;

const CRASH = `FROM python:3.11-slim
USER 10001
EXPOSE 8000
CMD ["python3", "-c", "import sys; print('ModuleNotFoundError: No module named pyship_e2e'); sys.exit(3)"]
`;

// Listens, but on 9000 while 8000 is exposed; handles SIGTERM so the test stays quick.
const WRONG_PORT = `FROM python:3.11-slim
USER 10001
EXPOSE 8000
CMD ["python3", "-c", "import signal, sys, http.server as h; signal.signal(signal.SIGTERM, lambda *a: sys.exit(0)); h.test(h.SimpleHTTPRequestHandler, port=9000)"]
`;

// Settings read at import time, as many apps do: no SECRET_KEY in the environment, no app.
const NO_SECRET = `FROM python:3.11-slim
USER 10001
EXPOSE 8000
CMD ["python3", "-c", "import os\\nSECRET_KEY = os.environ['SECRET_KEY']"]
`;

// Serves, but every page queries a table nobody created: wsgiref logs the traceback, answers 500.
const NO_TABLE = `FROM python:3.11-slim
USER 10001
EXPOSE 8000
CMD ["python3", "-c", "import signal, sys, sqlite3\\nfrom wsgiref.simple_server import make_server\\nsignal.signal(signal.SIGTERM, lambda *a: sys.exit(0))\\ndef app(environ, start):\\n    return sqlite3.connect(':memory:').execute('select * from notes')\\nmake_server('0.0.0.0', 8000, app).serve_forever()"]
`;

const IMAGES = {
  sloppy: SLOPPY,
  crash: CRASH,
  "wrong-port": WRONG_PORT,
  "no-secret": NO_SECRET,
  "no-table": NO_TABLE,
} as const;
const tag = (name: string) => `pyship-e2e-verify-${name}:test`;

describeE2e("pyship verify catches faults on the real engine", (engine) => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "pyship-e2e-verify-"));
    for (const [name, dockerfile] of Object.entries(IMAGES)) {
      const dir = join(root, name);
      await mkdir(join(dir, ".git"), { recursive: true });
      await writeFile(join(dir, "Dockerfile"), dockerfile);
      await writeFile(join(dir, ".env"), "SECRET_KEY=fake\n");
      await writeFile(join(dir, ".git/HEAD"), "ref: refs/heads/main\n");
      const built = await engineRun(engine, ["build", "-q", "-t", tag(name), dir]);
      if (built.exitCode !== 0) throw new Error(`building ${name} failed:\n${built.stderr}`);
    }
  });
  afterAll(async () => {
    await removeImages(engine, Object.keys(IMAGES).map(tag));
    await removeDir(root);
  });

  it("flags root, slow stop, leaked .env/.git and a compiler (exit E_VERIFY_FAILED)", async () => {
    const { report, exitCode } = await verifyJson(engine, tag("sloppy"));
    expect(exitCode).toBe(EXIT_CODES.E_VERIFY_FAILED);
    expect(check(report, "http").status).toBe("pass");
    expect(check(report, "non-root")).toMatchObject({ status: "fail", value: 0 });
    expect(check(report, "stop").status).toBe("fail");
    expect(report.stopMs).toBeGreaterThan(3000);
    expect(check(report, "no-leaks").detail).toContain("/app/.env");
    expect(check(report, "no-leaks").detail).toContain("/app/.git");
    expect(check(report, "no-compiler").detail).toContain("/usr/bin/gcc");
  });

  it("reports a container that exits at once with its last log lines (E_CONTAINER_EXITED)", async () => {
    const { report, exitCode, stderr } = await verifyJson(engine, tag("crash"));
    expect(exitCode).toBe(EXIT_CODES.E_CONTAINER_EXITED);
    expect(report.failure?.message).toContain("code 3");
    expect(stderr).toContain("No module named pyship_e2e");
  });

  it("gives up on a port that never answers (E_PORT_TIMEOUT)", async () => {
    const { report, exitCode } = await verifyJson(engine, tag("wrong-port"), ["--timeout", "3"]);
    expect(exitCode).toBe(EXIT_CODES.E_PORT_TIMEOUT);
    expect(check(report, "http").status).toBe("fail");
    expect(report.stopMs).toBeLessThan(3000);
  });

  it("names a missing environment variable read at import (E_CONTAINER_EXITED)", async () => {
    const { report, exitCode, stderr } = await verifyJson(engine, tag("no-secret"));
    expect(exitCode).toBe(EXIT_CODES.E_CONTAINER_EXITED);
    expect(report.failure?.lastError).toBe("KeyError: 'SECRET_KEY'");
    expect(report.failure?.diagnosis).toMatchObject({ cause: "missing-env" });
    expect(stderr).toContain("likely cause: the environment variable SECRET_KEY is not set");
    expect(stderr).toContain("--env SECRET_KEY=");
  });

  it("shows why / answers 500: a table that was never created, and --path (E_VERIFY_FAILED)", async () => {
    const { report, exitCode, stderr } = await verifyJson(engine, tag("no-table"), [
      "--timeout",
      "3",
    ]);
    expect(exitCode).toBe(EXIT_CODES.E_VERIFY_FAILED);
    expect(check(report, "http").detail).toContain("answered 500");
    expect(report.failure?.lastError).toBe("sqlite3.OperationalError: no such table: notes");
    expect(report.failure?.diagnosis).toMatchObject({ cause: "db-not-initialised" });
    expect(stderr).toContain(
      "the app's last error: sqlite3.OperationalError: no such table: notes",
    );
    expect(stderr).toMatch(/hint: .*--path/);
  });

  it("leaves no container of these images behind", async () => {
    const filters = Object.keys(IMAGES).flatMap((name) => ["--filter", `ancestor=${tag(name)}`]);
    const ps = await engineRun(engine, ["ps", "-a", ...filters, "--format", "{{.Names}}"]);
    expect(ps.exitCode, ps.stderr).toBe(0);
    expect(ps.stdout.trim()).toBe("");
  });
});
