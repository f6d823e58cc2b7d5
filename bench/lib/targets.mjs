// The targets of issues #5 and #9, checked per app against the measured medians. Reported in
// results.md, never asserted: a miss is stated with the numbers and the likely reason.
import { formatValue } from "./metrics.mjs";
import { findRow } from "./results.mjs";

const BASELINES = ["naive", "better", "production"];

/**
 * Issue 9's bound on a dependency-change rebuild, × better's: data-api's numpy and pandas
 * are where re-installing everything hurt most, so its bound is the tightest.
 */
const DEP_FACTOR = { "data-api": 0.15, "flask-min": 0.5, "pg-app": 0.5 };

/** Ordered as the issue lists them. `limit` returns the bound and what it was derived from. */
export const TARGETS = [
  {
    metric: "cold_build_s",
    text: "cold build at most 0.7 × better's",
    limit: (ref) => scaled(ref("better"), 0.7, "0.7 × better"),
  },
  {
    metric: "code_rebuild_s",
    text: "code-change rebuild at most the best baseline's + 30 ms",
    // Issue 9: + 30 ms, what one more small COPY or RUN costs an engine.
    limit: (ref) => plus(best(ref, BASELINES), 0.03, "+ 30 ms"),
  },
  {
    metric: "dep_rebuild_s",
    text: "dependency-change rebuild at most the issue's share of better's",
    limit: (ref, app) => {
      const factor = DEP_FACTOR[app] ?? 0.5;
      return scaled(ref("better"), factor, `${factor} × better`);
    },
  },
  {
    metric: "size_mb",
    text: "image no larger than production's",
    limit: (ref) => scaled(ref("production"), 1, "production"),
  },
  {
    metric: "ready_s",
    text: "ready no slower than production",
    limit: (ref) => scaled(ref("production"), 1, "production"),
  },
  {
    metric: "stop_s",
    text: "docker stop under 0.5 s",
    limit: () => ({ value: 0.5, from: "0.5 s" }),
  },
];

function best(ref, variants) {
  const rows = variants.map(ref).filter((r) => r?.median != null);
  if (rows.length === 0) return null;
  const top = rows.reduce((a, b) => (b.median < a.median ? b : a));
  return { value: top.median, from: `best baseline (${top.variant})` };
}

function plus(limit, seconds, what) {
  return limit === null ? null : { value: limit.value + seconds, from: `${limit.from} ${what}` };
}

function scaled(row, factor, from) {
  return row?.median == null ? null : { value: row.median * factor, from };
}

/**
 * @param {{ buildkit: boolean, pypi: string, pyshipCacheMounts?: boolean }} engine what
 *   explains some misses
 * @returns {{ app: string, text: string, status: "met"|"missed"|"n/a", pyship: string, limit: string, reason: string }[]}
 */
export function checkTargets(rows, apps, engine) {
  return apps.flatMap((app) =>
    TARGETS.map((target) => {
      const ref = (variant) => findRow(rows, app, variant, target.metric);
      const own = ref("pyship");
      const limit = target.limit(ref, app);
      const base = { app, text: target.text, pyship: show(own?.median, target.metric) };
      if (own?.median == null || limit === null) {
        return { ...base, status: "n/a", limit: "—", reason: own?.error ?? "not measured" };
      }
      const shown = `${formatValue(limit.value, target.metric)} (${limit.from})`;
      const met = target.metric === "stop_s" ? own.median < limit.value : own.median <= limit.value;
      const reason = met ? "" : missReason(target.metric, own, limit.value, engine, app);
      return { ...base, status: met ? "met" : "missed", limit: shown, reason };
    }),
  );
}

function show(value, metric) {
  return value == null ? "—" : formatValue(value, metric);
}

