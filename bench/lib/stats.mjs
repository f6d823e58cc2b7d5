// Summary statistics for repeated measurements: the median and the min–max range that
// results.json stores for every metric.

/**
 * @param {readonly number[]} values
 * @returns {{ median: number, min: number, max: number } | null} null when nothing was measured
 */
export function summarize(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Rounds for storage: three decimals is finer than any engine timing is repeatable. */
export function round(value, digits = 3) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Seconds elapsed since a `performance.now()` reading. */
export function secondsSince(start) {
  return (performance.now() - start) / 1000;
}
