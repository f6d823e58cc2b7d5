// The engine as the benchmark uses it: one docker client (BuildKit when the setup found one).
// Every image and container it creates carries the LABEL below, so cleanUp() removes exactly
// those — rebuilt (untagged) images and leftovers of an interrupted run included.
import { appendFile } from "node:fs/promises";
import { secondsSince } from "./stats.mjs";

const BUILD_TIMEOUT_MS = 20 * 60_000;
const CMD_TIMEOUT_MS = 2 * 60_000;

/**
 * Every name the benchmark creates starts with this, so a leftover is recognizable.
 * PYSHIP_BENCH_ID keeps two runs on one shared engine apart (names, and what cleanUp removes).
 */
const RUN_ID = /^[a-z0-9-]+$/.test(process.env.PYSHIP_BENCH_ID ?? "")
  ? (process.env.PYSHIP_BENCH_ID ?? "1")
  : "1";
export const PREFIX = RUN_ID === "1" ? "pyship-bench-" : `pyship-bench-${RUN_ID}-`;
export const LABEL = `org.pyship.bench=${RUN_ID}`;

export class Docker {
  /** @param {{ client: string, buildkit: boolean, network: string, executor: any }} opts */
  constructor({ client, buildkit, network, executor }) {
    this.client = client;
    this.buildkit = buildkit;
    this.network = network;
    this.executor = executor;
  }

  /** Runs `docker ARGS`; throws with the tail of stderr when it fails. */
  async cmd(args, { timeoutMs = CMD_TIMEOUT_MS, log } = {}) {
    const env = { DOCKER_BUILDKIT: this.buildkit ? "1" : "0", BUILDKIT_PROGRESS: "plain" };
    const result = await this.executor.run(this.client, args, { env, timeoutMs });
    if (log)
      await appendFile(log, `$ docker ${args.join(" ")}\n${result.stdout}${result.stderr}\n`);
    if (result.exitCode !== 0 || result.timedOut) {
      const why = result.timedOut
        ? `timed out after ${timeoutMs / 1000} s`
        : `exit ${result.exitCode}`;
      const tail = result.stderr.trim().split("\n").slice(-12).join("\n");
      throw new Error(
        `docker ${args.slice(0, 2).join(" ")} … failed (${why})${log ? ` — log: ${log}` : ""}\n${tail}`,
      );
    }
    return result.stdout.trim();
  }

  /** Builds DIR as TAG and returns the wall time in seconds. */
  async build(dir, tag, { noCache = false, log } = {}) {
    const args = ["build", "-t", tag, "--label", LABEL];
    if (noCache) args.push("--no-cache");
    if (this.network) args.push("--network", this.network);
    args.push(dir);
    const start = performance.now();
    await this.cmd(args, { timeoutMs: BUILD_TIMEOUT_MS, log });
    return secondsSince(start);
  }

  async imageSizeBytes(tag) {
    return Number(await this.cmd(["image", "inspect", "-f", "{{.Size}}", tag]));
  }

  /** The first TCP port the image EXPOSEs, or null. */
  async exposedPort(tag) {
    const json = await this.cmd(["image", "inspect", "-f", "{{json .Config.ExposedPorts}}", tag]);
    const ports = Object.keys(JSON.parse(json) ?? {});
    const tcp = ports.find((p) => p.endsWith("/tcp"));
    return tcp ? Number.parseInt(tcp, 10) : null;
  }

  /** Drops BuildKit cache mounts so a "cold" build also starts with an empty pip cache. */
  async pruneCacheMounts() {
    if (!this.buildkit) return;
    await this.cmd(["builder", "prune", "-f", "--filter", "type=exec.cachemount"]);
  }

  /** Removes every container and image carrying the benchmark's label; nothing else. */
  async cleanUp() {
    const filter = ["--filter", `label=${LABEL}`];
    const list = async (args) => {
      const r = await this.executor.run(this.client, args, { timeoutMs: CMD_TIMEOUT_MS });
      return r.stdout.split("\n").filter(Boolean);
    };
    const containers = await list(["ps", "-aq", ...filter]);
    if (containers.length > 0) await this.executor.run(this.client, ["rm", "-f", ...containers]);
    const images = [...new Set(await list(["images", "-aq", ...filter]))];
    if (images.length > 0) await this.executor.run(this.client, ["rmi", "-f", ...images]);
    return { containers: containers.length, images: images.length };
  }
}
