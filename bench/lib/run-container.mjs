// Starts an image the way a user would and measures what the user feels: time until the
// first 2xx on `/`, the uid PID 1 runs as, and how long `docker stop` (10 s grace) takes.
import http from "node:http";
import { LABEL } from "./docker.mjs";
import { secondsSince } from "./stats.mjs";

const READY_TIMEOUT_S = 90;
const POLL_MS = 25;

/**
 * @param {import("./docker.mjs").Docker} docker
 * @returns {Promise<{ ready_s: number, uid: number, stop_s: number }>}
 */
export async function runContainer(docker, image, name, { log } = {}) {
  const port = (await docker.exposedPort(image)) ?? 8000;
  await docker.executor.run(docker.client, ["rm", "-f", name]);
  const start = performance.now();
  await docker.cmd(
    ["run", "-d", "--name", name, "--label", LABEL, "-p", `127.0.0.1::${port}`, image],
    { log },
  );
  try {
    const hostPort = parsePort(await docker.cmd(["port", name, `${port}/tcp`]));
    await waitForHttp(docker, name, `http://127.0.0.1:${hostPort}/`);
    const ready_s = secondsSince(start);
    const uid = parseUid(await docker.cmd(["exec", name, "cat", "/proc/1/status"]));
    const stopStart = performance.now();
    await docker.cmd(["stop", name]);
    return { ready_s, uid, stop_s: secondsSince(stopStart) };
  } catch (error) {
    const logs = await docker.executor.run(docker.client, ["logs", "--tail", "20", name]);
    throw new Error(`${error.message}\ncontainer log:\n${logs.stdout}${logs.stderr}`);
  } finally {
    await docker.executor.run(docker.client, ["rm", "-f", name]);
  }
}

/** `docker port` prints `127.0.0.1:49153` (and maybe an IPv6 line); take the first. */
export function parsePort(text) {
  const match = /:(\d+)\s*$/m.exec(text.split("\n")[0] ?? "");
  if (!match) throw new Error(`cannot read the published port from "${text}"`);
  return Number(match[1]);
}

/** Real uid of PID 1, from the `Uid:` line of /proc/1/status (real, effective, saved, fs). */
export function parseUid(status) {
  const match = /^Uid:\s+(\d+)/m.exec(status);
  if (!match) throw new Error("no Uid: line in /proc/1/status");
  return Number(match[1]);
}

export async function waitForHttp(docker, name, url) {
  const deadline = performance.now() + READY_TIMEOUT_S * 1000;
  for (let attempt = 0; performance.now() < deadline; attempt++) {
    if (await answers2xx(url)) return;
    // Checking the engine on every poll would slow the measurement down; every ~0.5 s is enough.
    if (attempt % 20 === 19 && !(await isRunning(docker, name))) {
      throw new Error(`container ${name} exited before answering on ${url}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`no 2xx from ${url} within ${READY_TIMEOUT_S} s`);
}

/** One GET; node:http rather than fetch, whose unref'd sockets and timers can let the
 * process exit mid-wait while the app is still starting. */
function answers2xx(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000, agent: false }, (response) => {
      response.resume();
      const code = response.statusCode ?? 0;
      response.on("end", () => resolve(code >= 200 && code < 300));
      response.on("error", () => resolve(false));
    });
    // Refused or reset (docker-proxy accepts before the app listens): not ready yet.
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

async function isRunning(docker, name) {
  const r = await docker.executor.run(docker.client, ["inspect", "-f", "{{.State.Running}}", name]);
  return r.stdout.trim() === "true";
}
