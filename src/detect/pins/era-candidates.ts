/*
 * The minors the era may choose from: those pyship builds, no newer than what detection
 * chose (the era only ever goes back in time), and inside the project's declared range when
 * it has one — requires-python is the author's word, the era is pyship's inference.
 */
import { satisfies } from "@renovatebot/pep440";
import type { PythonFacts } from "../../core/pipeline.js";
import { SUPPORTED_PYTHON_MINORS } from "../../core/python-versions.js";
import { minorRank } from "./python-releases.js";

/** Oldest first. */
export function candidateMinors(python: PythonFacts): string[] {
  const ranges = python.ranges;
  const allowed = (minor: string) =>
    ranges === undefined ||
    ranges.some((range) => ["0", "99"].some((patch) => satisfies(`${minor}.${patch}`, range)));
  return SUPPORTED_PYTHON_MINORS.filter(
    (minor) => minorRank(minor) <= minorRank(python.version) && allowed(minor),
  );
}
