/*
 * The evidence and warnings a plan collects while it decides. Every decision appends why it
 * was made, so `pyship plan` can show "file:line — why" for each one.
 */
import type { Evidence, Warning } from "../core/pipeline.js";

export interface Notes {
  readonly evidence: Evidence[];
  readonly warnings: Warning[];
}

/** Evidence for a choice made on the command line (no file to point at). */
export function fromFlag(flag: string, why: string): Evidence {
  return { file: flag, line: null, why };
}

/** Evidence for a pyship convention (nothing in the project decided it). */
export function byDefault(why: string): Evidence {
  return { file: "(default)", line: null, why };
}
