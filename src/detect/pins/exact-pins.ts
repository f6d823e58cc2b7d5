/*
 * The requirements pinned to one release (`name==1.2.3`): only those say which era a project
 * was written in. Ranges, wildcards (==2.*) and URLs say nothing exact and are skipped.
 */
import type { Evidence, Requirement, ResolvedRequirements } from "../../core/pipeline.js";

export interface ExactPin {
  readonly name: string;
  readonly version: string;
  /** As written, e.g. `gunicorn==20.1.0`. */
  readonly text: string;
  readonly evidence: Evidence;
}

const EXACT = /^\s*[A-Za-z0-9][\w.-]*\s*(?:\[[^\]]*\])?\s*===?\s*([0-9][\w.+!-]*)\s*(?:;.*)?$/;

export function exactPins(requirements: readonly Requirement[]): ExactPin[] {
  return requirements.flatMap((requirement) => {
    const version = EXACT.exec(requirement.spec)?.[1];
    if (version === undefined) return [];
    const text = `${requirement.spec.split(/[=;\s[]/)[0]}==${version}`;
    return [{ name: requirement.name, version, text, evidence: requirement.evidence }];
  });
}

const LOCKED = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*==\s*([0-9][\w.+!-]*)/;

/**
 * The releases a lock file pins (its resolved lines, `name==version ; markers --hash=…`): a
 * lock says its era as exactly as pinned requirements do, compiled dependencies included.
 */
export function lockedPins(resolved: ResolvedRequirements | undefined): ExactPin[] {
  if (!resolved?.source) return [];
  const file = resolved.source.file;
  return resolved.lines.flatMap((line) => {
    const match = LOCKED.exec(line);
    if (!match) return [];
    const [, name = "", version = ""] = match;
    const evidence = { file, line: null, why: `${name}==${version} locked` };
    return [{ name: name.toLowerCase(), version, text: `${name}==${version}`, evidence }];
  });
}
