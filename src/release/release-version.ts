/*
 * A release version read from a git tag or a registry tag: `v1.2.3`, `1.2.3`, PEP 440
 * (`1.3.0rc1`, `2.0.post1`) or SemVer (`1.3.0-rc.1`, `1.0.0-x.7.z.92`). PEP 440 is tried
 * first because a Python project's versions are PEP 440 and it also reads the common SemVer
 * spellings; SemVer catches the pre-release forms PEP 440 has no word for.
 */
import { explain, compare as pep440Compare, eq as pep440Eq } from "@renovatebot/pep440";
import semver from "semver";
import type { ReleaseVersion } from "../core/pipeline.js";

/** `v1.2.3` → the version; null when the text is no version in either scheme. */
export function parseReleaseVersion(text: string): ReleaseVersion | null {
  const bare = text.trim().replace(/^v(?=\d)/i, "");
  if (!/^\d/.test(bare)) return null;
  return fromPep440(bare) ?? fromSemver(bare);
}

function fromPep440(bare: string): ReleaseVersion | null {
  const parsed = explain(bare);
  if (!parsed) return null;
  const [major = 0, minor = 0, patch = 0] = parsed.release;
  const stable = !parsed.is_prerelease && !parsed.is_devrelease && parsed.local === null;
  return { text: bare, tag: dockerTag(bare), major, minor, patch, stable, scheme: "pep440" };
}

function fromSemver(bare: string): ReleaseVersion | null {
  const parsed = semver.parse(bare);
  if (!parsed) return null;
  const { major, minor, patch } = parsed;
  const stable = parsed.prerelease.length === 0 && parsed.build.length === 0;
  return { text: bare, tag: dockerTag(bare), major, minor, patch, stable, scheme: "semver" };
}

/** A Docker tag allows [A-Za-z0-9_.-] (SemVer's `+build` becomes `_build`), 128 at most. */
function dockerTag(bare: string): string {
  return bare.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 128);
}

/** Two spellings of one version (`1.3.0-rc.1` and `1.3.0rc1`, `v1.2.3` and `1.2.3`). */
export function sameVersion(a: string, b: string): boolean {
  const left = parseReleaseVersion(a);
  const right = parseReleaseVersion(b);
  if (!left || !right) return false;
  if (left.scheme === "pep440" && right.scheme === "pep440") return pep440Eq(left.text, right.text);
  return semver.valid(left.text) !== null && semver.eq(left.text, right.text);
}

/** Order of two stable versions (stable ones are plain PEP 440 releases in both schemes). */
export function compareStable(a: ReleaseVersion, b: ReleaseVersion): number {
  return pep440Compare(a.text, b.text);
}
