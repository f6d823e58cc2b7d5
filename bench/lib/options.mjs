// Command-line options of `npm run bench` (bench/run.mjs), with their defaults.
import { parseArgs } from "node:util";

export const ALL_APPS = ["flask-min", "data-api", "pg-app"];
export const ALL_VARIANTS = ["naive", "better", "production", "one-worker", "pyship"];

export const USAGE = `Usage: npm run bench -- [options]

  --runs N              repetitions per app and variant (default 3)
  --apps a,b            apps from bench/apps (default: ${ALL_APPS.join(",")})
  --variants a,b        variants (default: ${ALL_VARIANTS.join(",")})
  --out DIR             where results.{json,md,svg} go (default: bench/; with --quick:
                        .tmp/bench-quick/, so a smoke test never overwrites the real results)
  --self-runs N         repetitions of the pyship CLI timings (default 10)
  --self-files N        files in the generated project for \`pyship plan\` (default 5000)
  --no-self             skip the pyship CLI timings
  --quick               smoke test: --runs 1 --apps flask-min --self-runs 3 --self-files 500
  --load-seconds N      seconds of load per endpoint (/io, /cpu; default 5)
  --no-load             skip the load test
  --load-only           build (with cache, untimed), then measure size, ready, stop and load only
  --label TEXT          note shown at the top of results.md (e.g. "smoke run")
  --warm-cache-mounts   keep BuildKit cache mounts before cold builds (default: prune them)
  --no-setup            do not run scripts/setup-engine.sh first
  --keep-work           keep the work copies in bench/.work
  -h, --help            this text`;

/** Parses argv into the runner's settings; throws an Error with a readable message. */
export function parseOptions(argv) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: "string" },
      apps: { type: "string" },
      variants: { type: "string" },
      out: { type: "string" },
      "self-runs": { type: "string" },
      "self-files": { type: "string" },
      "no-self": { type: "boolean", default: false },
      quick: { type: "boolean", default: false },
      label: { type: "string" },
      "load-seconds": { type: "string" },
      "no-load": { type: "boolean", default: false },
      "load-only": { type: "boolean", default: false },
      "warm-cache-mounts": { type: "boolean", default: false },
      "no-setup": { type: "boolean", default: false },
      "keep-work": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  const quick = values.quick;
  return {
    help: values.help,
    runs: count(values.runs, quick ? 1 : 3, "--runs"),
    apps: list(values.apps ?? (quick ? "flask-min" : undefined), ALL_APPS, "--apps"),
    variants: list(values.variants, ALL_VARIANTS, "--variants"),
    out: values.out ?? (quick ? ".tmp/bench-quick" : "bench"),
    selfRuns: values["no-self"] ? 0 : count(values["self-runs"], quick ? 3 : 10, "--self-runs"),
    selfFiles: count(values["self-files"], quick ? 500 : 5000, "--self-files"),
    label: values.label ?? (quick ? "smoke run (--quick)" : null),
    loadOnly: values["load-only"],
    loadSeconds: values["no-load"]
      ? 0
      : count(values["load-seconds"], quick ? 2 : 5, "--load-seconds"),
    quick,
    pruneCacheMounts: !values["warm-cache-mounts"],
    setup: !values["no-setup"],
    keepWork: values["keep-work"],
  };
}

function count(raw, fallback, flag) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a whole number ≥ 1, got "${raw}"`);
  return n;
}

function list(raw, known, flag) {
  if (raw === undefined) return [...known];
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((item) => !known.includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new Error(
      `${flag}: unknown "${unknown.join(",") || raw}" (choose from ${known.join(",")})`,
    );
  }
  // Keep the canonical order so tables and charts always read naive → pyship.
  return known.filter((item) => items.includes(item));
}
