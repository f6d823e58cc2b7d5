/*
 * A private package index configured the way pip users configure it (a pip.conf, here named
 * by PIP_CONFIG_FILE) is used by the build, although uv does the installing and uv ignores
 * pip's configuration. The index is a wheel directory served by `python3 -m http.server` on
 * loopback (so the build runs with --network host); it holds a package no other index has,
 * the app serves that package's text, and the server's access log shows the downloads.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { check, expectProductionReady } from "./checks.js";
import { describeE2e } from "./engine.js";
import { copyFixture, removeDir, removeImages, runPyship, verifyJson } from "./pyship-cli.js";

const MARKER = "served by the private index";

/** A one-module wheel, written with the standard library (no build backend, no network). */
const MAKE_WHEEL = `
import base64, hashlib, os, sys, zipfile
root, name, version = sys.argv[1], "pyship_private_marker", "1.0.0"
folder = os.path.join(root, "simple", "pyship-private-marker")
os.makedirs(folder, exist_ok=True)
info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": 'MARKER = "${MARKER}"\\n',
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: pyship-private-marker\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: pyship-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(os.path.join(folder, f"{name}-{version}-py3-none-any.whl"), "w") as wheel:
    for path, text in files.items():
        data = text.encode()
        wheel.writestr(path, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;

interface IndexServer {
  readonly port: number;
  readonly log: () => string;
  readonly stop: () => void;
}

/** `python3 -m http.server` on a free loopback port; resolves once it says where it listens. */
function serveIndex(root: string): Promise<IndexServer> {
  const server: ChildProcess = spawn(
    "python3",
    ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  server.stderr?.on("data", (chunk) => {
    log += String(chunk);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.stdout?.on("data", (chunk) => {
      const port = /port (\d+)/.exec(String(chunk))?.[1];
      if (port) resolve({ port: Number(port), log: () => log, stop: () => server.kill("SIGTERM") });
    });
  });
}

describeE2e("pyship build: a private index from pip.conf, installed by uv", (engine) => {
  const tags: string[] = [];
  const stops: Array<() => void> = [];
  afterAll(async () => {
    for (const stop of stops) stop();
    await removeImages(engine, tags);
  });

  it("installs the package only that index has, and the index serves it", async () => {
    const dir = await copyFixture("private-index-app");
    // Outside the project: neither the index nor the pip.conf is part of the build context.
    const indexRoot = await mkdtemp(join(tmpdir(), "pyship-uv-index-"));
    const tag = "pyship-uv-e2e-private-index:test";
    tags.push(tag);
    try {
      const made = await new NodeExecutor().run("python3", ["-c", MAKE_WHEEL, indexRoot]);
      expect(made.exitCode, made.stderr).toBe(0);
      const server = await serveIndex(indexRoot);
      stops.push(server.stop);
      const url = `http://127.0.0.1:${server.port}/simple`;
      const pipConf = join(indexRoot, "pip.conf");
      await writeFile(pipConf, `[global]\nextra-index-url = ${url}\ntrusted-host = 127.0.0.1\n`);
      const env = { PIP_CONFIG_FILE: pipConf };
      const build = await runPyship(
        engine,
        ["build", dir, "--tag", tag, "--no-verify", "--network", "host"],
        600_000,
        env,
      );
      expect(build.exitCode, `${build.stdout}\n${build.stderr}`).toBe(0);
      const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
      expect(dockerfile).toContain(`ARG UV_INDEX="${url}"`);
      expect(dockerfile).toContain("/opt/tools/bin/uv pip sync");
      expect(server.log()).toMatch(/"GET \/simple\/pyship-private-marker\/ HTTP\/1\.1" 200/);
      expect(server.log()).toMatch(/"GET \/simple\/pyship-private-marker\/[^"]+\.whl HTTP/);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", MARKER]);
      expectProductionReady(report, exitCode);
      expect(check(report, "expect").status).toBe("pass");
    } finally {
      await removeDir(dir);
      await removeDir(indexRoot);
    }
  });
});
