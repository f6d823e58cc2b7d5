#!/usr/bin/env node
// `npm run bench`: builds and runs every benchmark app (bench/apps) with every variant —
// three hand-written Dockerfiles (bench/baselines) and pyship's — on the real engine, then
// writes results.json, results.md and results.svg. Options: bench/lib/options.mjs (--help).
// Everything it creates carries the label org.pyship.bench=1 and is removed at the end, on
// failure and on Ctrl-C.
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NodeExecutor } from "../dist/core/node-executor.js";
import { benchCli } from "./lib/bench-cli.mjs";
import { Docker } from "./lib/docker.mjs";
import { loadEngineEnv } from "./lib/engine-env.mjs";
import { stopFloor } from "./lib/engine-floor.mjs";
import { checkLoadTargets } from "./lib/load-targets.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { measureRun } from "./lib/measure-run.mjs";
import { parseOptions, USAGE } from "./lib/options.mjs";
import { renderMarkdown } from "./lib/report-md.mjs";
import { renderSvg } from "./lib/report-svg.mjs";
import { appRows } from "./lib/results.mjs";
import { checkTargets } from "./lib/targets.mjs";
import { pyshipBuildkitFlag } from "./lib/variants.mjs";
import { ensureWheels } from "./lib/wheels.mjs";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const BENCH = join(REPO, "bench");
const CLI = join(REPO, "dist", "cli.js");
const say = (line) => console.log(line);

async function main(argv) {
  const opts = parseOptions(argv);
  if (opts.help) {
    say(USAGE);
    return 0;
  }
  const loadAtStart = os.loadavg()[0];
  const executor = new NodeExecutor();
  if (opts.setup) await setUpEngine(executor);
  const engine = await loadEngineEnv(join(REPO, ".tmp", "engine.env"));
  const docker = new Docker({ ...engine, client: engine.docker, executor });
  await docker.cmd(["info", "--format", "{{.ServerVersion}}"]).catch((error) => {
    throw new Error(
      `no engine answers ${engine.docker} (run: bash scripts/setup-engine.sh)\n${error.message}`,
    );
  });
  const workRoot = join(BENCH, ".work");
  await rm(workRoot, { recursive: true, force: true });
  await mkdir(workRoot, { recursive: true });
  onInterrupt(docker);
  try {
    return await benchmark({ opts, engine, docker, executor, workRoot, loadAtStart });
  } finally {
    const removed = await docker.cleanUp();
    say(`cleaned up ${removed.containers} container(s) and ${removed.images} image(s)`);
  }
}

async function benchmark({ opts, engine, docker, executor, workRoot, loadAtStart }) {
  await docker.cleanUp(); // leftovers of an interrupted run
  if (engine.pypi === "local") {
    say("adding the benchmark's packages to the local wheel index (.tmp/wheels)");
    await ensureWheels({
      executor,
      benchDir: BENCH,
      wheelDir: join(REPO, ".tmp", "wheels"),
      apps: opts.apps,
    });
  }
  const described = await describeMachine({ docker, executor, repo: REPO });
  const machine = { ...described, loadAtStart, stopFloor: await stopFloor(docker) };
  const started = performance.now();
  const buildkitFlag = await pyshipBuildkitFlag(executor, CLI, engine.buildkit);
  const variantEnv = { executor, benchDir: BENCH, cli: CLI, buildkitFlag };
  const ctx = {
    docker,
    variantEnv,
    benchDir: BENCH,
    workRoot,
    pruneCacheMounts: opts.pruneCacheMounts,
    loadSeconds: opts.loadSeconds,
    loadOnly: opts.loadOnly,
    say,
  };
  const measured = new Map();
  // Variants interleave within each repetition, so a slow spell of the machine hits all alike.
  for (const app of opts.apps) {
    for (let run = 0; run < opts.runs; run++) {
      for (const variant of opts.variants) {
        say(`${app} · ${variant} · repetition ${run + 1}/${opts.runs}`);
        const key = `${app}/${variant}`;
        measured.set(key, [...(measured.get(key) ?? []), await measureRun(ctx, app, variant, run)]);
      }
    }
  }
  const rows = appRows(measured, opts.apps, opts.variants);
  const cliRows = opts.selfRuns > 0 ? await runCliBench(executor, opts, workRoot) : [];
  const meta = {
    ...opts,
    engine,
    machine,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    durationMin: ((performance.now() - started) / 60_000).toFixed(1),
    busy: loadAtStart > machine.cpus / 2,
    loadAtEnd: os.loadavg()[0],
  };
  const pyshipRuns = opts.apps.flatMap((app) => measured.get(`${app}/pyship`) ?? []);
  const context = {
    ...engine,
    pyshipCacheMounts: pyshipRuns.some((r) => r.cacheMounts),
    stopFloor: machine.stopFloor,
  };
  meta.pyshipCacheMounts = context.pyshipCacheMounts;
  const targets = opts.variants.includes("pyship")
    ? [
        ...checkTargets(rows, opts.apps, context),
        ...(opts.loadSeconds > 0 ? checkLoadTargets(rows, opts.apps, machine.cpus) : []),
      ]
    : [];
  await writeResults(resolve(REPO, opts.out), { rows, cliRows, targets, meta });
  const failed = [...measured.values()].flat().filter((r) => r.error).length;
  if (failed === 0 && !opts.keepWork) await rm(workRoot, { recursive: true, force: true });
  else say(`work copies and build logs kept in ${workRoot}`);
  return failed === 0 ? 0 : 1;
}

async function runCliBench(executor, opts, workRoot) {
  say(`pyship CLI: --version and plan on ${opts.selfFiles} files, ${opts.selfRuns} runs each`);
  return benchCli({
    executor,
    cli: CLI,
    runs: opts.selfRuns,
    files: opts.selfFiles,
    workRoot,
    say,
  });
}

async function writeResults(outDir, { rows, cliRows, targets, meta }) {
  await mkdir(outDir, { recursive: true });
  await writeFile(
    join(outDir, "results.json"),
    `${JSON.stringify([...rows, ...cliRows], null, 2)}\n`,
  );
  await writeFile(
    join(outDir, "results.md"),
    `${renderMarkdown({ rows, cliRows, targets, meta })}\n`,
  );
  await writeFile(join(outDir, "results.svg"), renderSvg({ rows, meta }));
  say(`wrote ${join(outDir, "results.json")}, results.md, results.svg`);
}

async function setUpEngine(executor) {
  say("checking the engine (scripts/setup-engine.sh)");
  const result = await executor.run("bash", [join(REPO, "scripts", "setup-engine.sh")], {
    onLine: (line) => say(`  ${line}`),
    timeoutMs: 20 * 60_000,
  });
  if (result.exitCode !== 0)
    throw new Error(`scripts/setup-engine.sh exited with ${result.exitCode}`);
  // The load test's client (hey, from Debian's packages).
  const load = await executor.run("bash", [join(REPO, "scripts", "setup-load.sh")], {
    timeoutMs: 5 * 60_000,
  });
  if (load.exitCode !== 0) throw new Error(`scripts/setup-load.sh: ${load.stderr.trim()}`);
}

/** Ctrl-C or a kill still removes what the run created; a second Ctrl-C exits at once. */
function onInterrupt(docker) {
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      say(`\n${signal}: removing the benchmark's containers and images…`);
      docker.cleanUp().finally(() => process.exit(130));
    });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  },
);
