import { describe, expect, it } from "vitest";
import { parseReleaseVersion, sameVersion } from "../../src/release/release-version.js";

describe("parseReleaseVersion", () => {
  it.each([
    ["v1.2.3", { text: "1.2.3", major: 1, minor: 2, patch: 3, stable: true, scheme: "pep440" }],
    [
      "1.3.0rc1",
      { text: "1.3.0rc1", major: 1, minor: 3, patch: 0, stable: false, scheme: "pep440" },
    ],
    [
      "1.3.0-rc.1",
      { text: "1.3.0-rc.1", major: 1, minor: 3, patch: 0, stable: false, scheme: "pep440" },
    ],
    [
      "1.0.0-x.7.z.92",
      { text: "1.0.0-x.7.z.92", major: 1, minor: 0, patch: 0, stable: false, scheme: "semver" },
    ],
    [
      "2.0.dev3",
      { text: "2.0.dev3", major: 2, minor: 0, patch: 0, stable: false, scheme: "pep440" },
    ],
    ["V10", { text: "10", major: 10, minor: 0, patch: 0, stable: true, scheme: "pep440" }],
  ] as const)("%s", (text, expected) => {
    expect(parseReleaseVersion(text)).toMatchObject(expected);
  });

  it.each(["latest", "release-1", "v", "1.2.3.x", "sha-abc1234", "1..2", ""])(
    "%s is no version",
    (text) => {
      expect(parseReleaseVersion(text)).toBeNull();
    },
  );
});

describe("sameVersion", () => {
  it.each([
    ["v1.2.3", "1.2.3", true],
    ["1.3.0-rc.1", "1.3.0rc1", true],
    ["1.2", "1.2.0", true],
    ["1.2.3", "1.2.4", false],
    ["1.0.0-x.7", "1.0.0-x.7", true],
    ["1.0.0-x.7", "1.0.0-x.8", false],
    ["1.2.3", "not-a-version", false],
  ] as const)("%s = %s → %s", (a, b, expected) => {
    expect(sameVersion(a, b)).toBe(expected);
  });
});
