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
import { because, type Message, msg } from "../i18n/message.js";

export interface Reproducibility {
  readonly supported: boolean;
  readonly why: string;
  /** `why` as a catalog message, for doctor's output. */
  readonly text?: Message;
}

// Per engine, by version where it matters. Docker's daemon version decides its built-in
// BuildKit: 20.10 → 0.8, 23 → 0.11 (SOURCE_DATE_EPOCH), 26 → 0.13.
const RULES: Readonly<Record<EngineName, (version: number | null) => Reproducibility>> = {
  podman: (v) =>
    v === null || v >= 3
      ? { supported: true, ...because(msg("repro.podman")) }
      : { supported: false, ...because(msg("repro.oldPodman")) },
  "docker-buildkit": (v) => dockerRule(v),
  buildx: (v) => dockerRule(v),
  "docker-legacy": () => ({ supported: false, ...because(msg("repro.legacy")) }),
};

function dockerRule(daemonMajor: number | null): Reproducibility {
  if (daemonMajor !== null && daemonMajor < 23)
    return { supported: false, ...because(msg("repro.oldDocker", { major: daemonMajor })) };
  return { supported: false, ...because(msg("repro.buildkit")) };
}

/** `20.10.24+dfsg1` → 20. */
export function reproducibility(engine: EngineName, version: string | null): Reproducibility {
  const major = version ? Number.parseInt(version, 10) : Number.NaN;
  return RULES[engine](Number.isNaN(major) ? null : major);
}
