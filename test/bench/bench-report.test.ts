// results.json rows, the targets verdict, results.md and results.svg from known numbers.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- bench/ is plain JavaScript run by node without a build step
import { renderMarkdown } from "../../bench/lib/report-md.mjs";
// @ts-expect-error -- plain JavaScript
import { renderSvg } from "../../bench/lib/report-svg.mjs";
// @ts-expect-error -- plain JavaScript
import { appRows, findRow } from "../../bench/lib/results.mjs";
// @ts-expect-error -- plain JavaScript
import { checkTargets } from "../../bench/lib/targets.mjs";

const VARIANTS = ["naive", "better", "production", "pyship"];

/** Three repetitions per variant; pyship's numbers chosen to meet some targets, miss others. */
function measured(pyshipDep: number[], error: string | null = null) {
  const rep = (v: Record<string, number>, i: number) => ({
    values: Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k.endsWith("_s") ? x + i * 0.1 : x]),
    ),
    error: null,
  });
  const base = {
    naive: {
      cold_build_s: 60,
      code_rebuild_s: 40,
      dep_rebuild_s: 45,
      size_mb: 800,
      ready_s: 2,
      stop_s: 10.2,
      uid: 0,
    },
    better: {
      cold_build_s: 40,
      code_rebuild_s: 1,
      dep_rebuild_s: 30,
      size_mb: 300,
      ready_s: 1.5,
      stop_s: 10.1,
      uid: 0,
    },
    production: {
      cold_build_s: 41,
      code_rebuild_s: 1.2,
      dep_rebuild_s: 31,
      size_mb: 310,
      ready_s: 1.2,
      stop_s: 0.4,
      uid: 1000,
    },
  };
  const map = new Map();
  for (const [variant, v] of Object.entries(base))
    map.set(
      `app/${variant}`,
      [0, 1, 2].map((i) => rep(v, i)),
    );
  map.set(
    "app/pyship",
    pyshipDep.map((dep) => ({
      values: error
        ? {}
        : {
            cold_build_s: 35,
            code_rebuild_s: 0.9,
            dep_rebuild_s: dep,
            size_mb: 250,
            ready_s: 1.4,
            stop_s: 0.3,
            uid: 10001,
          },
      error,
    })),
  );
  return map;
}

const engine = { buildkit: true, pypi: "direct" };