/** The explanation the data itself supports; anything else is for the closing note. */
function missReason(metric, own, limit, engine, app) {
  const reasons = [];
  if (own.min !== null && own.min <= limit) {
    reasons.push("within run-to-run noise: pyship's best repetition met it");
  }
  if (metric === "dep_rebuild_s" && !engine.buildkit) {
    reasons.push("the engine has no BuildKit, so pyship renders without pip cache mounts");
  }
  if (metric === "dep_rebuild_s" && engine.buildkit && engine.pyshipCacheMounts === false) {
    reasons.push(
      "pyship's Dockerfile has no pip cache mount, so every dependency is installed again",
    );
  }
  if (metric === "dep_rebuild_s" && engine.pypi === "local") {
    reasons.push(
      "packages come from a wheel index on loopback, so re-downloading costs the baselines almost nothing; a cache mount saves download time, not install time",
    );
  }
  reasons.push(...measuredCause(metric, own.median - limit, engine, limit, app));
  return reasons.join("; ") || "see the closing note";
}

/**
 * Where pyship's time goes when its cache mounts are in use, per app (build logs with a
 * timestamp between the commands, 2026-12-03, after the stage layout of issue 9 part 3).
 */
const BUILD_CAUSES = {
  dep_rebuild_s:
    "uv installs only the new package and compiles only its files, but the whole venv is copied out of the cache mount into the layer and exported as one layer, both in proportion to the venv (141 MB with numpy and pandas), not to the change: measured on data-api (build log, load about 2), resolve + sync 0.4–0.7 s, bytecode 0.1 s, `cp -a` 0.6–1.3 s, layer export 0.8–1.1 s (better pays the export too), build start and the RUN's container about 0.5 s",
  ready_s: {
    "data-api":
      "two uvicorn workers (one per CPU) import numpy and pandas at once where production starts one: the same image measured after the run (load below 1, three starts each) was ready in 2.13–2.31 s by default and 1.44–1.63 s with WEB_CONCURRENCY=1",
  },
  cold_build_s: {
    "flask-min":
      "two RUNs one after the other where better runs one `pip install`: fetching uv (`pip install uv`, a 17.6 MB wheel, 1.1 s with an idle machine) before uv can resolve, then resolve + install + bytecode (1.3 s); on an app this small these fixed costs are more than uv saves",
    "pg-app":
      "both builds are the same two serial steps: apt-get of a compiler and the headers (7.5–9.1 s) and compiling psycopg2 from source (9.2 s in uv, as in pip); uv and the user setup run beside apt now, but the compile cannot start before the headers are there",
    "data-api":
      "resolve + download + install (6.7 s measured) and bytecode for every file the app can import; better's pip does the same work in one process",
  },
};

function buildCause(metric, app) {
  const cause = BUILD_CAUSES[metric];
  return typeof cause === "string" ? cause : cause?.[app];
}

/** Causes the numbers themselves show, stated with the size of the gap. */
function measuredCause(metric, gap, engine, limit, app) {
  const ms = Math.round(gap * 1000);
  if (metric === "size_mb" && gap < 0.1) {
    return [`a tie: ${Math.round(gap * 1000)} kB more (the app user's home directory, labels)`];
  }
  if ((metric === "code_rebuild_s" || metric === "ready_s") && gap < 0.15) {
    return [`${ms} ms slower (${Math.round((gap / limit) * 100)} %): a difference of milliseconds`];
  }
  const cause = engine.pyshipCacheMounts && engine.pypi !== "local" && buildCause(metric, app);
  if (cause) return [cause];
  if (metric === "stop_s" && gap < 1.5) {
    const floor = engine.stopFloor?.median;
    const share =
      floor == null
        ? ""
        : `; the engine alone takes ${floor.toFixed(2)} s to stop a container whose PID 1 exits at once, leaving ${(limit + gap - floor).toFixed(2)} s for the server's own shutdown`;
    return [
      `SIGTERM is handled (an ignored one costs 10 s); the ${ms} ms over are the server's own graceful shutdown${share}`,
    ];
  }
  return [];
}
