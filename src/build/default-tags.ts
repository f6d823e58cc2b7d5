/*
 * The tags an image gets when the user names none: `<project>:<version>` (when the project
 * declares a version) plus `<project>:latest`, so `docker run <project>` just works.
 */

const TAG_UNSAFE = /[^a-z0-9._-]+/g;

export function defaultTags(name: string, version: string | null): string[] {
  const repository =
    name
      .toLowerCase()
      .replace(TAG_UNSAFE, "-")
      .replace(/^[._-]+/, "") || "app";
  // A tag allows [A-Za-z0-9_.-], at most 128 characters, not starting with . or -.
  const tag = version
    ?.replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, 128);
  const tags = tag ? [`${repository}:${tag}`] : [];
  if (tag !== "latest") tags.push(`${repository}:latest`);
  return tags;
}
