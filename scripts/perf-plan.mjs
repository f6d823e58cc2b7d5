#!/usr/bin/env node
/*
 * Times `pyship plan` on a generated large project (default 5,000 files: a Flask app, 3,000
 * Python modules in 50 packages, templates, static assets, data files), to hold the
 * "plan under 300 ms" budget. Measures two things, median of N runs each:
 *   detect — detectProject() in-process (the part that reads the tree), no Node start-up;
 *   cli    — `node dist/cli.js plan --json DIR` wall time, what a user waits for;
 *   startup — `node dist/cli.js --version` and bare `node -e 0`, to tell detection apart
 *             from start-up (on a loaded machine start-up alone can exceed the budget).
 * Needs `npm run build` first. Exits 1 when the cli median (or, if the cli fails, the
 * detect median) is over budget, 2 when it cannot measure.
 *
 * --no-manifest leaves out requirements.txt, so the dependencies are inferred from every
 * module's imports (the syntax-tree path).
 *
 *   node scripts/perf-plan.mjs [--files 5000] [--runs 10] [--budget 300] [--no-manifest] [--keep] [--json]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli.js");
const DETECT = join(ROOT, "dist/detect/detect-project.js");

const { values: opts } = parseArgs({
  options: {
    files: { type: "string", default: "5000" },
    runs: { type: "string", default: "10" },
    budget: { type: "string", default: "300" },
    keep: { type: "boolean", default: false },
    "no-manifest": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

/** A realistic module: imports, a docstring, functions; some are blueprints or scripts. */
function moduleText(i) {
  const blueprint = i % 20 === 0;
  const script = i % 37 === 0;
  return [
    `"""Module ${i}: helpers.\n\nExample::\n\n    app = Flask(__name__)\n"""`,
    "import os\nimport json\nfrom typing import Any\n",
    blueprint ? `from flask import Blueprint\n\nbp = Blueprint("m${i}", __name__)\n` : "",
    ...Array.from(
      { length: 8 },
      (_, k) =>
        `def f${k}(value: Any, *, flag: bool = False) -> str:\n    """Return ${k}."""\n    data = json.dumps({"k": ${k}, "v": value})\n    return os.path.join(data, "${k}")\n`,
    ),
    script ? 'if __name__ == "__main__":\n    print(f0(1))\n' : "",
  ].join("\n");
}

function generate(total) {
  const dir = mkdtempSync(join(tmpdir(), "pyship-perf-"));
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  if (!opts["no-manifest"]) write("requirements.txt", "flask==3.1.3\ngunicorn==27.0.1\n");
  write(
    "app.py",
    'from flask import Flask\n\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "hi"\n',
  );
  const modules = Math.floor(total * 0.6);
  for (let i = 0; i < modules; i += 1) {
    const pkg = `pkg${i % 50}`;
    if (i < 50) write(`${pkg}/__init__.py`, "");
    write(`${pkg}/mod${i}.py`, moduleText(i));
  }
  const kinds = [
    "templates/t%.html",
    "static/js/s%.js",
    "static/css/c%.css",
    "data/d%.json",
    "tests/test_%.py",
  ];
  for (let i = 2 + modules + 50; i < total; i += 1) {
    const path = kinds[i % kinds.length].replace("%", String(i));
    write(path, path.endsWith(".py") ? moduleText(i) : `/* ${i} */\n`.repeat(20));
  }
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;

async function timeDetect(dir, runs) {
  const { detectProject } = await import(pathToFileURL(DETECT).href);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    detectProject(dir);
    times.push(performance.now() - start);
  }
  return times;
}

function timeCli(args, runs, script = CLI) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const run = spawnSync(process.execPath, script ? [script, ...args] : args, {
      encoding: "utf8",
    });
    times.push(performance.now() - start);
    if (run.status !== 0) {
      const reason = (run.stderr || run.stdout).trim().split("\n")[0];
      return { times, error: `exit ${run.status}: ${reason}` };
    }
  }
  return { times, error: null };
}

async function main() {
  if (!existsSync(CLI) || !existsSync(DETECT)) {
    console.error("perf-plan: dist/ is missing; run `npm run build` first");
    return 2;
  }
  const runs = Number(opts.runs);
  const budget = Number(opts.budget);
  const dir = generate(Number(opts.files));
  try {
    const detect = await timeDetect(dir, runs);
    const node = timeCli(["-e", "0"], runs, null);
    const startup = timeCli(["--version"], runs);
    const cli = timeCli(["plan", "--json", dir], runs);
    const result = {
      files: Number(opts.files),
      manifest: !opts["no-manifest"],
      runs,
      budgetMs: budget,
      detectMedianMs: round(median(detect)),
      cliMedianMs: cli.error ? null : round(median(cli.times)),
      cliError: cli.error,
      startupMedianMs: startup.error ? null : round(median(startup.times)),
      nodeMedianMs: round(median(node.times)),
    };
    const measured = result.cliMedianMs ?? result.detectMedianMs;
    const ok = measured !== null && measured <= budget;
    if (opts.json) console.log(JSON.stringify({ ...result, ok }, null, 2));
    else report(result, ok);
    return ok ? 0 : 1;
  } finally {
    if (opts.keep) console.error(`perf-plan: project kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const round = (ms) => (ms === null ? null : Math.round(ms * 10) / 10);

function report(result, ok) {
  const kind = result.manifest ? "with requirements.txt" : "no manifest (imports inferred)";
  console.log(`pyship plan on ${result.files} files, ${kind}, median of ${result.runs} runs`);
  console.log(`  detect (in-process): ${result.detectMedianMs} ms`);
  console.log(
    result.cliError
      ? `  cli: not measured (${result.cliError})`
      : `  cli (node dist/cli.js plan --json): ${result.cliMedianMs} ms`,
  );
  console.log(`  cli start-up alone (--version): ${result.startupMedianMs} ms`);
  console.log(`  bare node start-up (node -e 0): ${result.nodeMedianMs} ms`);
  console.log(`  budget ${result.budgetMs} ms: ${ok ? "ok" : "OVER"}`);
}

process.exitCode = await main();