describe("appRows", () => {
  it("summarizes every metric of every variant from the repetitions", () => {
    const rows = appRows(measured([10, 12, 11]), ["app"], VARIANTS);
    // 7 metrics per run, 4 under load (requests/s and p99 of /io and /cpu).
    expect(rows).toHaveLength(4 * 11);
    expect(findRow(rows, "app", "better", "dep_rebuild_s")).toStrictEqual({
      app: "app",
      variant: "better",
      metric: "dep_rebuild_s",
      median: 30.1,
      min: 30,
      max: 30.2,
      unit: "s",
      runs: [30, 30.1, 30.2],
    });
    expect(findRow(rows, "app", "pyship", "dep_rebuild_s")).toMatchObject({
      median: 11,
      min: 10,
      max: 12,
    });
  });

  it("keeps the error and null figures when a variant never got measured", () => {
    const rows = appRows(measured([1], "pyship init exited with 6"), ["app"], VARIANTS);
    expect(findRow(rows, "app", "pyship", "size_mb")).toMatchObject({
      median: null,
      runs: [],
      error: "pyship init exited with 6",
    });
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the bench's .mjs modules are untyped
const depTarget = (targets: any[]) =>
  targets.find((t: { text: string }) => t.text.startsWith("dependency-change"));

describe("checkTargets", () => {
  it("states met and missed per target, with the limit it was held to", () => {
    const rows = appRows(measured([16, 17, 18]), ["app"], VARIANTS);
    const verdict = Object.fromEntries(
      checkTargets(rows, ["app"], engine).map((t: { text: string }) => [t.text, t]),
    );
    expect(verdict["code-change rebuild at most the best baseline's + 30 ms"]).toMatchObject({
      status: "met",
      limit: "1.13 (best baseline (better) + 30 ms)",
    });
    expect(
      verdict["dependency-change rebuild at most the issue's share of better's"],
    ).toMatchObject({
      status: "missed",
      pyship: "17.0",
      limit: expect.stringContaining("(0.5 × better)"),
    });
    expect(verdict["image no larger than production's"].status).toBe("met");
    expect(verdict["ready no slower than production"]).toMatchObject({ status: "missed" });
    expect(verdict["docker stop under 0.5 s"].status).toBe("met");
  });

  it("explains a miss the data can explain: noise, no BuildKit, a loopback wheel index", () => {
    const rows = appRows(measured([14, 16, 17]), ["app"], VARIANTS);
    const dep = depTarget(checkTargets(rows, ["app"], { buildkit: false, pypi: "local" }));
    expect(dep.status).toBe("missed");
    expect(dep.reason).toMatch(/run-to-run noise/);
    expect(dep.reason).toMatch(/no BuildKit/);
    expect(dep.reason).toMatch(/wheel index on loopback/);
  });

  it("states the cause the numbers show when pyship's cache mounts can't win", () => {
    const rows = appRows(measured([16, 17, 18]), ["app"], VARIANTS);
    const context = { buildkit: true, pypi: "ca", pyshipCacheMounts: true };
    const dep = depTarget(checkTargets(rows, ["app"], context));
    expect(dep.status).toBe("missed");
    expect(dep.reason).toMatch(/copied out of the cache mount into the layer and exported/);
    expect(dep.reason).not.toMatch(/see the closing note/);
  });

  it("holds data-api's dependency rebuild to 0.15 × better's and every cold build to 0.7 ×", () => {
    const rows = appRows(measured([16, 17, 18]), ["app"], VARIANTS).map(
      (row: Record<string, unknown>) => ({
        ...row,
        app: "data-api",
      }),
    );
    const context = { buildkit: true, pypi: "ca", pyshipCacheMounts: true };
    const targets = checkTargets(rows, ["data-api"], context);
    expect(depTarget(targets).limit).toMatch(/\(0\.15 × better\)$/);
    const cold = targets.find((t: { text: string }) => t.text.startsWith("cold build"));
    expect(cold.limit).toMatch(/\(0\.7 × better\)$/);
  });

  it("is n/a, with the failure, when pyship was not measured", () => {
    const rows = appRows(measured([1], "build failed"), ["app"], VARIANTS);
    expect(checkTargets(rows, ["app"], engine)[0]).toMatchObject({
      status: "n/a",
      reason: "build failed",
    });
  });
});

const meta = {
  label: "smoke run",
  busy: false,
  date: "2026-11-22T00:00:00Z",
  durationMin: "3.0",
  runs: 3,
  apps: ["app"],
  variants: VARIANTS,
  pruneCacheMounts: true,
  loadAtEnd: 0.1,
  engine: { pypi: "local", buildkit: true },
  machine: {
    cpus: 2,
    cpuModel: "Test CPU",
    memoryGb: 24,
    os: "Debian 12",
    kernel: "6.1",
    engine: "20.10.24",
    client: "/usr/bin/docker 20.10.24",
    builder: "BuildKit",
    storage: "overlay2",
    node: "v20",
    pyshipCommit: "abc123",
    loadAtStart: 0.1,
  },
};

describe("renderMarkdown", () => {
  const rows = appRows(measured([10, 11, 12]), ["app"], VARIANTS);
  const cliRows = [
    {
      app: "pyship-cli",
      variant: "pyship",
      metric: "version_s",
      median: 0.12,
      min: 0.1,
      max: 0.2,
      unit: "s",
      runs: [0.1, 0.12, 0.2],
    },
  ];
  const md = renderMarkdown({ rows, cliRows, targets: checkTargets(rows, ["app"], engine), meta });

  it("labels a smoke run and names machine and engine", () => {
    expect(md).toContain("> **smoke run**");
    expect(md).toContain("| CPUs | 2 × Test CPU |");
    expect(md).toContain("| Engine | Docker 20.10.24 (overlay2) |");
  });

  it("shows median, range and the ratio to pyship in each cell", () => {
    expect(md).toContain("| Image size (MB) | 800 · ×3.2 | 300 · ×1.2 | 310 · ×1.2 | 250 |");
    expect(md).toContain("| docker stop (s) | 10.30 (10.20–10.40) · ×34 |");
    expect(md).toContain("| User id of PID 1 | 0 | 0 | 1000 | 10001 |");
  });

  it("has the targets table and pyship's own timings", () => {
    expect(md).toMatch(
      /\| app \| ready no slower than production \| ❌ missed \| 1\.40 \| 1\.30 \(production\) \|/,
    );
    expect(md).toContain("| `pyship --version` (CLI start-up) | 0.120 | 0.100–0.200 | 3 |");
  });
});

describe("load on the machine", () => {
  it("keeps each repetition's load and marks cells measured on a busy machine", () => {
    const map = new Map([
      [
        "app/pyship",
        [3, 1, 1.5].map((load, i) => ({
          values: { cold_build_s: 10 + i, size_mb: 250 },
          loads: { cold_build_s: load, size_mb: 0.5 },
          error: null,
        })),
      ],
    ]);
    const rows = appRows(map, ["app"], ["pyship"]);
    expect(findRow(rows, "app", "pyship", "cold_build_s").load).toStrictEqual([3, 1, 1.5]);
    const md: string = renderMarkdown({
      rows,
      cliRows: [],
      targets: [],
      meta: { ...meta, variants: ["pyship"] },
    });
    expect(md).toContain("| Cold build (s) | 11.0 (10.0–12.0) ⚠ |");
    expect(md).toContain("| Image size (MB) | 250 |");
    expect(md).toMatch(/median 1\.0, highest 3\.0 on 2 CPUs .* 1 of \d+ cells/);
  });
});

describe("renderSvg", () => {
  it("draws one bar per variant and metric, values printed, text escaped", () => {
    const rows = appRows(measured([10, 11, 12]), ["app"], VARIANTS);
    const svg: string = renderSvg({ rows, meta: { ...meta, label: "<smoke & run>" } });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<rect [^>]*height="16"/g)).toHaveLength(4 * 6);
    expect(svg).toContain("&lt;smoke &amp; run&gt;");
    expect(svg).toContain("runs as uid: naive 0 · better 0 · production 1000 · pyship 10001");
    expect(svg).toContain(">250</text>");
  });

  it("marks a failed variant instead of drawing a bar", () => {
    const rows = appRows(measured([1], "boom"), ["app"], VARIANTS);
    expect(renderSvg({ rows, meta })).toContain(">failed</text>");
  });
});
