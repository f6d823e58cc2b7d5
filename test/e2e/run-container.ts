/*
 * One container of an image pyship built, run the way a platform runs it: published on a
 * loopback port, waited for until it answers HTTP and has logged its server's sizing, then
 * stopped with `docker stop` and timed. For e2e tests that look inside a running server.
 */
import http from "node:http";
import type { E2eEngine } from "./engine.js";
import { engineRun } from "./pyship-cli.js";

export interface Started {
  readonly name: string;
  readonly url: string;
  readonly log: string;
}

export async function docker(engine: E2eEngine, args: readonly string[]): Promise<string> {
  const result = await engineRun(engine, args);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * One GET on a connection of its own, closed after the answer (as the bench does): an idle
 * kept-alive connection would make gunicorn linger up to its keepalive (2 s) when stopped.
 * Null when nothing answers within 2 s (docker-proxy accepts before the server listens).
 */
export function status(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? null));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(null));
  });
}

/** Runs the image, waits until it answers HTTP on `port` and has logged its sizing. */
export async function start(
  engine: E2eEngine,
  tag: string,
  flags: readonly string[],
  port = 8000,
): Promise<Started> {
  const name = `pyship-e2e-run-${Math.random().toString(36).slice(2, 10)}`;
  await docker(engine, ["run", "-d", "--name", name, "-p", `127.0.0.1:0:${port}`, ...flags, tag]);
  const published = await docker(engine, ["port", name, `${port}/tcp`]);
  const url = `http://${published.split("\n")[0]}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answered = ((await status(url)) ?? 500) < 500;
    const log = (await engineRun(engine, ["logs", name])).stderr;
    if (answered && /pyship: \d+/.test(log)) return { name, url, log };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const log = await engineRun(engine, ["logs", name]);
  await engineRun(engine, ["rm", "-f", name]);
  throw new Error(
    `${tag} ${flags.join(" ")} never answered on ${port}:\n${log.stdout}${log.stderr}`,
  );
}

/** `docker stop` (10 s grace) in milliseconds, then the container is removed. */
export async function stop(engine: E2eEngine, name: string): Promise<number> {
  const started = performance.now();
  await docker(engine, ["stop", name]);
  const ms = Math.round(performance.now() - started);
  await engineRun(engine, ["rm", "-f", name]);
  return ms;
}
