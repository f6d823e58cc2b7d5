// results.md: machine and engine, method, the targets verdict, one table per app (median,
// min–max and ratio to pyship per variant), and pyship's own CLI timings.
import { formatValue, METRICS } from "./metrics.mjs";
import { findRow } from "./results.mjs";

/**
 * @param {{ rows: object[], cliRows: object[], targets: object[], meta: object }} input
 */
export function renderMarkdown({ rows, cliRows, targets, meta }) {
  return [
    "# pyship benchmark results",
    "",
    ...banner(meta),
    `Measured ${meta.date} in ${meta.durationMin} min · ${meta.runs} repetition(s) per app and variant · every cell: median (min–max) · ×N = median ÷ pyship's median.`,
    "",
    ...machineTable(meta),
    ...method(meta),
    ...targetTable(targets),
    ...loadNote(rows, meta),
    ...meta.apps.flatMap((app) => appTable(rows, app, meta.variants, meta.machine.cpus)),
    ...cliTable(cliRows),
  ].join("\n");
}

function banner(meta) {
  const lines = [];
  if (meta.label)
    lines.push(
      `> **${meta.label}** — not the final figures: too few repetitions and/or a busy machine.`,
      "",
    );
  if (meta.busy) {
    lines.push(
      `> Load average was ${meta.machine.loadAtStart.toFixed(1)} at start and ${meta.loadAtEnd.toFixed(1)} at the end on ${meta.machine.cpus} CPUs: other work shared the machine, timings are inflated.`,
      "",
    );
  }
  return lines;
}

function machineTable({ machine: m, engine }) {
  return [
    "## Machine and engine",
    "",
    "| | |",
    "|---|---|",
    `| CPUs | ${m.cpus} × ${m.cpuModel} |`,
    `| Memory | ${m.memoryGb} GB |`,
    `| OS, kernel | ${m.os}, Linux ${m.kernel} |`,
    `| Engine | Docker ${m.engine} (${m.storage}) |`,
    `| Client | ${m.client}, ${m.builder} |`,
    `| Base images | local stand-ins from \`scripts/setup-engine.sh\` (Debian's Python 3.11; no registry reachable) |`,
    `| Python packages | ${engine.pypi === "local" ? "local wheel index on 127.0.0.1 (containers cannot reach PyPI); builds use `--network host`" : engine.pypi === "ca" || engine.pypi === "host" ? "PyPI, over the network (through this machine's TLS proxy: its CA is trusted in the stand-in base image only)" : "PyPI, over the network"} |`,
    `| Node, pyship | ${m.node}, commit ${m.pyshipCommit} |`,
    `| \`docker stop\` floor | ${m.stopFloor ? `${m.stopFloor.median.toFixed(2)} s (${m.stopFloor.min.toFixed(2)}–${m.stopFloor.max.toFixed(2)}): the engine's own share, measured on a container whose PID 1 exits the moment SIGTERM arrives (bench/lib/engine-floor.mjs)` : "not measured"} |`,
    "",
  ];
}

function method(meta) {
  return [
    "## How it was measured",
    "",
    "- Every variant builds from its own fresh copy of the app, with the same client and flags: `docker build -t pyship-bench-<app>-<variant> .` (BuildKit when the engine has it).",
    "- **naive / better / production**: the hand-written files in `bench/baselines/<app>/`. **pyship**: the Dockerfile and .dockerignore `pyship init` writes (run before each build, not timed, as `pyship build` would re-plan), never edited.",
    `- Cold build: \`--no-cache\`, base image present${meta.pruneCacheMounts ? "; BuildKit cache mounts emptied first (`docker builder prune --filter type=exec.cachemount`)" : "; BuildKit cache mounts left warm (`--warm-cache-mounts`)"}.`,
    ...(meta.variants.includes("pyship")
      ? [
          `- pyship's generated Dockerfile ${meta.pyshipCacheMounts ? "uses" : "does **not** use"} BuildKit cache mounts (uv's cache and a kept venv)${meta.pyshipCacheMounts || !meta.engine.buildkit ? "" : " (`pyship init` rendered it without one)"}.`,
        ]
      : []),
    "- Code rebuild: one line appended to `main.py`. Dependency rebuild: one small pure-Python package appended to `requirements.txt` (a different one each repetition).",
    ...(meta.loadOnly
      ? [
          "- **`--load-only` run**: images were built with the cache and not timed; the build and rebuild rows are not measured here (—).",
        ]
      : []),
    ...(meta.loadSeconds > 0
      ? [
          `- Load (bench/lib/load-test.mjs): a fresh container per variant, then Debian's \`hey\` with 32 concurrent connections for ${meta.loadSeconds} s (after a 1 s warm-up) on \`/io\` (sleeps 50 ms: a database or API call) and on \`/cpu\` (burns 10 ms of CPU), through 127.0.0.1; requests/s and the 99th-percentile latency. hey runs on the same ${meta.machine.cpus} CPUs as the server. **one-worker** is the command most hand-written files end with (\`gunicorn main:app\`, \`uvicorn main:app\`); for flask-min and pg-app it is the production file itself.`,
        ]
      : []),
    "- Size: `docker image inspect` `.Size` of the cold-built image (MB = 10⁶ bytes). Ready: `docker run -d` until the first 2xx on `/` through a port published on 127.0.0.1. Stop: wall time of `docker stop` (10 s grace). uid: real uid of PID 1 (`/proc/1/status`).",
    "",
  ];
}

