// One repetition of one variant of one app: fresh copy → cold build → size → run (ready,
// uid, stop) → one-line code change → rebuild → one added dependency → rebuild.
import os from "node:os";
import { join } from "node:path";
import { addDependency, changeCode, freshCopy } from "./apps.mjs";
import { PREFIX } from "./docker.mjs";
import { loadTest } from "./load-test.mjs";
import { runContainer } from "./run-container.mjs";
import { usesCacheMounts, VARIANTS } from "./variants.mjs";

/**
 * @param {{ docker: import("./docker.mjs").Docker, variantEnv: any, benchDir: string,
 *   workRoot: string, pruneCacheMounts: boolean, say: (s: string) => void }} ctx
 * @returns {Promise<{ values: Record<string, number>, loads: Record<string, number>,
 *   error: string | null, cacheMounts: boolean }>}
 */
/** A failed load test loses its own numbers only: the rebuild measurements still run. */
async function measureLoad(ctx, tag, id, log, step) {
  try {
    const load = await loadTest(ctx.docker, tag, `${tag}-load`, { seconds: ctx.loadSeconds, log });
    for (const [metric, value] of Object.entries(load)) await step(metric, async () => value);
  } catch (error) {
    ctx.say(`  ${id}: load test FAILED — ${error.message.split("\n").slice(0, 3).join(" ")}`);
  }
}

export async function measureRun(ctx, app, variant, run) {
  const { docker, say } = ctx;
  const id = `${app}-${variant}-r${run + 1}`;
  const workDir = join(ctx.workRoot, id);
  const log = join(ctx.workRoot, `${id}.log`);
  const tag = `${PREFIX}${app}-${variant}`;
  const nonce = `${variant} r${run + 1} ${Date.now().toString(36)}`;
  const prepare = () => VARIANTS[variant](ctx.variantEnv, app, workDir);
  const values = {};
  // The 1-minute load average right after each measurement: other work on the machine
  // inflates timings, and results.md marks the numbers measured while it was busy.
  const loads = {};
  let cacheMounts = false;
  const step = async (metric, fn) => {
    values[metric] = await fn();
    loads[metric] = os.loadavg()[0];
    say(`  ${id}: ${metric} = ${values[metric].toFixed(2)} (load ${loads[metric].toFixed(1)})`);
  };
  try {
    await freshCopy(ctx.benchDir, app, workDir);
    await prepare();
    cacheMounts = await usesCacheMounts(workDir);
    // BuildKit keeps cache mounts across --no-cache builds: empty them for a truly cold build.
    if (ctx.pruneCacheMounts) await docker.pruneCacheMounts();
    // --load-only: the image is built as any build would (cache allowed, not timed) and only
    // what it does when run is measured.
    if (ctx.loadOnly) await docker.build(workDir, tag, { log });
    else await step("cold_build_s", () => docker.build(workDir, tag, { noCache: true, log }));
    await step("size_mb", async () => (await docker.imageSizeBytes(tag)) / 1e6);
    const started = await runContainer(docker, tag, `${tag}-r${run + 1}`, { log });
    for (const [metric, value] of Object.entries(started)) await step(metric, async () => value);
    if (ctx.loadSeconds > 0) await measureLoad(ctx, tag, id, log, step);
    if (ctx.loadOnly) return { values, loads, error: null, cacheMounts };
    await changeCode(workDir, nonce);
    await prepare();
    await step("code_rebuild_s", () => docker.build(workDir, tag, { log }));
    await addDependency(workDir, run, nonce);
    await prepare();
    await step("dep_rebuild_s", () => docker.build(workDir, tag, { log }));
    return { values, loads, error: null, cacheMounts };
  } catch (error) {
    const first = error.message.split("\n")[0];
    say(`  ${id}: FAILED — ${first}${first.includes(log) ? "" : ` (log: ${log})`}`);
    return { values, loads, error: error.message, cacheMounts };
  }
}
