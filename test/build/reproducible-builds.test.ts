import { describe, expect, it } from "vitest";
import { reproducibility } from "../../src/build/reproducible-builds.js";

describe("reproducibility", () => {
  it.each([
    ["podman", "4.3.1", true, /--timestamp/],
    ["podman", "2.2.1", false, /before 3\.0/],
    [
      "docker-buildkit",
      "20.10.24+dfsg1",
      false,
      /Docker 20\.x's built-in BuildKit predates SOURCE_DATE_EPOCH/,
    ],
    ["buildx", "27.3.1", false, /rewrite-timestamp/],
    ["docker-legacy", "28.2.2", false, /legacy builder/],
  ] as const)("%s %s → %s", (engine, version, supported, why) => {
    const found = reproducibility(engine, version);
    expect(found.supported).toBe(supported);
    expect(found.why).toMatch(why);
  });
});
