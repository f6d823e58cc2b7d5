/*
 * Index credentials as a BuildKit secret: the netrc pip and uv read, one clear line when a
 * needed host has none, and a keyed hash (changes with the secret, not guessable from it).
 */
import { describe, expect, it } from "vitest";
import type { IndexCredential } from "../../src/core/pipeline.js";
import { indexSecret, netrcOf, secretHashArg } from "../../src/mirror/index-secret.js";

const cred = (host: string, username: string, password: string): IndexCredential => ({
  host,
  username,
  password,
  evidence: { file: "PIP_INDEX_URL", line: null, why: "" },
});

describe("index secret", () => {
  it("writes one netrc machine line per host, the last setting winning", () => {
    const text = netrcOf([
      cred("a.example", "u", "old"),
      cred("b.example", "__token__", ""),
      cred("a.example", "u", "new"),
    ]);
    expect(text).toBe(
      "machine a.example login u password new\nmachine b.example login __token__\n",
    );
  });

  it("refuses in one line when a host the plan needs has no credentials here", () => {
    expect(() => indexSecret(["a.example", "b.example"], [cred("a.example", "u", "p")])).toThrow(
      expect.objectContaining({
        code: "E_SECRET_UNSET",
        message:
          "the build needs the credentials for b.example (secret pyship_index_netrc), and none are set here",
      }),
    );
  });

  it("hashes with the machine key: another secret or another key, another value; never the password", () => {
    const one = indexSecret(["a.example"], [cred("a.example", "u", "p1")]);
    const two = indexSecret(["a.example"], [cred("a.example", "u", "p2")]);
    expect(secretHashArg(one, "k")).toMatch(/^PYSHIP_INDEX_SECRET_HASH=[0-9a-f]{32}$/);
    expect(secretHashArg(one, "k")).toBe(secretHashArg(one, "k"));
    expect(secretHashArg(one, "k")).not.toBe(secretHashArg(two, "k"));
    expect(secretHashArg(one, "k")).not.toBe(secretHashArg(one, "other"));
    expect(secretHashArg(one, "k")).not.toContain("p1");
  });
});
