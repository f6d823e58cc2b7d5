import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BuildEvents, BuildOptions, BuildPorts } from "../../src/build/build-ports.js";
import { engineWish } from "../../src/build/check-build-options.js";
import { chooseEngine } from "../../src/build/detect-engine.js";
import type { ClientProbe } from "../../src/build/engine.js";
import { isForeignPlatform, parsePlatforms, platformRef } from "../../src/build/platforms.js";
import { pushManifestList } from "../../src/build/push-manifest-list.js";
import { runBuild } from "../../src/build/run-build.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "./fake-engines.js";

const PODMAN: FakeClient = { path: "/usr/bin/podman", version: "4.3.1" };
const DOCKER: FakeClient = { path: "/usr/bin/docker", buildkit: true };
const BOTH = "linux/amd64,linux/arm64";

describe("platforms", () => {
  it.each<[string | undefined, readonly string[]]>([
    [undefined, []],
    ["linux/amd64", ["linux/amd64"]],
    [" linux/amd64, linux/arm64 ,linux/amd64", ["linux/amd64", "linux/arm64"]],
    ["linux/arm/v7", ["linux/arm/v7"]],
  ])("parsePlatforms(%j)", (value, expected) => {
    expect(parsePlatforms(value)).toEqual(expected);
  });

  it.each(["amd64", "linux/amd64;linux/arm64", "Linux/AMD64", "linux/"])(
    "refuses %j with E_USAGE",
    (value) => {
      expect(() => parsePlatforms(value)).toThrow(expect.objectContaining({ code: "E_USAGE" }));
    },
  );

  it.each([
    ["shop:1.2.0", "linux/arm64", "shop:1.2.0-linux-arm64"],
    ["shop", "linux/amd64", "shop:latest-linux-amd64"],
    ["127.0.0.1:5000/team/shop", "linux/arm/v7", "127.0.0.1:5000/team/shop:latest-linux-arm-v7"],
    ["127.0.0.1:5000/shop:2", "linux/arm64", "127.0.0.1:5000/shop:2-linux-arm64"],
  ])("platformRef(%s, %s) = %s", (tag, platform, ref) => {
    expect(platformRef(tag, platform)).toBe(ref);
  });
});

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-platforms-"));
  writeFileSync(join(dir, "Dockerfile"), "FROM python:3.13-slim\n");
  return dir;
}

function options(more: Partial<BuildOptions>): BuildOptions {
  const base = { dir: ".", root: project(), buildArgs: [], noCache: false };
  return { ...base, tags: ["shop:1"], verify: false, push: false, platform: BOTH, ...more };
}

function ports(executor: FakeEngines, seen: string[]): BuildPorts {
  const events: BuildEvents = {
    engineChosen: (engine) => seen.push(`engine ${engine.name}`),
    generated: () => {},
    repairing: () => {},
    building: (tags) => {
      seen.push(`building ${tags.join(",")}`);
      return { line: () => {}, built: () => {}, failed: () => {} };
    },
    verifyProgress: () => {},
    verified: () => {},
    verifySkipped: () => {},
    pushed: (tag) => seen.push(`pushed ${tag}`),
    listed: ({ manifestList }) => seen.push(`listed ${manifestList.ref}`),
  };
  const plan = () => Promise.reject(new Error("not planned"));
  return {
    executor,
    env: PATH_ENV,
    plan,
    interruptible: (run) => run(new AbortController().signal),
    events,
  };
}

const podmanCalls = (fake: FakeEngines) =>
  fake.calls
    .filter(
      (c) => c.command === PODMAN.path && ["build", "manifest", "tag"].includes(c.args[0] ?? ""),
    )
    .map((c) => c.args.filter((a) => !a.startsWith("/")).join(" "));

describe("which platform runs emulated, which engine PYSHIP_ENGINE names", () => {
  it.each<[string | undefined, readonly string[], boolean]>([
    [undefined, ["linux/amd64"], false],
    ["linux/amd64", ["linux/amd64"], false],
    ["linux/arm64", ["linux/amd64"], true],
    ["linux/arm64/v8", ["linux/arm64"], false],
    ["linux/arm64", [], false],
    [BOTH, ["linux/amd64"], false],
  ])("isForeignPlatform(%j, %j) = %s", (platform, native, foreign) => {
    expect(isForeignPlatform(platform, native)).toBe(foreign);
  });

  it.each<[string, string | undefined]>([
    ["/usr/bin/podman", "podman"],
    ["podman", "podman"],
    ["/usr/bin/docker", undefined],
    ["/opt/podman-remote", undefined],
  ])("PYSHIP_ENGINE=%s → %s", (value, wish) => {
    expect(engineWish(undefined, { PYSHIP_ENGINE: value })).toBe(wish);
  });
});

