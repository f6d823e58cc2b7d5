// results.json rows: `{app, variant, metric, median, min, max, unit, runs, load}` — one per
// app × variant × metric, built from the raw values of every repetition (`load`: the
// 1-minute load average after each of them).
import { METRICS } from "./metrics.mjs";
import { round, summarize } from "./stats.mjs";

/** One row; median/min/max are null (and `error` says why) when nothing was measured. */
export function resultRow({ app, variant, metric, unit, values, loads = [], error = null }) {
  const s = summarize(values);
  return {
    app,
    variant,
    metric,
    median: s && round(s.median),
    min: s && round(s.min),
    max: s && round(s.max),
    unit,
    runs: values.map((v) => round(v)),
    ...(loads.length > 0 ? { load: loads.map((l) => round(l, 2)) } : {}),
    ...(error && !s ? { error } : {}),
  };
}

/**
 * @param {Map<string, { values: Record<string, number>, loads?: Record<string, number>,
 *   error: string | null }[]>} measured
 *   keyed by `${app}/${variant}`, one entry per repetition
 */
export function appRows(measured, apps, variants) {
  const rows = [];
  for (const app of apps) {
    for (const variant of variants) {
      const repetitions = measured.get(`${app}/${variant}`) ?? [];
      const error = repetitions.find((r) => r.error)?.error ?? null;
      for (const { name, unit } of METRICS) {
        const measuredIn = repetitions.filter((r) => r.values[name] !== undefined);
        const values = measuredIn.map((r) => r.values[name]);
        const loads = measuredIn.map((r) => r.loads?.[name]).filter((l) => l !== undefined);
        rows.push(resultRow({ app, variant, metric: name, unit, values, loads, error }));
      }
    }
  }
  return rows;
}

export function findRow(rows, app, variant, metric) {
  return rows.find((r) => r.app === app && r.variant === variant && r.metric === metric);
}
