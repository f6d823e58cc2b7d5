/*
 * The OCI annotation labels a release image carries (image-spec annotations.md). `created` is
 * the commit's time, not the build's, so two builds of one commit label alike; `source` is
 * the remote without credentials (git-facts.ts). Absent facts are left out, never guessed.
 */
import type { GitFacts, ReleaseVersion } from "../core/pipeline.js";
import type { ProjectReleaseMeta } from "./project-release-meta.js";

const PREFIX = "org.opencontainers.image";

export function ociLabels(
  project: ProjectReleaseMeta,
  version: ReleaseVersion | null,
  git: GitFacts,
): Record<string, string> {
  const labels: Record<string, string | null> = {
    version: version?.text ?? `sha-${git.shortSha}`,
    revision: git.sha,
    source: git.source,
    created: rfc3339(git.commitTime),
    licenses: project.license,
    title: project.name,
    description: project.description?.trim() || null,
  };
  return Object.fromEntries(
    Object.entries(labels).flatMap(([key, value]) => (value ? [[`${PREFIX}.${key}`, value]] : [])),
  );
}

/** Unix seconds → `2026-12-03T07:25:34Z`. */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
