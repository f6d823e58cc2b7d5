import { describe, expect, it } from "vitest";
import { publicSource } from "../../src/release/public-source.js";

describe("publicSource", () => {
  it.each([
    ["https://github.com/acme/shop.git", "https://github.com/acme/shop"],
    [
      "https://x-access-token:ghs_secret123@github.com/acme/shop.git",
      "https://github.com/acme/shop",
    ],
    [
      "https://user@gitlab.example.com:8443/group/shop",
      "https://gitlab.example.com:8443/group/shop",
    ],
    ["git@github.com:acme/shop.git", "https://github.com/acme/shop"],
    ["ssh://git@git.example.com:2222/acme/shop.git", "https://git.example.com/acme/shop"],
    ["git://example.org/shop.git", "https://example.org/shop"],
    ["/srv/git/shop.git", "/srv/git/shop.git"],
  ])("%s → %s", (remote, expected) => {
    expect(publicSource(remote)).toBe(expected);
  });
});
