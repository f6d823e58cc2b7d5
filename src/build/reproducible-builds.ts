/*
 * Whether an engine can build the same image twice from one commit (one digest), for
 * `pyship doctor` and the README. pyship passes the commit time to every engine
 * (build-command.ts); what each does with it: podman `--timestamp` in the OCI format stamps
 * the config and every file in the layers with it (measured: podman 4.3, two --no-cache
 * builds, one image id);
 * BuildKit ≥ 0.11 reads SOURCE_DATE_EPOCH for the config and history, but rewrites file times
 * in the layers only from 0.13 with `rewrite-timestamp`, which `docker build` does not set;
 * Docker 20.10's BuildKit (0.8) and the legacy builder ignore it.
 */
import type { EngineName } from "../core/pipeline.js";

export interface Reproducibility {
  readonly supported: boolean;
  readonly why: string;
}

// Per engine, by version where it matters. Docker's daemon version decides its built-in
// BuildKit: 20.10 → 0.8, 23 → 0.11 (SOURCE_DATE_EPOCH), 26 → 0.13.
const RULES: Readonly<Record<EngineName, (version: number | null) => Reproducibility>> = {
  podman: (v) =>
    v === null || v >= 3
      ? {
          supported: true,
          why: "podman build --timestamp (OCI format) sets every timestamp to the commit time",
        }
      : { supported: false, why: "podman before 3.0 has no --timestamp" },
  "docker-buildkit": (v) => dockerRule(v),
  buildx: (v) => dockerRule(v),
  "docker-legacy": () => ({
    supported: false,
    why: "the legacy builder stamps every layer with the build time (no SOURCE_DATE_EPOCH)",
  }),
};

function dockerRule(daemonMajor: number | null): Reproducibility {
  if (daemonMajor !== null && daemonMajor < 23)
    return {
      supported: false,
      why: `Docker ${daemonMajor}.x's built-in BuildKit predates SOURCE_DATE_EPOCH (BuildKit ≥ 0.11): created times are the build's`,
    };
  return {
    supported: false,
    why: "BuildKit stamps the config with SOURCE_DATE_EPOCH, but files written by RUN keep the build's time (rewrite-timestamp is not set by docker build)",
  };
}

/** `20.10.24+dfsg1` → 20. */
export function reproducibility(engine: EngineName, version: string | null): Reproducibility {
  const major = version ? Number.parseInt(version, 10) : Number.NaN;
  return RULES[engine](Number.isNaN(major) ? null : major);
}
