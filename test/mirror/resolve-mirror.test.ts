/*
 * --mirror / --apt-mirror / --base-registry → MirrorPlan, and the build arguments pyship
 * passes for it: presets, URLs, off, and bad input as one line with its own exit code.
 */
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import type { MirrorPlan } from "../../src/core/pipeline.js";
import { redact } from "../../src/core/redact.js";
import { baseRegistryPrefix } from "../../src/mirror/base-registry.js";
import { mirrorBuildArgs } from "../../src/mirror/mirror-build-args.js";
import { MIRROR_PRESETS } from "../../src/mirror/mirror-presets.js";
import { type MirrorInputs, resolveMirror } from "../../src/mirror/resolve-mirror.js";

const flag = (file: string, value: string) => ({ value, evidence: { file, line: null, why: "" } });
const mirror = (value: string) => ({ mirror: flag("--mirror", value) });

const CASES: ReadonlyArray<readonly [string, MirrorInputs, MirrorPlan | undefined]> = [
  ["nothing", {}, undefined],
  ["off", mirror("off"), undefined],
  [
    "a preset (any case)",
    mirror("TUNA"),
    {
      preset: "tuna",
      indexUrl: "https://pypi.tuna.tsinghua.edu.cn/simple",
      aptMirror: "https://mirrors.tuna.tsinghua.edu.cn/debian",
      baseRegistry: null,
      pitfalls: MIRROR_PRESETS[0]?.pitfalls ?? null,
    },
  ],
  [
    "a URL: the index only, trailing / dropped",
    mirror("https://nexus.corp.example/repository/pypi/simple/"),
    {
      preset: null,
      indexUrl: "https://nexus.corp.example/repository/pypi/simple",
      aptMirror: null,
      baseRegistry: null,
      pitfalls: null,
    },
  ],
  [
    "--apt-mirror over the preset's, --mirror off keeps it",
    {
      ...mirror("off"),
      aptMirror: flag("--apt-mirror", "http://127.0.0.1:3142/deb.debian.org/debian"),
    },
    {
      preset: null,
      indexUrl: null,
      aptMirror: "http://127.0.0.1:3142/deb.debian.org/debian",
      baseRegistry: null,
      pitfalls: null,
    },
  ],
  [
    "--base-registry without scheme or trailing /",
    { baseRegistry: flag("--base-registry", "https://docker.m.daocloud.io/") },
    {
      preset: null,
      indexUrl: null,
      aptMirror: null,
      baseRegistry: "docker.m.daocloud.io",
      pitfalls: null,
    },
  ],
];

describe("resolveMirror", () => {
  it.each(CASES)("%s", (_name, inputs, expected) => {
    expect(resolveMirror(inputs)).toStrictEqual(expected);
  });

  it("has each preset's PyPI, Debian and security mirrors as https URLs", () => {
    for (const preset of MIRROR_PRESETS) {
      for (const url of [preset.pypi, preset.debian, preset.debianSecurity])
        expect(new URL(url).protocol).toBe("https:");
      expect(preset.debianSecurity).toMatch(/\/debian-security$/);
    }
  });

  it.each([
    [
      "an unknown name",
      mirror("tsinghua"),
      "E_MIRROR_UNKNOWN",
      /^--mirror tsinghua: no such mirror$/,
    ],
    ["a malformed URL", mirror("https//pypi.example/simple"), "E_MIRROR_URL", /is not a URL$/],
    ["not http", mirror("ftp://pypi.example/simple"), "E_MIRROR_URL", /is not a URL$/],
    [
      "credentials, redacted",
      mirror("https://ada:s3cret@pypi.example/simple"),
      "E_MIRROR_URL",
      /^--mirror https:\/\/\*\*\*@pypi\.example\/simple has credentials/,
    ],
    [
      "a config value, with file and line",
      { mirror: { value: "nope", evidence: { file: "pyproject.toml", line: 9, why: "" } } },
      "E_MIRROR_UNKNOWN",
      /^pyproject\.toml:9: mirror "nope": no such mirror$/,
    ],
    [
      "a registry with a scheme path",
      { baseRegistry: flag("--base-registry", "docker m.daocloud.io") },
      "E_MIRROR_URL",
      /is not a registry host$/,
    ],
  ] as const)("refuses %s in one line", (_name, inputs, code, message) => {
    expect(() => resolveMirror(inputs)).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
    expect(EXIT_CODES[code]).not.toBe(EXIT_CODES.E_USAGE);
  });
});

describe("mirrorBuildArgs", () => {
  const plan = (over: Partial<MirrorPlan>): MirrorPlan => ({
    preset: null,
    indexUrl: null,
    aptMirror: null,
    baseRegistry: null,
    pitfalls: null,
    ...over,
  });

  it.each([
    ["python:3.13-slim", "docker.m.daocloud.io/library/"],
    ["bitnami/python:3.13", "docker.m.daocloud.io/"],
    ["ghcr.io/corp/python:3.13", null],
    ["localhost:5000/python:3.13", null],
  ])("prefixes %s with %s", (image, prefix) => {
    expect(baseRegistryPrefix("docker.m.daocloud.io", image)).toBe(prefix);
  });

  it("passes the index to pip and uv, and trusts a plain-http mirror by host", () => {
    expect(
      mirrorBuildArgs(plan({ indexUrl: "http://10.0.0.5:8080/simple" }), "python:3.13-slim"),
    ).toStrictEqual([
      "PIP_INDEX_URL=http://10.0.0.5:8080/simple",
      "UV_DEFAULT_INDEX=http://10.0.0.5:8080/simple",
      "PIP_TRUSTED_HOST=10.0.0.5:8080",
      "UV_INSECURE_HOST=10.0.0.5:8080",
    ]);
  });

  it("passes the registry prefix and apt mirror, nothing without a mirror", () => {
    const both = plan({
      baseRegistry: "hub.corp:8443/proxy",
      aptMirror: "https://m.example/debian",
    });
    expect(mirrorBuildArgs(both, "python:3.12-slim")).toStrictEqual([
      "PYSHIP_BASE_REGISTRY=hub.corp:8443/proxy/library/",
      "PYSHIP_APT_MIRROR=https://m.example/debian",
    ]);
    expect(mirrorBuildArgs(undefined, "python:3.12-slim")).toStrictEqual([]);
  });
});

describe("redact", () => {
  it.each([
    [
      "pip install -i https://ada:s3cret@pypi.corp/simple x",
      "pip install -i https://***@pypi.corp/simple x",
    ],
    ["GET http://__token__@h/simple/", "GET http://***@h/simple/"],
    [
      "Looking in indexes: https://pypi.org/simple, http://u:p%40ss@127.0.0.1:8080/simple/",
      "Looking in indexes: https://pypi.org/simple, http://***@127.0.0.1:8080/simple/",
    ],
    ["no URL here: user@example.com", "no URL here: user@example.com"],
  ])("%s", (line, expected) => {
    expect(redact(line)).toBe(expected);
  });
});
