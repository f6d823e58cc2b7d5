// Throughput under load: starts the image, then `hey` (Debian's, scripts/setup-load.sh) sends
// 32 concurrent connections for a few seconds to an endpoint that waits on I/O (/io, 50 ms)
// and one that burns CPU (/cpu, 10 ms), through a port published on 127.0.0.1 only. Reports
// requests/s and the 99th-percentile latency of each. Bounded: duration × 2 endpoints, plus a
// 1 s warm-up each, so every worker has imported the app before the measurement.
import { LABEL } from "./docker.mjs";
import { parsePort, waitForHttp } from "./run-container.mjs";

export const LOAD_CONNECTIONS = 32;
export const LOAD_ENDPOINTS = [
  { path: "/io", metric: "io" },
  { path: "/cpu", metric: "cpu" },
];

/**
 * @param {import("./docker.mjs").Docker} docker
 * @returns {Promise<Record<string, number>>} io_rps, io_p99_ms, cpu_rps, cpu_p99_ms
 */
export async function loadTest(docker, image, name, { seconds, log }) {
  const port = (await docker.exposedPort(image)) ?? 8000;
  await docker.executor.run(docker.client, ["rm", "-f", name]);
  await docker.cmd(
    ["run", "-d", "--name", name, "--label", LABEL, "-p", `127.0.0.1::${port}`, image],
    { log },
  );
  try {
    const hostPort = parsePort(await docker.cmd(["port", name, `${port}/tcp`]));
    const base = `http://127.0.0.1:${hostPort}`;
    await waitForHttp(docker, name, `${base}/`);
    const values = {};
    for (const { path, metric } of LOAD_ENDPOINTS) {
      await hey(docker.executor, `${base}${path}`, 1);
      const result = await hey(docker.executor, `${base}${path}`, seconds);
      values[`${metric}_rps`] = result.rps;
      values[`${metric}_p99_ms`] = result.p99Ms;
    }
    return values;
  } finally {
    await docker.executor.run(docker.client, ["rm", "-f", name]);
  }
}

async function hey(executor, url, seconds) {
  const args = ["-z", `${seconds}s`, "-c", String(LOAD_CONNECTIONS), "-t", "20", url];
  const result = await executor.run("hey", args, { timeoutMs: (seconds + 30) * 1000 });
  if (result.exitCode !== 0) throw new Error(`hey ${args.join(" ")}: ${result.stderr}`);
  return parseHey(result.stdout, url);
}

/**
 * hey's summary: `Requests/sec: 123.4`, `99% in 0.1234 secs`, `[200] 617 responses`. Answers
 * other than 2xx or transport errors above 1 % make the measurement an error, not a number.
 */
export function parseHey(text, url = "") {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1]);
  // hey prints no 99% line (or "0% in 0.0000") for fewer than ~100 answers: the slowest is the p99.
  const slowest = Number(/Slowest:\s+([\d.]+)\s+secs/.exec(text)?.[1]);
  const p99 = Number(/99%\s+in\s+([\d.]+)\s+secs/.exec(text)?.[1] ?? slowest);
  const counts = [...text.matchAll(/\[(\d{3})\]\s+(\d+)\s+responses/g)];
  const ok = counts
    .filter(([, code]) => code.startsWith("2"))
    .reduce((n, [, , c]) => n + Number(c), 0);
  const all = counts.reduce((n, [, , c]) => n + Number(c), 0);
  const errors = [...text.matchAll(/^\s+\[(\d+)\]\s+Get /gm)].reduce(
    (n, [, c]) => n + Number(c),
    0,
  );
  if (!Number.isFinite(rps) || !Number.isFinite(p99) || ok === 0) {
    throw new Error(`no successful answers from ${url}:\n${text.slice(0, 600)}`);
  }
  if (all + errors - ok > 0.01 * (all + errors)) {
    throw new Error(
      `${all + errors - ok} of ${all + errors} requests to ${url} failed:\n${text.slice(-600)}`,
    );
  }
  return { rps, p99Ms: Math.round(p99 * 10_000) / 10 };
}
