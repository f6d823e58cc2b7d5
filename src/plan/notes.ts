/*
 * The evidence and warnings a plan collects while it decides. Every decision appends why it
 * was made, so `pyship plan` can show "file:line — why" for each one.
 */
import type { Evidence, Warning } from "../core/pipeline.js";
import { because, type Message } from "../i18n/message.js";

export interface Notes {
  readonly evidence: Evidence[];
  readonly warnings: Warning[];
}

/** Evidence for a choice made on the command line (no file to point at). */
export function fromFlag(flag: string, why: string | Message): Evidence {
  return { file: flag, line: null, ...reason(why) };
}

/** Evidence for a pyship convention (nothing in the project decided it). */
export function byDefault(why: string | Message): Evidence {
  return { file: "(default)", line: null, ...reason(why) };
}

function reason(why: string | Message): { why: string; text?: Message } {
  return typeof why === "string" ? { why } : because(why);
}
