/*
 * The tags one release gets. The version's own tag and `sha-<short>` are immutable; the
 * floating tags move only when this version is the highest stable one among the registry's
 * tags — `1.2` within its own minor series, `1` and `latest` over every release — so a
 * backport (1.9.1 after 2.0.1) gets `1.9` only, and a pre-release never moves anything.
 * Pure: the registry's tags come in as data.
 */
import type { PlannedTag, ReleaseVersion, TagPlan } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import { compareStable, parseReleaseVersion } from "./release-version.js";

interface FloatingRule {
  /** The tag's name for this version, or null when the version has none (0.x has no `0`). */
  readonly name: (v: ReleaseVersion) => string | null;
  /** Whether another version belongs to the tag's series. */
  readonly series: (v: ReleaseVersion, other: ReleaseVersion) => boolean;
  /** The series in words, for the plan's "why": `1.9.x`, `release`. */
  readonly scope: (v: ReleaseVersion) => string;
}

// Narrowest first, as the table in README.md shows them; pushed in this order after the
// immutable tags, so `latest` moves last.
const FLOATING: readonly FloatingRule[] = [
  {
    name: (v) => `${v.major}.${v.minor}`,
    series: (v, o) => o.major === v.major && o.minor === v.minor,
    scope: (v) => `${v.major}.${v.minor}.x`,
  },
  // The major tag follows the newest release, as the release issue's backport example asks:
  // once 2.x exists, a 1.x release moves `1.9` but neither `1` nor `latest`.
  {
    name: (v) => (v.major === 0 ? null : `${v.major}`),
    series: () => true,
    scope: () => "release",
  },
  { name: () => "latest", series: () => true, scope: () => "release" },
];

export function planTags(
  version: ReleaseVersion | null,
  remoteTags: readonly string[],
  shortSha: string,
): TagPlan {
  const commit: PlannedTag = {
    tag: `sha-${shortSha}`,
    kind: "commit",
    immutable: true,
    ...because(msg("release.why.commit")),
  };
  if (!version) return { version, tags: [commit], held: [] };
  const own: PlannedTag = {
    tag: version.tag,
    kind: "version",
    immutable: true,
    ...because(msg("release.why.release")),
  };
  // A two-part version (`1.2`) is its own floating tag's name: the immutable one wins.
  const floating = floatingTags(version, remoteTags).filter((f) => f.tag.tag !== own.tag);
  const tagsOf = (moves: boolean) => floating.filter((f) => f.moves === moves).map((f) => f.tag);
  return { version, tags: [own, commit, ...tagsOf(true)], held: tagsOf(false) };
}

interface Floating {
  readonly tag: PlannedTag;
  readonly moves: boolean;
}

function floatingTags(version: ReleaseVersion, remoteTags: readonly string[]): Floating[] {
  const remote = remoteTags.flatMap((tag) => {
    const parsed = parseReleaseVersion(tag);
    return parsed?.stable ? [parsed] : [];
  });
  return FLOATING.flatMap((rule) => {
    const name = rule.name(version);
    if (name === null) return [];
    const higher = version.stable
      ? remote.filter((o) => rule.series(version, o) && compareStable(o, version) > 0)
      : [];
    const why = !version.stable
      ? msg("release.why.preRelease")
      : higher.length > 0
        ? msg("release.why.registryHas", { version: highest(higher).text })
        : msg(
            version.stable && rule.scope(version) === "release"
              ? "release.why.highest"
              : "release.why.highestIn",
            {
              series: rule.scope(version),
            },
          );
    const tag = { tag: name, kind: "floating" as const, immutable: false, ...because(why) };
    return [{ tag, moves: version.stable && higher.length === 0 }];
  });
}

function highest(versions: readonly ReleaseVersion[]): ReleaseVersion {
  return [...versions].sort(compareStable).at(-1) as ReleaseVersion;
}
