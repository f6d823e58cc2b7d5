/*
 * Real servers for the mirror e2e tests, on random loopback ports (builds reach them with
 * --network host): pypiserver behind basic auth (an htpasswd file made with `htpasswd`),
 * and Debian's apt-cacher-ng as an apt mirror with its own port, cache and log folders.
 * scripts/setup-mirrors.sh installs both.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { REPO } from "./engine.js";

export interface Server {
  readonly port: number;
  /** Everything the server logged so far (requests included). */
  readonly log: () => string;
  readonly stop: () => void;
}

const VENV = resolve(REPO, ".tmp/mirrors-venv");
const executor = new NodeExecutor();

/** 20000–32767: apt-cacher-ng 3.7 fails to bind ports above 32767 ("Error resolving address"). */
function randomPort(): number {
  return 20000 + Math.floor(Math.random() * 12000);
}

/** Polls the URL until it answers (any HTTP status), or throws after `ms`. */
async function waitFor(url: string, ms: number, log: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${ms} ms:\n${log()}`);
}

function started(child: ChildProcess, port: number, extraLog: () => string = () => ""): Server {
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  return { port, log: () => output + extraLog(), stop: () => child.kill("SIGTERM") };
}

/** pypiserver serving `packages`, every request (list and download) behind user:password. */
export async function authIndex(packages: string, user: string, password: string): Promise<Server> {
  if (!existsSync(join(VENV, "bin/pypi-server")))
    throw new Error(`${VENV} has no pypiserver: run scripts/setup-mirrors.sh`);
  const htpasswd = join(packages, "..", "htpasswd");
  const made = await executor.run("htpasswd", ["-cbB", htpasswd, user, password]);
  if (made.exitCode !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
  const port = randomPort();
  const child = spawn(
    join(VENV, "bin/pypi-server"),
    [
      "run",
      "-v",
      "-i",
      "127.0.0.1",
      "-p",
      String(port),
      "-P",
      htpasswd,
      "-a",
      "download,list,update",
      packages,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const server = started(child, port);
  await waitFor(`http://127.0.0.1:${port}/`, 20_000, server.log);
  return server;
}

/**
 * apt-cacher-ng as a mirror: http://127.0.0.1:PORT/deb.debian.org/debian fetches through it.
 * Its own configuration folder, without the package's remapping of Debian URLs to its mirror
 * list (whose hosts a registry-less machine may not resolve): requests go where they name.
 */
export async function aptCache(root: string): Promise<Server> {
  const binary = existsSync("/usr/sbin/apt-cacher-ng")
    ? "/usr/sbin/apt-cacher-ng"
    : "apt-cacher-ng";
  const port = randomPort();
  const settings = {
    CacheDir: join(root, "cache"),
    LogDir: join(root, "log"),
    Port: String(port),
    BindAddress: "127.0.0.1",
    ForeGround: "1",
    PidFile: join(root, "pid"),
    SocketPath: join(root, "socket"),
    VerboseLog: "1",
  };
  await mkdir(join(root, "conf"), { recursive: true });
  await mkdir(settings.CacheDir, { recursive: true });
  await mkdir(settings.LogDir, { recursive: true });
  const conf = Object.entries(settings)
    .map(([key, value]) => `${key}: ${value}\n`)
    .join("");
  await writeFile(join(root, "conf", "acng.conf"), conf);
  const child = spawn(binary, ["-c", join(root, "conf")], { stdio: ["ignore", "pipe", "pipe"] });
  const accessLog = () => {
    const file = join(settings.LogDir, "apt-cacher.log");
    return existsSync(file) ? readFileSync(file, "utf8") : "";
  };
  const server = started(child, port, accessLog);
  await waitFor(`http://127.0.0.1:${port}/`, 20_000, server.log);
  return server;
}
