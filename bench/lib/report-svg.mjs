// results.svg: small multiples — one row per app, one panel per metric, one horizontal bar
// per variant (median, with a min–max whisker). Same order and colours everywhere, values
// printed on the bars, so a reader needs no axis to compare. Plain SVG text, no dependencies.
import { formatValue, METRICS } from "./metrics.mjs";
import { findRow } from "./results.mjs";

export const COLORS = {
  naive: "#c0392b",
  better: "#e67e22",
  production: "#2e86c1",
  "one-worker": "#7d3c98",
  pyship: "#1e8449",
};
const PANEL_W = 236;
const NAME_W = 70;
const BAR_MAX = 112;
const BAR_H = 16;
const BAR_GAP = 6;
const LEFT = 16;
const HEAD = 104;

/** @param {{ rows: object[], meta: object }} input */
export function renderSvg({ rows, meta }) {
  const metrics = METRICS.filter((m) => m.unit !== "uid");
  const panelH = 30 + meta.variants.length * (BAR_H + BAR_GAP) + 10;
  const rowH = 28 + panelH;
  const width = LEFT * 2 + metrics.length * PANEL_W;
  const height = HEAD + meta.apps.length * rowH + 24;
  const parts = [header(meta, width)];
  meta.apps.forEach((app, i) => {
    const y = HEAD + i * rowH;
    parts.push(text(LEFT, y + 18, app, { size: 16, weight: "bold" }));
    parts.push(
      text(LEFT + 130, y + 18, uidNote(rows, app, meta.variants), { size: 12, fill: "#555" }),
    );
    metrics.forEach((metric, j) => {
      parts.push(panel(rows, app, metric, meta.variants, LEFT + j * PANEL_W, y + 28, panelH));
    });
  });
  parts.push(
    text(
      LEFT,
      height - 8,
      "Lower is better, except in the req/s panels (↑). Bars: median; whiskers: min–max of the repetitions.",
      { size: 11, fill: "#555" },
    ),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

function header(meta, width) {
  const m = meta.machine;
  const sub = `${meta.date} · ${m.cpus} CPUs, ${m.memoryGb} GB, Linux ${m.kernel} · Docker ${m.engine}, ${m.builder} · ${meta.runs} repetition(s)`;
  const legend = meta.variants.map((v, i) => {
    const x = LEFT + i * 130;
    return `<rect x="${x}" y="78" width="14" height="14" fill="${COLORS[v]}"/>${text(x + 20, 90, v, { size: 13 })}`;
  });
  return [
    text(LEFT, 30, `pyship vs hand-written Dockerfiles${meta.label ? ` — ${meta.label}` : ""}`, {
      size: 20,
      weight: "bold",
    }),
    text(LEFT, 52, sub, { size: 12, fill: "#555" }),
    `<line x1="${LEFT}" y1="64" x2="${width - LEFT}" y2="64" stroke="#ddd"/>`,
    ...legend,
  ].join("\n");
}

function panel(rows, app, metric, variants, x, y, h) {
  const found = variants.map((v) => findRow(rows, app, v, metric.name));
  const top = Math.max(...found.map((r) => r?.max ?? 0), 1e-9);
  const out = [
    `<rect x="${x + 4}" y="${y}" width="${PANEL_W - 8}" height="${h}" fill="#f7f7f7" rx="4"/>`,
    text(
      x + 12,
      y + 18,
      `${metric.short} (${metric.unit})${metric.better === "higher" ? " ↑" : ""}`,
      {
        size: 12,
        weight: "bold",
      },
    ),
  ];
  found.forEach((row, i) => {
    const by = y + 30 + i * (BAR_H + BAR_GAP);
    out.push(text(x + 12, by + 12, variants[i], { size: 11, fill: "#333" }));
    out.push(bar(row, variants[i], metric.name, x + 12 + NAME_W, by, top));
  });
  return out.join("\n");
}

function bar(row, variant, metric, x, y, top) {
  if (!row || row.median == null) return text(x, y + 12, "failed", { size: 11, fill: "#c0392b" });
  const scale = (v) => Math.max(1, (v / top) * BAR_MAX);
  const w = scale(row.median);
  const mid = y + BAR_H / 2;
  return [
    `<rect x="${x}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${COLORS[variant]}"/>`,
    row.min === row.max
      ? ""
      : `<line x1="${(x + scale(row.min)).toFixed(1)}" y1="${mid}" x2="${(x + scale(row.max)).toFixed(1)}" y2="${mid}" stroke="#222" stroke-width="1.5"/>`,
    text(x + Math.max(w, scale(row.max)) + 4, y + 12, formatValue(row.median, metric), {
      size: 11,
    }),
  ].join("");
}

function uidNote(rows, app, variants) {
  const uids = variants.map(
    (v) => `${v} ${formatValue(findRow(rows, app, v, "uid")?.median, "uid")}`,
  );
  return `runs as uid: ${uids.join(" · ")}`;
}

function text(x, y, content, { size = 12, weight = "normal", fill = "#111" } = {}) {
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(content)}</text>`;
}

export function escapeXml(s) {
  return String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
