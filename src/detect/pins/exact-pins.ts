/*
 * The requirements pinned to one release (`name==1.2.3`): only those say which era a project
 * was written in. Ranges, wildcards (==2.*) and URLs say nothing exact and are skipped.
 */
import type { Evidence, Requirement } from "../../core/pipeline.js";

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
