import { describe, expect, it } from "vitest";
import { planTags } from "../../src/release/plan-tags.js";
import { parseReleaseVersion } from "../../src/release/release-version.js";

const plan = (version: string | null, remote: readonly string[]) => {
  const parsed = version === null ? null : parseReleaseVersion(version);
  if (version !== null && parsed === null) throw new Error(`not a version: ${version}`);
  const result = planTags(parsed, remote, "abc1234");
  return { pushed: result.tags.map((t) => t.tag), held: result.held.map((t) => t.tag) };
};

describe("planTags", () => {
  it.each([
    // [what, version, registry tags, tags pushed (in order), floating tags held]
    ["a first release", "1.2.3", [], ["1.2.3", "sha-abc1234", "1.2", "1", "latest"], []],
    ["v prefix is dropped", "v1.2.3", [], ["1.2.3", "sha-abc1234", "1.2", "1", "latest"], []],
    [
      "a newer patch",
      "1.2.4",
      ["1.2.3", "1.2", "1", "latest"],
      ["1.2.4", "sha-abc1234", "1.2", "1", "latest"],
      [],
    ],
    [
      "a backport after 2.0.1 moves only 1.9",
      "1.9.1",
      ["1.9.0", "2.0.0", "2.0.1", "latest"],
      ["1.9.1", "sha-abc1234", "1.9"],
      ["1", "latest"],
    ],
    [
      "a backport when 1.10 exists moves only 1.9",
      "1.9.1",
      ["1.9.0", "1.10.0", "2.0.1"],
      ["1.9.1", "sha-abc1234", "1.9"],
      ["1", "latest"],
    ],
    [
      "a fix of an old minor under a newer one",
      "1.2.5",
      ["1.2.4", "1.3.0"],
      ["1.2.5", "sha-abc1234", "1.2"],
      ["1", "latest"],
    ],
    ["0.x never gets 0", "0.4.1", ["0.4.0"], ["0.4.1", "sha-abc1234", "0.4", "latest"], []],
    [
      "a PEP 440 pre-release gets its own tag only",
      "1.3.0rc1",
      ["1.2.3"],
      ["1.3.0rc1", "sha-abc1234"],
      ["1.3", "1", "latest"],
    ],
    [
      "a SemVer pre-release gets its own tag only",
      "1.3.0-rc.1",
      [],
      ["1.3.0-rc.1", "sha-abc1234"],
      ["1.3", "1", "latest"],
    ],
    [
      "registry pre-releases do not hold a stable release",
      "1.3.0",
      ["1.4.0rc1", "1.4.0-beta.2"],
      ["1.3.0", "sha-abc1234", "1.3", "1", "latest"],
      [],
    ],
    [
      "non-version registry tags are ignored",
      "1.0.0",
      ["sha-ffff", "main", "latest"],
      ["1.0.0", "sha-abc1234", "1.0", "1", "latest"],
      [],
    ],
    [
      "re-releasing the highest version moves the same tags",
      "2.0.1",
      ["2.0.1", "2.0", "2", "latest"],
      ["2.0.1", "sha-abc1234", "2.0", "2", "latest"],
      [],
    ],
    [
      "a two-part version is its own minor tag",
      "1.2",
      [],
      ["1.2", "sha-abc1234", "1", "latest"],
      [],
    ],
    [
      "a post release is stable",
      "1.2.3.post1",
      ["1.2.3"],
      ["1.2.3.post1", "sha-abc1234", "1.2", "1", "latest"],
      [],
    ],
    [
      "SemVer build metadata is not a stable tag",
      "1.2.3+build.5",
      [],
      ["1.2.3_build.5", "sha-abc1234"],
      ["1.2", "1", "latest"],
    ],
    ["no tag on HEAD: the commit only", null, ["1.0.0"], ["sha-abc1234"], []],
  ] as const)("%s", (_what, version, remote, pushed, held) => {
    expect(plan(version, remote)).toStrictEqual({ pushed, held });
  });

  it("says why a floating tag is held", () => {
    const parsed = parseReleaseVersion("1.9.1");
    const result = planTags(parsed, ["2.0.1"], "abc1234");
    // `text` is the same reason as a catalog message (english-json leaves it out of --json).
    expect(result.held.map(({ text: _, ...tag }) => tag)).toStrictEqual([
      { tag: "1", kind: "floating", immutable: false, why: "the registry has 2.0.1" },
      { tag: "latest", kind: "floating", immutable: false, why: "the registry has 2.0.1" },
    ]);
  });
});
