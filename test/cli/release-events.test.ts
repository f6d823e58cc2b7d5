import { describe, expect, it } from "vitest";
import { releaseEvents } from "../../src/cli/commands/release-events.js";
import type { CliContext } from "../../src/cli/context.js";
import type { Language } from "../../src/cli/i18n.js";
import { planTags } from "../../src/release/plan-tags.js";
import { parseReleaseVersion } from "../../src/release/release-version.js";

function captured(lang: Language): { ctx: CliContext; lines: string[] } {
  const lines: string[] = [];
  const ctx = {
    out: () => {},
    err: (t: string) => lines.push(t),
    interactive: false,
    color: false,
    lang,
    cwd: "/",
    env: {},
  } as unknown as CliContext;
  return { ctx, lines };
}

const GIT = { sha: "f".repeat(40), shortSha: "abc1234", tags: [], commitTime: 0, source: null };

describe("releaseEvents", () => {
  it.each([
    [
      "en",
      "HEAD (abc1234) has no version tag: pushing sha-abc1234 only. To release, tag the commit (git tag v1.2.3) and run pyship release again.",
    ],
    [
      "zh",
      "HEAD（abc1234）没有版本标签：只推送 sha-abc1234。要发布版本，请给该提交打标签（git tag v1.2.3）后再次运行 pyship release。",
    ],
  ] as const)("no version tag says how to release (%s)", (lang, line) => {
    const { ctx, lines } = captured(lang);
    releaseEvents(ctx, false).versionFound(null, GIT);
    expect(lines).toStrictEqual([line]);
  });

  it("prints the tag plan with why each tag moves or stays", () => {
    const { ctx, lines } = captured("en");
    releaseEvents(ctx, false).planned(
      "reg/app",
      planTags(parseReleaseVersion("1.9.1"), ["2.0.1"], "abc1234"),
    );
    expect(lines).toStrictEqual([
      "Tags for reg/app:",
      "  1.9.1  (the release)",
      "  sha-abc1234  (the commit)",
      "  1.9  (highest stable 1.9.x)",
      "  not moving 1: the registry has 2.0.1",
      "  not moving latest: the registry has 2.0.1",
    ]);
  });

  it("--json keeps stderr quiet", () => {
    const { ctx, lines } = captured("en");
    releaseEvents(ctx, true).versionFound(null, GIT);
    expect(lines).toStrictEqual([]);
  });
});