export function targetTable(targets) {
  if (targets.length === 0) return [];
  const mark = { met: "✅ met", missed: "❌ missed", "n/a": "— n/a" };
  return [
    "## Targets",
    "",
    "| App | Target | Result | pyship | Limit | Reason when missed |",
    "|---|---|---|---:|---|---|",
    ...targets.map(
      (t) =>
        `| ${t.app} | ${t.text} | ${mark[t.status]} | ${t.pyship} | ${t.limit} | ${t.reason.replaceAll("|", "\\|").replaceAll("\n", " ")} |`,
    ),
    "",
  ];
}

/** A cell measured while more was runnable than the machine has CPUs. */
function busy(row, cpus) {
  return (row?.load ?? []).some((load) => load > cpus);
}

/** The load the numbers were measured under: shared machines inflate timings. */
function loadNote(rows, meta) {
  const loads = rows.flatMap((row) => row.load ?? []);
  if (loads.length === 0) return [];
  const sorted = [...loads].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const over = rows.filter((row) => busy(row, meta.machine.cpus)).length;
  return [
    "## Load on the machine",
    "",
    `1-minute load average after each measurement: median ${median.toFixed(1)}, highest ${sorted[sorted.length - 1].toFixed(1)} on ${meta.machine.cpus} CPUs (start ${meta.machine.loadAtStart.toFixed(1)}, end ${meta.loadAtEnd.toFixed(1)}). ⚠ marks a cell with at least one repetition measured above ${meta.machine.cpus} (more work runnable than CPUs: other builds shared the machine, timings inflated): ${over} of ${rows.filter((r) => r.median != null).length} cells. Per-repetition loads are in results.json (\`load\`).`,
    "",
  ];
}

function appTable(rows, app, variants, cpus) {
  const header = `| Metric | ${variants.join(" | ")} |`;
  const errors = variants
    .map((v) => [v, findRow(rows, app, v, METRICS[0].name)?.error])
    .filter(([, e]) => e)
    .map(([v, e]) => `- **${v} failed**: ${e.split("\n")[0]}`);
  return [
    `## ${app}`,
    "",
    header,
    `|---|${variants.map(() => "---:").join("|")}|`,
    ...METRICS.map(({ name, label, unit }) => {
      const pyship = findRow(rows, app, "pyship", name);
      const cells = variants.map((v) => {
        const row = findRow(rows, app, v, name);
        return `${cell(row, pyship, v)}${busy(row, cpus) ? " ⚠" : ""}`;
      });
      return `| ${label}${unit === "uid" ? "" : ` (${unit})`} | ${cells.join(" | ")} |`;
    }),
    "",
    ...(errors.length > 0 ? [...errors, ""] : []),
  ];
}

function cell(row, pyship, variant) {
  if (!row || row.median == null) return row?.error ? "failed" : "—";
  const value = formatValue(row.median, row.metric);
  if (row.metric === "uid") return row.min === row.max ? value : `${value} (varied)`;
  const range =
    row.min === row.max
      ? ""
      : ` (${formatValue(row.min, row.metric)}–${formatValue(row.max, row.metric)})`;
  const ratio =
    variant !== "pyship" && pyship?.median > 0 ? ` · ${ratioText(row.median / pyship.median)}` : "";
  return `${value}${range}${ratio}`;
}

function ratioText(ratio) {
  return `×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}`;
}

function cliTable(cliRows) {
  if (cliRows.length === 0) return [];
  return [
    "## pyship itself",
    "",
    "| Measurement | Median (s) | Min–max (s) | Runs |",
    "|---|---:|---:|---:|",
    ...cliRows.map((r) => {
      const what =
        r.metric === "version_s"
          ? "`pyship --version` (CLI start-up)"
          : `\`pyship plan --json\` on ${r.app.replace("generated-", "a generated project of ").replace("-files", " files")}`;
      if (r.median == null) return `| ${what} | failed: ${r.error ?? "?"} | | 0 |`;
      return `| ${what} | ${r.median.toFixed(3)} | ${r.min.toFixed(3)}–${r.max.toFixed(3)} | ${r.runs.length} |`;
    }),
    "",
  ];
}
