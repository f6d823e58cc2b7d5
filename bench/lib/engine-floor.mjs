// The engine's own share of `docker stop`: a container on the benchmark's base image whose
// PID 1 exits the moment SIGTERM arrives, published on a port like the apps. What is left of
// an app's stop time above this floor is the app's own shutdown. Run alone:
//   node bench/lib/engine-floor.mjs      (uses .tmp/engine.env, prints the seconds as JSON)
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LABEL, PREFIX } from "./docker.mjs";
import { round, secondsSince, summarize } from "./stats.mjs";

const EXITS_ON_TERM =
  "import signal, sys, time\nsignal.signal(signal.SIGTERM, lambda *_: sys.exit(0))\nprint('up', flush=True)\ntime.sleep(600)";

/** @param {import("./docker.mjs").Docker} docker */
export async function stopFloor(docker, { image = "python:3.11-slim", runs = 5 } = {}) {
  const seconds = [];
  for (let run = 0; run < runs; run++) {
    const name = `${PREFIX}stop-floor-${run}`;
    await docker.executor.run(docker.client, ["rm", "-f", name]);
    const args = ["run", "-d", "--name", name, "--label", LABEL, "-p", "127.0.0.1::8000"];
    await docker.cmd([...args, image, "python", "-c", EXITS_ON_TERM]);
    try {
      await waitForLog(docker, name, "up");
      const start = performance.now();
      await docker.cmd(["stop", name]);
      seconds.push(secondsSince(start));
    } finally {
      await docker.executor.run(docker.client, ["rm", "-f", name]);
    }
  }
  const summary = summarize(seconds);
  return (
    summary && { median: round(summary.median), min: round(summary.min), max: round(summary.max) }
  );
}

async function waitForLog(docker, name, text) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const logs = await docker.executor.run(docker.client, ["logs", name]);
    if (logs.stdout.includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} never started`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = fileURLToPath(new URL("../..", import.meta.url));
  const { NodeExecutor } = await import(join(repo, "dist/core/node-executor.js"));
  const { Docker } = await import("./docker.mjs");
  const { loadEngineEnv } = await import("./engine-env.mjs");
  const engine = await loadEngineEnv(join(repo, ".tmp", "engine.env"));
  const docker = new Docker({ ...engine, client: engine.docker, executor: new NodeExecutor() });
  console.log(JSON.stringify(await stopFloor(docker)));
}
