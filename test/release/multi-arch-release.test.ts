/*
 * A multi-platform release: the build's manifest list as the thing to push, identified by the
 * set of its images' config digests, under the same tag rules as a single image (re-run skips,
 * another list under a release tag is refused, floating tags last), and pushed whole with the
 * build stage's pushManifestList (podman, plain HTTP to a loopback registry).
 */
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { MultiPlatformBuild } from "../../src/build/build-platforms.js";
import { chooseEngine } from "../../src/build/detect-engine.js";
import { PyshipError } from "../../src/core/errors.js";
import type { BuildResult } from "../../src/core/pipeline.js";
import { enginePublisher } from "../../src/release/engine-publisher.js";
import { listPusher } from "../../src/release/list-publisher.js";
import { listImage } from "../../src/release/release-builder.js";
import type {
  ReleaseBuild,
  ReleaseOptions,
  ReleasePorts,
} from "../../src/release/release-ports.js";
import { runRelease } from "../../src/release/run-release.js";
import { FakeEngines } from "../build/fake-engines.js";
import { FakeRegistry, fakePorts, gitFixture, type Recorder, recorder } from "./fake-release.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const REPOSITORY = "127.0.0.1:5000/team/pyship-release-demo";
const LIST = `${REPOSITORY}:1.2.3`;

function result(imageId: string): BuildResult {
  return {
    engine: "podman",
    tags: [LIST],
    imageId,
    durationMs: 1,
    dockerfile: "",
    generated: true,
    logFile: null,
  };
}

/** What runBuild answers for `--platform linux/amd64,linux/arm64` (podman: bare image ids). */
function twoPlatforms(amd64: string, arm64: string): MultiPlatformBuild {
  const images = [
    ["linux/amd64", amd64],
    ["linux/arm64", arm64],
  ].map(([platform, id]) => ({
    platform: platform as string,
    ref: `${LIST}-${(platform as string).replace("/", "-")}`,
    result: result(id as string),
    report: null,
  }));
  return { images, manifestList: { ref: LIST, tags: [LIST], images } };
}

/** The fake ports, with a build that made the manifest list of `build`. */
function listPorts(
  registry: FakeRegistry,
  build: MultiPlatformBuild,
  seen: Recorder,
  failure: PyshipError | null = null,
): ReleasePorts {
  const ports = fakePorts(registry, "unused", seen);
  return {
    ...ports,
    build: async (options) => {
      const single = await ports.build(options);
      expect(options.platform).toBe("linux/amd64,linux/arm64");
      const outcome = { ...single.outcome, platforms: build, failure };
      return { ...single, outcome, image: listImage(build) };
    },
  };
}

async function repo(): Promise<string> {
  const root = await gitFixture("release-app", "v1.2.3");
  dirs.push(root);
  return root;
}

async function release(
  registry: FakeRegistry,
  build: MultiPlatformBuild,
  seen = recorder(),
  root?: string,
  failure: PyshipError | null = null,
) {
  root ??= await repo();
  const options: ReleaseOptions = {
    dir: root,
    root,
    registry: "127.0.0.1:5000/team",
    dryRun: false,
    force: false,
    sbomFile: null,
    platforms: ["linux/amd64", "linux/arm64"],
    build: { noCache: false },
  };
  return runRelease(options, listPorts(registry, build, seen, failure));
}

describe("listImage", () => {
  it("names the local list and identifies it by its images' config digests, sorted", () => {
    expect(listImage(twoPlatforms("ffff", "sha256:aaaa"))).toStrictEqual({
      kind: "manifest-list",
      local: LIST,
      platforms: ["linux/amd64", "linux/arm64"],
      configDigests: ["sha256:aaaa", "sha256:ffff"],
    });
  });
});

describe("a multi-platform release", () => {
  it("pushes the list under every tag, immutable ones first and floating ones last", async () => {
    const seen = recorder();
    const registry = new FakeRegistry();
    const done = await release(registry, twoPlatforms("a1", "b2"), seen);
    const sha = done.git.shortSha;
    expect(seen.pushes).toStrictEqual(
      ["1.2.3", `sha-${sha}`, "1.2", "1", "latest"].map((t) => `${REPOSITORY}:${t}`),
    );
    expect(done.image?.kind).toBe("manifest-list");
    expect(registry.tags.get("latest")?.configDigests).toStrictEqual(["sha256:a1", "sha256:b2"]);
  });

  it("a re-run with the same images skips every tag, whatever order the registry lists them in", async () => {
    const registry = new FakeRegistry();
    const root = await repo();
    await release(registry, twoPlatforms("a1", "b2"), recorder(), root);
    for (const manifest of registry.tags.values()) (manifest.configDigests as string[]).reverse();
    const again = recorder();
    await release(registry, twoPlatforms("a1", "b2"), again, root);
    expect(again.pushes).toStrictEqual([]);
    expect(again.done.map((o) => o.action)).toStrictEqual(Array(5).fill("skipped-same"));
  });

  it.each([
    ["one platform's image differs", ["sha256:a1", "sha256:other"]],
    ["the published tag holds one platform only", ["sha256:a1"]],
  ])("refuses with E_TAG_EXISTS when %s, before anything is pushed", async (_why, published) => {
    const registry = new FakeRegistry();
    registry.tags.set("1.2.3", { digest: "sha256:published", configDigests: published });
    const seen = recorder();
    await expect(release(registry, twoPlatforms("a1", "b2"), seen)).rejects.toMatchObject({
      code: "E_TAG_EXISTS",
    });
    expect(seen.pushes).toStrictEqual([]);
  });

  it("pushes nothing when one platform failed its verification", async () => {
    const seen = recorder();
    const failed = new PyshipError("E_VERIFY_FAILED", "linux/arm64: runs as root");
    const run = release(new FakeRegistry(), twoPlatforms("a1", "b2"), seen, undefined, failed);
    await expect(run).rejects.toBe(failed);
    expect(seen.pushes).toStrictEqual([]);
  });
});

describe("listPusher", () => {
  const podman = chooseEngine(
    [
      {
        kind: "podman",
        client: "/usr/bin/podman",
        clientVersion: "4.3.1",
        serverVersion: "4.3.1",
        fault: null,
        buildxVersion: null,
        buildkit: true,
        buildkitError: null,
        platforms: ["linux/amd64"],
      },
    ],
    {},
  );
  const built = (platforms?: MultiPlatformBuild): ReleaseBuild => ({
    outcome: {
      result: result("a1"),
      report: null,
      repair: null,
      repairs: [],
      failure: null,
      platforms,
    },
    image: platforms ? listImage(platforms) : listImage(twoPlatforms("a1", "b2")),
    engine: podman,
  });

  it.each([
    ["127.0.0.1:5000/team/app:1.2.3", ["--tls-verify=false"]],
    ["registry.example.com/team/app:1.2.3", []],
  ])("pushes the local list whole to %s (TLS off only for loopback)", async (ref, tls) => {
    const fake = new FakeEngines([{ path: "/usr/bin/podman", version: "4.3.1" }]);
    const build = built(twoPlatforms("a1", "b2"));
    const publisher = enginePublisher(fake, podman, listPusher(fake, build));
    expect(await publisher.push(build.image, ref)).toBe("sha256:list");
    expect(fake.calls.map((call) => call.args)).toStrictEqual([
      [
        "manifest",
        "push",
        "--all",
        "--digestfile",
        expect.any(String),
        ...tls,
        LIST,
        `docker://${ref}`,
      ],
    ]);
  });

  it("is absent for a single-image build", () => {
    expect(listPusher(new FakeEngines([]), built(undefined))).toBeUndefined();
  });
});
