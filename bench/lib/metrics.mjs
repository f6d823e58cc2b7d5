// The metrics results.json holds for every app × variant, in the order tables show them.
// `better: "lower"` drives the ratio column and the chart's "lower is better" note.

export const METRICS = [
  { name: "cold_build_s", unit: "s", label: "Cold build", short: "Cold build", digits: 1 },
  {
    name: "code_rebuild_s",
    unit: "s",
    label: "Rebuild after code change",
    short: "Code-change rebuild",
    digits: 2,
  },
  {
    name: "dep_rebuild_s",
    unit: "s",
    label: "Rebuild after dependency change",
    short: "Dependency rebuild",
    digits: 1,
  },
  { name: "size_mb", unit: "MB", label: "Image size", short: "Image size", digits: 0 },
  { name: "ready_s", unit: "s", label: "Ready (start → first 2xx)", short: "Ready", digits: 2 },
  { name: "stop_s", unit: "s", label: "docker stop", short: "docker stop", digits: 2 },
  { name: "uid", unit: "uid", label: "User id of PID 1", short: "uid", digits: 0 },
  // Under load (bench/lib/load-test.mjs): 32 connections to /io (waits 50 ms) and /cpu (10 ms).
  ...["io", "cpu"].flatMap((endpoint) => [
    {
      name: `${endpoint}_rps`,
      unit: "req/s",
      label: `Throughput, /${endpoint}`,
      short: `/${endpoint} req/s`,
      digits: 0,
      better: "higher",
    },
    {
      name: `${endpoint}_p99_ms`,
      unit: "ms",
      label: `p99 latency, /${endpoint}`,
      short: `/${endpoint} p99`,
      digits: 0,
    },
  ]),
];

export function metricInfo(name) {
  return METRICS.find((m) => m.name === name) ?? { name, unit: "s", label: name, digits: 2 };
}

/** "1.23" with the metric's precision; "—" for a missing value. */
export function formatValue(value, metric) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toFixed(metricInfo(metric).digits);
}