describe("runBuild --platform a,b (fake podman)", () => {
  it("builds each platform under its own name, lists them under every tag, pushes the list", async () => {
    const fake = new FakeEngines([DOCKER, PODMAN]);
    const seen: string[] = [];
    const outcome = await runBuild(
      options({ tags: ["shop:1", "shop:latest"], push: true }),
      ports(fake, seen),
    );
    expect(seen).toEqual([
      "engine podman",
      "building shop:1-linux-amd64",
      "building shop:1-linux-arm64",
      "listed shop:1",
      "pushed shop:1",
      "pushed shop:latest",
    ]);
    expect(outcome.platforms?.images.map((i) => [i.platform, i.ref])).toEqual([
      ["linux/amd64", "shop:1-linux-amd64"],
      ["linux/arm64", "shop:1-linux-arm64"],
    ]);
    expect(outcome.result.tags).toEqual(["shop:1", "shop:latest"]);
    const calls = podmanCalls(fake);
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^build --format docker .*-t shop:1-linux-arm64 --platform linux\/arm64$/,
        ),
        "manifest create shop:1",
        "manifest add --os linux --arch arm64 shop:1 containers-storage:localhost/shop:1-linux-arm64",
        "tag shop:1 shop:latest",
        "manifest push --all --digestfile shop:1 docker://shop:latest",
      ]),
    );
  });

  it("an image of the wrong architecture (no emulation) stops the build: E_PLATFORM_MISMATCH", async () => {
    const fake = new FakeEngines([{ ...PODMAN, emulates: false }]);
    await expect(runBuild(options({}), ports(fake, []))).rejects.toMatchObject({
      code: "E_PLATFORM_MISMATCH",
      message: "shop:1-linux-arm64 was built for linux/amd64, not linux/arm64",
    });
  });

  it("docker without buildx cannot make a list: E_PLATFORM_UNSUPPORTED names podman and buildx", async () => {
    const fake = new FakeEngines([DOCKER]);
    await expect(runBuild(options({}), ports(fake, []))).rejects.toMatchObject({
      code: "E_PLATFORM_UNSUPPORTED",
      hint: expect.stringMatching(/podman.*buildx/),
    });
  });

  it("a malformed --platform is E_USAGE before any engine is asked", async () => {
    const fake = new FakeEngines([PODMAN]);
    await expect(runBuild(options({ platform: "arm64" }), ports(fake, []))).rejects.toMatchObject({
      code: "E_USAGE",
    });
    expect(fake.calls).toEqual([]);
  });
});

describe("pushManifestList", () => {
  const probe = (kind: "docker" | "podman", buildx: string | null): ClientProbe => ({
    kind,
    client: `/usr/bin/${kind}`,
    clientVersion: "1",
    serverVersion: "1",
    fault: null,
    buildxVersion: buildx,
    buildkit: true,
    buildkitError: null,
    platforms: ["linux/amd64"],
  });
  const list = {
    ref: "shop:1",
    tags: ["shop:1"],
    images: [
      { platform: "linux/amd64", ref: "shop:1-linux-amd64" },
      { platform: "linux/arm64", ref: "shop:1-linux-arm64" },
    ],
  };

  it("podman: one `manifest push --all`, TLS and auth file as asked, the digest read back", async () => {
    const fake = new FakeEngines([PODMAN]);
    const engine = chooseEngine([probe("podman", null)], {});
    const pushed = await pushManifestList(fake, engine, list, "127.0.0.1:5000/shop:1", {
      tlsVerify: false,
      authFile: "/run/auth.json",
    });
    expect(pushed).toEqual({ destination: "127.0.0.1:5000/shop:1", digest: "sha256:list" });
    expect(fake.calls.at(-1)?.args).toEqual([
      "manifest",
      "push",
      "--all",
      "--digestfile",
      expect.any(String),
      "--tls-verify=false",
      "--authfile",
      "/run/auth.json",
      "shop:1",
      "docker://127.0.0.1:5000/shop:1",
    ]);
  });

  it("buildx: each image pushed as TAG-os-arch, then the list made in the registry", async () => {
    const fake = new FakeEngines([{ path: "/usr/bin/docker", buildx: "v0.12.1", pushes: true }]);
    const engine = chooseEngine([probe("docker", "v0.12.1")], {});
    const pushed = await pushManifestList(fake, engine, list, "r.io/shop:1");
    expect(pushed.digest).toBe(`sha256:${"a".repeat(64)}`);
    expect(fake.calls.map((call) => call.args.join(" "))).toEqual([
      "tag shop:1-linux-amd64 r.io/shop:1-linux-amd64",
      "push r.io/shop:1-linux-amd64",
      "tag shop:1-linux-arm64 r.io/shop:1-linux-arm64",
      "push r.io/shop:1-linux-arm64",
      "buildx imagetools create -t r.io/shop:1 r.io/shop:1-linux-amd64 r.io/shop:1-linux-arm64",
      "buildx imagetools inspect r.io/shop:1",
    ]);
  });

  it("docker without buildx refuses with E_PLATFORM_UNSUPPORTED", async () => {
    const engine = chooseEngine([probe("docker", null)], {});
    await expect(
      pushManifestList(new FakeEngines([DOCKER]), engine, list, "r/shop:1"),
    ).rejects.toMatchObject({ code: "E_PLATFORM_UNSUPPORTED" });
  });
});
