// results.json rows: `{app, variant, metric, median, min, max, unit, runs}` — one per
// app × variant × metric, built from the raw values of every repetition.
import { METRICS } from "./metrics.mjs";
import { round, summarize } from "./stats.mjs";

/** One row; median/min/max are null (and `error` says why) when nothing was measured. */
export function resultRow({ app, variant, metric, unit, values, error = null }) {
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
    ...(error && !s ? { error } : {}),
  };
}

/**
 * @param {Map<string, { values: Record<string, number>, error: string | null }[]>} measured
 *   keyed by `${app}/${variant}`, one entry per repetition
 */
export function appRows(measured, apps, variants) {
  const rows = [];
  for (const app of apps) {
    for (const variant of variants) {
      const repetitions = measured.get(`${app}/${variant}`) ?? [];
      const error = repetitions.find((r) => r.error)?.error ?? null;
      for (const { name, unit } of METRICS) {
        const values = repetitions.map((r) => r.values[name]).filter((v) => v !== undefined);
        rows.push(resultRow({ app, variant, metric: name, unit, values, error }));
      }
    }
  }
  return rows;
}

export function findRow(rows, app, variant, metric) {
  return rows.find((r) => r.app === app && r.variant === variant && r.metric === metric);
}
