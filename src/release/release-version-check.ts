/*
 * The version a release publishes: the git tag on HEAD, checked against what the project
 * declares. No version tag on HEAD is not an error (the image gets `sha-<short>` only); a tag
 * that is no version, or one that disagrees with pyproject.toml, is.
 */
import { PyshipError } from "../core/errors.js";
import type { GitFacts, ReleaseVersion } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { ProjectReleaseMeta } from "./project-release-meta.js";
import { compareStable, parseReleaseVersion, sameVersion } from "./release-version.js";

// Tags that look like a version attempt (`v1.2`, `1.x`, `v1.2.3-`), as opposed to `deploy`.
const VERSION_LIKE = /^v?\d/i;

export function releaseVersion(git: GitFacts, project: ProjectReleaseMeta): ReleaseVersion | null {
  const candidates = git.tags.filter((tag) => VERSION_LIKE.test(tag));
  const parsed = candidates.map((tag) => ({ tag, version: parseReleaseVersion(tag) }));
  const malformed = parsed.find((p) => p.version === null);
  if (malformed && parsed.every((p) => p.version === null)) throw malformedTag(malformed.tag);
  const versions = parsed.flatMap((p) => (p.version ? [p.version] : []));
  const version = newest(versions);
  if (version) checkAgainstProject(version, project);
  return version;
}

function newest(versions: readonly ReleaseVersion[]): ReleaseVersion | null {
  if (versions.length <= 1) return versions[0] ?? null;
  // Two version tags on one commit (v1.2.3 and v1.2.3rc2): the highest stable one wins.
  const stable = versions.filter((v) => v.stable);
  return [...stable].sort(compareStable).at(-1) ?? versions[0] ?? null;
}

function checkAgainstProject(version: ReleaseVersion, project: ProjectReleaseMeta): void {
  if (project.versionSource !== "literal" || project.version === null) return;
  if (sameVersion(version.text, project.version)) return;
  const at = project.evidence;
  throw new PyshipError(
    "E_VERSION_MISMATCH",
    msg("release.versionMismatch", {
      tag: version.text,
      file: at?.file ?? msg("release.theProject"),
      version: project.version,
    }),
    {
      file: at?.file,
      line: at?.line ?? undefined,
      hint: msg("release.versionMismatch.hint", { tag: version.text, version: project.version }),
    },
  );
}

function malformedTag(tag: string): PyshipError {
  return new PyshipError("E_VERSION_MALFORMED", msg("release.badTag", { tag }), {
    hint: msg("release.badTag.hint"),
  });
}
