/*
 * A multi-arch release end to end: `pyship release --platform linux/amd64,linux/arm64` on
 * podman (arm64 under qemu, on scripts/setup-podman.sh's arm64 stand-in base) builds and
 * verifies both images and pushes ONE manifest list under every planned tag to the loopback
 * registry of scripts/setup-registry.sh. The list is read back through the registry's own
 * HTTP API (not pyship's client), then the release is run again: every tag is skipped.
 * The fixture is the smallest there is (a stdlib http.server script, no dependencies) to
 * keep the emulated build short.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { gitFixture } from "../release/fake-release.js";
import { describeE2e, REPO } from "./engine.js";
import { podmanEngine } from "./podman-engine.js";
import { buildFlags, engineRun, recordMetrics, removeDir } from "./pyship-cli.js";
import { listTags, type TestRegistry, testRegistry } from "./release-registry.js";

const executor = new NodeExecutor();
const CLI = join(REPO, "dist/cli.js");
// A namespace of its own per run: the registry outlives test runs.
const NAMESPACE = `pyship-relarch-e2e-${Date.now().toString(36)}`;
const NAME = `${NAMESPACE}/pyship-relarch-demo`;
const LISTS = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
];

interface Index {
  readonly mediaType?: string;
  readonly manifests: {
    readonly platform: { readonly os: string; readonly architecture: string };
  }[];
}

/** GET the tag's manifest as a list, straight from the registry's HTTP API. */
async function readList(
  registry: TestRegistry,
  tag: string,
): Promise<{ digest: string | null; index: Index }> {
  const auth = Buffer.from(`${registry.user}:${registry.password}`).toString("base64");
  const response = await fetch(`http://${registry.host}/v2/${NAME}/manifests/${tag}`, {
    headers: { authorization: `Basic ${auth}`, accept: LISTS.join(", ") },
  });
  expect(response.status).toBe(200);
  const index = (await response.json()) as Index;
  const type = index.mediaType ?? response.headers.get("content-type") ?? "";
  expect(LISTS).toContain(type);
  return { digest: response.headers.get("docker-content-digest"), index };
}

describeE2e("pyship release --platform on podman and a real registry", (docker) => {
  const engine = podmanEngine(docker);
  let registry: TestRegistry;
  let dir = "";
  let auth = "";
  const release = () =>
    executor.run(
      process.execPath,
      [
        CLI,
        "release",
        dir,
        "--engine",
        "podman",
        "--platform",
        "linux/amd64,linux/arm64",
        "--registry",
        `${registry.host}/${NAMESPACE}`,
        ...buildFlags(engine),
      ],
      {
        timeoutMs: 600_000,
        env: {
          PYSHIP_LANG: "en",
          NO_COLOR: "1",
          CI: "1",
          REGISTRY_AUTH_FILE: join(auth, "auth.json"),
        },
      },
    );

  beforeAll(async () => {
    registry = testRegistry();
    auth = await mkdtemp(join(tmpdir(), "pyship-relarch-podman-auth-"));
    const login = await executor.run(
      engine.client,
      ["login", "--tls-verify=false", "--authfile", join(auth, "auth.json")].concat([
        "-u",
        registry.user,
        "--password-stdin",
        registry.host,
      ]),
      { input: registry.password, timeoutMs: 30_000 },
    );
    if (login.exitCode !== 0) throw new Error(`podman login failed: ${login.stderr}`);
    dir = await gitFixture("release-multi-arch", "v2.0.0");
  });
  afterAll(async () => {
    const first = `${registry.host}/${NAME}:2.0.0`;
    await engineRun(engine, ["manifest", "rm", first]);
    await engineRun(engine, ["rmi", "-f", `${first}-linux-amd64`, `${first}-linux-arm64`]);
    await removeDir(dir);
    await removeDir(auth);
  });

  it("pushes one manifest list of both platforms under every tag; a re-run skips them all", async () => {
    const started = performance.now();
    const first = await release();
    const releaseMs = Math.round(performance.now() - started);
    expect(first.exitCode, first.stderr.split("\n").slice(-30).join("\n")).toBe(0);
    const tags = await listTags(registry, NAME);
    expect(tags.filter((t) => !t.startsWith("sha-"))).toEqual(["2", "2.0", "2.0.0", "latest"]);
    expect(tags.filter((t) => t.startsWith("sha-"))).toHaveLength(1);
    const published = await readList(registry, "2.0.0");
    const platforms = published.index.manifests.map(
      (m) => `${m.platform.os}/${m.platform.architecture}`,
    );
    expect(platforms.sort()).toEqual(["linux/amd64", "linux/arm64"]);
    expect((await readList(registry, "latest")).digest).toBe(published.digest);

    const second = await release();
    expect(second.exitCode, second.stderr.split("\n").slice(-30).join("\n")).toBe(0);
    const skipped = second.stderr.match(/^Skipped .*: the registry already has this image/gm);
    expect(skipped).toHaveLength(5);
    expect((await readList(registry, "2.0.0")).digest).toBe(published.digest);
    await recordMetrics({
      fixture: "release-multi-arch:two-platform-list",
      buildMs: releaseMs,
      sizeMB: null,
      readyMs: null,
      stopMs: null,
    });
  });
});
